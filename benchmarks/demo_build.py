"""Demo journal: how long ``pmo-journal demo`` takes for 2 and 10 years (goal: a few seconds).

uv run python benchmarks/demo_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pmo_journal.core.demo.build import build_demo_journal

GOAL_SECONDS = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"demo journal build, median of {args.runs} runs (2 cores), journal file included")
    print(f"{'years':>6}{'entries':>9}{'records':>9}{'seconds':>9}")
    worst = 0.0
    for years in (2, 10):
        times = []
        with tempfile.TemporaryDirectory() as folder:
            for run in range(args.runs):
                path = Path(folder) / f"demo-{run}.db"
                started = time.perf_counter()
                counts = build_demo_journal(path, years=years)
                times.append(time.perf_counter() - started)
        rows = sum(counts.as_dict().values())
        seconds = statistics.median(times)
        worst = max(worst, seconds)
        print(f"{years:>6}{counts.entries:>9}{rows:>9}{seconds:>9.2f}")
    verdict = "met" if worst <= GOAL_SECONDS else "MISSED"
    print(f"slowest {worst:.2f} s (goal ≤ {GOAL_SECONDS:.0f} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
