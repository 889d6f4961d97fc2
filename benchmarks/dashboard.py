"""Time to build and draw every dashboard figure: a 10-year journal against a 1-year one.

    uv run python benchmarks/dashboard.py

Goal: the 10-year journal takes at most 1.5× the time of the 1-year one, for both the
default range (last 12 months) and "All time". Times are the best of several interleaved
rounds of this process's CPU time, so other programs on a busy machine don't skew the ratio;
the best wall-clock times are printed beside them.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from pmo_journal.core.charts.dashboard import build_dashboard_figures
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.progress import last_months
from pmo_journal.core.storage.db import Journal

GOAL = 1.5
ROUNDS = 7


def make_journal(folder: Path, years: int, today: dt.date) -> Journal:
    """The demo journal (``pmo-journal demo --years N``) for ``years`` years up to today."""
    path = folder / f"demo-{years}y.db"
    build_demo_journal(path, years=years, today=today)
    return Journal.open(path)


def draw_everything(journal: Journal, since: dt.date | None, today: dt.date) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to query, build and Agg-draw every dashboard figure once."""
    cpu, wall = time.process_time(), time.perf_counter()
    figures = build_dashboard_figures(journal, since=since, until=today, today=today)
    for figure in figures.all():
        FigureCanvasAgg(figure).draw()
    return time.process_time() - cpu, time.perf_counter() - wall


def best_times(
    journals: list[Journal], since: dt.date | None, today: dt.date
) -> list[tuple[float, float]]:
    """Best CPU and wall time per journal, measured in alternation so noise hits both."""
    for journal in journals:
        draw_everything(journal, since, today)  # warm caches (fonts, SQLite pages)
    rounds: list[list[tuple[float, float]]] = [[] for _ in journals]
    for _ in range(ROUNDS):
        for index, journal in enumerate(journals):
            rounds[index].append(draw_everything(journal, since, today))
    return [(min(c for c, _ in runs), min(w for _, w in runs)) for runs in rounds]


def main() -> int:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        print("Building a 1-year and a 10-year demo journal…")
        small = make_journal(Path(folder), 1, today)
        large = make_journal(Path(folder), 10, today)
        for journal in (small, large):
            counts = journal.check().counts
            print(
                f"  {journal.path.name}: {counts['skillreflection']} reflections, "
                f"{counts['mentorsession']} sessions, {counts['helperassignment']} assignments"
            )
        worst = 0.0
        print(f"\n{'range':<16}{'1 year':>10}{'10 years':>10}{'ratio':>8}   (wall: 1y, 10y)")
        for label, since in (
            ("Last 12 months", last_months(12, today=today)[0]),
            ("All time", None),
        ):
            (one, one_wall), (ten, ten_wall) = best_times([small, large], since, today)
            worst = max(worst, ten / one)
            print(
                f"{label:<16}{one * 1000:>8.0f}ms{ten * 1000:>8.0f}ms{ten / one:>7.2f}×"
                f"   ({one_wall * 1000:.0f} ms, {ten_wall * 1000:.0f} ms)"
            )
        small.close()
        large.close()
    verdict = "meets" if worst <= GOAL else "misses"
    print(f"\nWorst ratio {worst:.2f}× {verdict} the goal of ≤ {GOAL}×.")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
