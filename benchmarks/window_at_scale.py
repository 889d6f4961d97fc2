"""The real window at 100,000 entries: the longest GUI-thread stall of each action, and
the peak memory after every screen against an empty journal.

A 5 ms heartbeat timer on the GUI thread records the longest gap between its beats while
each action runs: switching to every screen, typing a search, changing the dashboard's
period, scrolling the journal to the end and opening an editor (goal: every stall ≤ 100
ms). Each journal is measured in a process of its own, whose peak resident memory after
visiting every screen is compared (goal ≤ 1.3×).

Each journal's child runs ``--runs`` times (3 by default): the stalls printed are the
median of the runs for each action, with the worst run beside it (wall-clock stalls on
a shared machine wander from one run to the next).

    uv run python benchmarks/window_at_scale.py [--entries 100000] [--runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from side_by_side import large_journal

STALL_GOAL_MS = 100.0
MEMORY_GOAL = 1.3
SETTLE_S = 1.5  # how long each action is given to finish its background work
SETTLE_AT_MOST_S = 60.0  # how long an action's work on a worker may be waited for


def _child(path: Path, *, preload: bool) -> dict[str, object]:
    """Drive the window on ``path``; return the stalls (ms) and the peak memory (KB).
    ``preload``: as the app does after its first paint, import the screens' use cases
    ahead on a worker (``application.preload_screens``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.environ.get("SWITCH_MS"):
        sys.setswitchinterval(float(os.environ["SWITCH_MS"]) / 1000)
    from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pmo_journal.core.models import EntryKind
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QSettings().setValue("welcome/seen", True)
    window = MainWindow(JournalContext(Journal.open(path, auto_backup=False)))
    window.resize(1300, 850)
    window.show()
    if preload:
        from pmo_journal.ui.application import preload_screens
        from pmo_journal.ui.warming import Warming

        # As a user a few seconds after start-up: the preload, the reading ahead and the
        # warming (the screens' modules, then the screens built ahead) are done.
        preload_screens(window)

        def warmed() -> bool:
            warming = window.findChild(Warming)
            return isinstance(warming, Warming) and warming.done

        until = time.monotonic() + 60
        while time.monotonic() < until and not warmed():
            app.processEvents()
            time.sleep(0.01)

    clock, longest = QElapsedTimer(), [0.0]
    heartbeat = QTimer()
    heartbeat.setInterval(5)

    def beat() -> None:
        longest[0] = max(longest[0], clock.restart())

    heartbeat.timeout.connect(beat)

    def stall_of(action: Callable[[], object], settled: Callable[[], bool] = lambda: True) -> float:
        """The longest gap between heartbeats while ``action`` and its aftermath run (at
        least :data:`SETTLE_S`, and until ``settled()``: work it started on a worker
        competes with the GUI thread for the interpreter, and counts here, not in the
        next action)."""
        app.processEvents()
        longest[0] = 0.0
        clock.start()
        heartbeat.start()
        QTimer.singleShot(0, action)
        started = time.monotonic()
        while time.monotonic() < started + SETTLE_S or (
            not settled() and time.monotonic() < started + SETTLE_AT_MOST_S
        ):
            app.processEvents()
            time.sleep(0.001)
        heartbeat.stop()
        return max(longest[0], clock.elapsed())

    stalls: dict[str, float] = {}
    app.processEvents()  # the screen the window opens on is built before the first action
    until = time.monotonic() + 60  # and its charts drawn
    dashboard = window.dashboard_view
    while time.monotonic() < until and (not dashboard.charts_ready or dashboard.building):
        app.processEvents()
        time.sleep(0.01)
    for key in list(window._keys):
        stalls[f"switch to {key}"] = stall_of(
            lambda k=key: window.show_screen(k), settled=lambda: dashboard.building is None
        )
    window.show_screen("dashboard")
    stalls["dashboard period: All time"] = stall_of(
        lambda: dashboard.range_selector.choose("All time"),
        settled=lambda: dashboard.building is None,
    )
    window.show_screen("journal")
    journal = window.journal_view
    stalls["type a search"] = stall_of(lambda: QTest.keyClicks(journal.filters.search, "board"))
    stalls["clear the search"] = stall_of(journal.filters.search.clear)
    journal.table.setFocus()
    stalls["scroll to the end (Ctrl+End)"] = stall_of(
        lambda: QTest.keyClick(journal.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    )
    entry = journal.selected_entry()
    if entry is not None:
        stalls["open an editor"] = stall_of(lambda: window.open_entry(entry.kind.value, entry.id))
    else:
        stalls["open an editor"] = stall_of(lambda: window.new_entry(EntryKind.SKILL_REFLECTION))
    return {
        "stalls": stalls,
        "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _run(path: Path, *, preload: bool = True) -> tuple[dict[str, float], int]:
    """(stalls in ms, peak memory in KB) of a child process driving the window on ``path``."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path), *([] if preload else ["--no-preload"])],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return dict(found["stalls"]), int(found["peak_kb"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="runs of each child (medians)")
    parser.add_argument(
        "--no-preload", action="store_true", help="leave the screens' imports to each first visit"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(Path(args.child), preload=not args.no_preload)))
        return 0
    large = large_journal(args.entries, rebuild=args.rebuild)
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.db"
        from pmo_journal.core.storage.db import Journal

        Journal.open(empty).close()
        preload = not args.no_preload
        runs = [_run(large, preload=preload) for _ in range(max(1, args.runs))]
        (_, empty_kb) = _run(empty, preload=preload)
    peak_kb = max(peak for _stalls, peak in runs)
    every = {name: [found[name] for found, _peak in runs] for name in runs[0][0]}
    stalls = {name: statistics.median(values) for name, values in every.items()}
    print(
        f"\nlongest GUI-thread stall at {args.entries:,} entries (goal ≤ {STALL_GOAL_MS:.0f} ms), "
        f"median of {len(runs)} runs (worst run)"
    )
    for name, ms in stalls.items():
        flag = "" if ms <= STALL_GOAL_MS else "  MISSED"
        print(f"  {name:<34}{ms:>8.0f} ms ({max(every[name]):>4.0f}){flag}")
    worst = max(stalls.values())
    print(f"worst median: {worst:.0f} ms ({'met' if worst <= STALL_GOAL_MS else 'MISSED'})")
    ratio = peak_kb / empty_kb
    print(
        f"\npeak memory after every screen: {peak_kb / 1024:.0f} MB at {args.entries:,} "
        f"entries vs {empty_kb / 1024:.0f} MB empty = {ratio:.2f}× "
        f"(goal ≤ {MEMORY_GOAL}×: {'met' if ratio <= MEMORY_GOAL else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
