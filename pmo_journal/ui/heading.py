"""The top of every screen, one pattern across the app: the title on the left (a short status
beside it, such as "8 open · 7 overdue"), and the screen's actions in one row under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TITLE_STYLE = "font-size: 18px; font-weight: 600;"
#: Between groups of actions in the row (the cycle's actions and the exports, say).
GROUP_SPACING = 16


def screen_title(text: str) -> QLabel:
    """A screen's title, one size and weight across the app."""
    label = QLabel(text)
    label.setObjectName("screenTitle")
    label.setStyleSheet(TITLE_STYLE)
    return label


class ScreenHeader(QWidget):
    """A screen's title with its actions in a row under it. Every screen puts one first."""

    def __init__(
        self, title: str, *, status: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screenHeader")
        self.title = screen_title(title)
        title_row = QHBoxLayout()
        title_row.setContentsMargins(0, 0, 0, 0)
        title_row.addWidget(self.title)
        if status is not None:
            title_row.addSpacing(GROUP_SPACING)
            title_row.addWidget(status, 0, Qt.AlignmentFlag.AlignBottom)
        title_row.addStretch(1)
        #: The row of the screen's actions (buttons, and the pickers they act on).
        self.actions_row = QWidget()
        self.actions_row.setObjectName("screenActions")
        self.row = QHBoxLayout(self.actions_row)
        self.row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(self.actions_row)
        self._ended = False

    def add(self, *widgets: QWidget) -> None:
        """Put ``widgets`` next in the row of actions."""
        for widget in widgets:
            self.row.addWidget(widget)

    def add_gap(self) -> None:
        """A gap between two groups of actions."""
        self.row.addSpacing(GROUP_SPACING)

    def end(self) -> None:
        """Close the row: what follows it is empty space, the actions stay on the left."""
        if not self._ended:
            self.actions_row.setVisible(self.row.count() > 0)
            self.row.addStretch(1)
            self._ended = True


def action_button(action: QAction) -> QPushButton:
    """A button for ``action`` in a screen's row: its text, tooltip and enabled state follow
    the action (menus and shortcuts keep the action)."""
    button = QPushButton(action.text())
    button.setAccessibleName(action.text().replace("&", ""))

    def follow() -> None:
        button.setText(action.text())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())

    follow()
    action.changed.connect(follow)
    button.clicked.connect(action.trigger)
    return button
