"""The Backups screen: the journal's backups, back up now, restore, export and import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.storage import backup
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.backups import dialogs
from pmo_journal.ui.backups.model import BackupsModel
from pmo_journal.ui.backups.task import BackgroundTask, Work
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.heading import screen_title


def _export_work(context: JournalContext, choice: dialogs.ExportChoice) -> Work:
    journal = context.journal

    def work(progress: Any, cancelled: Any) -> str:
        from pmo_journal.core.exchange import json_export, readable

        progress(0, 0)
        if cancelled():
            raise JournalError("The export was cancelled; nothing was written.")
        # The file dialog has asked before replacing an existing file.
        options = {"include_private": choice.include_private, "overwrite": True}
        if choice.format == "json":
            json_export.export_json(journal, choice.target, **options)
        elif choice.format == "csv":
            readable.export_csv(journal, choice.target, **options)
        else:
            readable.export_markdown(journal, choice.target, **options)
        return f"Exported to {choice.target}."

    return work


def _import_work(context: JournalContext, source: Path) -> Work:
    journal = context.journal

    def work(progress: Any, cancelled: Any) -> str:
        from pmo_journal.core.exchange.foreign import import_foreign
        from pmo_journal.core.exchange.formats import detect_format
        from pmo_journal.core.exchange.json_import import (
            import_document,
            parse_document,
            read_json_bytes,
        )

        raw = read_json_bytes(source.read_bytes())
        kind = detect_format(raw)
        options = {"progress": progress, "cancelled": cancelled}
        if kind == "json":
            summary = import_document(journal, parse_document(raw), **options)
        else:
            summary = import_foreign(journal, raw, app=kind, **options)
        return f"Imported {source.name}: {summary.describe()}."

    return work


class BackupsView(QWidget):
    """Lists the backups and runs backup, restore, export and import.

    :attr:`journal_replaced` is emitted after a restore: the journal file was swapped
    for the backup, so the app should open it again (it may need a schema upgrade).
    """

    journal_replaced = Signal(str)

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
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
        self.export_button = QPushButton("&Export…")
        self.import_button = QPushButton("&Import…")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.import_button):
            buttons.addWidget(button)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(screen_title("Backups & export"))
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(working)
        layout.addWidget(self.status)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_file)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.changed.connect(self.refresh)
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
    def _run(self, work: Work, *, busy: str, then: Any = None) -> None:
        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(lambda message: self._finished(str(message), then))
        self.task.failed.connect(lambda message: self._finished(message, None))
        self.status.setText(busy)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self._update_buttons()
        self.task.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finished(self, message: str, then: Any) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.status.setText(message)
        if then is not None:
            then()
        self.refresh()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Cancelling…")

    # ------------------------------------------------------------------ actions
    def back_up_now(self) -> None:
        journal = self.context.journal

        def work(_progress: Any, _cancelled: Any) -> str:
            target = backup.backup_journal(journal.path, passphrase=journal.passphrase)
            backup.rotate_backups(journal.path)
            return f"Backed up to {target.name} (verified)."

        self._run(work, busy="Backing up…")

    def restore_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        info = self.model.backup_at(row)
        when = info.taken_at.strftime("%Y-%m-%d %H:%M")
        if not self.ask(
            self,
            f"Restore the backup taken {when}?",
            "The journal as it is now is backed up first, so this can be undone by restoring "
            "that backup. Anything written since the chosen backup is no longer shown.",
        ):
            return
        journal = self.context.journal
        journal.engine.dispose()
        try:
            safety = backup.restore_backup(journal.path, info.path, passphrase=journal.passphrase)
        except JournalError as exc:
            self.status.setText(str(exc))
            return
        kept = f" The previous journal was backed up as {safety.name}." if safety else ""
        self.status.setText(f"Restored the backup taken {when}.{kept}")
        self.journal_replaced.emit(str(journal.path))
        self.context.changed.emit()

    def export(self) -> None:
        choice = dialogs.choose_export(self, self.context.journal.path.parent)
        if choice is not None:
            self._run(_export_work(self.context, choice), busy="Exporting…")

    def import_file(self) -> None:
        source = dialogs.choose_import_file(self)
        if source is not None:
            self._run(
                _import_work(self.context, source),
                busy=f"Importing {source.name}…",
                then=self.context.changed.emit,
            )

    @classmethod
    def ask(cls, parent: QWidget, question: str, detail: str) -> bool:
        """Ask to confirm (tests replace this)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "PMO Career Journal",
            question,
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setInformativeText(detail)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore
