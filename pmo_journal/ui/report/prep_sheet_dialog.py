"""The mentor-session prep sheet: pick a mentor, then preview, print or save one page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.disclosure import DisclosureChoice, left_out
from pmo_journal.core.models import Relationship
from pmo_journal.core.services.holder import holder
from pmo_journal.core.services.people import get_person, list_people, person_label
from pmo_journal.core.tasks import Cancelled, Progress
from pmo_journal.core.validation import JournalError
from pmo_journal.report.layout import report_font_family
from pmo_journal.report.options import Paper
from pmo_journal.report.prep_sheet import (
    PrepSheet,
    build_prep_sheet,
    paint_prep_sheet,
    save_prep_sheet_pdf,
)
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.operations import Operation, run_operation
from pmo_journal.ui.report.printing import PrintActions
from pmo_journal.ui.report.report_dialog import ERROR_STYLE, SETTINGS_GROUP


class PrepSheetDialog(QDialog):
    """Small and quick: the sheet is built on demand (a few queries, no charts)."""

    def __init__(
        self,
        context: JournalContext,
        mentor_id: int | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today or clock.today()
        self.printing = PrintActions(self)
        self.saved_path: Path | None = None
        self.saving: Operation | None = None
        self.setWindowTitle("Mentor session prep sheet")
        self.setMinimumWidth(420)

        self.mentor = QComboBox()
        mentors = list_people(context.journal, relationship=Relationship.MENTOR)
        if mentor_id is not None and all(m.id != mentor_id for m in mentors):
            mentors.append(get_person(context.journal, mentor_id))  # e.g. an archived mentor
        for person in mentors:
            self.mentor.addItem(person_label(person), person.id)
        if mentor_id is not None:
            self.mentor.setCurrentIndex(self.mentor.findData(mentor_id))
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(paper.label, paper.value)
        remembered = QSettings().value(f"{SETTINGS_GROUP}/paper", Paper.A4.value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(remembered)))
        self.ask = QPlainTextEdit()
        self.ask.setObjectName("ask")
        self.ask.setTabChangesFocus(True)
        self.ask.setPlaceholderText(
            "A decision to talk through, advice you need, feedback to ask for"
        )
        self.ask.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.include_private = QCheckBox("Include &private entries")
        self.anonymise = QCheckBox("&Anonymise people (Mentor A, PMO leader B, …)")
        self.left_out = QLabel(wordWrap=True)
        self.left_out.setObjectName("leftOut")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("&Mentor:", self.mentor)
        form.addRow("&What I want from\nthis session:", self.ask)
        form.addRow("Pap&er:", self.paper)
        form.addRow(self.include_private)
        form.addRow(self.anonymise)
        form.addRow(self.left_out)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Pre&view…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton("P&rint…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            "&Save as PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "One page for your next session: what you want from it, the open action "
                "items, your wins and goals since the last session, its takeaways, and room "
                "for notes.",
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.mentor.currentIndexChanged.connect(self._show_left_out)
        self.mentor.currentIndexChanged.connect(self._restore_ask)
        self._restore_ask()
        self.include_private.toggled.connect(self._show_left_out)
        self._show_left_out()
        if self.mentor.count() == 0:
            self._say("Add a mentor on the People screen first.")

    def _show_left_out(self) -> None:
        """Say what the sheet leaves out; a sheet it may not print can't be asked for."""
        printable = self.mentor.count() > 0
        sentence = left_out(self.context.journal, self.choice()).sentence()
        if printable:
            try:
                self.sheet()
            except JournalError as exc:
                printable, sentence = False, str(exc)
        self.left_out.setText(sentence)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(printable)

    def _ask_key(self) -> str:
        return f"{SETTINGS_GROUP}/prep_ask_{self.mentor.currentData()}"

    @Slot()
    def _restore_ask(self) -> None:
        """What the user wanted from the next session with this mentor, as last typed."""
        if self.mentor.count():
            self.ask.setPlainText(str(QSettings().value(self._ask_key(), "")))

    def _remember_ask(self) -> None:
        if self.mentor.count():
            QSettings().setValue(self._ask_key(), self.ask.toPlainText().strip())

    def sheet(self) -> PrepSheet:
        return build_prep_sheet(
            self.context.journal,
            int(self.mentor.currentData()),
            today=self.today,
            choice=self.choice(),
            ask=self.ask.toPlainText(),
            author=holder(self.context.journal).name,
        )

    def choice(self) -> DisclosureChoice:
        return DisclosureChoice(
            include_private=self.include_private.isChecked(),
            anonymise=self.anonymise.isChecked(),
        )

    def _paper(self) -> Paper:
        return Paper(self.paper.currentData())

    @Slot()
    def preview(self) -> None:
        self._remember_ask()
        sheet = self.sheet()
        self.printing.preview(
            lambda device: paint_prep_sheet(sheet, device),
            paper=self._paper(),
            title=f"Prep sheet for {sheet.mentor}",
        )

    @Slot()
    def print_sheet(self) -> None:
        self._remember_ask()
        sheet = self.sheet()
        if self.printing.print(lambda device: paint_prep_sheet(sheet, device), paper=self._paper()):
            self._say("Sent to the printer.")

    @Slot()
    def save_pdf(self) -> None:
        """Build and write the PDF off the GUI thread; the buttons wait until it is done."""
        journal, mentor_id = self.context.journal, int(self.mentor.currentData())
        name = self.mentor.currentText()
        stem = f"Prep sheet {name} {self.today.isoformat()}.pdf"
        path = self.printing.ask_save_path(stem)
        if path is None:
            return
        today, choice, paper = self.today, self.choice(), self._paper()
        ask, author = self.ask.toPlainText(), holder(journal).name
        self._remember_ask()
        report_font_family()  # registered on the GUI thread, before the worker lays out text

        def work(_progress: Progress, _cancelled: Cancelled) -> int:
            sheet = build_prep_sheet(
                journal, mentor_id, today=today, choice=choice, ask=ask, author=author
            )
            return save_prep_sheet_pdf(sheet, path, paper=paper)

        self._set_busy(True)
        self.saving = run_operation(
            self,
            work,
            title="The prep sheet could not be saved",
            on_success=lambda _pages: self._saved(path),
            on_failure=lambda failure: self._say(failure.message, error=True),
            on_finished=lambda: self._set_busy(False),
        )

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self._say(f"Saved to {path}.")

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.saving = None
            self._show_left_out()
            return
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(False)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(message)


def open_prep_sheet(
    parent: QWidget | None, context: JournalContext, mentor_id: int | None = None
) -> PrepSheetDialog:
    """Show the prep-sheet dialog for ``mentor_id`` (the People screen's and dashboard's hook)."""
    dialog = PrepSheetDialog(context, mentor_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
