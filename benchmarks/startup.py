"""Start-up: the app on a 10-year journal against a bare PySide6 window, first paint to exit.

Runs ``python main.py --db <10-year demo> --quit-after-load`` and a bare script that
imports sqlmodel and shows a QMainWindow, quitting after its first paint; the two
alternate, N runs each, and their medians are compared (goal ≤ 1.25×). Then checks with
``-X importtime`` that matplotlib is not imported before the first paint.

    uv run python benchmarks/startup.py [--runs 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from large_journal import cached_path

from pmo_journal.core.demo.build import build_demo_journal

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.25
YEARS = 10
BARE_WINDOW = """
import sqlmodel
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1100, 700)
watcher = QuitOnFirstPaint(window)
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU time shrugs off a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imported_modules(command: list[str], env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="regenerate the demo journal")
    args = parser.parse_args()

    journal = cached_path(f"startup-demo-{YEARS}y.db")
    if args.rebuild or not journal.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{journal}{suffix}").unlink(missing_ok=True)
        counts = build_demo_journal(journal, years=YEARS)
        print(f"built a {YEARS}-year demo journal: {counts.entries} entries")

    # The app's settings in a folder of the benchmark's own, as a returning user's: past the
    # welcome page, opening on the dashboard. The user's own settings are never read.
    settings = cached_path("startup-settings")
    conf = settings / "PMO Career Journal" / "PMO Career Journal.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("[welcome]\nseen=true\n\n[window]\nscreen=dashboard\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(settings),
    }
    # Measure an installed app: bytecode cached (the warm-up runs write it), as pip does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = [sys.executable, "main.py", "--db", str(journal), "--quit-after-load"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    for _ in range(2):  # warm the disk and bytecode caches for both before timing
        seconds(app, env)
        seconds(bare, env)
    app_runs, bare_runs = [], []
    for _ in range(args.runs):
        app_runs.append(seconds(app, env))
        bare_runs.append(seconds(bare, env))

    print(f"\nstart to first paint and exit, median of {args.runs} alternated runs (2 cores)")
    print(f"{'':<40}{'wall s':>8}{'min':>7}{'max':>7}{'CPU s':>8}")
    rows = (
        (f"pmo-journal, {YEARS}-year demo journal", app_runs),
        ("bare QMainWindow + import sqlmodel", bare_runs),
    )
    for name, runs in rows:
        wall = [run[0] for run in runs]
        cpu = statistics.median(run[1] for run in runs)
        print(
            f"{name:<40}{statistics.median(wall):>8.3f}{min(wall):>7.3f}{max(wall):>7.3f}"
            f"{cpu:>8.3f}"
        )
    ratio = statistics.median(r[0] for r in app_runs) / statistics.median(r[0] for r in bare_runs)
    cpu_ratio = statistics.median(r[1] for r in app_runs) / statistics.median(
        r[1] for r in bare_runs
    )
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"ratio {ratio:.2f}× wall clock, {cpu_ratio:.2f}× CPU (goal ≤ {GOAL}×: {verdict})")

    modules = imported_modules(app, env)
    plotting = sorted(name for name in modules if name.split(".")[0] == "matplotlib")
    if plotting:
        print(f"matplotlib IS imported before the first paint: {', '.join(plotting[:5])}")
        return 1
    print(f"matplotlib is not imported before the first paint ({len(modules)} modules are)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
