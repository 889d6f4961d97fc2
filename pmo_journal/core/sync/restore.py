"""Restoring a backup while sync is on: the backup's content comes back as new edits.

A backup is an older copy of the journal, sync's book-keeping included. Taken in as
it is, it would either publish under a name the folder already moved past, or be
overwritten by the folder at the next round. Instead the restore leaves a note beside
the journal with the sync settings it had; the next round reads the note, makes this
laptop a new laptop in the folder, takes in what the others hold without touching the
restored rows, and publishes every difference the restore made. Old operations are
never republished, and nothing the other laptops added since the backup is removed.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from pmo_journal.core.sync.log import install_triggers, set_state, state


def _note(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".sync-restored")


def remember_sync_settings(journal_path: Path, *, passphrase: str | None) -> dict[str, str]:
    """The sync settings of the journal about to be replaced ({} when sync is off)."""
    from pmo_journal.core.storage.connect import connect

    if not journal_path.exists():
        return {}
    try:
        connection = connect(journal_path, passphrase=passphrase)
    except Exception:  # an unreadable journal has no settings worth keeping
        return {}
    try:
        rows = dict(connection.execute("SELECT key, value FROM sync_state").fetchall())
    except Exception:  # a journal from before sync has no sync_state table
        return {}
    finally:
        connection.close()
    if rows.get("enabled") != "1" or not rows.get("folder"):
        return {}
    return {"folder": rows["folder"], "device_name": rows.get("device_name", "")}


def leave_restore_note(journal_path: Path, settings: dict[str, str]) -> None:
    if settings:
        _note(journal_path).write_text(json.dumps(settings), encoding="utf-8")


def adopt_restore_note(journal: Any) -> bool:
    """Pick up a restore's note: sync stays on, the next round rejoins (True if there was one)."""
    note = _note(Path(journal.path))
    if not note.is_file():
        return False
    try:
        settings = json.loads(note.read_text(encoding="utf-8"))
        folder, name = str(settings["folder"]), str(settings.get("device_name", ""))
    except (OSError, ValueError, KeyError, TypeError):
        note.unlink(missing_ok=True)
        return False
    connection = journal.engine.raw_connection()
    try:
        connection.execute("BEGIN IMMEDIATE")
        set_state(connection, "folder", folder)
        if name:
            set_state(connection, "device_name", name)
        set_state(connection, "enabled", "1")
        set_state(connection, "restored", "1")
        if state(connection, "device") is None:
            set_state(connection, "device", uuid.uuid4().hex)
        install_triggers(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    note.unlink(missing_ok=True)
    return True
