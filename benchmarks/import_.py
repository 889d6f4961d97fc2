"""Importing 10,000 entries from a JSON export against raw ``executemany`` of the same rows;
and, with ``--scale``, importing the generated 100,000-entry journal's export into an empty
journal against the 10,000-entry one's, and exporting those two journals (goal: at most
10.5× the time for 10× the entries).

Ours reads and checks the whole file first (types, rules, references, duplicates), takes a
backup, then writes everything in one transaction.

    uv run python benchmarks/import_.py
    uv run python benchmarks/import_.py --scale [--runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from pmo_journal.core.exchange.json_import import import_json_bytes
from pmo_journal.core.storage.db import Journal

GOAL = 3.0
SCALE_GOAL = 10.5
ROUNDS = 3
COLUMNS = (
    "uuid, created_at, updated_at, starred, private, date, skill_id, rating, situation, "
    "action, result, learned, next_step"
)


def export_document(journal: Journal, entries: int) -> dict[str, Any]:
    from pmo_journal.core.exchange.json_export import build_document

    document = build_document(journal)
    skill = document["skills"][0]["uuid"]
    document["skill_reflections"] = [
        {
            "uuid": str(uuid.uuid4()),
            "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-01T00:00:00Z",
            "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "skill_uuid": skill,
            "rating": 1 + n % 5,
            "situation": f"Situation {n}: the board asked which projects enter the funnel.",
            "action": "I compared their strategic fit and argued for value.",
            "result": "Two projects were paused; the board adopted the criteria.",
        }
        for n in range(entries)
    ]
    return document


def raw_rows(document: dict[str, Any], skill_id: int) -> list[tuple[Any, ...]]:
    return [
        (
            r["uuid"],
            "2025-01-01 00:00:00.000000",
            "2025-01-01 00:00:00.000000",
            0,
            0,
            r["date"],
            skill_id,
            r["rating"],
            r["situation"],
            r["action"],
            r["result"],
            "",
            "",
        )
        for r in document["skill_reflections"]
    ]


def raw_insert(path: Path, rows: list[tuple[Any, ...]]) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            f"INSERT INTO skillreflection ({COLUMNS}) VALUES ({', '.join('?' * 13)})", rows
        )
    connection.close()


def exported(entries: int, *, rebuild: bool) -> bytes:
    """The JSON export (private entries included) of the generated journal, cached."""
    from large_journal import cached_path
    from side_by_side import large_journal

    from pmo_journal.core.exchange.json_export import export_json

    path = cached_path(f"large-{entries}.json")
    if rebuild or not path.exists():
        path.unlink(missing_ok=True)
        with Journal.open(large_journal(entries, rebuild=rebuild), auto_backup=False) as journal:
            export_json(journal, path, include_private=True)
    return path.read_bytes()


def scale(runs: int, *, rebuild: bool) -> None:
    """Import into an empty journal, and export: 100,000 against 10,000 entries, each pair
    of sizes in interleaved runs."""
    from side_by_side import large_journal, medians

    from pmo_journal.core.exchange.json_export import export_json

    sizes = (10_000, 100_000)
    data = {size: exported(size, rebuild=rebuild) for size in sizes}
    journals = {size: large_journal(size) for size in sizes}
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.db"
        Journal.open(template, auto_backup=False).close()
        counter = iter(range(10**6))

        def into_empty(size: int) -> None:
            target = Path(folder) / f"import-{next(counter)}" / "journal.db"
            target.parent.mkdir()
            shutil.copy(template, target)
            with Journal.open(target, auto_backup=False) as journal:
                import_json_bytes(journal, data[size])
            shutil.rmtree(target.parent)

        def export(size: int) -> None:
            out = Path(folder) / f"export-{next(counter)}.json"
            with Journal.open(journals[size], auto_backup=False) as journal:
                export_json(journal, out, include_private=True)
            out.unlink()

        imports = medians({size: lambda size=size: into_empty(size) for size in sizes}, runs=runs)
        exports = medians({size: lambda size=size: export(size) for size in sizes}, runs=runs)
    for name, times in (("JSON import into an empty journal", imports), ("JSON export", exports)):
        small, large = times[10_000], times[100_000]
        print(f"{name}, median CPU of {runs} interleaved runs:")
        for size in sizes:
            megabytes = len(data[size]) / 1_048_576
            print(f"  {size:>7,} entries ({megabytes:5.1f} MB of JSON): {times[size]:6.2f} s")
        verdict = "meets" if large / small <= SCALE_GOAL else "misses"
        print(f"ratio: {large / small:.2f}x ({verdict} the goal of <= {SCALE_GOAL}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--scale", action="store_true", help="100,000 vs 10,000 entries")
    parser.add_argument("--runs", type=int, default=ROUNDS)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    if args.scale:
        scale(args.runs, rebuild=args.rebuild)
        return
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.db"
        with Journal.open(template) as journal:
            document = export_document(journal, args.entries)
        data = json.dumps(document).encode()
        skill_id = (
            sqlite3.connect(template)
            .execute("SELECT id FROM skill WHERE uuid = ?", (document["skills"][0]["uuid"],))
            .fetchone()[0]
        )
        ours, raw = [], []
        for round_ in range(ROUNDS):
            target = Path(folder) / f"raw-{round_}" / "journal.db"
            target.parent.mkdir()
            shutil.copy(template, target)
            start = time.perf_counter()
            raw_insert(target, raw_rows(document, skill_id))
            raw.append(time.perf_counter() - start)

            target = Path(folder) / f"ours-{round_}" / "journal.db"
            target.parent.mkdir()
            shutil.copy(template, target)
            with Journal.open(target, auto_backup=False) as journal:
                start = time.perf_counter()
                import_json_bytes(journal, data)
                ours.append(time.perf_counter() - start)
        ours_s, raw_s = statistics.median(ours), statistics.median(raw)
        ratio = ours_s / raw_s
        print(f"import file: {args.entries} entries, {len(data) / 1_048_576:.1f} MB of JSON")
        print(f"raw executemany:   {raw_s * 1000:8.1f} ms (median of {ROUNDS})")
        print(
            f"journal import:    {ours_s * 1000:8.1f} ms (median of {ROUNDS}; parse, check, "
            "backup, one transaction)"
        )
        verdict = "meets" if ratio <= GOAL else "misses"
        print(f"ratio: {ratio:.2f}x ({verdict} the goal of <= {GOAL}x)")


if __name__ == "__main__":
    main()
