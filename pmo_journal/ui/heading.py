"""The title at the top left of every screen, one size and weight across the app."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

TITLE_STYLE = "font-size: 18px; font-weight: 600;"


def screen_title(text: str) -> QLabel:
    """A screen's title; screens put it first in their top row."""
    label = QLabel(text)
    label.setObjectName("screenTitle")
    label.setStyleSheet(TITLE_STYLE)
    return label
