"""The goal editor: role, path, target date, status and why; milestones; linked evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import (
    NAME_MAX,
    CareerGoalCreate,
    CareerGoalRead,
    CareerGoalUpdate,
    CareerPath,
    GoalEvidenceRead,
    GoalStatus,
    MilestoneUpdate,
)
from pmo_journal.core.services import goals
from pmo_journal.core.validation import problems_of
from pmo_journal.ui import prompts
from pmo_journal.ui.career.evidence_picker import EvidencePicker, evidence_label
from pmo_journal.ui.career.goal_models import MilestonesModel
from pmo_journal.ui.career.look import from_qdate, to_qdate, warning_color
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit
from pmo_journal.ui.editors.base import SavingDialog
from pmo_journal.ui.keys import save_with_keys

ROLE_SUGGESTIONS = (
    "PMO analyst",
    "PMO manager",
    "Portfolio manager",
    "Program manager",
    "Head of PMO",
)
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole


class OptionalDate(QWidget):
    """A date that may be left unset: a checkbox beside a date edit."""

    def __init__(self, label: str, value: dt.date | None = None) -> None:
        super().__init__()
        self.enabled = QCheckBox(label)
        self.edit = date_edit(value or clock.today())
        self.edit.setAccessibleName(label)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.set_value(value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.enabled.isChecked() else None


class GoalEditorDialog(SavingDialog):
    """Create or edit a goal. Everything is saved together on Save; Cancel changes nothing."""

    def __init__(
        self, context: JournalContext, *, goal_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.goal_id = goal_id
        self.saved: CareerGoalRead | None = None
        self._dirty = False
        existing = goals.get_goal(context.journal, goal_id) if goal_id else None
        self.setWindowTitle("Edit career goal" if existing else "New career goal")

        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(ROLE_SUGGESTIONS)
        self.role.setCurrentText("")
        role_line = self.role.lineEdit()
        assert role_line is not None
        role_line.setMaxLength(NAME_MAX)
        role_line.setPlaceholderText("e.g. PMO analyst")
        self.path = QComboBox()
        for path in CareerPath:
            self.path.addItem(path.label, path.value)
        self.target = OptionalDate("By")
        self.status = QComboBox()
        for status in GoalStatus:
            self.status.addItem(status.label, status.value)
        self.why = QPlainTextEdit()
        self.why.setPlaceholderText("Why this role? What draws you to it?")
        self.why.setTabChangesFocus(True)
        self.why.setMaximumHeight(90)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Target &role", self.role)
        form.addRow("&Path", self.path)
        form.addRow("Target &date", self.target)
        form.addRow("&Status", self.status)
        form.addRow("&Why", self.why)
        for label, widget in (
            ("Target role", self.role),
            ("Path", self.path),
            ("Status", self.status),
            ("Why", self.why),
        ):
            widget.setAccessibleName(label)

        self.milestones = MilestonesModel(self)
        self.evidence = QListWidget()
        self.evidence.setAccessibleName("Evidence")
        self.evidence.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = QLabel()
        self.message.setWordWrap(True)
        palette = self.palette()
        self.message.setStyleSheet(f"color: {warning_color(palette).name()};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save_with_keys(self, self.save_button)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self._evidence_box(), 1)
        layout.addLayout(top)
        layout.addWidget(self._milestones_box(), 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(860, 620)

        if existing is not None:
            self._load(existing)
        for signal in (
            self.role.editTextChanged,
            self.path.currentIndexChanged,
            self.target.enabled.toggled,
            self.target.edit.dateChanged,
            self.status.currentIndexChanged,
            self.why.textChanged,
            self.milestones.changed,
        ):
            signal.connect(self._changed)
        self.revalidate()

    # ------------------------------------------------------------------ building
    def _milestones_box(self) -> QGroupBox:
        box = QGroupBox("Milestones")
        self.milestone_table = QTableView()
        self.milestone_table.setAccessibleName("Milestones")
        self.milestone_table.setModel(self.milestones)
        self.milestone_table.verticalHeader().hide()
        self.milestone_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.milestone_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.milestone_table.horizontalHeader()
        header.setSectionResizeMode(MilestonesModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(MilestonesModel.DONE, 130)
        header.resizeSection(MilestonesModel.DUE, 130)
        self.new_milestone = QLineEdit()
        self.new_milestone.setPlaceholderText("New milestone, e.g. Shadow a portfolio review")
        self.new_milestone.setAccessibleName("New milestone")
        self.new_due = OptionalDate("Due")
        self.new_due.set_value(clock.today() + dt.timedelta(days=30))
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_milestone)
        self.new_milestone.returnPressed.connect(self.add_milestone)
        self.remove_button = QPushButton("Re&move")
        self.remove_button.clicked.connect(self.remove_milestone)
        self.clear_due_button = QPushButton("No due &date")
        self.clear_due_button.clicked.connect(self.clear_due_date)
        adder = QHBoxLayout()
        adder.addWidget(self.new_milestone, 3)
        adder.addWidget(self.new_due, 1)
        adder.addWidget(self.add_button)
        adder.addWidget(self.remove_button)
        adder.addWidget(self.clear_due_button)
        hint = QLabel(
            "Tick a milestone when it is done; double-click to rename or change its date."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.milestone_table, 1)
        layout.addLayout(adder)
        layout.addWidget(hint)
        return box

    def _evidence_box(self) -> QGroupBox:
        box = QGroupBox("Evidence")
        self.link_button = QPushButton("&Link entries…")
        self.link_button.clicked.connect(self.link_entries)
        self.unlink_button = QPushButton("&Unlink")
        self.unlink_button.clicked.connect(self.unlink_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.evidence, 1)
        layout.addLayout(buttons)
        return box

    def _load(self, goal: CareerGoalRead) -> None:
        self.role.setCurrentText(goal.target_role)
        self.path.setCurrentIndex(self.path.findData(CareerPath(goal.path).value))
        self.target.set_value(goal.target_date)
        self.status.setCurrentIndex(self.status.findData(GoalStatus(goal.status).value))
        self.why.setPlainText(goal.why)
        self.milestones.set_rows(
            [MilestoneUpdate.model_validate(m.model_dump()) for m in goal.milestones]
        )
        for entry in goal.evidence:
            self._add_evidence_item(entry)

    def _add_evidence_item(self, entry: GoalEvidenceRead) -> None:
        item = QListWidgetItem(evidence_label(entry))
        item.setToolTip(evidence_label(entry))
        item.setData(EVIDENCE_ROLE, entry)
        self.evidence.addItem(item)

    # ------------------------------------------------------------------ editing
    def add_milestone(self) -> None:
        title = self.new_milestone.text().strip()
        if not title:
            self.new_milestone.setFocus()
            return
        row = self.milestones.add(title, self.new_due.value())
        self.milestone_table.selectRow(row)
        self.new_milestone.clear()

    def remove_milestone(self) -> None:
        rows = self.milestone_table.selectionModel().selectedRows()
        if rows:
            self.milestones.remove(rows[0].row())

    def clear_due_date(self) -> None:
        rows = self.milestone_table.selectionModel().selectedRows()
        if rows:
            due = self.milestones.index(rows[0].row(), MilestonesModel.DUE)
            self.milestones.setData(due, None)

    def evidence_refs(self) -> list[dict[str, Any]]:
        entries = [self.evidence.item(n).data(EVIDENCE_ROLE) for n in range(self.evidence.count())]
        return [{"kind": e.kind.value, "id": e.id} for e in entries]

    def link_entries(self) -> None:
        already = {(ref["kind"], ref["id"]) for ref in self.evidence_refs()}
        picker = EvidencePicker(self.context.journal, already=already, parent=self)
        if self.pick(picker):
            for entry in picker.chosen():
                self._add_evidence_item(entry)
            self._changed()

    def pick(self, picker: EvidencePicker) -> bool:
        """Run the picker (tests replace this)."""
        return picker.exec() == QDialog.DialogCode.Accepted

    def unlink_selected(self) -> None:
        for item in self.evidence.selectedItems():
            self.evidence.takeItem(self.evidence.row(item))
        self._changed()

    # ------------------------------------------------------------------ validation and saving
    def data(self) -> dict[str, Any]:
        return {
            "target_role": self.role.currentText(),
            "path": self.path.currentData(),
            "target_date": self.target.value(),
            "status": self.status.currentData(),
            "why": self.why.toPlainText(),
            "milestones": [m.model_dump() for m in self.milestones.milestones()],
            "evidence": self.evidence_refs(),
        }

    def _changed(self, *_args: object) -> None:
        self._dirty = True
        self.revalidate()

    def revalidate(self) -> bool:
        model = CareerGoalUpdate if self.goal_id else CareerGoalCreate
        return self.show_problems(problems_of(model, self.data()))

    def show_problems(self, problems: dict[str, str]) -> bool:
        self.message.setText("\n".join(problems.values()))
        self.message.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        return not problems

    def change_text(self) -> str:
        return "Edit goal" if self.goal_id else "New goal"

    def save_entry(self) -> Outcome[CareerGoalRead]:
        data = self.data()
        if self.goal_id is None:
            for milestone in data["milestones"]:
                milestone.pop("id", None)
        return goals.save_goal(self.context.journal, goal_id=self.goal_id, data=data)

    def reject(self) -> None:
        if self._dirty and not prompts.ask(
            self, "Discard the changes to this goal?", yes="Discard", no="Cancel", destructive=True
        ):
            return
        self._dirty = False
        super().reject()
