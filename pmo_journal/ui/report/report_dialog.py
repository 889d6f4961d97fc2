"""The progress report dialog: period, sections, title page, privacy; preview, print, PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSettings, QSize, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.disclosure import DisclosureChoice, left_out
from pmo_journal.core.services.timeline import TimelineFilter, count_timeline
from pmo_journal.core.tasks import Cancelled, Progress
from pmo_journal.core.validation import JournalError
from pmo_journal.report.build import build_report
from pmo_journal.report.document import ReportDocument
from pmo_journal.report.layout import report_font_family
from pmo_journal.report.options import (
    Paper,
    PeriodPreset,
    ReportOptions,
    Section,
    TitlePage,
    preset_period,
)
from pmo_journal.report.output import check_output_path
from pmo_journal.report.render import paint_report, save_report_pdf
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dates import DateEdit
from pmo_journal.ui.operations import Failure, Operation, run_operation
from pmo_journal.ui.report.printing import PrintActions, SavedFile

SETTINGS_GROUP = "report"
#: Room left around the dialog on a small screen (the title bar, a panel).
SCREEN_MARGIN = QSize(24, 64)
PRIVATE_WARNING = "Private entries will be printed: read the report before you share it."
ERROR_STYLE = "color: #a23b2a;"
EMPTY_PERIOD = (
    "No entries fall in this period: the report would still have every section you chose, "
    "with counts of zero and nothing to quote."
)
Action = Callable[[Any], None]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportDialog(QDialog):
    """Builds the report off the GUI thread, then previews, prints or saves it."""

    def __init__(
        self,
        context: JournalContext,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today or clock.today()
        self.printing = PrintActions(self)
        self.job: Operation | None = None
        self._pending: Action | None = None
        self.saved_path: Path | None = None
        self.setWindowTitle("Progress report")
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        # The choices scroll on a short screen; progress, status and buttons stay in view.
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self._period_box())
        form.addWidget(self._sections_box())
        form.addWidget(self._own_words_box())
        form.addWidget(self._title_box())
        form.addWidget(self._options_box())
        form.addStretch(1)
        self.form_area = QScrollArea()
        self.form_area.setWidget(self.form)
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.form_area, 1)
        layout.addLayout(self._progress_row())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.saved_file = SavedFile()
        layout.addWidget(self.saved_file)
        layout.addWidget(self._buttons())
        self._restore_settings()
        self._on_preset_changed()
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._show_left_out)
            edit.dateChanged.connect(self._on_period_changed)
            edit.refused.connect(self.status.setText)
        self._show_left_out()
        self._summary_period = self._period_key()
        self.summary_edit.setPlainText(self._stored_summary(self._summary_period))
        screen = (parent or self).screen()
        self.fit_within(screen.availableGeometry().size() - SCREEN_MARGIN)

    def fit_within(self, room: QSize) -> None:
        """As tall as the whole form, or as the screen's ``room`` allows (the form scrolls)."""
        bar = self.form_area.verticalScrollBar().sizeHint().width()
        around = self.sizeHint().height() - self.form_area.sizeHint().height()
        wanted = QSize(
            max(self.minimumWidth(), self.form.sizeHint().width() + bar + 24),
            self.form.sizeHint().height() + around,
        )
        self.resize(wanted.boundedTo(room))

    # ------------------------------------------------------------------ building the form
    def _period_box(self) -> QGroupBox:
        box = QGroupBox("Review period")
        row = QHBoxLayout(box)
        self.preset = QComboBox()
        for preset in PeriodPreset:
            self.preset.addItem(preset.label, preset.value)
        self.preset.setCurrentIndex(list(PeriodPreset).index(PeriodPreset.HALF_YEAR))
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.date_from = DateEdit()
        self.date_to = DateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setMaximumDate(_qdate(self.today))
        row.addWidget(self.preset, 1)
        row.addWidget(QLabel("from"))
        row.addWidget(self.date_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.date_to)
        return box

    def _sections_box(self) -> QGroupBox:
        box = QGroupBox("Sections")
        grid = QGridLayout(box)
        self.section_boxes: dict[Section, QCheckBox] = {}
        story = [section for section in Section if not section.is_log]
        for index, section in enumerate(story):
            check = QCheckBox(section.label)
            check.setChecked(True)
            self.section_boxes[section] = check
            grid.addWidget(check, index // 2, index % 2)
        row = (len(story) + 1) // 2
        self.appendix = QCheckBox("Appendi&x with the full logs:")
        self.appendix.setToolTip(
            "Every mentor session, helper assignment, reflection and action item of the "
            "period, after the summary. Off, the report gives counts."
        )
        grid.addWidget(self.appendix, row, 0, 1, 2)
        for index, section in enumerate(s for s in Section if s.is_log):
            check = QCheckBox(section.label)
            check.setChecked(True)
            check.setEnabled(False)
            self.section_boxes[section] = check
            grid.addWidget(check, row + 1 + index // 2, index % 2)
        self.appendix.toggled.connect(self._on_appendix_toggled)
        return box

    def _own_words_box(self) -> QGroupBox:
        box = QGroupBox("In your own words")
        column = QVBoxLayout(box)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setPlaceholderText(
            "Printed first: what this period meant — your impact, what you learned, what "
            "comes next. Remembered for this period."
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        column.addWidget(self.summary_edit)
        return box

    def _title_box(self) -> QGroupBox:
        box = QGroupBox("Title page")
        form = QFormLayout(box)
        self.name_edit = QLineEdit(placeholderText="e.g. Alex Morgan")
        self.role_edit = QLineEdit(placeholderText="e.g. Senior project manager")
        self.reviewer_edit = QLineEdit(placeholderText="e.g. Jordan Lee, Head of PMO")
        form.addRow("Your &name:", self.name_edit)
        form.addRow("Your &role:", self.role_edit)
        form.addRow("Revie&wer:", self.reviewer_edit)
        return box

    def _options_box(self) -> QGroupBox:
        box = QGroupBox("Printing")
        form = QFormLayout(box)
        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(paper.label, paper.value)
        form.addRow("Pap&er:", self.paper)
        self.include_private = QCheckBox("Include &private entries")
        self.include_private.toggled.connect(self._on_private_toggled)
        self.private_warning = QLabel(f"⚠ {PRIVATE_WARNING}")
        self.private_warning.setWordWrap(True)
        self.private_warning.setStyleSheet(f"{ERROR_STYLE} font-weight: 600;")
        self.private_warning.setVisible(False)
        self.anonymise = QCheckBox("&Anonymise people (Mentor A, PMO leader B, … for names)")
        self.left_out = QLabel(wordWrap=True)
        self.left_out.setObjectName("leftOut")
        form.addRow(self.include_private)
        form.addRow(self.private_warning)
        form.addRow(self.anonymise)
        form.addRow(self.left_out)
        return box

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_build)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        for widget in (self.progress, self.progress_label, self.cancel_button):
            widget.setVisible(False)
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Pre&view…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton("Pr&int…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            "&Save as PDF…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setDefault(True)
        return buttons

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        self.name_edit.setText(str(settings.value("name", "")))
        self.role_edit.setText(str(settings.value("role", "")))
        self.reviewer_edit.setText(str(settings.value("reviewer", "")))
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.value("paper", "a4"))))
        settings.endGroup()

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("name", self.name_edit.text().strip())
        settings.setValue("role", self.role_edit.text().strip())
        settings.setValue("reviewer", self.reviewer_edit.text().strip())
        settings.setValue("paper", self.paper.currentData())
        settings.endGroup()
        self._store_summary(self._period_key())

    # The summary in the author's own words is remembered for each period.
    def _period_key(self) -> str:
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return f"{SETTINGS_GROUP}/summary/{start.isoformat()}_{end.isoformat()}"

    def _stored_summary(self, key: str) -> str:
        return str(QSettings().value(key, "") or "")

    def _store_summary(self, key: str) -> None:
        text = self.summary_edit.toPlainText().strip()
        settings = QSettings()
        if text or settings.contains(key):
            settings.setValue(key, text)

    # ------------------------------------------------------------------ reactions
    @Slot()
    def _on_preset_changed(self) -> None:
        preset = PeriodPreset(self.preset.currentData())
        custom = preset == PeriodPreset.CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            start, end = preset_period(preset, today=self.today)
            self.date_from.setDate(_qdate(start))
            self.date_to.setDate(_qdate(end))

    @Slot()
    def _on_period_changed(self) -> None:
        """Keep what was written for the period left, and show what was written for this one."""
        key = self._period_key()
        if key == self._summary_period:
            return
        self._store_summary(self._summary_period)
        self._summary_period = key
        self.summary_edit.setPlainText(self._stored_summary(key))

    @Slot(bool)
    def _on_appendix_toggled(self, checked: bool) -> None:
        for section, check in self.section_boxes.items():
            if section.is_log:
                check.setEnabled(checked)

    @Slot(bool)
    def _on_private_toggled(self, checked: bool) -> None:
        self.private_warning.setVisible(checked)
        self._show_left_out()
        self.adjustSize()

    @Slot()
    def _show_left_out(self) -> None:
        """Say, before anything is written, what the report leaves out (the core's words)."""
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        choice = DisclosureChoice(include_private=self.include_private.isChecked())
        sentence = left_out(self.context.journal, choice, since=start, until=end).sentence()
        if start <= end and not count_timeline(
            self.context.journal,
            TimelineFilter(
                date_from=start,
                date_to=end,
                private=None if choice.include_private else False,
            ),
        ):
            sentence = f"{EMPTY_PERIOD} {sentence}".strip()
        self.left_out.setText(sentence)

    def options(self) -> ReportOptions:
        """What the form asks for; raises :class:`JournalError` for an inverted period."""
        for edit in (self.date_from, self.date_to):
            edit.check_typed_date()  # a date still being typed (Ctrl+P, Enter): checked now
        return ReportOptions(
            start=_pydate(self.date_from.date()),
            end=_pydate(self.date_to.date()),
            sections=frozenset(s for s, check in self.section_boxes.items() if check.isChecked()),
            include_private=self.include_private.isChecked(),
            anonymise=self.anonymise.isChecked(),
            title=TitlePage(
                name=self.name_edit.text().strip(),
                role=self.role_edit.text().strip(),
                reviewer=self.reviewer_edit.text().strip(),
            ),
            paper=Paper(self.paper.currentData()),
            prepared_on=self.today,
            summary=self.summary_edit.toPlainText().strip(),
            appendix=self.appendix.isChecked(),
        )

    # ------------------------------------------------------------------ the three actions
    @Slot()
    def preview(self) -> None:
        self._build_then(
            lambda document: self.printing.preview(
                lambda device: paint_report(document, device),
                paper=document.options.paper,
                title="Progress report preview",
            )
        )

    @Slot()
    def print_report(self) -> None:
        def send(document: ReportDocument) -> None:
            if self.printing.print(
                lambda device: paint_report(document, device), paper=document.options.paper
            ):
                self._say(f"Sent {self.printing.pages_painted} pages to the printer.")

        self._build_then(send)

    @Slot()
    def save_pdf(self) -> None:
        try:
            options = self.options()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        suggested = f"Progress report {options.start.isoformat()} to {options.end.isoformat()}.pdf"
        path = self.printing.ask_save_path(suggested)
        if path is None:
            return
        try:
            check_output_path(path)  # before the work, not after it
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        # Laying out and writing a long report takes a while, so the worker does that too
        # (Qt 6 lays out and paints text on any thread).
        self._build_then(
            lambda pages: self._saved(path, pages),
            write=lambda document: save_report_pdf(document, path),
        )

    def _saved(self, path: Path, pages: int) -> None:
        self.saved_path = path
        self._say("")
        self.saved_file.show_file(path, f"Saved {pages} pages to {path}.")

    # ------------------------------------------------------------------ building off-thread
    def _build_then(
        self, action: Callable[[Any], None], *, write: Callable[[ReportDocument], Any] | None = None
    ) -> None:
        """Build the report in the worker (and ``write`` it there too, if given), then hand
        the document (or what ``write`` returned) to ``action`` on the GUI thread."""
        if self.job is not None:
            return
        try:
            options = self.options()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self._save_settings()
        journal = self.context.journal
        self._pending = action
        report_font_family()  # registered on the GUI thread, before any worker lays out text

        def work(progress: Progress, cancelled: Cancelled) -> Any:
            document = build_report(journal, options, progress=progress, cancelled=cancelled)
            if write is None:
                return document
            progress(1.0, "Writing the PDF…")
            return write(document)

        self._set_busy(True)
        self.job = run_operation(
            self,
            work,
            title="The report could not be made",
            on_success=self._on_built,
            on_failure=self._on_failed,
            on_progress=self._on_progress,
        )

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.progress, self.progress_label, self.cancel_button):
            widget.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(busy)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)
        if busy:
            self._say("")

    @Slot()
    def cancel_build(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self.progress_label.setText(message)

    def _finish_job(self) -> Action | None:
        action, self._pending, self.job = self._pending, None, None
        self._set_busy(False)
        return action

    def _on_built(self, result: Any) -> None:
        action = self._finish_job()
        if action is not None:
            action(result)

    def _on_failed(self, failure: Failure) -> None:
        self._finish_job()
        if failure.cancelled:
            self._say("Cancelled; nothing was printed or saved.")
        else:
            self._say(failure.message, error=True)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_job()
        super().closeEvent(event)

    def reject(self) -> None:
        self._stop_job()
        super().reject()

    def _stop_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait(10)


def open_report_dialog(parent: QWidget | None, context: JournalContext) -> QDialog:
    """Show the progress report dialog (the File ▸ Progress report… hook)."""
    dialog = ReportDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
