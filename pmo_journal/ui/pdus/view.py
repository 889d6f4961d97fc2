"""The PDU ledger screen: a cycle's progress against PMI's rules, its claims and suggestions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes
from pmo_journal.core.models import (
    CertificationCycleCreate,
    CertificationCycleRead,
    EntryKind,
    PduClaimCreate,
)
from pmo_journal.core.pdus.audit import audit_claims, write_audit_csv
from pmo_journal.core.pdus.rules import format_pdus, pdu_count
from pmo_journal.core.services import pdu_suggestions, pdus
from pmo_journal.core.services.attachments import PDU_CLAIM
from pmo_journal.core.services.holder import holder, remember_holder
from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.evidence_files import EvidenceFilesPanel
from pmo_journal.ui.formats import show_date, show_number
from pmo_journal.ui.heading import ScreenHeader
from pmo_journal.ui.operations import Failure, Operation, run_operation
from pmo_journal.ui.pdus.audit_pack_dialog import AuditPackDialog
from pmo_journal.ui.pdus.bars import RequirementBars, bar_rows
from pmo_journal.ui.pdus.claim_editor import ClaimEditor
from pmo_journal.ui.pdus.claims_model import (
    ACTIVITY,
    CATEGORY,
    COUNTED,
    DATE,
    DESCRIPTION,
    EVIDENCE,
    PDUS,
    SPLIT,
    ClaimTableModel,
)
from pmo_journal.ui.pdus.cycle_editor import CycleEditor
from pmo_journal.ui.pdus.look import caps_style, note_style, pace_style
from pmo_journal.ui.pdus.suggestions_model import SuggestionListModel
from pmo_journal.ui.report.printing import SavedFile
from pmo_journal.ui.wrapped_text import WrappedText

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(
    entries=frozenset({EntryKind.MENTOR_SESSION, EntryKind.HELPER_ASSIGNMENT}),
    people=True,
    skills=True,
    claims=True,
)


#: The least the claims' Description keeps (in average characters) before the Category
#: column gives way, and that the claims take from the suggestions beside them.
DESCRIPTION_CHARS = 32
#: The claims' share of the row they share with the suggestions, when both fit.
CLAIMS_SHARE = 0.6


def cycle_text(cycle: CertificationCycleRead) -> str:
    """A cycle as the picker names it: "PMP 3 Jun 2025 – 2 Jun 2028", the locale's dates."""
    return f"{cycle.certification} {show_date(cycle.start_date)} – {show_date(cycle.end_date)}"


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button


