"""The widgets the editors are built from: dates, a person picker, skills, prompts."""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.models import NAME_MAX, PersonRead, Relationship, SkillRead
from pmo_journal.core.resources import read_json
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate


@cache
def prompts() -> dict[str, dict[str, str]]:
    """Placeholder prompts per editor and field, from ``resources/prompts.json``."""
    return {k: v for k, v in read_json("prompts.json").items() if isinstance(v, dict)}


def prompt(kind: str, field: str) -> str:
    return prompts().get(kind, {}).get(field, "")


def text_edit(placeholder: str, *, lines: int = 3) -> QPlainTextEdit:
    """A multi-line field; Tab moves on to the next control rather than typing a tab."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a check box switches the date edit on."""

    changed = Signal()

    def __init__(self, check_text: str, value: dt.date | None = None) -> None:
        super().__init__()
        self.check = QCheckBox(check_text)
        self.edit = date_edit(value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.set_value(value)

    def set_accessible_name(self, name: str) -> None:
        self.check.setAccessibleName(f"{name}: set")
        self.edit.setAccessibleName(name)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


# Validation needs a person id before a newly typed person exists; they are created on save.
NEW_PERSON_ID = 0
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class PersonPicker(QComboBox):
    """Choose a person by typing: names complete, and a new name is created on save."""

    def __init__(self, journal: Journal, *, relationship: Relationship) -> None:
        super().__init__()
        self.journal = journal
        self.relationship = relationship
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # As wide as a name needs, not as the longest "Name — Role, Organisation" in the
        # list: the editor fits a 1024-pixel screen.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText("Type a name")
        line.setClearButtonEnabled(True)
        line.setMaxLength(NAME_MAX)  # a new name is saved as a person, whose name has this limit
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # A chosen "Name — Role, Organisation" is longer than the field: show its start
        # (the name), not the end of the organisation where the text cursor was left.
        self.currentIndexChanged.connect(self._show_the_name)
        completer.activated.connect(self._show_the_name)
        self.reload()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the field (Tab) shows the start of the text, the name, again."""
        super().focusOutEvent(event)
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)

    def _show_the_name(self, *_chosen: object) -> None:
        line = self.lineEdit()
        if line is not None and not line.hasSelectedText():
            line.setCursorPosition(0)
            # The completer writes its text after this signal: move again once it has.
            QTimer.singleShot(0, self, lambda: line.setCursorPosition(0))

    def reload(self, *, include_id: int | None = None) -> None:
        """List people, those with this picker's relationship first."""
        text = self.currentText()
        everyone = people.list_people(self.journal, with_counts=False)
        if include_id is not None and include_id not in {p.id for p in everyone}:
            everyone.append(people.get_person(self.journal, include_id))
        ordered = sorted(everyone, key=lambda p: (p.relationship != self.relationship, p.name))
        self.blockSignals(True)
        self.clear()
        for person in ordered:
            self.addItem(self._label(person), person.id)
            self.setItemData(self.count() - 1, person.name, NAME_ROLE)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)
        # The suggestions read whole (role and organisation tell namesakes apart), even
        # where the field is narrower than "Name — Role, Organisation".
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            metrics = self.fontMetrics()
            labels = (self.itemText(row) for row in range(self.count()))
            widest = max((metrics.horizontalAdvance(label) for label in labels), default=0)
            popup.setMinimumWidth(min(widest + 48, 900))

    @staticmethod
    def _label(person: PersonRead) -> str:
        return people.person_label(person)

    def person_id(self) -> int | None:
        """The chosen existing person, or None when the text names nobody known: the text
        is a person as the list shows them (name, role, organisation), or just a name (the
        first of that name, in the list's order)."""
        typed = " ".join(self.currentText().split())
        if not typed:
            return None
        index = self.findText(typed, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            names = [str(self.itemData(row, NAME_ROLE)).casefold() for row in range(self.count())]
            index = names.index(typed.casefold()) if typed.casefold() in names else -1
        return int(self.itemData(index)) if index >= 0 else None

    def new_name(self) -> str:
        """The typed name when it names nobody in the journal yet."""
        return "" if self.person_id() is not None else self.currentText().strip()

    def checked_id(self) -> int | None:
        """The id validation sees: the known person's, :data:`NEW_PERSON_ID` for a new name."""
        found = self.person_id()
        if found is None and self.new_name():
            return NEW_PERSON_ID
        return found

    def restore(self, person_id: object, name: object) -> None:
        """Choose whom a draft named: by id while they still exist, else by the typed name."""
        if isinstance(person_id, int) and person_id > 0 and self.findData(person_id) >= 0:
            self.set_person(person_id)
        else:
            self.setEditText(str(name))

    def set_person(self, person_id: int | None) -> None:
        if person_id is None:
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        index = self.findData(person_id)
        if index < 0:
            self.reload(include_id=person_id)
            index = self.findData(person_id)
        self.setCurrentIndex(index)


class NewPersonHint(QLabel):
    """Under a person picker: a newly typed name is added to People when the entry is saved."""

    def __init__(self, picker: PersonPicker, *, as_what: str) -> None:
        super().__init__()
        self.picker = picker
        self.as_what = as_what
        self.setWordWrap(True)
        self.setVisible(False)
        picker.editTextChanged.connect(self.update_text)

    def update_text(self, *_args: object) -> None:
        name = self.picker.new_name()
        self.setText(
            f"“{name}” is new: saving adds them to People as {self.as_what}." if name else ""
        )
        self.setVisible(bool(name))


class SkillChecklist(QWidget):
    """A check box per skill; archived skills appear only when the entry already uses them."""

    changed = Signal()

    def __init__(self, skills: list[SkillRead]) -> None:
        super().__init__()
        self._skills = skills
        self._boxes: dict[int, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for skill in skills:
            box = QCheckBox(skill.name.replace("&", "&&"))
            box.setAccessibleName(f"Skill: {skill.name}")
            box.setToolTip(skill.description)
            box.setVisible(not skill.archived)
            box.toggled.connect(self.changed)
            layout.addWidget(box)
            self._boxes[skill.id] = box
        first = next(iter(self._boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)

    def box(self, skill_id: int) -> QCheckBox:
        return self._boxes[skill_id]

    def checked_ids(self) -> list[int]:
        return [skill_id for skill_id, box in self._boxes.items() if box.isChecked()]

    def set_checked_ids(self, skill_ids: list[int]) -> None:
        for skill_id, box in self._boxes.items():
            box.setChecked(skill_id in skill_ids)
            if skill_id in skill_ids:
                box.setVisible(True)


class PeopleChecklist(QListWidget):
    """A checkable list of the journal's people; archived ones only when already chosen."""

    changed = Signal()

    def __init__(self, everyone: list[PersonRead]) -> None:
        super().__init__()
        self._items: dict[int, QListWidgetItem] = {}
        for person in everyone:
            item = QListWidgetItem(f"{person.name} ({person.relationship.label})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setHidden(person.archived)
            self.addItem(item)
            self._items[person.id] = item
        rows = max(3, min(6, len(self._items)))
        self.setMaximumHeight(self.sizeHintForRow(0) * rows + 8 if self._items else 60)
        self.itemChanged.connect(self.changed)

    def item_of(self, person_id: int) -> QListWidgetItem:
        return self._items[person_id]

    def checked_ids(self) -> list[int]:
        return [
            person_id
            for person_id, item in self._items.items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked_ids(self, person_ids: list[int]) -> None:
        for person_id, item in self._items.items():
            chosen = person_id in person_ids
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            if chosen:
                item.setHidden(False)
