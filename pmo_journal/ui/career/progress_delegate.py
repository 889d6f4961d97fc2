"""Draws a cell's progress (a float 0..1 under PROGRESS_ROLE) as a slim bar with its text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pmo_journal.ui.career.goal_models import PROGRESS_ROLE
from pmo_journal.ui.career.look import is_dark, ok_color

BAR_HEIGHT = 6


class ProgressDelegate(QStyledItemDelegate):
    """A rounded bar under the cell's text (the text stays for screen readers and copies)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        palette: QPalette = option.palette
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, palette.highlight())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 8
        text_rect = rect.adjusted(margin, 2, -margin, -BAR_HEIGHT - 6)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, index.data()
        )
        track = QRectF(
            rect.left() + margin,
            rect.bottom() - BAR_HEIGHT - 4,
            rect.width() - 2 * margin,
            BAR_HEIGHT,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3a3d41") if is_dark(palette) else QColor("#e4e7eb"))
        painter.drawRoundedRect(track, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        if value > 0:
            filled = QRectF(track)
            filled.setWidth(max(BAR_HEIGHT, track.width() * float(value)))
            painter.setBrush(ok_color(palette))
            painter.drawRoundedRect(filled, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        painter.restore()
