"""A journal holding hundreds of megabytes of evidence files: open, search and back up.

Measures, side by side:

- the bytes read (``rchar`` of ``/proc/self/io``) while opening the journal, listing the
  timeline, searching it, and reading every entry with its list of files: none of it may
  read a file's bytes, so it must stay far below the size of the files;
- our verified backup against a raw sqlite3 backup of the same file, interleaved, as the
  ratio of the medians (wall clock and CPU time, and the bytes each read: the copy reads
  every page once, the verification of the copy must not read the files again). The
  goal is <= 1.2x.

Run: uv run python benchmarks/evidence_files.py [--megabytes 500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pmo_journal.core.services import attachments, notes, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.backup import backup_journal
from pmo_journal.core.storage.db import Journal

GOAL = 1.2
FILE_MB = 25
NOTES = 2_000


def read_bytes_so_far() -> int:
    """Bytes this process has read through system calls (page cache hits included)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise RuntimeError("no rchar in /proc/self/io")


def build(path: Path, megabytes: int) -> list[int]:
    """A journal with ``NOTES`` notes, ``megabytes`` of distinct files attached to some."""
    with Journal.open(path, auto_backup=False) as journal:
        ids = []
        for n in range(NOTES):
            note = notes.log_note(
                journal,
                data={
                    "date": dt.date(2024, 1, 1) + dt.timedelta(days=n % 900),
                    "title": f"Certificate and feedback {n}",
                    "text": "Feedback from the portfolio board on the intake funnel.",
                },
            )
            ids.append(note.id)
        for index in range(megabytes // FILE_MB):
            attachments.attach_bytes(
                journal,
                entry_kind="note",
                entry_id=ids[index * 7],
                name=f"certificate-{index}.pdf",
                data=os.urandom(FILE_MB * 1024 * 1024 - 1024),
            )
    return ids


def reading(path: Path, ids: list[int]) -> dict[str, int]:
    """Bytes read by each step of using the journal."""
    steps: dict[str, int] = {}
    before = read_bytes_so_far()
    journal = Journal.open(path, auto_backup=False)
    steps["open"] = read_bytes_so_far() - before
    try:
        before = read_bytes_so_far()
        timeline.list_timeline(journal, TimelineFilter(), limit=200)
        steps["timeline page"] = read_bytes_so_far() - before
        before = read_bytes_so_far()
        found = timeline.list_timeline(journal, TimelineFilter(text="intake"), limit=200)
        assert found
        steps["search"] = read_bytes_so_far() - before
        before = read_bytes_so_far()
        for note_id in ids[::7][:40]:
            notes.get_note(journal, note_id)
            attachments.list_attachments(journal, "note", note_id)
        steps["40 entries and their files' names"] = read_bytes_so_far() - before
    finally:
        journal.close()
    return steps


def raw_backup(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()


def timed(run: Callable[[], object]) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and megabytes read by ``run``."""
    wall, cpu, read = time.perf_counter(), time.process_time(), read_bytes_so_far()
    run()
    return (
        time.perf_counter() - wall,
        time.process_time() - cpu,
        (read_bytes_so_far() - read) / 1_048_576,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "journal.db"
        ids = build(path, args.megabytes)
        size = path.stat().st_size / 1_048_576
        print(f"journal: {NOTES} notes, {args.megabytes // FILE_MB} files, {size:.0f} MB on disk")
        for step, count in reading(path, ids).items():
            print(f"  {step:<34} read {count / 1_048_576:8.2f} MB")
        ours: list[tuple[float, float, float]] = []
        raw: list[tuple[float, float, float]] = []
        for round_ in range(args.rounds):
            target = root / f"raw-{round_}.db"
            raw.append(timed(lambda t=target: raw_backup(path, t)))  # type: ignore[misc]
            target.unlink()
            ours.append(timed(lambda: backup_journal(path, folder=root / "ours")))
            for made in (root / "ours").iterdir():
                made.unlink()
        for label, pick, unit in (("wall clock", 0, "s"), ("CPU time", 1, "s"), ("read", 2, "MB")):
            ours_s = statistics.median(t[pick] for t in ours)
            raw_s = statistics.median(t[pick] for t in raw)
            ratio = ours_s / raw_s
            verdict = "meets" if ratio <= GOAL else "misses"
            print(
                f"backup, {label:<10}: raw sqlite3 {raw_s:7.2f} {unit}, ours {ours_s:7.2f} {unit}, "
                f"{ratio:.2f}x ({verdict} the goal of <= {GOAL}x; median of {args.rounds})"
            )


if __name__ == "__main__":
    main()
