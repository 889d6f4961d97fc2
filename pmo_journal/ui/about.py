"""The About dialog: what the app is, its version and where the journal lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pmo_journal import __version__


class AboutDialog(QDialog):
    def __init__(self, *, journal_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PMO Career Journal")
        title = QLabel("<h2 style='margin-bottom:0'>PMO Career Journal</h2>")
        version = QLabel(f"Version {__version__}")
        version.setObjectName("version")
        text = QLabel(
            "An offline journal for project professionals building a career in a PMO: "
            "log mentor sessions, PMO helper assignments and skill reflections, watch "
            "your power skills grow, and bring the evidence to your review."
        )
        text.setWordWrap(True)
        where = QLabel(
            f"Your journal: <code>{journal_path}</code><br>"
            f"Built with Qt {qVersion()} and SQLite. Everything stays on this computer."
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (title, version, text, where):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
