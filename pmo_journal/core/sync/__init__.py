"""Sync between laptops through a folder the user already syncs (see rounds.py for a round)."""

from pmo_journal.core.sync.conflicts import ConflictView, list_conflicts, resolve_conflict
from pmo_journal.core.sync.rounds import (
    SyncReport,
    SyncSettings,
    disable_sync,
    enable_sync,
    laptop_names,
    mark_restored,
    publish_snapshot,
    sync_round,
    sync_settings,
)
from pmo_journal.core.sync.segments import SyncError, WrongSyncPassphrase

__all__ = [
    "ConflictView",
    "SyncError",
    "SyncReport",
    "SyncSettings",
    "WrongSyncPassphrase",
    "disable_sync",
    "enable_sync",
    "laptop_names",
    "list_conflicts",
    "mark_restored",
    "publish_snapshot",
    "resolve_conflict",
    "sync_round",
    "sync_settings",
]
