"""Start-up: the app on a 10-year journal against bare PySide6 windows, in two milestones.

* first frame (title, navigation, empty layout) painted, against a bare ``QMainWindow``
  painted (goal ≤ 1.25×);
* usable window (the dashboard's cards painted), against a bare ``QMainWindow`` painted
  after ``import sqlmodel`` (goal ≤ 1.25×);
* and, with no goal, the journal open and the window filled (menus, screens) behind the
  cards, against the same.

Each process leaves (``os._exit``) as soon as its milestone has painted, so nothing after
it, teardown included, is counted; the app is told which milestone by
``PMO_JOURNAL_EXIT_AT`` (``frame``, ``usable`` or ``ready``). Every command is measured in CPU time
(``--runs`` alternated runs each) and in instructions under ``valgrind --tool=callgrind``
(``--callgrind-runs`` each; repeatable on a shared machine), and the ratios of the
medians printed. Then ``-X importtime`` checks that matplotlib, the SQLModel tables
(``pmo_journal.core.models``) and Alembic are not imported before the first frame.

    uv run python benchmarks/startup.py [--runs 15] [--callgrind-runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from large_journal import cached_path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.25
YEARS = 10
BARE_WINDOW = """
{imports}
import os
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class LeaveOnFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1100, 700)
watcher = LeaveOnFirstPaint(window)
window.installEventFilter(watcher)
window.show()
app.exec()
"""
# What must wait until the first frame has painted.
NOT_BEFORE_FRAME = ("matplotlib", "pmo_journal.core.models", "alembic")
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds of one run (CPU time shrugs off a busy machine better than wall time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed by one run, counted by callgrind."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    found = COLLECTED.search(result.stderr)
    if found is None:
        raise RuntimeError(f"callgrind said no count:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def imported_before_frame(command: list[str], env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        cwd=ROOT,
        env={**env, "PMO_JOURNAL_EXIT_AT": "frame"},
        check=True,
        capture_output=True,
        text=True,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def demo_journal(rebuild: bool) -> Path:
    journal = cached_path(f"startup-demo-{YEARS}y.db")
    if rebuild or not journal.exists():
        from pmo_journal.core.demo.build import build_demo_journal

        for suffix in ("", "-wal", "-shm"):
            Path(f"{journal}{suffix}").unlink(missing_ok=True)
        counts = build_demo_journal(journal, years=YEARS)
        print(f"built a {YEARS}-year demo journal: {counts.entries} entries")
    return journal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="CPU-time runs of each")
    parser.add_argument("--callgrind-runs", type=int, default=3, help="0 skips callgrind")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the demo journal")
    args = parser.parse_args()
    journal = demo_journal(args.rebuild)

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
        "PYTHONHASHSEED": "0",  # the same dict layouts in every run, for callgrind
    }
    # Measure an installed app: bytecode cached (the warm-up runs write it), as pip does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = [sys.executable, "main.py", "--db", str(journal)]
    commands = {
        "app, first frame": (app, {"PMO_JOURNAL_EXIT_AT": "frame"}),
        "bare QMainWindow": ([sys.executable, "-c", BARE_WINDOW.format(imports="")], {}),
        "app, usable window (cards)": (app, {"PMO_JOURNAL_EXIT_AT": "usable"}),
        "bare QMainWindow + import sqlmodel": (
            [sys.executable, "-c", BARE_WINDOW.format(imports="import sqlmodel")],
            {},
        ),
        # No goal: how long until the journal is open and the window filled behind the cards.
        "app, journal open (window filled)": (app, {"PMO_JOURNAL_EXIT_AT": "ready"}),
    }
    runs: dict[str, list[float]] = {name: [] for name in commands}
    counts: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(2):  # warm the disk and bytecode caches for all of them before timing
        for command, extra in commands.values():
            cpu_seconds(command, {**env, **extra})
    for _ in range(args.runs):
        for name, (command, extra) in commands.items():
            runs[name].append(cpu_seconds(command, {**env, **extra}))
    use_callgrind = args.callgrind_runs > 0 and shutil.which("valgrind") is not None
    if args.callgrind_runs > 0 and not use_callgrind:
        print("valgrind is not installed: instruction counts skipped")
    for _ in range(args.callgrind_runs if use_callgrind else 0):
        for name, (command, extra) in commands.items():
            counts[name].append(instructions(command, {**env, **extra}))

    print(
        f"\nstart to milestone painted, medians ({args.runs} CPU-time runs, "
        f"{args.callgrind_runs if use_callgrind else 0} callgrind runs, alternated; 2 cores)"
    )
    print(f"{'':<40}{'CPU s':>8}{'min':>7}{'max':>7}{'M instr':>10}")
    for name in commands:
        cpu = runs[name]
        instr = f"{statistics.median(counts[name]) / 1e6:>10,.0f}" if counts[name] else ""
        print(f"{name:<40}{statistics.median(cpu):>8.3f}{min(cpu):>7.3f}{max(cpu):>7.3f}{instr}")

    met = True
    for what, app_name, bare_name in (
        ("first frame vs bare window", "app, first frame", "bare QMainWindow"),
        (
            "usable window vs bare window + sqlmodel",
            "app, usable window (cards)",
            "bare QMainWindow + import sqlmodel",
        ),
    ):
        cpu_ratio = statistics.median(runs[app_name]) / statistics.median(runs[bare_name])
        said = f"{what:<42}{cpu_ratio:.3f}× CPU"
        ratio = cpu_ratio
        if counts[app_name]:
            ratio = statistics.median(counts[app_name]) / statistics.median(counts[bare_name])
            said += f", {ratio:.3f}× instructions"
        verdict = "met" if ratio <= GOAL else "MISSED"
        met = met and ratio <= GOAL
        print(f"{said} (goal ≤ {GOAL}×: {verdict})")
    ready, bare = "app, journal open (window filled)", "bare QMainWindow + import sqlmodel"
    said = f"{'journal open vs bare window + sqlmodel':<42}"
    said += f"{statistics.median(runs[ready]) / statistics.median(runs[bare]):.3f}× CPU"
    if counts[ready]:
        said += f", {statistics.median(counts[ready]) / statistics.median(counts[bare]):.3f}×"
        said += " instructions"
    print(f"{said} (no goal: it follows the usable window)")

    modules = imported_before_frame(app, env)
    early = sorted(
        name
        for name in modules
        if any(name == banned or name.startswith(banned + ".") for banned in NOT_BEFORE_FRAME)
    )
    if early:
        print(f"imported before the first frame: {', '.join(early[:8])}")
        return 1
    print(
        f"none of {', '.join(NOT_BEFORE_FRAME)} is imported before the first frame "
        f"({len(modules)} modules are)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
