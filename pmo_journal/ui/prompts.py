"""Telling the user something: one place the whole GUI goes through, and tests patch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

APP_TITLE = "PMO Career Journal"


def tell(parent: QWidget | None, message: str, *, title: str = "", details: str = "") -> None:
    """Show ``message`` (and, behind a button, ``details``) window-modally, without blocking."""
    box = QMessageBox(
        QMessageBox.Icon.Critical if details else QMessageBox.Icon.Warning,
        APP_TITLE,
        title or message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    if title:
        box.setInformativeText(message)
    if details:
        box.setDetailedText(details)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
