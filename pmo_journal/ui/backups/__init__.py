"""The Backups screen: backups of the journal, restore, export and import."""

from __future__ import annotations

from pmo_journal.ui.backups.view import BackupsView

__all__ = ["BackupsView"]
