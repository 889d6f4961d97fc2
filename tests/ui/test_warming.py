"""The screens' modules are imported on the GUI thread one per idle turn, after the
preload, so a first visit finds them ready and no turn holds the window long."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.ui.warming import SCREEN_MODULES, Warming, warm_screens

# Standard-library modules nothing in the app or its tests imports.
UNUSED = ["colorsys", "netrc", "tabnanny"]


def test_one_module_per_turn_then_done(qtbot: QtBot) -> None:
    for name in UNUSED:
        sys.modules.pop(name, None)
    host = QWidget()
    qtbot.addWidget(host)
    warming = Warming(host, UNUSED, pause_ms=50)
    assert warming.pending == UNUSED  # nothing imported before the event loop turns
    qtbot.waitUntil(lambda: len(warming.pending) < len(UNUSED))
    assert len(warming.pending) == len(UNUSED) - 1 and "colorsys" in sys.modules
    qtbot.waitUntil(lambda: warming.done)
    assert all(name in sys.modules for name in UNUSED)


def test_a_module_that_fails_stops_the_warming_quietly(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    warming = Warming(host, ["pmo_journal.no_such_screen", "netrc"], pause_ms=1)
    qtbot.waitUntil(lambda: warming.done)


def test_the_app_warms_every_screen_after_the_preload(tmp_path: object) -> None:
    """In a fresh process: after the first paint and the preload, every screen's module
    is imported without visiting the screen."""
    script = textwrap.dedent(
        f"""
        import os, sys, tempfile, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from pmo_journal.core.storage.db import Journal
        from pmo_journal.ui.application import preload_screens
        from pmo_journal.ui.context import JournalContext
        from pmo_journal.ui.main_window import MainWindow
        wanted = {list(SCREEN_MODULES)!r}
        app = QApplication([])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        folder = tempfile.mkdtemp()
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        QSettings().setValue("welcome/seen", True)
        window = MainWindow(JournalContext(Journal.open(Path(folder) / "j.db")))
        window.show()
        app.processEvents()
        print("at start", sorted(m for m in wanted if m in sys.modules))
        preload_screens(window)
        end = time.monotonic() + 60
        while time.monotonic() < end and not all(m in sys.modules for m in wanted):
            app.processEvents()
            time.sleep(0.01)
        print("missing", [m for m in wanted if m not in sys.modules])
        end = time.monotonic() + 60
        built = lambda: [k for k in ("journal", "people") if window.screen_widget(k).built()]
        while time.monotonic() < end and len(built()) < 2:
            app.processEvents()
            time.sleep(0.01)
        print("built ahead", built(), "on", window.current_screen_key())
        import gc
        end = time.monotonic() + 60
        while time.monotonic() < end and not gc.get_freeze_count():
            app.processEvents()
            time.sleep(0.01)
        print("frozen", gc.get_freeze_count() > 10_000)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "missing []" in done.stdout, done.stdout
    # The window opens on the dashboard: the other screens came from the warming.
    assert "pmo_journal.ui.people.view" not in done.stdout.split("missing")[0], done.stdout
    # Then the journal and People screens were built in idle turns, unvisited.
    assert "built ahead ['journal', 'people'] on dashboard" in done.stdout, done.stdout
    # And what lives by then is left out of the garbage collector's full passes.
    assert "frozen True" in done.stdout, done.stdout


def test_builds_come_after_the_modules_one_per_turn_once_ready(qtbot: QtBot) -> None:
    for name in UNUSED:
        sys.modules.pop(name, None)
    host = QWidget()
    qtbot.addWidget(host)
    built: list[str] = []
    ready = [False]
    warming = Warming(
        host,
        UNUSED,
        pause_ms=5,
        builds=[lambda: built.append("a"), lambda: built.append("b" if built == ["a"] else "?")],
        ready=lambda: ready[0],
        then=lambda: built.append("then"),
    )
    qtbot.waitUntil(lambda: not warming.pending)
    qtbot.wait(100)
    assert built == [] and not warming.done  # what they read is not there yet
    ready[0] = True
    qtbot.waitUntil(lambda: len(built) == 3)
    assert built == ["a", "b", "then"] and warming.done


def test_warm_screens_names_real_modules() -> None:
    import importlib.util

    assert all(importlib.util.find_spec(name) is not None for name in SCREEN_MODULES)
    assert callable(warm_screens)
