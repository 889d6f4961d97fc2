"""Start-up of the frozen bundle against the same start from the source checkout.

Runs ``dist/pmo-journal/pmo-journal --db <10-year demo> --quit-after-load`` and
``python main.py`` with the same arguments, alternating, N runs each, and compares the
medians of the processes' CPU time (goal: the bundle ≤ 1.2× the source checkout). Build
the bundle first with ``packaging/build-bundle``.

    uv run python benchmarks/bundle_startup.py [--runs 15] [--bundle dist/pmo-journal]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from large_journal import cached_path
from startup import YEARS, seconds

from pmo_journal.core.demo.build import build_demo_journal

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "pmo-journal")
    args = parser.parse_args()
    frozen = args.bundle / ("pmo-journal.exe" if sys.platform == "win32" else "pmo-journal")
    if not frozen.is_file():
        print(f"no bundle at {args.bundle}: run packaging/build-bundle first", file=sys.stderr)
        return 1

    journal = cached_path(f"startup-demo-{YEARS}y.db")
    if not journal.exists():
        counts = build_demo_journal(journal, years=YEARS)
        print(f"built a {YEARS}-year demo journal: {counts.entries} entries")
    # A returning user's settings, in a folder of the benchmark's own (as startup.py does).
    settings = cached_path("startup-settings")
    conf = settings / "PMO Career Journal" / "PMO Career Journal.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("[welcome]\nseen=true\n\n[window]\nscreen=dashboard\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(settings),
    }
    # The source start as an installed app has it: bytecode cached by the warm-up runs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    arguments = ["--db", str(journal), "--quit-after-load"]
    source = [sys.executable, "main.py", *arguments]
    bundle = [str(frozen), *arguments]
    for _ in range(2):  # warm the disk and bytecode caches for both before timing
        seconds(source, env)
        seconds(bundle, env)
    source_runs, bundle_runs = [], []
    for _ in range(args.runs):
        source_runs.append(seconds(source, env))
        bundle_runs.append(seconds(bundle, env))

    print(f"\nstart to first paint and exit, median of {args.runs} alternated runs")
    print(f"{'':<36}{'wall s':>8}{'CPU s':>8}{'min CPU':>9}{'max CPU':>9}")
    for name, runs in (
        ("source checkout (uv run main.py)", source_runs),
        ("frozen bundle", bundle_runs),
    ):
        cpu = [run[1] for run in runs]
        print(
            f"{name:<36}{statistics.median(run[0] for run in runs):>8.3f}"
            f"{statistics.median(cpu):>8.3f}{min(cpu):>9.3f}{max(cpu):>9.3f}"
        )
    ratio = statistics.median(r[1] for r in bundle_runs) / statistics.median(
        r[1] for r in source_runs
    )
    wall_ratio = statistics.median(r[0] for r in bundle_runs) / statistics.median(
        r[0] for r in source_runs
    )
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(
        f"bundle / source: {ratio:.2f}× CPU, {wall_ratio:.2f}× wall clock "
        f"(goal ≤ {GOAL}× CPU: {verdict})"
    )
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
