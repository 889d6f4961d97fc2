"""One range for every chart: the last 6, 12 or 24 months, all time, or from/to dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from pmo_journal.core import clock
from pmo_journal.core.headline import last_months
from pmo_journal.ui.dates import date_edit
from pmo_journal.ui.formats import show_date

PRESETS: list[tuple[str, int | None]] = [
    ("Last 6 months", 6),
    ("Last 12 months", 12),
    ("Last 24 months", 24),
    ("All time", None),
]
CUSTOM = "Custom range"
DEFAULT_INDEX = 1


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class RangeSelector(QWidget):
    """Emits :attr:`range_changed` whenever the chosen period changes."""

    range_changed = Signal()

    def __init__(self, *, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox()
        self.preset.setAccessibleName("Period")
        for label, _months in PRESETS:
            self.preset.addItem(label)
        self.preset.addItem(CUSTOM)
        self.preset.setCurrentIndex(DEFAULT_INDEX)
        self.date_from = date_edit()
        self.date_to = date_edit()
        since, until = last_months(12, today=self.today)
        for edit, label, value in (
            (self.date_from, "From", since),
            (self.date_to, "To", until),
        ):
            edit.setAccessibleName(label)
            edit.setDate(_qdate(value))
            edit.dateChanged.connect(self._on_dates_changed)
        self.from_label = QLabel("From")
        self.to_label = QLabel("to")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        shown = QLabel("Period")
        shown.setBuddy(self.preset)
        layout.addWidget(shown)
        layout.addWidget(self.preset)
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to):
            layout.addWidget(widget)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self._show_dates(False)
        self._shown = self.period()

    @property
    def today(self) -> dt.date:
        return self._today or clock.today()

    @property
    def custom(self) -> bool:
        return self.preset.currentText() == CUSTOM

    def period(self) -> tuple[dt.date | None, dt.date]:
        """``(since, until)``; ``since`` is None for all time."""
        if self.custom:
            return _date(self.date_from.date()), _date(self.date_to.date())
        months = PRESETS[self.preset.currentIndex()][1]
        if months is None:
            return None, self.today
        return last_months(months, today=self.today)

    def describe(self) -> str:
        """The period in words, for captions: "in the last 12 months", "all time"."""
        if self.custom:
            since, until = self.period()
            assert since is not None
            return f"{show_date(since)} – {show_date(until)}"
        label = self.preset.currentText()
        return "all time" if label == "All time" else f"in the {label.lower()}"

    def choose(self, label: str) -> None:
        self.preset.setCurrentText(label)

    def set_custom(self, since: dt.date, until: dt.date) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentText(CUSTOM)
        self.preset.blockSignals(False)
        self._show_dates(True)
        for edit, value in ((self.date_from, since), (self.date_to, until)):
            edit.blockSignals(True)
            edit.setDate(_qdate(value))
            edit.blockSignals(False)
        self._shown = self.period()
        self.range_changed.emit()

    def _show_dates(self, visible: bool) -> None:
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to):
            widget.setVisible(visible)

    def _on_preset_changed(self, _index: int) -> None:
        if self.custom:
            # Start the custom range from the period that was showing.
            since, until = self._shown
            for edit, value in ((self.date_from, since), (self.date_to, until)):
                if value is not None:
                    edit.blockSignals(True)
                    edit.setDate(_qdate(value))
                    edit.blockSignals(False)
        self._show_dates(self.custom)
        self._shown = self.period()
        self.range_changed.emit()

    def _on_dates_changed(self, _date: QDate) -> None:
        # A "to" before "from" follows along, so the range is never upside down.
        if self.date_to.date() < self.date_from.date():
            sender = self.sender()
            other = self.date_to if sender is self.date_from else self.date_from
            other.blockSignals(True)
            other.setDate(sender.date())  # type: ignore[attr-defined]
            other.blockSignals(False)
        if self.custom:
            self._shown = self.period()
            self.range_changed.emit()
