"""The claim editor: date, category and activity, PDUs and their triangle split, evidence."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.models import NAME_MAX, PduCategory, PduClaimCreate
from pmo_journal.core.pdus.rules import SIDES, format_pdus, load_rules
from pmo_journal.core.services import pdus
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.evidence_files import EvidenceFilesPanel
from pmo_journal.ui.keys import save_with_keys
from pmo_journal.ui.pdus.dates import date_edit, to_date, to_qdate
from pmo_journal.ui.pdus.look import caps_style, notice_style

SaveClaim = Callable[[PduClaimCreate], object]
FIELD_ORDER = ("date", "category", "activity", "hours", "split", "description", "source_id", "")
#: The fields whose problems wait until the user has changed them.
TOUCHED_BY_USER = frozenset({"date", "category", "activity", "hours", "split", "description"})


def _spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setSingleStep(0.25)
    spin.setRange(0.0, 2000.0)
    spin.setSuffix(" PDU")
    return spin


class ClaimEditor(QDialog):
    """Edits one claim; Save hands a ``PduClaimCreate`` to ``save`` and closes only if it worked.

    The rules are checked live by the core (``pdus.check_claim``) and shown verbatim; a
    refusal from ``save`` (e.g. an entry already claimed) keeps the dialog and its input.
    """

    def __init__(
        self,
        *,
        save: SaveClaim,
        initial: PduClaimCreate | None = None,
        warning: str = "",
        files: EvidenceFilesPanel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.files = files
        self.setWindowTitle("Edit PDU claim" if initial else "New PDU claim")
        self.setMinimumWidth(520)
        self._save = save
        self._rules = load_rules()
        self._source = (initial.source_kind, initial.source_id) if initial else (None, None)
        self.saved: object | None = None

        self.date = date_edit(clock.today())
        self.category = QComboBox()
        for category in PduCategory:
            self.category.addItem(category.label, category)
        self.activity = QComboBox()
        self.hours = _spin()
        self.hours.setRange(0.0, 2000.0)
        self.sides = {key: _spin() for key in SIDES}
        self.provider = QLineEdit(maxLength=NAME_MAX, placeholderText="PMI, a university, …")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("What you learned or gave back")
        self.description.setFixedHeight(70)
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText("Certificate, agenda, notes — what an auditor can check")
        self.evidence.setFixedHeight(60)
        self.warning = QLabel(warning, wordWrap=True)
        self.warning.setObjectName("claimWarning")
        self.warning.setStyleSheet(notice_style(self))
        self.warning.setVisible(bool(warning))
        self.problems = QLabel(wordWrap=True)
        self.problems.setStyleSheet(caps_style(self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._lay_out()
        self._load(initial)
        # An untouched new claim stays quiet: a field's problem shows once it was changed
        # (a claim opened with content, to edit or from a suggestion, shows them all).
        self._touched: set[str] = {"*"} if initial is not None else set()
        touches = {
            "date": self.date.dateChanged,
            "category": self.category.currentIndexChanged,
            "activity": self.activity.currentIndexChanged,
            "hours": self.hours.valueChanged,
            "description": self.description.textChanged,
        }
        for name, signal in touches.items():
            signal.connect(lambda *_args, name=name: self._touched.add(name))
        for spin in self.sides.values():
            spin.valueChanged.connect(lambda *_args: self._touched.add("split"))
        self.category.currentIndexChanged.connect(self._category_changed)
        self.hours.valueChanged.connect(self._hours_changed)
        for spin in self.sides.values():
            spin.valueChanged.connect(self._refresh)
        self.activity.currentIndexChanged.connect(self._refresh)
        self.description.textChanged.connect(self._refresh)
        self.date.dateChanged.connect(self._refresh)
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self.reject)
        save_with_keys(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self._refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Date", self.date)
        form.addRow("Ca&tegory", self.category)
        form.addRow("&Activity", self.activity)
        form.addRow("PD&Us (hours)", self.hours)
        form.addRow(QLabel("<b>Talent Triangle split</b> (Education only)"))
        self.split_labels: dict[str, QLabel] = {}
        for key, spin in self.sides.items():
            label = QLabel(f"    {self._rules.side_labels[key]}")
            self.split_labels[key] = label
            form.addRow(label, spin)
        form.addRow("&Provider", self.provider)
        form.addRow("D&escription", self.description)
        form.addRow("E&vidence", self.evidence)
        if self.files is not None:
            form.addRow("Evidence &files", self.files)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _load(self, claim: PduClaimCreate | None) -> None:
        day = claim.date if claim else clock.today()
        self.date.setDate(to_qdate(day))
        category = claim.category if claim else PduCategory.EDUCATION
        self.category.setCurrentIndex(self.category.findData(category))
        self._fill_activities(category)
        if claim is None:
            return
        self.activity.setCurrentIndex(max(0, self.activity.findData(claim.activity)))
        self.hours.setValue(claim.hours)
        for key, spin in self.sides.items():
            spin.setValue(float(getattr(claim, key)))
        self.provider.setText(claim.provider)
        self.description.setPlainText(claim.description)
        self.evidence.setPlainText(claim.evidence)

    def _fill_activities(self, category: PduCategory) -> None:
        self.activity.blockSignals(True)
        self.activity.clear()
        for activity in self._rules.activities_of(category):
            self.activity.addItem(activity.label, activity.key)
        self.activity.blockSignals(False)

    def _category_changed(self) -> None:
        category = PduCategory(self.category.currentData())
        self._fill_activities(category)
        if category == PduCategory.GIVING_BACK:
            for spin in self.sides.values():
                spin.setValue(0.0)
        self._refresh()

    def _hours_changed(self) -> None:
        """While at most one side holds hours, it (else Ways of Working) follows the total."""
        if self.category.currentData() == PduCategory.EDUCATION:
            used = [key for key, spin in self.sides.items() if spin.value()]
            if len(used) <= 1:
                key = used[0] if used else SIDES[0]
                self.sides[key].setValue(self.hours.value())
        self._refresh()

    def data(self) -> dict[str, object]:
        """The editor's content as the fields of a ``PduClaimCreate``."""
        kind, source_id = self._source
        return {
            "date": to_date(self.date.date()),
            "category": PduCategory(self.category.currentData()),
            "activity": self.activity.currentData() or "",
            "hours": self.hours.value(),
            **{key: spin.value() for key, spin in self.sides.items()},
            "provider": self.provider.text(),
            "description": self.description.toPlainText(),
            "evidence": self.evidence.toPlainText(),
            "source_kind": kind,
            "source_id": source_id,
        }

    def _refresh(self) -> None:
        education = self.category.currentData() == PduCategory.EDUCATION
        total = sum(spin.value() for spin in self.sides.values())
        for key, spin in self.sides.items():
            spin.setEnabled(education)
            self.split_labels[key].setEnabled(education)
            spin.setToolTip(
                f"The sides add up to {format_pdus(total)} of {format_pdus(self.hours.value())}."
            )
        problems = pdus.check_claim(self.data())
        self._show(problems)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not problems)

    def _show(self, problems: dict[str, str]) -> None:
        ordered = sorted(
            problems.items(),
            key=lambda p: FIELD_ORDER.index(p[0]) if p[0] in FIELD_ORDER else len(FIELD_ORDER),
        )
        shown = [
            message
            for field, message in ordered
            if "*" in self._touched or field in self._touched or field not in TOUCHED_BY_USER
        ]
        self.problems.setText("\n".join(shown))
        # Save stays off while anything is wrong; it says why, changed or not.
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("\n".join(message for _field, message in ordered))

    def _try_save(self) -> None:
        try:
            claim = PduClaimCreate.model_validate(self.data())
            self.saved = self._save(claim)
            saved_id = getattr(self.saved, "id", None)
            if self.files is not None and isinstance(saved_id, int):
                self.files.attach_pending(saved_id)
        except JournalError as exc:
            self.problems.setText(str(exc))
            return
        except ValueError as exc:  # a pydantic error the live check already showed
            self.problems.setText(str(exc))
            return
        self.accept()
