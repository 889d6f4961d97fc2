"""Journal list at 100,000 entries: the last page costs what the first one does.

Pages continue from the key of the row before them, never from an OFFSET. Prints the
median CPU time of the first page, the last page (by key, as Page Down reaches it, and
as Ctrl+End reaches it in the screen's model) and a jump into the middle, as ratios to
the first page (goal: last page ≤ 2× the first).

    uv run python benchmarks/journal_paging.py [--entries 100000] [--runs 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtWidgets import QApplication
from side_by_side import large_journal, medians, verdict

from pmo_journal.core.services.timeline import (
    TimelineFilter,
    list_timeline,
    timeline_bookmarks,
    timeline_key,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.journal.timeline_model import TimelineModel

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
GOAL = 2.0
PAGE = TimelineModel.PAGE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = large_journal(args.entries, rebuild=args.rebuild)
    app = QApplication.instance() or QApplication(sys.argv)
    everything = TimelineFilter()
    with Journal.open(path, auto_backup=False) as journal:
        marks = timeline_bookmarks(journal, everything, every=PAGE)
        model = TimelineModel(journal)
        last_row = model.rowCount() - 1
        # Page n (from 0) continues from the mark of page n - 1.
        before_last, before_middle = marks[last_row // PAGE - 1], marks[len(marks) // 2]

        def ctrl_end() -> object:
            model._pages.clear()  # as after a reload: only the end is read
            return model.entry_at(last_row)

        times = medians(
            {
                "first page": lambda: list_timeline(journal, everything, limit=PAGE),
                "last page, by key": lambda: list_timeline(
                    journal, everything, after=before_last, limit=PAGE
                ),
                "last page, Ctrl+End in the model": ctrl_end,
                "middle page, by key": lambda: list_timeline(
                    journal, everything, after=before_middle, limit=PAGE
                ),
            },
            runs=args.runs,
        )
        started = time.process_time()
        bookmarks = timeline_bookmarks(journal, everything, every=PAGE)
        marking = time.process_time() - started
        started = time.process_time()
        after, rows = None, 0
        while page := list_timeline(journal, everything, after=after, limit=PAGE):
            rows += len(page)
            after = timeline_key(page[-1])
        whole = time.process_time() - started
    first = times["first page"]
    print(f"\n{args.entries:,}-entry journal, median CPU of {args.runs} interleaved runs")
    for name, seconds in times.items():
        print(f"{name:<36}{seconds * 1000:>8.1f} ms{seconds / first:>7.2f}×")
    jump = "marks for a jump (once per filter)"
    print(f"{jump:<36}{marking * 1000:>8.1f} ms  ({len(bookmarks):,})")
    print(f"{'every page, top to bottom':<36}{whole:>8.2f} s  ({rows:,} rows)")
    print("\nlast page vs first page:", verdict(times["last page, by key"] / first, GOAL))
    ctrl_end_ratio = times["last page, Ctrl+End in the model"] / first
    print("Ctrl+End vs first page: ", verdict(ctrl_end_ratio, GOAL))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
