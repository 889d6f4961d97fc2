"""Preview, print and save-as-PDF for any paintable document, each behind a patchable step,
and the row that offers to open what was saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from pmo_journal.report.layout import page_layout
from pmo_journal.report.options import Paper
from pmo_journal.ui import prompts

Paint = Callable[[QPagedPaintDevice], int]


def open_url(url: QUrl) -> bool:
    """Hand a file or folder to the desktop (tests replace this)."""
    return QDesktopServices.openUrl(url)


class SavedFile(QWidget):
    """Under a dialog that wrote a file: what was saved, with Open and Show in folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(self.show_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        self.setVisible(False)

    def show_file(self, path: Path, text: str) -> None:
        self.path = path
        self.label.setText(text)
        self.setVisible(True)
        self.open_button.setFocus()

    def open_file(self) -> None:
        """Open the file in the desktop's viewer; when none opens it, say so and offer its
        folder instead."""
        if self.path is None or open_url(QUrl.fromLocalFile(str(self.path))):
            return
        if prompts.ask(
            self,
            f"No program opened {self.path.name}.",
            detail="This computer has no program set to open PDF files. "
            "Show the file in its folder instead?",
            yes="Show in folder",
            no="Close",
            default=True,
        ):
            self.show_folder()

    def show_folder(self) -> None:
        if self.path is not None and not open_url(QUrl.fromLocalFile(str(self.path.parent))):
            prompts.tell(
                self,
                f"The folder could not be shown. The file is {self.path}",
                title="No file manager opened the folder",
            )


def make_printer(paper: Paper) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper))
    return printer


class PrintActions:
    """What the report and prep-sheet dialogs share. The file is chosen through
    ``prompts``; tests replace ``ask_print`` and ``run_preview``, the print dialogs."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.pages_painted = 0

    def _paint_counted(self, paint: Paint) -> Callable[[QPagedPaintDevice], None]:
        def painter(device: QPagedPaintDevice) -> None:
            self.pages_painted = paint(device)

        return painter

    # ------------------------------------------------------------------ patchable steps
    def ask_save_path(self, suggested: str) -> Path | None:
        return prompts.choose_save_file(
            self.parent, "Save as PDF", suggested, filters="PDF documents (*.pdf)", suffix=".pdf"
        )

    def ask_print(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self.parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def run_preview(self, dialog: QPrintPreviewDialog) -> None:
        dialog.exec()

    # ------------------------------------------------------------------ actions
    def preview(self, paint: Paint, *, paper: Paper, title: str) -> None:
        printer = make_printer(paper)
        dialog = QPrintPreviewDialog(printer, self.parent)
        dialog.setWindowTitle(title)
        dialog.paintRequested.connect(self._paint_counted(paint))
        self.run_preview(dialog)
        dialog.deleteLater()

    def print(self, paint: Paint, *, paper: Paper) -> bool:
        printer = make_printer(paper)
        if not self.ask_print(printer):
            return False
        self._paint_counted(paint)(printer)
        return True
