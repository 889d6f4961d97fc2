"""The Backups screen: the journal's backups, back up now, restore, export and import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Changes
from pmo_journal.core.disclosure import DisclosureChoice, left_out
from pmo_journal.core.services import backups, exchange
from pmo_journal.core.storage import backup
from pmo_journal.core.tasks import UNKNOWN, Cancelled, Progress
from pmo_journal.ui import prompts
from pmo_journal.ui.backups import dialogs
from pmo_journal.ui.backups.model import BackupsModel
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.formats import show_datetime
from pmo_journal.ui.heading import ScreenHeader
from pmo_journal.ui.operations import Failure, Operation, Work, run_operation

#: What the screen shows: the backups beside the journal.
SHOWN = Changes(backups=True)
PROGRESS_STEPS = 1000


class BackupsView(QWidget):
    """Lists the backups and runs backup, restore, export and import.

    :attr:`journal_replaced` is emitted after a restore: the journal file was swapped
    for the backup, so the app should open it again (it may need a schema upgrade).
    """

    journal_replaced = Signal(str)

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: Operation | None = None
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # why it was taken
        self.table.setAccessibleName("Backups")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore…")
        self.export_button = QPushButton("E&xport…")
        self.import_button = QPushButton("&Import…")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = ScreenHeader("Backups & export")
        top.add(self.backup_button, self.restore_button)
        top.add_gap()
        top.add(self.export_button, self.import_button)
        top.end()
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(working)
        layout.addWidget(self.status)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_file)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.reload_on(self, SHOWN, self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        journal = self.context.journal
        self.model.set_rows(backup.list_backups(journal.path, passphrase=journal.passphrase))
        folder = backup.backups_folder(journal.path)
        self.heading.setText(
            f"Backups of <b>{journal.path.name}</b> are kept in the <i>backups</i> folder next "
            "to it: one a day when the journal opens, and one before every upgrade, restore "
            "and import. The last 7 daily, 4 weekly and 12 monthly backups are kept."
        )
        self.heading.setToolTip(str(folder))
        self._update_buttons()

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self, *_args: object) -> None:
        busy = self.task is not None
        for button in (self.backup_button, self.export_button, self.import_button):
            button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self._selected_row() is not None)

    # ------------------------------------------------------------------ background work
    def _run(
        self,
        work: Work,
        *,
        busy: str,
        title: str,
        done: Callable[[Any], str],
        announce: bool = True,
    ) -> None:
        """Run ``work`` on the runner, busy until it ends; ``done`` says how it went."""
        self.status.setText(busy)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.task = run_operation(
            self,
            work,
            context=self.context if announce else None,
            title=title,
            on_success=lambda result: self.status.setText(done(result)),
            on_failure=self._failed,
            on_progress=self._progressed,
            on_finished=self._finished,
        )
        self._update_buttons()

    def _progressed(self, fraction: float, _message: str) -> None:
        if fraction == UNKNOWN:
            self.progress.setRange(0, 0)
            return
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(round(fraction * PROGRESS_STEPS))

    def _failed(self, failure: Failure) -> None:
        self.status.setText(failure.message)

    def _finished(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.refresh()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Cancelling…")

    # ------------------------------------------------------------------ actions
    def back_up_now(self) -> None:
        journal = self.context.journal

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            return backups.back_up_now(journal)

        self._run(
            work,
            busy="Backing up…",
            title="The backup could not be made",
            done=lambda target: f"Backed up to {target.name} (verified).",
        )

    def restore_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        info = self.model.backup_at(row)
        when = show_datetime(info.taken_at)
        if not prompts.ask(
            self,
            f"Restore the backup taken {when}?",
            detail="The journal as it is now is backed up first, so this can be undone by "
            "restoring that backup. Anything written since the chosen backup is no longer shown.",
            yes="Restore",
            no="Cancel",
        ):
            return
        journal = self.context.journal

        def work(_progress: Progress, _cancelled: Cancelled) -> object:
            return backups.restore_backup(journal, backup_file=info.path)

        def restored(safety: Path | None) -> str:
            self.journal_replaced.emit(str(journal.path))
            kept = f" The previous journal was backed up as {safety.name}." if safety else ""
            return f"Restored the backup taken {when}.{kept}"

        self._run(work, busy="Restoring…", title="The backup could not be restored", done=restored)

    def export(self) -> None:
        journal = self.context.journal

        def sentence(include_private: bool) -> str:
            return left_out(journal, DisclosureChoice(include_private=include_private)).sentence()

        choice = dialogs.choose_export(self, journal.path.parent, sentence)
        if choice is None:
            return

        def work(progress: Progress, cancelled: Cancelled) -> object:
            return exchange.export_journal(
                journal,
                format=choice.format,
                target=choice.target,
                include_private=choice.include_private,
                overwrite=True,  # the file dialog has asked before replacing a file
                progress=progress,
                cancelled=cancelled,
            )

        self._run(
            work,
            busy="Exporting…",
            title="The journal could not be exported",
            done=lambda _what: f"Exported to {choice.target}.",
        )

    def import_file(self) -> None:
        source = prompts.choose_open_file(
            self, "Import into the journal", filters="JSON exports (*.json);;All files (*)"
        )
        if source is None:
            return
        journal = self.context.journal

        def work(progress: Progress, cancelled: Cancelled) -> object:
            return exchange.import_file(journal, source, progress=progress, cancelled=cancelled)

        self._run(
            work,
            busy=f"Importing {source.name}…",
            title="The file could not be imported",
            done=lambda summary: f"Imported {source.name}: {summary.describe()}.",
        )
