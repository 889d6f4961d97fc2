"""Whether the journal was closed cleanly last time, and whether a crash lost its WAL.

A save is committed into SQLite's write-ahead log (``journal.db-wal``) before it reaches
the file itself. After a crash that log holds the newest entries; if it is then deleted or
cut short, they are gone and the file alone still looks healthy. So the journal records
in its own settings that it is open (``journal.open`` = "1") and that it was closed
("0"). When the last session did not close and SQLite's shared-memory file survived
without its log, or the log is cut off mid-frame, the entries of that session may be lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OPEN_KEY = "journal.open"
WAL_HEADER_BYTES = 32
WAL_FRAME_HEADER_BYTES = 24


def wal_lost(journal_path: Path) -> str | None:
    """What is wrong with the WAL left beside the file, if anything (read before opening)."""
    wal, shm = Path(f"{journal_path}-wal"), Path(f"{journal_path}-shm")
    if not wal.exists():
        return "its write-ahead log is missing" if shm.exists() else None
    size = wal.stat().st_size
    if size == 0:
        return None
    with wal.open("rb") as handle:
        header = handle.read(WAL_HEADER_BYTES)
    if len(header) < WAL_HEADER_BYTES:
        return "its write-ahead log is cut short"
    page_size = int.from_bytes(header[8:12], "big")
    frame = page_size + WAL_FRAME_HEADER_BYTES
    if page_size < 512 or (size - WAL_HEADER_BYTES) % frame:
        return "its write-ahead log is cut short"
    return None


def was_left_open(connection: Any) -> bool:
    """Whether the journal's last session ended without closing it (a crash, a kill)."""
    try:
        row = connection.execute(
            "SELECT value FROM journalsetting WHERE key = ?", (OPEN_KEY,)
        ).fetchone()
    except Exception:  # a journal too old for settings, or not a journal at all
        return False
    return row is not None and row[0] == "1"


def mark(connection: Any, *, open_now: bool) -> None:
    """Record that the journal is open (or has just been closed) on a raw connection."""
    connection.execute(
        "INSERT INTO journalsetting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (OPEN_KEY, "1" if open_now else "0"),
    )


def lost_writes_problem(journal_path: Path, wal_problem: str | None, left_open: bool) -> str | None:
    """The sentence to show when a crash may have cost the last session's entries."""
    if wal_problem is None or not left_open:
        return None
    return (
        f"{journal_path.name} was not closed properly last time and {wal_problem}: "
        "entries saved just before may be lost; compare with the newest backup"
    )
