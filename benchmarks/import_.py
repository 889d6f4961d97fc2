"""Importing 10,000 entries from a JSON export against raw ``executemany`` of the same rows.

Ours reads and checks the whole file first (types, rules, references, duplicates), takes a
backup, then writes everything in one transaction. Run: uv run python benchmarks/import_.py
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
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
