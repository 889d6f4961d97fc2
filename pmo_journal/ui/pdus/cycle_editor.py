"""The certification cycle editor: start, end (three years by default) and current."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.models import CertificationCycleCreate, CertificationCycleRead
from pmo_journal.core.pdus.rules import load_rules
from pmo_journal.core.validation import EntryInvalid, JournalError, validated
from pmo_journal.ui.keys import save_with_keys
from pmo_journal.ui.pdus.dates import date_edit, to_date, to_qdate
from pmo_journal.ui.pdus.look import caps_style

SaveCycle = Callable[[CertificationCycleCreate], object]


class CycleEditor(QDialog):
    """Edits a cycle; the end follows the start (three years less a day) until edited."""

    def __init__(
        self,
        *,
        save: SaveCycle,
        initial: CertificationCycleRead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit certification cycle" if initial else "New certification cycle")
        self._save = save
        self._rules = load_rules()
        self.saved: object | None = None
        start = initial.start_date if initial else clock.today().replace(day=1)
        end = initial.end_date if initial else self._rules.default_cycle_end(start)
        self.start = date_edit(start)
        self.end = date_edit(end)
        self.current = QCheckBox("This is my current cycle")
        self.current.setChecked(initial.current if initial else True)
        if initial is not None and initial.current:
            # One cycle is always current: another cycle takes over with "Make current".
            self.current.setEnabled(False)
            self.current.setToolTip("Make another cycle current to change this.")
        self._end_follows = initial is None
        hint = QLabel(
            f"A {self._rules.certification} cycle lasts {self._rules.cycle_years} years, "
            "from the day you were certified (or last renewed)."
        )
        hint.setWordWrap(True)
        self.problems = QLabel(wordWrap=True)
        self.problems.setStyleSheet(caps_style(self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow("Starts on", self.start)
        form.addRow("Ends on", self.end)
        form.addRow("", self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._end_edited)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        save_with_keys(self, buttons.button(QDialogButtonBox.StandardButton.Save))

    def _start_changed(self) -> None:
        if self._end_follows:
            self.end.blockSignals(True)
            self.end.setDate(to_qdate(self._rules.default_cycle_end(to_date(self.start.date()))))
            self.end.blockSignals(False)

    def _end_edited(self) -> None:
        self._end_follows = False

    def data(self) -> dict[str, object]:
        return {
            "certification": self._rules.certification,
            "start_date": to_date(self.start.date()),
            "end_date": to_date(self.end.date()),
            "current": self.current.isChecked(),
        }

    def _try_save(self) -> None:
        try:
            self.saved = self._save(validated(CertificationCycleCreate, self.data()))
        except EntryInvalid as exc:
            self.problems.setText("\n".join(exc.problems.values()))
            return
        except JournalError as exc:
            self.problems.setText(str(exc))
            return
        self.accept()
