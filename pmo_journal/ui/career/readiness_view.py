"""The PMO readiness checklist screen: each item proved by the journal or ticked by hand,
links to the proof, and the readiness score."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import career
from pmo_journal.core.services.readiness import (
    PROOF_GOAL,
    PROOF_PERSON,
    ReadinessChecklist,
    ReadinessItem,
    readiness_checklist,
)
from pmo_journal.ui.career.goal_editor import GoalEditorDialog
from pmo_journal.ui.career.look import muted_color, ok_color, show_date
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.heading import ScreenHeader
from pmo_journal.ui.operations import Operation, run_operation

PROOFS_SHOWN = 4
INTRO = (
    "“Look before you leap”: the steps that usually come before a PMO role. Items your "
    "journal can prove tick themselves, with a link to the proof; tick the others by hand."
)

#: What this screen shows: it reloads when a change touches any of it.
SHOWN = Changes(
    entries=frozenset(EntryKind), people=True, goals=True, readiness=True, skills=True, claims=True
)


class _ItemRow(QFrame):
    def __init__(self, item: ReadinessItem, view: ReadinessView) -> None:
        super().__init__()
        self.item = item
        self.box = QCheckBox(item.title)
        self.box.setChecked(item.checked)
        self.box.setStyleSheet("font-weight: 600;")
        if item.proved:
            # The journal proves it: the tick stays readable but can't be taken away by hand.
            self.box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.box.setToolTip("Proved by your journal")
        else:
            self.box.toggled.connect(lambda checked: view.mark(item.key, checked=checked))
        self.detail = QLabel(self._detail_html(view))
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.linkActivated.connect(view.open_proof)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.detail)
        self.detail.setContentsMargins(26, 0, 0, 0)

    def _detail_html(self, view: QWidget) -> str:
        muted = muted_color(view).name()
        item = self.item
        if item.proved:
            links = ", ".join(
                f"<a href='{p.kind}:{p.id}'>{html.escape(p.label)}</a>"
                + (f" ({show_date(p.date)})" if p.date else "")
                for p in item.proofs[:PROOFS_SHOWN]
            )
            if len(item.proofs) > PROOFS_SHOWN:
                links += f" and {len(item.proofs) - PROOFS_SHOWN} more"
            green = ok_color(view.palette()).name()
            return f"<span style='color:{green}'>✔ Proved by</span> {links}"
        if item.marked:
            return (
                f"<span style='color:{muted}'>Ticked by hand on {show_date(item.marked_on)}.</span>"
            )
        return f"<span style='color:{muted}'>{html.escape(item.hint)}</span>"


class ReadinessView(QWidget):
    """The checklist and score. Proof links to entries go out through
    ``context.open_entry_requested``; a goal opens its editor; a person is offered through
    :attr:`open_person_requested`."""

    open_person_requested = Signal(int)

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.checklist: ReadinessChecklist | None = None
        title = ScreenHeader("PMO readiness")
        title.end()  # nothing to do here but tick: the items are the actions
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.score = QLabel()
        self.score.setStyleSheet("font-size: 28px; font-weight: 600;")
        self.score.setAccessibleName("Readiness score")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.count = QLabel()
        score_row = QHBoxLayout()
        score_row.addWidget(self.score)
        column = QVBoxLayout()
        column.addWidget(self.count)
        column.addWidget(self.bar)
        score_row.addLayout(column, 1)

        self.list_host = QWidget()
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list_host)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(score_row)
        layout.addWidget(scroll, 1)
        self.rows: list[_ItemRow] = []
        self._reading: Operation | None = None
        self._read_again = False
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the checklist on the runner's worker (its proofs query every kind of entry),
        then show it; what is on screen stays until then. A refresh asked for while one is
        reading runs once more after it, so the screen always ends on the newest journal."""
        if self._reading is not None:
            self._read_again = True
            return
        journal = self.context.journal
        self._reading = run_operation(
            self,
            lambda _progress, _cancelled: readiness_checklist(journal),
            title="The readiness checklist could not be read",
            on_success=self._show,
            on_finished=self._read,
        )

    @property
    def loading(self) -> bool:
        """True while a newer checklist is being read."""
        return self._reading is not None

    def _read(self) -> None:
        self._reading = None
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _show(self, checklist: ReadinessChecklist) -> None:
        self.checklist = checklist
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        while self.list_layout.count():
            self.list_layout.takeAt(0)
        self.rows = [_ItemRow(item, self) for item in self.checklist.items]
        for row in self.rows:
            self.list_layout.addWidget(row)
        self.list_layout.addStretch(1)
        checklist = self.checklist
        self.score.setText(f"{checklist.score_percent}%")
        self.bar.setValue(checklist.score_percent)
        self.count.setText(f"{checklist.checked_count} of {len(checklist.items)} steps done")

    def changeEvent(self, event: QEvent) -> None:
        # Colours are baked into the rich text: repaint it when the scheme changes.
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
            and self.checklist is not None
        ):
            self._show(self.checklist)
        super().changeEvent(event)

    def row(self, key: str) -> _ItemRow:
        return next(row for row in self.rows if row.item.key == key)

    def mark(self, key: str, *, checked: bool) -> None:
        self.context.do(
            "Tick readiness step" if checked else "Untick readiness step",
            lambda: career.mark_readiness(self.context.journal, key=key, checked=checked),
        )

    def open_proof(self, link: str) -> None:
        kind, _, raw_id = link.partition(":")
        if not raw_id.isdigit():
            return
        if kind == PROOF_GOAL:
            self.run(GoalEditorDialog(self.context, goal_id=int(raw_id), parent=self))
        elif kind == PROOF_PERSON:
            self.open_person_requested.emit(int(raw_id))
        else:
            self.context.open_entry_requested.emit(kind, int(raw_id))

    def run(self, dialog: GoalEditorDialog) -> bool:
        """Show an editor modally (tests replace this)."""
        return bool(dialog.exec())
