"""Progress bars against PDU requirements: minimum and maximum marks, excess not counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pmo_journal.core.pdus.rules import LedgerSummary, Pace, format_pdus
from pmo_journal.ui.career.look import warning_color

MET = QColor("#2e7d32")
SHORT = QColor("#e08a00")
COUNTED = QColor("#3f6fb5")
TRACK = QColor("#e6e8ec")
DARK_TRACK = QColor("#55585e")
PACE = QColor("#6b7280")

ROW_HEIGHT = 30
BAR_HEIGHT = 14
LABEL_WIDTH = 180
VALUE_WIDTH = 210


@dataclass(frozen=True)
class BarRow:
    """One bar: ``value`` counted against a ``threshold`` that is a minimum or a maximum."""

    label: str
    value: float
    threshold: float
    is_maximum: bool = False
    excess: float = 0.0
    pace_mark: float | None = None
    indent: bool = False

    @property
    def met(self) -> bool:
        return self.is_maximum or self.value >= self.threshold

    @property
    def caption(self) -> str:
        if self.is_maximum:
            text = f"{format_pdus(self.value)} of at most {format_pdus(self.threshold)}"
        else:
            text = f"{format_pdus(self.value)} of {format_pdus(self.threshold)}"
        if self.excess:
            text += f" · {format_pdus(self.excess)} not counted"
        return text


def bar_rows(summary: LedgerSummary, pace: Pace | None = None) -> list[BarRow]:
    """The rows the PDU screen and the report draw, in reading order."""
    rules = summary.rules
    rows = [
        BarRow(
            "Total",
            summary.total_counted,
            rules.total_required,
            pace_mark=pace.expected_by_now if pace and pace.days_elapsed else None,
        ),
        BarRow("Education", summary.education, rules.education_minimum),
    ]
    rows += [BarRow(s.label, s.earned, s.minimum, indent=True) for s in summary.sides]
    rows.append(
        BarRow(
            "Giving Back",
            summary.giving_back_counted,
            rules.giving_back_maximum,
            is_maximum=True,
            excess=summary.giving_back_cap_excess,
        )
    )
    for activity in rules.limited_activities():
        counted = summary.limited_counted.get(activity.key, 0.0)
        rows.append(
            BarRow(
                activity.label,
                counted,
                activity.maximum or 0.0,
                is_maximum=True,
                excess=summary.limited_claimed.get(activity.key, 0.0) - counted,
                indent=True,
            )
        )
    return rows


class RequirementBars(QWidget):
    """Painted bars: fill for what counts, a black mark at the rule, red for excess."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BarRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(LABEL_WIDTH + VALUE_WIDTH + 160)

    def set_rows(self, rows: Sequence[BarRow]) -> None:
        self._rows = list(rows)
        self.setToolTip("\n".join(f"{r.label}: {r.caption}" for r in self._rows))
        self.updateGeometry()
        self.update()

    def rows(self) -> list[BarRow]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + VALUE_WIDTH + 360, max(1, len(self._rows)) * ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + VALUE_WIDTH + 160, max(1, len(self._rows)) * ROW_HEIGHT + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar_width = max(60, self.width() - LABEL_WIDTH - VALUE_WIDTH - 16)
        for i, row in enumerate(self._rows):
            top = 4 + i * ROW_HEIGHT
            self._paint_row(painter, row, top, float(bar_width))
        painter.end()

    def _paint_row(self, painter: QPainter, row: BarRow, top: int, width: float) -> None:
        font = QFont(self.font())
        font.setBold(not row.indent)
        painter.setFont(font)
        painter.setPen(self.palette().windowText().color())
        indent = 18 if row.indent else 0
        label_rect = QRectF(indent, top, LABEL_WIDTH - indent, ROW_HEIGHT - 6)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, row.label)
        left = float(LABEL_WIDTH)
        bar_top = top + (ROW_HEIGHT - 6 - BAR_HEIGHT) / 2
        # Each bar has its own scale, with room past the rule for excess and surplus.
        scale_max = max(row.threshold * 1.25, row.value + row.excess, 1.0)

        def x_of(value: float) -> float:
            return left + width * min(value, scale_max) / scale_max

        painter.setPen(Qt.PenStyle.NoPen)
        dark = self.palette().window().color().lightness() < 128
        painter.setBrush(DARK_TRACK if dark else TRACK)
        painter.drawRoundedRect(QRectF(left, bar_top, width, BAR_HEIGHT), 3, 3)
        fill = COUNTED if row.is_maximum else (MET if row.met else SHORT)
        painter.setBrush(fill)
        if row.value > 0:
            painter.drawRoundedRect(QRectF(left, bar_top, x_of(row.value) - left, BAR_HEIGHT), 3, 3)
        # Red that reads on the palette: the light scheme's red is too dark on the dark one.
        excess = warning_color(self.palette())
        if row.excess > 0:
            start = x_of(row.value)
            painter.setBrush(QBrush(excess, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(excess, 1))
            painter.drawRect(
                QRectF(start, bar_top, x_of(row.value + row.excess) - start, BAR_HEIGHT)
            )
        if row.pace_mark is not None:
            x = x_of(row.pace_mark)
            painter.setPen(QPen(PACE, 2, Qt.PenStyle.DotLine))
            painter.drawLine(int(x), int(bar_top - 4), int(x), int(bar_top + BAR_HEIGHT + 4))
        x = x_of(row.threshold)
        painter.setPen(QPen(self.palette().windowText().color(), 2))
        painter.drawLine(int(x), int(bar_top - 5), int(x), int(bar_top + BAR_HEIGHT + 5))
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(excess if row.excess else self.palette().windowText().color())
        value_rect = QRectF(left + width + 12, top, VALUE_WIDTH, ROW_HEIGHT - 6)
        painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter, row.caption)
