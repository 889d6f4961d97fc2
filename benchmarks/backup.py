"""Backup of a 50,000-entry journal: our verified backup against a raw sqlite3 backup.

Ours is the raw backup plus what makes it trustworthy: ``PRAGMA integrity_check`` of the
copy, an fsync and an atomic rename. The integrity check is timed on its own too.

Run: uv run python benchmarks/backup.py [--entries N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from pmo_journal.core.storage.backup import backup_journal
from pmo_journal.core.storage.db import Journal

GOAL = 1.2
ROUNDS = 5


def build_journal(path: Path, entries: int) -> None:
    """A journal with ``entries`` skill reflections (search index and all)."""
    Journal.open(path).close()
    connection = sqlite3.connect(path)
    rows = [
        (
            str(uuid.uuid4()),
            "2025-01-01 00:00:00.000000",
            "2025-01-01 00:00:00.000000",
            0,
            0,
            "2025-01-01",
            1 + n % 4,
            1 + n % 5,
            f"Situation {n}: the portfolio board asked which projects enter the funnel.",
            "I compared their strategic fit and argued for value over perfect execution.",
            "Two projects were paused; the board adopted the criteria.",
            "",
            "",
        )
        for n in range(entries)
    ]
    with connection:
        connection.executemany(
            "INSERT INTO skillreflection (uuid, created_at, updated_at, starred, private, date, "
            "skill_id, rating, situation, action, result, learned, next_step) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    connection.close()


def raw_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()


def timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.db"
        build_journal(journal, args.entries)
        size = journal.stat().st_size / 1_048_576
        ours, raw, checks = [], [], []
        for round_ in range(ROUNDS):
            target = Path(folder) / f"raw-{round_}.db"
            raw.append(timed(lambda t=target: raw_backup(journal, t)))
            ours.append(timed(lambda: backup_journal(journal, folder=Path(folder) / "ours")))
            copy = sqlite3.connect(target)
            checks.append(timed(lambda c=copy: c.execute("PRAGMA integrity_check").fetchall()))
            copy.close()
        ours_s, raw_s = statistics.median(ours), statistics.median(raw)
        ratio = ours_s / raw_s
        print(f"journal: {args.entries} entries, {size:.1f} MB")
        print(f"raw sqlite3 backup:        {raw_s * 1000:8.1f} ms (median of {ROUNDS})")
        print(f"verified journal backup:   {ours_s * 1000:8.1f} ms (median of {ROUNDS})")
        check_s = statistics.median(checks)
        print(f"  of which integrity_check: {check_s * 1000:7.1f} ms")
        verdict = "meets" if ratio <= GOAL else "misses"
        print(f"ratio: {ratio:.2f}x ({verdict} the goal of <= {GOAL}x)")


if __name__ == "__main__":
    main()
