"""PMO readiness at 100,000 entries against 1,000: the checklist reads counts in SQL.

Prints the median CPU time of ``readiness_checklist`` on the generated journals of both
sizes, interleaved, and their ratio (goal ≤ 3×).

    uv run python benchmarks/readiness.py [--runs 9] [--rebuild]
"""

from __future__ import annotations

import argparse
import sys

from pmo_journal.core.readiness import readiness_checklist
from side_by_side import large_journal, medians, verdict

from pmo_journal.core.storage.db import Journal

GOAL = 3.0
SIZES = (1_000, 100_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    journals = {size: Journal.open(large_journal(size, rebuild=args.rebuild)) for size in SIZES}
    try:
        times = medians(
            {
                size: (lambda j=journal: readiness_checklist(j))
                for size, journal in journals.items()
            },
            runs=args.runs,
        )
    finally:
        for journal in journals.values():
            journal.close()
    print(f"\nPMO readiness checklist, median CPU of {args.runs} interleaved runs")
    for size, seconds in times.items():
        print(f"{size:>9,} entries {seconds * 1000:>8.1f} ms")
    small, large = SIZES
    print(f"\n{large:,} vs {small:,} entries:", verdict(times[large] / times[small], GOAL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
