"""The dashboard's "All time" against its last 12 months on the generated 100,000-entry
journal: every figure queried, built and drawn (Agg), as the dashboard's worker and canvas
do it.

    uv run python benchmarks/dashboard_at_scale.py [--entries 100000] [--runs 3]

Goal: "All time" at most 1.5× the last 12 months. The two run in alternation; the ratio
is of their median CPU times. Also printed: how many points the rating charts plot.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from matplotlib.backends.backend_agg import FigureCanvasAgg
from side_by_side import large_journal, medians, verdict

from pmo_journal.core.charts.dashboard import build_dashboard_figures
from pmo_journal.core.progress import last_months
from pmo_journal.core.storage.db import Journal

GOAL = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journal = Journal.open(large_journal(args.entries), auto_backup=False)
    today = dt.date.today()
    periods = {"last 12 months": last_months(12, today=today)[0], "all time": None}
    points: dict[str, int] = {}

    def draw(label: str) -> None:
        figures = build_dashboard_figures(journal, since=periods[label], until=today, today=today)
        for figure in figures.all():
            FigureCanvasAgg(figure).draw()
        points[label] = sum(len(t) for t in figures.headline_skills[0].pick_targets.values())

    found = medians({label: (lambda k=label: draw(k)) for label in periods}, runs=args.runs)
    journal.close()
    print(f"dashboard at {args.entries:,} entries, median CPU of {args.runs} interleaved runs")
    for label, seconds in found.items():
        print(f"  {label:<16}{seconds * 1000:>8.0f} ms   {points[label]:>5} points on a chart")
    ratio = found["all time"] / found["last 12 months"]
    print(f"all time vs 12 months: {verdict(ratio, GOAL)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
