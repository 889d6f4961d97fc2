"""The journal's filter bar: kind, skill, person, dates, starred, private and search."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import people, skills
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate

SEARCH_DELAY_MS = 250
COMBO_CHARS = 12
PRIVATE_CHOICES = (("Show private", None), ("Hide private", False), ("Only private", True))


def _labelled(text: str, widget: QWidget, accessible: str) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    # The measured width assumes kerning that the underlined mnemonic does not get, which
    # clipped "To": leave the text a few pixels more.
    label.setMinimumWidth(label.sizeHint().width() + 4)
    widget.setAccessibleName(accessible)
    return label


class FilterBar(QWidget):
    """Emits :attr:`changed` with a :class:`TimelineFilter` whenever a control moves."""

    changed = Signal(object)

    def __init__(self, journal: Journal, *, choices: tuple[object, object] | None = None) -> None:
        """``choices``: the skills and the people (archived included) for the lists, when
        they were read already (ahead, on a worker; ``None`` in either is read now)."""
        super().__init__()
        self.journal = journal
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search everything you wrote…")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("All kinds", None)
        for kind in EntryKind:
            self.kind.addItem(kind.label, kind.value)
        self.skill = QComboBox()
        self.person = QComboBox()
        self.any_date = QCheckBox("Any date")
        self.any_date.setChecked(True)
        self.date_from = date_edit(clock.today().replace(month=1, day=1))
        self.date_to = date_edit(clock.today())
        self.starred = QCheckBox("Starred only")
        self.private = QComboBox()
        for label, value in PRIVATE_CHOICES:
            self.private.addItem(label, value)
        self.reload_choices(*(choices or (None, None)))
        # Size the lists to a few words, not their longest entry, so the bar fits a laptop
        # screen (long skill or person names are elided in the closed box, whole in the list).
        for combo in (self.kind, self.skill, self.person):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARS)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(_labelled("Sear&ch", self.search, "Search"), 0, 0)
        # One column each for the right-hand rows: a layout spanning two grid columns is
        # squeezed by a few pixels and clips its last label.
        self._flags = QWidget()
        flags = QHBoxLayout(self._flags)
        flags.setContentsMargins(0, 0, 0, 0)
        flags.setSpacing(8)
        flags.addWidget(self.starred)
        flags.addStretch(1)
        flags.addWidget(self.private)
        grid.addWidget(_labelled("&Kind", self.kind, "Kind"), 1, 0)
        grid.addWidget(self.kind, 1, 1)
        grid.addWidget(_labelled("Sk&ill", self.skill, "Skill"), 1, 2)
        grid.addWidget(self.skill, 1, 3)
        grid.addWidget(_labelled("&With", self.person, "Person"), 1, 4)
        grid.addWidget(self.person, 1, 5)
        self._dates = QWidget()
        dates = QHBoxLayout(self._dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        dates.addWidget(self.any_date)
        dates.addWidget(_labelled("Fro&m", self.date_from, "From date"))
        dates.addWidget(self.date_from)
        dates.addWidget(_labelled("&To", self.date_to, "To date"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self._dates_row = dates
        self._grid = grid
        self._wide: bool | None = None
        # The dates sit at the end of the second row when the bar is wide enough, and
        # wrap to a row of their own when it is not (a laptop at 1024 px).
        self._arrange(wide=True)
        self._wide_width = grid.minimumSize().width()
        self._arrange(wide=False)
        self._narrow_width = grid.minimumSize().width()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        self.starred.setAccessibleName("Starred only")
        self.any_date.setAccessibleName("Any date")
        self.private.setAccessibleName("Private entries")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (self.kind, self.skill, self.person, self.private):
            combo.currentIndexChanged.connect(self._emit)
        for box in (self.starred, self.any_date):
            box.toggled.connect(self._emit)
        self.any_date.toggled.connect(self._enable_dates)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self._enable_dates(True)

    def _arrange(self, *, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        grid = self._grid
        for widget in (self.search, self._dates, self._flags):
            grid.removeWidget(widget)
        self._dates_row.removeWidget(self._flags)
        if wide:
            grid.addWidget(self.search, 0, 1, 1, 5)
            grid.addWidget(self._flags, 0, 6)
            grid.addWidget(self._dates, 1, 6)
        else:  # the flags at the end of the dates' own row: the bar as narrow as its lists
            grid.addWidget(self.search, 0, 1, 1, 5)
            self._dates_row.addWidget(self._flags)
            grid.addWidget(self._dates, 2, 1, 1, 5)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        # As narrow as the wrapped arrangement: the bar wraps rather than widen the window.
        return QSize(self._narrow_width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= self._wide_width)
        super().resizeEvent(event)

    def is_wrapped(self) -> bool:
        """True while the dates have a row of their own."""
        return not self._wide

    def _enable_dates(self, any_date: bool) -> None:
        self.date_from.setEnabled(not any_date)
        self.date_to.setEnabled(not any_date)

    def reload_choices(self, known_skills: object = None, known_people: object = None) -> None:
        """Refill the skill and person lists, keeping what was chosen (from the lists
        given, when they were read already)."""
        skill_list = (
            known_skills if isinstance(known_skills, list) else skills.list_skills(self.journal)
        )
        people_list = (
            known_people
            if isinstance(known_people, list)
            else people.list_people(self.journal, include_archived=True, with_counts=False)
        )
        for combo, first, items in (
            (self.skill, "Any skill", [(s.name, s.id) for s in skill_list]),
            (self.person, "Anyone", [(people.person_label(p), p.id) for p in people_list]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)

    def set_date_range(self, start: dt.date, end: dt.date) -> None:
        self.date_from.setDate(to_qdate(start))
        self.date_to.setDate(to_qdate(end))
        self.any_date.setChecked(False)

    def current(self) -> TimelineFilter:
        kind = self.kind.currentData()
        any_date = self.any_date.isChecked()
        return TimelineFilter(
            kinds=frozenset([EntryKind(kind)]) if kind else frozenset(EntryKind),
            skill_id=self.skill.currentData(),
            person_id=self.person.currentData(),
            date_from=None if any_date else from_qdate(self.date_from.date()),
            date_to=None if any_date else from_qdate(self.date_to.date()),
            starred_only=self.starred.isChecked(),
            private=self.private.currentData(),
            text=self.search.text(),
        )

    def is_default(self) -> bool:
        return self.current() == TimelineFilter()

    def clear(self) -> None:
        """Every filter back to showing everything, applied at once."""
        widgets = (self.search, self.kind, self.skill, self.person, self.private)
        boxes = (self.starred, self.any_date, self.date_from, self.date_to)
        for widget in (*widgets, *boxes):
            widget.blockSignals(True)
        self._search_timer.stop()
        self.search.clear()
        for combo in (self.kind, self.skill, self.person):
            combo.setCurrentIndex(0)
        self.private.setCurrentIndex(max(0, self.private.findData(TimelineFilter().private)))
        self.starred.setChecked(False)
        self.any_date.setChecked(True)
        for widget in (*widgets, *boxes):
            widget.blockSignals(False)
        self._enable_dates(True)
        self._emit()

    def flush(self) -> None:
        """Apply a pending search now rather than after the typing pause."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.current())
