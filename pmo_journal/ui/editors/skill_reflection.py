"""The skill reflection editor: a self-rating against written levels, with evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from pmo_journal.core import clock
from pmo_journal.core.changes import Outcome
from pmo_journal.core.models import (
    EntryKind,
    SkillReflectionCreate,
    SkillReflectionRead,
    SkillReflectionUpdate,
)
from pmo_journal.core.services import entries, reflections, skills
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import date_edit, from_qdate, to_qdate
from pmo_journal.ui.drafts import draft_date
from pmo_journal.ui.editors.base import EntryDialog, details_form, writing_column
from pmo_journal.ui.editors.fields import prompt, text_edit
from pmo_journal.ui.editors.rating import RatingPicker

WRITING_FIELDS = (
    ("situation", "S&ituation"),
    ("action", "A&ction"),
    ("result", "&Result"),
    ("learned", "What I &learned"),
    ("next_step", "&Next step"),
)


class SkillReflectionDialog(EntryDialog):
    """Rate yourself on one skill and write down the evidence behind the rating."""

    noun = "reflection"

    def __init__(
        self,
        context: JournalContext,
        *,
        entry_id: int | None = None,
        skill_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        existing = self.open_entry(
            entry_id,
            create=SkillReflectionCreate,
            update=SkillReflectionUpdate,
            get=reflections.get_skill_reflection,
            title="skill reflection",
        )
        self._skills = {
            s.id: s
            for s in skills.list_skills(self.journal, include_archived=True)
            if not s.archived or (existing is not None and existing.skill_id == s.id)
        }

        details = details_form()
        self.date = date_edit()
        self.date.setMaximumDate(to_qdate(clock.today()).addYears(1))
        self.field("date", "&Date", self.date, form=details)
        self.skill = QComboBox()
        for skill in self._skills.values():
            self.skill.addItem(skill.name, skill.id)
        self.field("skill_id", "S&kill", self.skill, form=details)
        self.rating = RatingPicker()
        self.field("rating", "Self-ra&ting", self.rating, form=details)

        writing = writing_column()
        self.texts = {}
        for name, label in WRITING_FIELDS:
            edit = text_edit(prompt("skill_reflection", name), lines=2)
            self.text_field(name, label, edit, column=writing)
            self.texts[name] = edit

        self.files_field(EntryKind.SKILL_REFLECTION.value, column=writing)
        self.finish_columns(details, writing)

        self.skill.currentIndexChanged.connect(self._show_levels)
        if existing is not None:
            self._load(existing)
        elif skill_id is not None and skill_id in self._skills:
            self.skill.setCurrentIndex(self.skill.findData(skill_id))
        self._show_levels()
        self.loaded()

    def _show_levels(self) -> None:
        skill = self._skills.get(self.skill.currentData())
        self.rating.set_descriptors(skill.descriptors if skill else [])

    def _load(self, entry: SkillReflectionRead) -> None:
        self.date.setDate(to_qdate(entry.date))
        self.skill.setCurrentIndex(self.skill.findData(entry.skill_id))
        self.rating.set_value(entry.rating)
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(entry, name))
        self.set_flags(starred=entry.starred, private=entry.private)

    def load_draft(self, payload: dict[str, Any]) -> None:
        """Fill the fields from an autosaved draft (see :mod:`pmo_journal.ui.drafts`)."""
        if (date := draft_date(payload, "date")) is not None:
            self.date.setDate(to_qdate(date))
        if payload.get("skill_id") in self._skills:
            self.skill.setCurrentIndex(self.skill.findData(payload["skill_id"]))
        rating = payload.get("rating")
        self.rating.set_value(rating if isinstance(rating, int) and 1 <= rating <= 5 else None)
        for name, edit in self.texts.items():
            edit.setPlainText(str(payload.get(name, "")))
        self.set_flags(starred=bool(payload.get("starred")), private=bool(payload.get("private")))
        self.restored()

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "date": from_qdate(self.date.date()),
            **{name: edit.toPlainText() for name, edit in self.texts.items()},
            **self.flags(),
        }
        if self.skill.currentData() is not None:
            data["skill_id"] = self.skill.currentData()
        if self.rating.value() is not None:
            data["rating"] = self.rating.value()
        return data

    def save_entry(self) -> Outcome[SkillReflectionRead]:
        return entries.save_skill_reflection(self.journal, entry_id=self.entry_id, data=self.data())
