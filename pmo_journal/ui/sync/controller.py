"""Runs sync rounds for one window: at open, after saves, every few minutes, off the GUI thread.

The status bar shows when the journal last synced, with how many laptops, and the
number of conflicts, which opens the Conflicts view. A round's failure is said there
(not in a dialog every five minutes); File ▸ Sync… and "Sync now" say it in a dialog.
"""

from __future__ import annotations

import datetime as dt
import platform
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow

from pmo_journal.core import clock
from pmo_journal.core.changes import NOTHING, Changes, Outcome
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.operations import Failure, run_operation

if TYPE_CHECKING:
    from pmo_journal.core.sync import SyncReport
    from pmo_journal.ui.sync.conflicts_dialog import ConflictsDialog
    from pmo_journal.ui.sync.settings_dialog import SyncDialog

# Sync (and the tables it reads) is imported after the first paint, off the start-up path.

AFTER_SAVE_MS = 5_000
EVERY_MS = 5 * 60_000
AT_OPEN_MS = 1_500


def _round(journal: Any) -> Outcome[SyncReport]:
    from pmo_journal.core.sync import sync_round

    report = sync_round(journal)
    return Outcome(report, Changes.everything() if report.taken_in else NOTHING)


def _when(stamp: str | None) -> str:
    """ "at 13:42" today, "on 2 Dec 2026" before; "never" when it hasn't."""
    if not stamp:
        return "never"
    moment = dt.datetime.fromisoformat(stamp).astimezone()
    if moment.date() == clock.today():
        return f"at {moment:%H:%M}"
    return f"on {moment.day} {moment:%b %Y}"


class SyncController(QObject):
    """Owns the sync menu action, the status line and the timers of one main window."""

    def __init__(self, window: QMainWindow, context: JournalContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.running = False
        self._again = False
        self.action = QAction("S&ync…", window)
        self.action.setStatusTip("Keep this journal the same on your other laptops")
        self.action.triggered.connect(self.open_settings)
        self.status = QLabel()
        self.status.setAccessibleName("Sync status")
        self.status.setTextFormat(self.status.textFormat().RichText)
        self.status.linkActivated.connect(lambda _link: self.open_conflicts())
        window.statusBar().addPermanentWidget(self.status)
        self.after_save = QTimer(self, singleShot=True, interval=AFTER_SAVE_MS)
        self.after_save.timeout.connect(self.sync_now)
        self.every = QTimer(self, interval=EVERY_MS)
        self.every.timeout.connect(self.sync_now)
        context.changed.connect(self._on_changed)
        self.enabled = False
        QTimer.singleShot(AT_OPEN_MS, self, self._start)

    def _start(self) -> None:
        """After the first paint: show how sync stands, and run the round of the opening."""
        self._show_settings()
        if self.enabled:
            self.every.start()
            self.sync_now()

    # -------------------------------------------------------------- rounds
    def _on_changed(self, _changes: object = None) -> None:
        # A save during a round (or the round's own news) asks for one more round after it.
        if self.running:
            self._again = True
        elif self.enabled:
            self.after_save.start()

    def sync_now(self, *, tell_failure: bool = False) -> None:
        if self.running:
            self._again = True
            return
        if not self.enabled:
            return
        self.running = True
        self.status.setText("Syncing…")

        def succeeded(report: SyncReport) -> None:
            self._show(report.laptops, report.conflicts, report.synced_at)

        def failed(failure: Failure) -> None:
            self.status.setText("Sync failed")
            self.status.setToolTip(failure.message)
            if tell_failure:
                prompts.tell(self.window, failure.message, title="Sync could not finish")

        run_operation(
            self.window,
            lambda _progress, _cancelled: _round(self.context.journal),
            context=self.context,
            title="Sync could not finish",
            on_success=succeeded,
            on_failure=failed,
            on_finished=self._finished,
        )

    def _finished(self) -> None:
        self.running = False
        if self._again:
            self._again = False
            self.after_save.start()

    # -------------------------------------------------------------- what the status bar says
    def _show_settings(self) -> None:
        from pmo_journal.core.sync import laptop_names, list_conflicts, sync_settings

        settings = sync_settings(self.context.journal)
        self.enabled = settings.enabled
        if not settings.enabled:
            self.status.setText("")
            self.status.setToolTip("")
            return
        conflicts = len(list_conflicts(self.context.journal))
        laptops = len(laptop_names(self.context.journal)) or 1
        self._show(laptops, conflicts, settings.last_synced)

    def _show(self, laptops: int, conflicts: int, synced_at: str | None) -> None:
        text = f"Synced {_when(synced_at)} · {laptops} laptop{'s' if laptops != 1 else ''}"
        if conflicts:
            noun = "conflict" if conflicts == 1 else "conflicts"
            text += f' · <a href="conflicts">{conflicts} {noun}</a>'
        self.status.setText(text)
        self.status.setToolTip("Click the conflicts to resolve them" if conflicts else "")

    # -------------------------------------------------------------- dialogs
    def open_settings(self) -> SyncDialog:
        from pmo_journal.core.sync import sync_settings
        from pmo_journal.ui.sync.settings_dialog import SyncDialog

        journal = self.context.journal
        dialog = SyncDialog(
            sync_settings(journal),
            default_name=platform.node() or "This laptop",
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.open()
        return dialog

    def _apply(self, dialog: SyncDialog) -> None:
        from pmo_journal.core.sync import disable_sync, enable_sync

        choice = dialog.choice()
        journal = self.context.journal
        if choice.enabled and choice.folder is not None:
            try:
                enable_sync(journal, folder=choice.folder, device_name=choice.device_name)
            except JournalError as exc:
                prompts.tell(self.window, str(exc), title="Sync could not be turned on")
                return
            self.enabled = True
            self.every.start()
            self.sync_now(tell_failure=True)
        else:
            disable_sync(journal)
            self.enabled = False
            self.every.stop()
            self._show_settings()

    def open_conflicts(self) -> ConflictsDialog:
        from pmo_journal.core.sync import laptop_names, list_conflicts, resolve_conflict
        from pmo_journal.ui.sync.conflicts_dialog import ConflictsDialog

        journal = self.context.journal

        def resolve(view: Any, keep: str) -> None:
            try:
                resolve_conflict(journal, record=view.record, field=view.field, keep=keep)
            except JournalError as exc:
                prompts.tell(self.window, str(exc), title="The conflict could not be resolved")
                return
            self.context.announce(Changes.everything())
            self.after_save.start()

        dialog = ConflictsDialog(
            lambda: list_conflicts(journal, names=laptop_names(journal)), resolve, self.window
        )
        dialog.finished.connect(lambda _result: self._show_settings())
        dialog.open()
        return dialog
