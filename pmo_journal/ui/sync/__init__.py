"""Sync in the app: File ▸ Sync…, the status bar's sync line and the Conflicts view."""
