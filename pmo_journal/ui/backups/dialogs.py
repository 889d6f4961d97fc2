"""The small dialogs of the Backups screen: where and how to export, what to import."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.services.exchange import ExportFormat

FORMATS = (
    ("json", "JSON — complete, for moving to another journal"),
    ("csv", "CSV files — one per entry kind, for a spreadsheet"),
    ("markdown", "Markdown — one readable document by month"),
)
SUFFIX = {"json": ".json", "csv": "", "markdown": ".md"}


@dataclass(frozen=True)
class ExportChoice:
    format: ExportFormat
    target: Path
    include_private: bool


class ExportDialog(QDialog):
    """Format, target (a file, or a folder for CSV) and whether private entries go too."""

    def __init__(self, suggested_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the journal")
        self.suggested_folder = suggested_folder
        self.format = QComboBox()
        for value, label in FORMATS:
            self.format.addItem(label, value)
        self.format.setAccessibleName("Format")
        self.target = QLineEdit()
        self.target.setAccessibleName("Export to")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(browse)
        self.include_private = QCheckBox("Include &private entries")
        form = QFormLayout()
        form.addRow("&Format", self.format)
        form.addRow("Export &to", where)
        form.addRow("", self.include_private)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.format.currentIndexChanged.connect(self._suggest)
        self.target.textChanged.connect(self._check)
        self._suggest()
        self.setMinimumWidth(520)

    def _suggest(self) -> None:
        value = self.format.currentData()
        name = "journal-export" if value == "csv" else f"journal{SUFFIX[value]}"
        self.target.setText(str(self.suggested_folder / name))

    def _check(self) -> None:
        self.ok_button.setEnabled(bool(self.target.text().strip()))

    def _browse(self) -> None:
        if self.format.currentData() == "csv":
            chosen = QFileDialog.getExistingDirectory(self, "Export CSV files to")
        else:
            chosen, _filter = QFileDialog.getSaveFileName(self, "Export to", self.target.text())
        if chosen:
            self.target.setText(chosen)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            self.format.currentData(),
            Path(self.target.text().strip()).expanduser(),
            self.include_private.isChecked(),
        )


def choose_export(parent: QWidget | None, suggested_folder: Path) -> ExportChoice | None:
    """Ask how to export (tests replace this)."""
    dialog = ExportDialog(suggested_folder, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_import_file(parent: QWidget | None) -> Path | None:
    """Ask which file to import (tests replace this)."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Import into the journal", "", "JSON exports (*.json);;All files (*)"
    )
    return Path(chosen) if chosen else None
