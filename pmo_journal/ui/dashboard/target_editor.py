"""A small control beside the radar: the target level the user wants for each skill."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from pmo_journal.core.models import SkillRead
from pmo_journal.core.services import career
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.context import JournalContext

NO_TARGET = "No target"


class TargetEditor(QWidget):
    """Choose a skill, then its target level; saving is immediate and emits ``changed``."""

    target_saved = Signal(int, object)  # skill id, level (None for no target)

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.skills: list[SkillRead] = []
        self.skill = QComboBox()
        self.skill.setAccessibleName("Skill")
        # A few words wide, not the longest skill's name (the list shows it whole): the
        # radar's column stays as narrow as its neighbour's on a laptop screen.
        self.skill.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.skill.setMinimumContentsLength(12)
        self.level = QComboBox()
        self.level.setAccessibleName("Target level")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        label = QLabel("Target for")
        label.setBuddy(self.skill)
        layout.addWidget(label)
        layout.addWidget(self.skill, 1)
        layout.addWidget(self.level)
        layout.addWidget(self.message)
        self.skill.currentIndexChanged.connect(self._show_level)
        self.level.currentIndexChanged.connect(self._save)
        self.reload()

    def reload(self) -> None:
        """Re-read the skills (names and targets may have changed elsewhere)."""
        chosen = self.skill.currentData()
        self.skills = list_skills(self.context.journal)
        self.skill.blockSignals(True)
        self.skill.clear()
        for skill in self.skills:
            self.skill.addItem(skill.name, skill.id)
        index = self.skill.findData(chosen)
        self.skill.setCurrentIndex(max(index, 0))
        self.skill.blockSignals(False)
        self._show_level()

    def _current(self) -> SkillRead | None:
        index = self.skill.currentIndex()
        return self.skills[index] if 0 <= index < len(self.skills) else None

    def _show_level(self) -> None:
        skill = self._current()
        self.level.blockSignals(True)
        self.level.clear()
        self.level.addItem(NO_TARGET, None)
        for level in range(1, 6):
            self.level.addItem(f"Level {level}", level)
            if skill is not None and len(skill.descriptors) == 5:
                self.level.setItemData(
                    level, skill.descriptors[level - 1], Qt.ItemDataRole.ToolTipRole
                )
        target = skill.target_level if skill else None
        self.level.setCurrentIndex(self.level.findData(target) if target else 0)
        self.level.blockSignals(False)

    def _save(self, _index: int = 0) -> None:
        skill = self._current()
        if skill is None:
            return
        level = self.level.currentData()
        try:
            self.context.do(
                "Set skill target",
                lambda: career.set_skill_target(
                    self.context.journal, skill_id=skill.id, level=level
                ),
            )
        except JournalError as error:
            self.message.setText(str(error))
            return
        self.message.setText("")
        self.target_saved.emit(skill.id, level)
