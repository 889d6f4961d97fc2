"""Progress report timings: a 10-year report against a 1-year one, and the CLI's start-up.

    uv run python benchmarks/report.py

Goals:
- a 10-year report (demo journal, ten years of entries, every section) takes at most 1.5×
  the time of a 1-year report from the same journal;
- ``pmo-journal report`` takes at most 2× the process time of a bare script that only
  imports PySide6, sqlmodel and matplotlib.

Times are the best of several interleaved rounds of CPU time (user + system), so other
programs on a busy machine don't skew the ratios; best wall-clock times are printed beside.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pmo_journal.core.db import Journal
from pmo_journal.core.demo import build_demo_journal

ROUNDS = 5
REPORT_GOAL = 1.5
PROCESS_GOAL = 2.0
BARE_SCRIPT = "import PySide6.QtGui, sqlmodel, matplotlib"


def in_process(journal: Journal, out: Path, start: dt.date, end: dt.date) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to build the report, draw its charts and write the PDF."""
    from pmo_journal.report.build import build_report
    from pmo_journal.report.options import ReportOptions
    from pmo_journal.report.render import save_report_pdf

    cpu, wall = time.process_time(), time.perf_counter()
    save_report_pdf(build_report(journal, ReportOptions(start=start, end=end)), out)
    return time.process_time() - cpu, time.perf_counter() - wall


def child(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, time.perf_counter() - wall


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(c for c, _ in runs), min(w for _, w in runs)


def interleaved(measures: list[object]) -> list[tuple[float, float]]:
    rounds: list[list[tuple[float, float]]] = [[] for _ in measures]
    for measure in measures:
        measure()  # type: ignore[operator]  # warm caches (fonts, SQLite pages, imports)
    for _ in range(ROUNDS):
        for index, measure in enumerate(measures):
            rounds[index].append(measure())  # type: ignore[operator]
    return [best(runs) for runs in rounds]


def line(label: str, cpu: float, wall: float) -> str:
    return f"  {label:<34} {cpu:6.2f} s CPU   {wall:6.2f} s wall"


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication(sys.argv[:1])
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = folder / "demo-10y.db"
        counts = build_demo_journal(db, years=10, today=today)
        print(
            f"Demo journal, 10 years: {counts.mentor_sessions} sessions, "
            f"{counts.helper_assignments} assignments, {counts.skill_reflections} reflections."
        )
        one_year = (dt.date(today.year - 1, today.month, 1), today)
        ten_years = (dt.date(today.year - 10, today.month, 1), today)
        with Journal.open(db) as journal:
            (cpu1, wall1), (cpu10, wall10) = interleaved(
                [
                    lambda: in_process(journal, folder / "1y.pdf", *one_year),
                    lambda: in_process(journal, folder / "10y.pdf", *ten_years),
                ]
            )
        from pypdf import PdfReader

        pages1 = len(PdfReader(folder / "1y.pdf").pages)
        pages10 = len(PdfReader(folder / "10y.pdf").pages)
        print("\nReport (build, charts, PDF), in one process:")
        print(line(f"1-year report ({pages1} pages)", cpu1, wall1))
        print(line(f"10-year report ({pages10} pages)", cpu10, wall10))
        report_ratio = cpu10 / cpu1
        print(f"  ratio 10-year / 1-year: {report_ratio:.2f}× (goal ≤ {REPORT_GOAL}×)")

        def cli(start: dt.date, end: dt.date, name: str) -> list[str]:
            return [
                sys.executable,
                "-m",
                "pmo_journal",
                "report",
                "--db",
                str(db),
                "--from",
                start.isoformat(),
                "--to",
                end.isoformat(),
                "--out",
                str(folder / name),
            ]

        (bare_cpu, bare_wall), (cli1_cpu, cli1_wall), (cli10_cpu, cli10_wall) = interleaved(
            [
                lambda: child([sys.executable, "-c", BARE_SCRIPT]),
                lambda: child(cli(*one_year, "cli-1y.pdf")),
                lambda: child(cli(*ten_years, "cli-10y.pdf")),
            ]
        )
        print("\nProcess time:")
        print(line("bare import script", bare_cpu, bare_wall))
        print(line("pmo-journal report, 1 year", cli1_cpu, cli1_wall))
        print(line("pmo-journal report, 10 years", cli10_cpu, cli10_wall))
        process_ratio = cli1_cpu / bare_cpu
        print(f"  ratio report / bare script: {process_ratio:.2f}× (goal ≤ {PROCESS_GOAL}×)")
        print(f"  ratio 10-year / 1-year command: {cli10_cpu / cli1_cpu:.2f}×")
    del application
    met = report_ratio <= REPORT_GOAL and process_ratio <= PROCESS_GOAL
    print("\nBoth goals met." if met else "\nA goal was missed.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
