"""The backups table model: one row per backup file, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from pmo_journal.core.entry_kinds import entry_kind
from pmo_journal.core.storage.backup import BackupInfo
from pmo_journal.ui.formats import show_datetime, show_number
from pmo_journal.ui.table_model import Index, RowsTableModel

TAKEN, REASON, ENTRIES, SIZE = range(4)
HEADERS = ("Taken", "Why", "Entries", "Size")
PATH_ROLE = Qt.ItemDataRole.UserRole
REASONS = {
    "daily": "Daily, on opening",
    "manual": "Backed up by hand",
    "before-upgrade": "Before a schema upgrade",
    "before-restore": "Before a restore",
    "before-import": "Before an import",
}


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


class BackupsModel(RowsTableModel[BackupInfo]):
    """A list of :class:`BackupInfo`, replaced whole by :meth:`set_rows`."""

    HEADERS = HEADERS

    def backup_at(self, row: int) -> BackupInfo:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TAKEN:
                return show_datetime(info.taken_at)
            if column == REASON:
                return REASONS.get(info.reason, info.reason.replace("-", " ").capitalize())
            if column == ENTRIES:
                return "unreadable" if info.entries is None else show_number(info.entries)
            if column == SIZE:
                return human_size(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ENTRIES and info.counts is not None:
                return ", ".join(f"{n} {entry_kind(k).plural}" for k, n in info.counts.items())
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ENTRIES, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PATH_ROLE:
            return str(info.path)
        return None
