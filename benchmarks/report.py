"""Progress report timings: 10-year against 1-year reports, and the command's process time.

    uv run python benchmarks/report.py

Goals (issue 4):
- a 10-year report takes at most 1.5× the time of a 1-year report;
- ``pmo-journal report`` takes at most 2× the process time of a bare script that only
  imports PySide6, sqlmodel and matplotlib.

Measured on the demo journal (``pmo-journal demo --years N``):
- the command end to end (what the user waits for) for the last 10 years and the last year
  of a 10-year journal, and the bare import script;
- in one process, the report proper (read, chart, lay out, write the PDF): the same
  1-year report from a 10-year and a 1-year journal (does it scale with journal size?) and
  the 10-year report.

Times are the best of several interleaved rounds of CPU time (user + system), so other
programs on a busy machine don't skew the ratios; best wall-clock times are printed beside.
Child processes write and reuse bytecode in a temporary cache, as an installed app would.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.storage.db import Journal

ROUNDS = 5
REPORT_GOAL = 1.5
PROCESS_GOAL = 2.0
BARE_SCRIPT = "import PySide6.QtGui, sqlmodel, matplotlib"
Timing = tuple[float, float]  # (CPU seconds, wall seconds)


def in_process(journal: Journal, out: Path, start: dt.date, end: dt.date) -> Timing:
    """Build the report, draw its charts and write the PDF, in this process."""
    from pmo_journal.report.build import build_report
    from pmo_journal.report.options import ReportOptions
    from pmo_journal.report.render import save_report_pdf

    cpu, wall = time.process_time(), time.perf_counter()
    save_report_pdf(build_report(journal, ReportOptions(start=start, end=end)), out)
    return time.process_time() - cpu, time.perf_counter() - wall


def child(command: list[str], env: dict[str, str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, time.perf_counter() - wall


def interleaved(measures: list[Callable[[], Timing]]) -> list[Timing]:
    """Best CPU and wall time of each measure, run in alternation after one warm-up each."""
    for measure in measures:
        measure()
    rounds: list[list[Timing]] = [[] for _ in measures]
    for _ in range(ROUNDS):
        for index, measure in enumerate(measures):
            rounds[index].append(measure())
    return [(min(c for c, _ in runs), min(w for _, w in runs)) for runs in rounds]


def line(label: str, timing: Timing) -> str:
    return f"  {label:<44} {timing[0]:6.2f} s CPU  {timing[1]:6.2f} s wall"


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication(sys.argv[:1])
    today = dt.date.today()
    last_year = (dt.date(today.year - 1, today.month, 1), today)
    last_ten_years = (dt.date(today.year - 10, today.month, 1), today)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db10, db1 = folder / "demo-10y.db", folder / "demo-1y.db"
        counts = build_demo_journal(db10, years=10, today=today)
        build_demo_journal(db1, years=1, today=today)
        print(
            f"Demo journal, 10 years: {counts.mentor_sessions} sessions, "
            f"{counts.helper_assignments} helper assignments, "
            f"{counts.skill_reflections} reflections."
        )

        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")

        def command(period: tuple[dt.date, dt.date], name: str) -> list[str]:
            return [
                sys.executable, "-m", "pmo_journal", "report", "--db", str(db10),
                "--from", period[0].isoformat(), "--to", period[1].isoformat(),
                "--out", str(folder / name),
            ]  # fmt: skip

        bare, command1, command10 = interleaved(
            [
                lambda: child([sys.executable, "-c", BARE_SCRIPT], env),
                lambda: child(command(last_year, "cli-1y.pdf"), env),
                lambda: child(command(last_ten_years, "cli-10y.pdf"), env),
            ]
        )
        pages1, pages10 = pages(folder / "cli-1y.pdf"), pages(folder / "cli-10y.pdf")
        print("\npmo-journal report, end to end (10-year journal):")
        print(line("bare script importing PySide6, sqlmodel, mpl", bare))
        print(line(f"last year ({pages1} pages)", command1))
        print(line(f"last 10 years ({pages10} pages)", command10))
        report_ratio = command10[0] / command1[0]
        process_ratio = command1[0] / bare[0]
        print(f"  10-year / 1-year report:   {report_ratio:.2f}× (goal ≤ {REPORT_GOAL}×)")
        print(f"  report / bare script:      {process_ratio:.2f}× (goal ≤ {PROCESS_GOAL}×)")

        with Journal.open(db10) as journal10, Journal.open(db1) as journal1:
            small, large, whole = interleaved(
                [
                    lambda: in_process(journal1, folder / "a.pdf", *last_year),
                    lambda: in_process(journal10, folder / "b.pdf", *last_year),
                    lambda: in_process(journal10, folder / "c.pdf", *last_ten_years),
                ]
            )
        print("\nThe report proper, in one process (read, chart, lay out, write):")
        print(line("last year, 1-year journal", small))
        print(line("last year, 10-year journal", large))
        print(line("last 10 years, 10-year journal", whole))
        print(f"  same report, 10-year / 1-year journal: {large[0] / small[0]:.2f}×")
        print(f"  10-year / 1-year report:               {whole[0] / large[0]:.2f}×")
    del application
    met = report_ratio <= REPORT_GOAL and process_ratio <= PROCESS_GOAL
    print("\nBoth goals met." if met else "\nA goal was missed.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
