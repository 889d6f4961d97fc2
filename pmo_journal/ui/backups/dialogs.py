"""The small dialogs of the Backups screen: where and how to export, what to import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from pmo_journal.core.services.exchange import ExportFormat
from pmo_journal.ui import prompts

FORMATS = (
    ("json", "JSON — complete, for moving to another journal"),
    ("csv", "CSV files — one per entry kind, for a spreadsheet"),
    ("markdown", "Markdown — one readable document by month"),
)
SUFFIX = {"json": ".json", "csv": "", "markdown": ".md"}
# The core's sentence for what an export leaves out, given whether private entries go too.
LeftOutSentence = Callable[[bool], str]


@dataclass(frozen=True)
class ExportChoice:
    format: ExportFormat
    target: Path
    include_private: bool


class ExportDialog(QDialog):
    """Format, target (a file, or a folder for CSV) and whether private entries go too."""

    def __init__(
        self,
        suggested_folder: Path,
        parent: QWidget | None = None,
        *,
        left_out: LeftOutSentence,
    ) -> None:
        super().__init__(parent)
        self._left_out_sentence = left_out
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
        self.left_out = QLabel(wordWrap=True)
        self.left_out.setObjectName("leftOut")
        form = QFormLayout()
        form.addRow("&Format", self.format)
        # A row of a layout has no buddy for a plain "&to" to point at: name the field.
        where_label = QLabel("Export &to")
        where_label.setBuddy(self.target)
        form.addRow(where_label, where)
        form.addRow("", self.include_private)
        form.addRow("", self.left_out)
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
        self.include_private.toggled.connect(self._show_left_out)
        self._suggest()
        self._show_left_out()
        self.setMinimumWidth(520)

    def _suggest(self) -> None:
        value = self.format.currentData()
        name = "journal-export" if value == "csv" else f"journal{SUFFIX[value]}"
        self.target.setText(str(self.suggested_folder / name))

    def _show_left_out(self) -> None:
        self.left_out.setText(self._left_out_sentence(self.include_private.isChecked()))

    def _check(self) -> None:
        self.ok_button.setEnabled(bool(self.target.text().strip()))

    def _browse(self) -> None:
        if self.format.currentData() == "csv":
            chosen = prompts.choose_folder(self, "Export CSV files to", start=self.target.text())
        else:
            chosen = prompts.choose_save_file(self, "Export to", self.target.text())
        if chosen is not None:
            self.target.setText(str(chosen))

    def choice(self) -> ExportChoice:
        return ExportChoice(
            self.format.currentData(),
            Path(self.target.text().strip()).expanduser(),
            self.include_private.isChecked(),
        )


def choose_export(
    parent: QWidget | None, suggested_folder: Path, left_out: LeftOutSentence
) -> ExportChoice | None:
    """Ask how to export (tests replace this)."""
    dialog = ExportDialog(suggested_folder, parent, left_out=left_out)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
