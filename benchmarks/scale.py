"""Scale: a 50,000-entry journal opens, pages, filters and searches without freezing.

Prints median times of what the journal screen asks for, the full-text search latency
against a raw sqlite3 FTS5 query on the same file (goal ≤ 3×), and the peak memory of a
process that loads the first page, against the same on an empty journal (goal ≤ 1.3×).

    uv run python benchmarks/scale.py [--entries 50000] [--runs 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from large_journal import build_large_journal, cached_path

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services.timeline import (
    TimelineFilter,
    count_timeline,
    fts_query,
    list_timeline,
    timeline_bookmarks,
)
from pmo_journal.core.storage.db import Journal

PAGE = 200  # the journal screen's page
INSTANT_MS = 100.0  # below this a click feels instant
SEARCH_GOAL = 3.0
MEMORY_GOAL = 1.3
SEARCH_WORDS = ("benefits", "consensus", "capacity", "steering committee", "pairwise")
MEMORY_PROBE = """
import resource, sys
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.services.timeline import TimelineFilter, count_timeline, list_timeline
journal = Journal.open(sys.argv[1])
everything = TimelineFilter()
list_timeline(journal, everything, limit=200)
count_timeline(journal, everything)
journal.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm the page cache: the GUI asks the same question again and again
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def peak_memory_kb(path: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip())


def journal_times(journal_path: Path, runs: int) -> list[tuple[str, float]]:
    def open_and_close() -> None:
        Journal.open(journal_path).close()

    with Journal.open(journal_path) as journal:
        year_ago = dt.date.today() - dt.timedelta(days=365)
        filters = {
            "first page, everything": TimelineFilter(),
            "page filtered by skill": TimelineFilter(skill_id=2),
            "page filtered by kind": TimelineFilter(kinds=frozenset({EntryKind.HELPER_ASSIGNMENT})),
            "page filtered by date (last year)": TimelineFilter(date_from=year_ago),
            "page of starred, no private": TimelineFilter(starred_only=True, private=False),
        }
        rows = [("open the journal", median_ms(open_and_close, runs))]
        rows += [
            (name, median_ms(lambda f=flt: list_timeline(journal, f, limit=PAGE), runs))
            for name, flt in filters.items()
        ]
        rows.append(
            (
                "count every entry",
                median_ms(lambda: count_timeline(journal, TimelineFilter()), runs),
            )
        )
        marks = timeline_bookmarks(journal, TimelineFilter(), every=PAGE)
        rows.append(
            (
                "last page (by key)",
                median_ms(
                    lambda: list_timeline(journal, TimelineFilter(), after=marks[-2], limit=PAGE),
                    runs,
                ),
            )
        )
    return rows


# The same page by hand: hits, their dates, newest 200 (what list_timeline's first query does).
BY_HAND = """
SELECT f.rowid % 4 AS kind, f.rowid / 4 AS id, COALESCE(ms.date, ha.start_date, sr.date) AS day
FROM entry_fts f
LEFT JOIN mentorsession ms ON f.rowid % 4 = 1 AND ms.id = f.rowid / 4
LEFT JOIN helperassignment ha ON f.rowid % 4 = 2 AND ha.id = f.rowid / 4
LEFT JOIN skillreflection sr ON f.rowid % 4 = 3 AND sr.id = f.rowid / 4
WHERE entry_fts MATCH ?
  AND COALESCE(ms.deleted_at, ha.deleted_at, sr.deleted_at) IS NULL
ORDER BY day DESC, kind, id DESC LIMIT 200
"""
RAW_FTS = "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?"


def search_times(journal_path: Path, runs: int) -> list[tuple[str, int, float, float, float]]:
    """Per search: the hits, our page, the raw FTS5 query and the same page's keys by hand."""
    raw = sqlite3.connect(journal_path)
    rows = []
    try:
        with Journal.open(journal_path) as journal:
            for word in SEARCH_WORDS:
                flt = TimelineFilter(text=word)
                match = (fts_query(word),)

                def ours(flt: TimelineFilter = flt) -> object:
                    return list_timeline(journal, flt, limit=PAGE)

                def fts(match: tuple[str] = match) -> object:
                    return raw.execute(RAW_FTS, match).fetchall()

                def by_hand(match: tuple[str] = match) -> object:
                    return raw.execute(BY_HAND, match).fetchall()

                hits = len(raw.execute(RAW_FTS, match).fetchall())
                timings = (median_ms(ours, runs), median_ms(fts, runs), median_ms(by_hand, runs))
                rows.append((word, hits, *timings))
    finally:
        raw.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached journals")
    args = parser.parse_args()

    large = Path(args.db) if args.db else cached_path(f"scale-{args.entries}.db")
    empty = cached_path("scale-empty.db")
    if args.rebuild or not large.exists():
        started = time.perf_counter()
        build_large_journal(large, entries=args.entries)
        print(f"built {args.entries:,} entries in {time.perf_counter() - started:.1f} s")
    if args.rebuild or not empty.exists():
        empty.unlink(missing_ok=True)
        Journal.open(empty).close()

    print(f"\n{args.entries:,}-entry journal, median of {args.runs} runs (2-core machine)")
    print(f"{'what the journal screen asks':<36}{'ms':>9}")
    for name, ms in journal_times(large, args.runs):
        print(f"{name:<36}{ms:>9.1f}{'' if ms <= INSTANT_MS else '  (over 100 ms)'}")

    print(
        f"\n{'full-text search':<20}{'hits':>7}{'ours ms':>9}{'raw FTS5':>10}{'ratio':>8}"
        f"{'by hand':>9}{'ratio':>8}"
    )
    worst = 0.0
    for word, hits, ours, fts, by_hand in search_times(large, args.runs):
        worst = max(worst, ours / fts)
        print(
            f"{word:<20}{hits:>7}{ours:>9.2f}{fts:>10.2f}{ours / fts:>7.1f}×"
            f"{by_hand:>9.2f}{ours / by_hand:>7.1f}×"
        )
    verdict = "met" if worst <= SEARCH_GOAL else "MISSED"
    print(f"worst ratio to the raw FTS5 query {worst:.1f}× (goal ≤ {SEARCH_GOAL}×: {verdict})")
    print("ours: a page of 200 whole entries, newest first, on a fresh connection;")
    print("raw FTS5: the matching rowids only; by hand: the page's keys, on an open connection")

    large_kb, empty_kb = peak_memory_kb(large), peak_memory_kb(empty)
    ratio = large_kb / empty_kb
    verdict = "met" if ratio <= MEMORY_GOAL else "MISSED"
    print(
        f"\npeak memory, open + first page + count: {large_kb / 1024:.1f} MB at "
        f"{args.entries:,} entries vs {empty_kb / 1024:.1f} MB empty = {ratio:.2f}× "
        f"(goal ≤ {MEMORY_GOAL}×: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
