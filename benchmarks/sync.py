"""Sync on a 10-year demo journal, side by side with importing its JSON export.

Three figures, each the ratio of medians of CPU time over interleaved runs:
- a new laptop taking in the whole journal from the folder vs importing its JSON export
  into a new journal (goal: at most 3x);
- a round with nothing new, and a round after one edit (goals: 100 ms and 200 ms of
  wall time; printed with CPU time beside them).
Run: uv run python benchmarks/sync.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.exchange.json_export import export_json
from pmo_journal.core.exchange.json_import import import_json_bytes
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import enable_sync, sync_round

CACHE = Path(tempfile.gettempdir()) / "pmo-journal-benchmarks"


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _fresh(folder: Path, name: str) -> Path:
    path = folder / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Journal.open(path, auto_backup=False).close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work_dir = Path(tempfile.mkdtemp(prefix="pmo-sync-bench-"))
    CACHE.mkdir(exist_ok=True)
    demo = CACHE / "demo-10y.db"
    if not demo.exists():
        build_demo_journal(demo, years=10, seed=7, today=dt.date(2026, 12, 1))
    source = work_dir / "work.db"
    shutil.copy(demo, source)
    shared = work_dir / "shared"
    shared.mkdir()
    export = work_dir / "export.json"
    with Journal.open(source, auto_backup=False) as journal:
        export_json(journal, export, include_private=True)
        enable_sync(journal, folder=shared, device_name="Work")
        sync_round(journal)
    data = export.read_bytes()

    first_laptop = {p.name for p in shared.iterdir()}
    imports, joins = [], []
    for _ in range(args.rounds):
        target = _fresh(work_dir, "imported")
        with Journal.open(target, auto_backup=False) as journal:
            imports.append(_timed(lambda j=journal: import_json_bytes(j, data)))
        laptop = _fresh(work_dir, "laptop")
        with Journal.open(laptop, auto_backup=False) as journal:

            def join(j: Journal = journal) -> None:
                enable_sync(j, folder=shared, device_name="New laptop")
                sync_round(j)

            joins.append(_timed(join))
        for folder in shared.iterdir():
            if folder.name not in first_laptop:
                shutil.rmtree(folder)

    quiet, edited = [], []
    with Journal.open(source, auto_backup=False) as journal:
        person = people.create_person(journal, data={"name": "Benchmark person"})
        for n in range(args.rounds):
            quiet.append(_timed(lambda j=journal: sync_round(j)))
            people.update_person(
                journal, person.id, data={"name": f"Benchmark person {n}", "relationship": "peer"}
            )
            edited.append(_timed(lambda j=journal: sync_round(j)))

    def median(runs: list[tuple[float, float]], index: int) -> float:
        return statistics.median(run[index] for run in runs)

    ratio = median(joins, 1) / median(imports, 1)
    print(f"10-year demo, {args.rounds} interleaved rounds, medians")
    print(
        f"new laptop from the folder {median(joins, 1):.2f} s CPU vs JSON import "
        f"{median(imports, 1):.2f} s CPU: {ratio:.2f}x (goal <= 3x)"
    )
    print(
        f"round with nothing new: {median(quiet, 0) * 1000:.0f} ms wall, "
        f"{median(quiet, 1) * 1000:.0f} ms CPU (goal <= 100 ms)"
    )
    print(
        f"round after one edit: {median(edited, 0) * 1000:.0f} ms wall, "
        f"{median(edited, 1) * 1000:.0f} ms CPU (goal <= 200 ms)"
    )
    shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
