"""Backup: our verified backup against a raw sqlite3 backup, at 1,000 to 100,000 entries.

Ours is the raw backup plus what makes it trustworthy: ``PRAGMA quick_check`` of the
copy, its page count compared with the journal's, an fsync and an atomic rename (the
full ``integrity_check`` runs before a restore). Median CPU time of interleaved runs on
the generated journals; goal ≤ 1.6× at every size.

    uv run python benchmarks/backup.py [--runs 7] [--rebuild]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from side_by_side import large_journal, medians, verdict

from pmo_journal.core.storage.backup import backup_journal

GOAL = 1.6
SIZES = (1_000, 10_000, 100_000)


def raw_backup(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()


def measure(size: int, *, runs: int, rebuild: bool) -> tuple[float, float, float]:
    """(MB, raw seconds, verified seconds) for the generated journal of ``size`` entries."""
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.db"
        shutil.copy(large_journal(size, rebuild=rebuild), journal)

        def ours() -> None:
            backup_journal(journal, folder=Path(folder) / "ours").unlink()

        times = medians(
            {"raw": lambda: raw_backup(journal, Path(folder) / "raw.db"), "ours": ours},
            runs=runs,
        )
        return journal.stat().st_size / 1_048_576, times["raw"], times["ours"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print(f"median CPU of {args.runs} interleaved runs")
    worst = 0.0
    for size in SIZES:
        megabytes, raw, ours = measure(size, runs=args.runs, rebuild=args.rebuild)
        worst = max(worst, ours / raw)
        print(
            f"{size:>9,} entries ({megabytes:5.1f} MB): raw {raw * 1000:7.1f} ms, "
            f"verified {ours * 1000:7.1f} ms, {ours / raw:.2f}×"
        )
    print("\nworst verified vs raw backup:", verdict(worst, GOAL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
