"""The self-rating control: five levels, with the chosen level's written descriptor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget


class RatingPicker(QWidget):
    """Levels 1–5 as radio buttons (arrow keys move between them) and a descriptor below."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._descriptors: list[str] = []
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        for level in range(1, 6):
            button = QRadioButton(str(level))
            button.setAccessibleName(f"Level {level}")
            self.group.addButton(button, level)
            row.addWidget(button)
        row.addStretch(1)
        self.descriptor = QLabel("Choose the level that describes you today.")
        self.descriptor.setWordWrap(True)
        self.descriptor.setMinimumHeight(self.descriptor.fontMetrics().lineSpacing() * 3)
        self.descriptor.setAccessibleName("Level descriptor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.descriptor)
        first = self.group.button(1)
        self.setFocusProxy(first)
        # Its label's mnemonic (Alt+T, "Self-ra&ting") focuses only a buddy that takes focus;
        # the focus then lands on the chosen level (or the first), as Tab does.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group.idToggled.connect(self._on_toggled)

    def set_descriptors(self, descriptors: list[str]) -> None:
        self._descriptors = descriptors
        for level in range(1, 6):
            button = self.group.button(level)
            text = descriptors[level - 1] if len(descriptors) == 5 else ""
            button.setToolTip(text)
            button.setAccessibleDescription(text)
        self._show_descriptor()

    def value(self) -> int | None:
        level = self.group.checkedId()
        return level if level > 0 else None

    def set_value(self, level: int | None) -> None:
        if level is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
        else:
            self.group.button(level).setChecked(True)
        self._show_descriptor()

    def _on_toggled(self, level: int, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.group.button(level))
            self._show_descriptor()
            self.changed.emit()

    def _show_descriptor(self) -> None:
        level = self.value()
        if level is None:
            self.descriptor.setText("Choose the level that describes you today.")
        elif len(self._descriptors) == 5:
            self.descriptor.setText(f"<b>Level {level}.</b> {self._descriptors[level - 1]}")
        else:
            self.descriptor.setText(f"<b>Level {level}.</b> This skill has no written levels.")
