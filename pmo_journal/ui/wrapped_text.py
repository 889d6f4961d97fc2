"""A word-wrapped label that asks its layout for the height of the lines it wraps to, so
a narrow window gives it those lines instead of laying the next widget over them."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedText(QLabel):
    """A QLabel with word wrap whose minimum height is its wrapped text's at its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._lines_height = -1

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        if self.width() > 0 and self.text():
            least.setHeight(max(least.height(), self.heightForWidth(self.width())))
        return least

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = self.heightForWidth(event.size().width()) if self.text() else 0
        if wanted != self._lines_height:
            self._lines_height = wanted
            self.updateGeometry()  # the layout reads the new minimum
