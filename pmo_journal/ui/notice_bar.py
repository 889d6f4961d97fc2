"""An inline bar at the top of the main window: a sentence, a few buttons, maybe a close button.

It sits in the window's layout (never floating over it), so it pushes the screens down
instead of covering their controls. The sample journal's bar and the reminders use it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class NoticeBar(QFrame):
    """One notice. :attr:`dismissed` is emitted when its close button is pressed."""

    dismissed = Signal()

    def __init__(
        self,
        text: str,
        *,
        name: str,
        closable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#noticeBar { background: palette(alternate-base);"
            " border: 0; border-bottom: 1px solid palette(mid); }"
        )
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(14, 6, 8, 6)
        self._row.setSpacing(8)
        #: The label, and under it whatever :meth:`add_line` adds.
        self.lines = QVBoxLayout()
        self.lines.setSpacing(4)
        self.lines.addWidget(self.label)
        self._row.addLayout(self.lines, 1)
        self.close_button: QToolButton | None = None
        if closable:
            self.close_button = QToolButton()
            self.close_button.setText("✕")
            self.close_button.setAutoRaise(True)
            self.close_button.setAccessibleName(f"Dismiss: {name}")
            self.close_button.setToolTip("Dismiss")
            self.close_button.clicked.connect(self.dismiss)
            self._row.addWidget(self.close_button)

    def add_button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        """A button before the close button."""
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self._row.insertWidget(self._row.count() - (1 if self.close_button else 0), button)
        return button

    def add_line(self, widget: QWidget) -> None:
        """A line under the label (a reminder with its own button, say)."""
        self.lines.addWidget(widget)

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