class PduView(QWidget):
    """PMP renewal ledger. Register it with ``window.add_screen("pdus", "PDUs", PduView(ctx))``."""

    def __init__(self, context: JournalContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ledger: CycleLedger | None = None
        self.audit_pack: Operation | None = None
        self._wanted_cycle: int | None = None
        self.claims_model = ClaimTableModel()
        self.suggestions_model = SuggestionListModel()
        self._pace_short = False
        self._build()
        self._restyle()
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def _restyle(self) -> None:
        """Text colours for the current palette (again whenever it changes)."""
        for label in (self.legend, self.source):
            label.setStyleSheet(note_style(self, small=True))
        for note in (self.calendar, self.suggestion_hint):
            note.setStyleSheet(note_style(self))
        self.caps.setStyleSheet(caps_style(self))
        self.pace.setStyleSheet(pace_style(self, falls_short=self._pace_short))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.claims_table.viewport():
                self._fit_claim_columns()
            elif watched is self.claims_row:
                self._share_lower.start()
        return False

    def _claim_columns_width(self, columns: list[int]) -> int:
        table, header = self.claims_table, self.claims_table.horizontalHeader()
        return sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns)

    def _description_width(self) -> int:
        return DESCRIPTION_CHARS * self.claims_table.fontMetrics().averageCharWidth()

    def _fit_claim_columns(self) -> None:
        """The figures fit their content and the description takes the rest; on a narrow
        ledger the Category gives way (the activity's tooltip names it) so the description
        keeps room to be read."""
        used = self._claim_columns_width([CATEGORY, DATE, ACTIVITY, PDUS, COUNTED])
        room = self.claims_table.viewport().width() - used
        self.claims_table.setColumnHidden(CATEGORY, room < self._description_width())

    def _share_lower_row(self) -> None:
        """The claims take what their figures and a readable description need (at least
        their share), the suggestions the rest down to what they need."""
        total = sum(self.claims_row.sizes())
        if total <= 0:
            return
        around = self.claims_box.width() - self.claims_table.viewport().width()
        needed = around + self._claim_columns_width([DATE, ACTIVITY, PDUS, COUNTED])
        claims = max(needed + self._description_width(), round(total * CLAIMS_SHARE))
        claims = min(claims, total - self.suggestions_box.minimumSizeHint().width())
        if self.claims_row.sizes()[0] != claims:
            self.claims_row.setSizes([claims, total - claims])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "pace"):
            self._restyle()
        super().changeEvent(event)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.cycle_picker = QComboBox()
        # As wide as its cycle's dates when there is room; with a larger font on a small
        # screen it elides ("PMP 2 Jun 2025 – 1 Ju…", whole in its list) rather than widen
        # the window.
        self.cycle_picker.setMinimumWidth(self.fontMetrics().averageCharWidth() * 20)
        self.cycle_picker.currentIndexChanged.connect(self._show_cycle)
        self.new_cycle_button = _button("New cycle…", self.new_cycle)
        self.edit_cycle_button = _button("Edit cycle…", self.edit_cycle)
        self.current_button = _button("Make current", self.make_current)
        self.csv_button = _button("Export CSV…", self.export_csv)
        self.pdf_button = _button("Audit pack PDF…", self.export_pdf)
        # The title, and under it the cycle with its actions, then the exports.
        # The picker names its cycle ("PMP 3 Jun 2025 – 2 Jun 2028"): no label beside it,
        # so the row fits a laptop screen.
        self.cycle_picker.setAccessibleName("Cycle")
        self.cycle_picker.setToolTip("The certification cycle shown")
        top = ScreenHeader("PDUs")
        top.add(self.cycle_picker)
        top.add(self.new_cycle_button, self.edit_cycle_button, self.current_button)
        top.add_gap()
        top.add(self.csv_button, self.pdf_button)
        top.end()

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(self._build_ledger())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(top)
        # What the last export wrote, with Open and Show in folder.
        self.saved_file = SavedFile()
        layout.addWidget(self.saved_file)
        layout.addWidget(self.stack, 1)

    def _build_empty(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            "<h3>No certification cycle yet</h3>"
            "<p>Add your PMP cycle (from the day you were certified or last renewed) and the "
            "journal keeps your PDU ledger: mentor sessions become Education, mentoring and "
            "PMO help become Giving Back.</p>"
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(_button("Add my cycle…", self.new_cycle), 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    def _build_ledger(self) -> QWidget:
        self.bars = RequirementBars()
        self.needs = QLabel(wordWrap=True)
        self.needs.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.caps = QLabel(wordWrap=True)
        self.pace = QLabel(wordWrap=True)
        self.calendar = QLabel(wordWrap=True)
        bars_box = QGroupBox("Progress against PMI's requirements")
        bars_layout = QVBoxLayout(bars_box)
        bars_layout.addWidget(self.bars)
        self.legend = WrappedText(  # a legend reflows on a narrow window
            "Solid mark: the rule · dotted mark: a steady pace to date · "
            "hatched red: claimed but not counted"
        )
        bars_layout.addWidget(self.legend)
        self.source = WrappedText()
        bars_layout.addWidget(self.source)
        needs_box = QGroupBox("Still needed")
        needs_layout = QVBoxLayout(needs_box)
        for widget in (self.needs, self.caps, self.calendar, self.pace):
            needs_layout.addWidget(widget)
        needs_layout.addStretch(1)
        upper = QHBoxLayout()
        upper.addWidget(bars_box, 3)
        upper.addWidget(needs_box, 2)

        self.claims_table = QTableView()
        self.claims_table.setModel(self.claims_model)
        self.claims_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.claims_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.claims_table.verticalHeader().hide()
        self.claims_table.setWordWrap(False)
        # Figures sized to fit and the description taking what is left, so the table never
        # scrolls sideways; the split and evidence are in the description's tooltip.
        claims_header = self.claims_table.horizontalHeader()
        claims_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        claims_header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        # The viewport's own size, once the table has laid it out (not the table's, before).
        self.claims_table.viewport().installEventFilter(self)
        for column in (SPLIT, EVIDENCE):
            self.claims_table.setColumnHidden(column, True)
        self.claims_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.claims_table.doubleClicked.connect(self.edit_claim)
        self.claims_table.selectionModel().selectionChanged.connect(self._claim_selected)
        self.add_button = _button("Add claim…", self.add_claim)
        self.edit_button = _button("Edit…", self.edit_claim)
        self.delete_button = _button("Delete", self.delete_claim)
        self.open_entry_button = _button("Open journal entry", self.open_entry)
        claim_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            claim_buttons.addWidget(button)
        claim_buttons.addSpacing(12)
        claim_buttons.addWidget(self.open_entry_button)
        claim_buttons.addStretch(1)
        claims_box = QGroupBox("Claims")
        self.claims_box = claims_box
        claims_layout = QVBoxLayout(claims_box)
        claims_layout.addWidget(self.claims_table)
        claims_layout.addLayout(claim_buttons)

        self.suggestions = QListView()
        self.suggestions.setModel(self.suggestions_model)
        self.suggestions.setAlternatingRowColors(True)
        self.suggestions.setSpacing(2)
        self.suggestions.setWordWrap(True)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.suggestions.doubleClicked.connect(self.claim_suggestion)
        self.claim_button = _button("Claim…", self.claim_suggestion)
        self.suggestion_hint = WrappedText()
        suggestions_box = QGroupBox("Suggested from your journal")
        self.suggestions_box = suggestions_box
        suggestions_layout = QVBoxLayout(suggestions_box)
        suggestions_layout.addWidget(self.suggestions)
        suggestions_layout.addWidget(self.suggestion_hint)
        suggestions_layout.addWidget(self.claim_button, 0, Qt.AlignmentFlag.AlignLeft)
        lower = QSplitter()
        lower.setChildrenCollapsible(False)
        lower.addWidget(claims_box)
        lower.addWidget(suggestions_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        lower.setSizes([600, 400])
        self.claims_row = lower
        # After the splitter has shared a new width out by its stretch factors.
        self._share_lower = QTimer(self, singleShot=True, interval=0)
        self._share_lower.timeout.connect(self._share_lower_row)
        lower.installEventFilter(self)

        # Four claims in view at least. The progress scrolls on its own when the screen is
        # low; the claims and suggestions scroll inside their own lists, never inside
        # another scrolling pane.
        rows = self.claims_table.verticalHeader().defaultSectionSize()
        self.claims_table.setMinimumHeight(
            rows * 4 + self.claims_table.horizontalHeader().sizeHint().height()
        )
        self.suggestions.setMinimumHeight(self.claims_table.minimumHeight())
        progress = QWidget()
        progress.setLayout(upper)
        upper.setContentsMargins(0, 0, 0, 0)
        self.progress_pane = QScrollArea()
        self.progress_pane.setWidgetResizable(True)
        self.progress_pane.setFrameShape(QFrame.Shape.NoFrame)
        self.progress_pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.progress_pane.setWidget(progress)
        page = QSplitter(Qt.Orientation.Vertical)
        page.setChildrenCollapsible(False)
        page.addWidget(self.progress_pane)
        page.addWidget(lower)
        page.setStretchFactor(0, 3)
        page.setStretchFactor(1, 2)
        page.setSizes([330, 300])
        return page

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Reload cycles and the selected cycle (keeps the selection when it still exists)."""
        selected = self._wanted_cycle or self.cycle_picker.currentData()
        self._wanted_cycle = None
        cycles = pdus.list_cycles(self.context.journal)
        self.cycle_picker.blockSignals(True)
        self.cycle_picker.clear()
        for cycle in cycles:
            suffix = "  (current)" if cycle.current else ""
            self.cycle_picker.addItem(f"{cycle_text(cycle)}{suffix}", cycle.id)
        index = self.cycle_picker.findData(selected)
        if index < 0:
            index = next((i for i, c in enumerate(cycles) if c.current), 0 if cycles else -1)
        self.cycle_picker.setCurrentIndex(index)
        self.cycle_picker.setEnabled(bool(cycles))
        self.cycle_picker.setPlaceholderText("" if cycles else "No cycle yet")
        self.cycle_picker.blockSignals(False)
        self._show_cycle()

    def selected_cycle_id(self) -> int | None:
        value = self.cycle_picker.currentData()
        return int(value) if value is not None else None

    def _show_cycle(self) -> None:
        cycle_id = self.selected_cycle_id()
        has_cycle = cycle_id is not None
        self.stack.setCurrentIndex(1 if has_cycle else 0)
        for widget in (
            self.edit_cycle_button,
            self.current_button,
            self.csv_button,
            self.pdf_button,
        ):
            widget.setEnabled(has_cycle)
        if cycle_id is None:
            self.ledger = None
            self.claims_model.set_rows([], {})
            self.suggestions_model.set_rows([])
            self._claim_selected()
            return
        journal = self.context.journal
        self.ledger = pdus.cycle_ledger(journal, cycle_id=cycle_id)
        self.current_button.setEnabled(not self.ledger.cycle.current)
        self.claims_model.set_rows(self.ledger.claims, self.ledger.summary.tallies)
        self._claim_selected()
        self._fit_claim_columns()
        suggestions = pdu_suggestions.list_suggestions(journal, cycle_id=cycle_id)
        self.suggestions_model.set_rows(suggestions)
        self.suggestion_hint.setText(
            f"{show_number(len(suggestions))} journal entries in this cycle are not claimed yet."
            if suggestions
            else "Every mentor session and finished helper assignment in this cycle is claimed."
        )
        self.claim_button.setEnabled(bool(suggestions))
        self._show_summary(self.ledger)

    def _show_summary(self, ledger: CycleLedger) -> None:
        summary, pace = ledger.summary, ledger.pace
        self.bars.set_rows(bar_rows(summary, pace))
        if summary.complete:
            self.needs.setText(
                "<b>Every requirement is met.</b>"
                + (f" {pdu_count(summary.surplus)} beyond 60." if summary.surplus else "")
            )
        else:
            items = "".join(f"<li>{line}</li>" for line in summary.needs())
            self.needs.setText(
                f"<b>At least {pdu_count(summary.still_needed)} still needed</b>"
                f"<ul style='margin-left: -20px'>{items}</ul>"
            )
        caps = summary.caps_applied()
        self.caps.setText("<b>Caps applied</b><br>" + "<br>".join(caps))
        self.caps.setVisible(bool(caps))
        self.pace.setText(pace.words(show_date))
        self._pace_short = pace.falls_short
        self._restyle()
        steady = format_pdus(round(pace.expected_by_now * 4) / 4)
        self.calendar.setText(
            f"Day {pace.days_elapsed} of {summary.cycle.days}, {pace.days_left} days left. "
            f"A steady pace would have {steady} PDUs by now."
        )
        rules = summary.rules
        self.source.setText(
            f"Rules: PMI's Continuing Certification Requirements handbook "
            f"(recorded {show_date(rules.recorded_on)})."
        )

    # ------------------------------------------------------------------ cycles
    def new_cycle(self) -> None:
        self._run(CycleEditor(save=self._create_cycle, parent=self))

    def edit_cycle(self) -> None:
        if self.ledger is None:
            return
        cycle = self.ledger.cycle
        self._run(
            CycleEditor(
                save=lambda data: self._update_cycle(cycle, data), initial=cycle, parent=self
            )
        )

    def _create_cycle(self, data: CertificationCycleCreate) -> CertificationCycleRead:
        saved = self.context.do(
            "New certification cycle",
            lambda: pdus.save_cycle(self.context.journal, cycle_id=None, data=data),
        )
        self._select_cycle_after(saved.id)
        return saved

    def _update_cycle(
        self, cycle: CertificationCycleRead, data: CertificationCycleCreate
    ) -> CertificationCycleRead:
        saved = self.context.do(
            "Edit certification cycle",
            lambda: pdus.save_cycle(self.context.journal, cycle_id=cycle.id, data=data),
        )
        self._select_cycle_after(saved.id)
        return saved

    def _select_cycle_after(self, cycle_id: int) -> None:
        self._wanted_cycle = cycle_id
        self.refresh()

    def make_current(self) -> None:
        cycle_id = self.selected_cycle_id()
        if cycle_id is not None:
            self.context.do(
                "Make cycle current",
                lambda: pdus.make_cycle_current(self.context.journal, cycle_id=cycle_id),
            )

    # ------------------------------------------------------------------ claims
    def _save_new(self, data: PduClaimCreate) -> object:
        return self.context.do(
            "New PDU claim", lambda: pdus.save_claim(self.context.journal, claim_id=None, data=data)
        )

    def _files(self, claim_id: int | None) -> EvidenceFilesPanel:
        panel = EvidenceFilesPanel(self.context, PDU_CLAIM)
        panel.set_entry(claim_id)
        return panel

    def add_claim(self) -> None:
        self._run(ClaimEditor(save=self._save_new, files=self._files(None), parent=self))

    def selected_claim_row(self) -> int:
        rows = self.claims_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _claim_selected(self) -> None:
        row = self.selected_claim_row()
        chosen = row >= 0
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        linked = chosen and self.claims_model.claim_at(row).source_kind is not None
        self.open_entry_button.setEnabled(linked)

    def open_entry(self) -> None:
        """Ask the main window to open the journal entry a claim came from."""
        row = self.selected_claim_row()
        if row < 0:
            return
        claim = self.claims_model.claim_at(row)
        if claim.source_kind is not None and claim.source_id is not None:
            self.context.open_entry_requested.emit(claim.source_kind.value, claim.source_id)

    def edit_claim(self) -> None:
        row = self.selected_claim_row()
        if row < 0:
            return
        claim = self.claims_model.claim_at(row)
        initial = PduClaimCreate.model_validate(claim.model_dump())

        def save(data: PduClaimCreate) -> object:
            return self.context.do(
                "Edit PDU claim",
                lambda: pdus.save_claim(self.context.journal, claim_id=claim.id, data=data),
            )

        self._run(ClaimEditor(save=save, initial=initial, files=self._files(claim.id), parent=self))

    def delete_claim(self) -> None:
        row = self.selected_claim_row()
        if row < 0:
            return
        claim = self.claims_model.claim_at(row)
        question = (
            f"Delete the claim of {show_date(claim.date)} "
            f"({claim.activity_label}, {pdu_count(claim.hours)})?"
        )
        if prompts.ask(self, question, destructive=True):
            self.context.do(
                "Delete PDU claim",
                lambda: pdus.remove_claim(self.context.journal, claim_id=claim.id),
            )

    def claim_suggestion(self) -> None:
        rows = self.suggestions.selectionModel().selectedRows()
        index = rows[0] if rows else self.suggestions_model.index(0, 0)
        if not index.isValid():
            return
        suggestion = self.suggestions_model.suggestion_at(index.row())
        self._run(
            ClaimEditor(
                save=self._save_new,
                initial=suggestion.claim,
                warning="\n\n".join(w for w in (suggestion.privacy, suggestion.warning) if w),
                files=self._files(None),
                parent=self,
            )
        )

    # ------------------------------------------------------------------ export
    def export_csv(self) -> None:
        if self.ledger is None:
            return
        suggested = f"pdu-claims-{self.ledger.cycle.start_date.isoformat()}.csv"
        path = prompts.choose_save_file(
            self, "Export PDU claims as CSV", suggested, filters="CSV files (*.csv)"
        )
        if path is None:
            return
        try:
            claims = audit_claims(self.context.journal, self.ledger)
            write_audit_csv(self.ledger, claims, path)
        except OSError as exc:
            prompts.tell(self, f"The CSV could not be written: {exc.strerror or exc}.")
            return
        self.saved_file.show_file(path, f"Saved the claims to {path}.")

    def export_pdf(self) -> None:
        """The audit pack: who the holder is and the paper first (a small form), then the
        cycle's standing and every claim with its evidence, as a PDF written off the GUI
        thread."""
        if self.ledger is None or self.audit_pack is not None:
            return
        ledger = self.ledger
        form = AuditPackDialog(holder(self.context.journal), self)
        if not prompts.fill_in(form) or form.choice is None:
            return
        chosen = form.choice
        self.context.do(
            "Remember the audit pack's name and PMI ID",
            lambda: remember_holder(
                self.context.journal, name=chosen.holder.name, pmi_id=chosen.holder.pmi_id
            ),
        )
        suggested = f"pdu-audit-pack-{ledger.cycle.start_date.isoformat()}.pdf"
        path = prompts.choose_save_file(
            self, "Save the PDU audit pack", suggested, filters="PDF files (*.pdf)", suffix=".pdf"
        )
        if path is None:
            return
        from pmo_journal.report.layout import report_font_family
        from pmo_journal.report.pdu_audit import AuditTitle, save_pdu_audit_pdf

        report_font_family()  # registered on the GUI thread, before the worker lays out text
        claims = audit_claims(self.context.journal, ledger)
        title = AuditTitle(
            name=chosen.holder.name, pmi_id=chosen.holder.pmi_id, prepared_on=clock.today()
        )
        self.pdf_button.setEnabled(False)
        self.audit_pack = run_operation(
            self,
            lambda _progress, _cancelled: save_pdu_audit_pdf(
                ledger, claims, path, paper=chosen.paper, title=title
            ),
            title="The PDU audit pack could not be saved",
            on_success=lambda pages: self.saved_file.show_file(
                path, f"Saved the audit pack to {path} ({pages} page{'s' if pages != 1 else ''})."
            ),
            on_failure=self._audit_pack_failed,
            on_finished=self._audit_pack_done,
        )

    def _audit_pack_failed(self, failure: Failure) -> None:
        if failure.expected:  # an unexpected one was told by the runner already
            prompts.tell(self, failure.message, title="The PDU audit pack could not be saved")

    def _audit_pack_done(self) -> None:
        self.audit_pack = None
        self.pdf_button.setEnabled(self.ledger is not None)

    # ------------------------------------------------------------------ patchable step
    def _run(self, dialog: ClaimEditor | CycleEditor) -> None:
        dialog.exec()
