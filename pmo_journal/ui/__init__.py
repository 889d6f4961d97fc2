"""Widgets, dialogs and Qt item models. Calls services; never touches SQL."""
