"""File ▸ Sync…: the shared folder, this laptop's name, and sync on or off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.sync import SyncSettings
from pmo_journal.ui import prompts

EXPLANATION = (
    "Keep this journal the same on your other laptops through a folder you already sync "
    "(Dropbox, OneDrive, iCloud Drive, Syncthing or a USB stick). The journal itself stays "
    "on this laptop; each laptop adds small files of its own to the folder. "
    "An encrypted journal puts only encrypted files there."
)


@dataclass(frozen=True)
class SyncChoice:
    enabled: bool
    folder: Path | None
    device_name: str


class SyncDialog(QDialog):
    """Collects the settings; the caller turns sync on or off through the core."""

    def __init__(self, settings: SyncSettings, *, default_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sync with your other laptops")
        self.setMinimumWidth(520)
        about = QLabel(EXPLANATION)
        about.setWordWrap(True)
        self.enabled = QCheckBox("&Sync this journal")
        self.enabled.setChecked(settings.enabled)
        self.folder = QLineEdit(str(settings.folder) if settings.folder else "")
        self.folder.setPlaceholderText("A folder inside Dropbox, OneDrive, iCloud Drive…")
        self.folder.setAccessibleName("Shared folder")
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.device_name = QLineEdit(settings.device_name or default_name)
        self.device_name.setMaxLength(60)
        self.device_name.setAccessibleName("This laptop's name")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight);")
        form = QFormLayout()
        form.addRow("", self.enabled)
        folder_label = QLabel("Shared &folder")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, where)
        name_label = QLabel("This laptop's &name")
        name_label.setBuddy(self.device_name)
        form.addRow(name_label, self.device_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for signal in (self.enabled.toggled, self.folder.textChanged, self.device_name.textChanged):
            signal.connect(self._check)
        self._check()

    def _browse(self) -> None:
        chosen = prompts.choose_folder(self, "The folder to sync through", start=self.folder.text())
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _check(self) -> None:
        problem = ""
        if self.enabled.isChecked():
            text = self.folder.text().strip()
            if not text:
                problem = "Choose the shared folder."
            elif not Path(text).expanduser().is_dir():
                problem = "That folder does not exist; create it first or choose another."
            elif not self.device_name.text().strip():
                problem = "Give this laptop a name, so the others can tell it apart."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.folder.setEnabled(self.enabled.isChecked())
        self.device_name.setEnabled(self.enabled.isChecked())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def choice(self) -> SyncChoice:
        text = self.folder.text().strip()
        return SyncChoice(
            enabled=self.enabled.isChecked(),
            folder=Path(text).expanduser() if text else None,
            device_name=self.device_name.text().strip(),
        )
