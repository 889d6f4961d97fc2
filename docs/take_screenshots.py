"""Retake the README's screenshots of the main window's screens.

    QT_QPA_PLATFORM=offscreen uv run python docs/take_screenshots.py [NAME ...]

The 2-year demo journal (seed 7) as of 2 December 2026, with the day's mentor reminder
above the screens, at the size each picture is shown at. Settings live in a temporary
folder: the user's own are never read or touched. Without names, every picture is retaken.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

HERE = Path(__file__).resolve().parent / "screenshots"
TODAY = dt.date(2026, 12, 2)
SETTLE_MS = 1500
CHARTS_WAIT_S = 120  # the dashboard draws its charts on the worker


@dataclass(frozen=True)
class Shot:
    screen: str
    size: QSize
    dark: bool = False
    sample_bar: bool = False
    #: How far down the screen's scroll area to show (0 is the top, 1 the bottom).
    scrolled: float = 0.0


SHOTS = {
    "main-window.png": Shot("dashboard", QSize(1440, 900)),
    "dashboard-light.png": Shot("dashboard", QSize(1280, 800)),
    "dashboard-dark.png": Shot("dashboard", QSize(1280, 800), dark=True),
    "dashboard-1024.png": Shot("dashboard", QSize(1024, 640)),
    "dashboard-1024-charts.png": Shot("dashboard", QSize(1024, 640), scrolled=0.45),
    "journal.png": Shot("journal", QSize(1440, 900)),
    "journal-1024.png": Shot("journal", QSize(1024, 640)),
    "journal-1024-dark.png": Shot("journal", QSize(1024, 640), dark=True),
    "people.png": Shot("people", QSize(1440, 900)),
    "people-1024.png": Shot("people", QSize(1024, 640)),
    "goals.png": Shot("goals", QSize(1280, 800)),
    "readiness.png": Shot("readiness", QSize(1280, 800)),
    "pdus.png": Shot("pdus", QSize(1440, 900)),
    "pdus-1024.png": Shot("pdus", QSize(1024, 640)),
    "backups.png": Shot("backups", QSize(1280, 800)),
    "sample-journal-bar.png": Shot("journal", QSize(1024, 640), sample_bar=True),
}


def _select(window: object, screen: str) -> None:
    """What each picture shows selected: an entry, a mentor."""
    from pmo_journal.core.models import Relationship
    from pmo_journal.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if screen == "journal":
        window.journal_view.table.selectRow(2)
    elif screen == "people":
        view = window.people_view
        for row in range(view.model.rowCount()):
            person = view.model.person_at(row)
            if person.relationship == Relationship.MENTOR and person.name.startswith("Margaret"):
                view.select_person(person.id)


def _wait_for_charts(window: object) -> None:
    from pmo_journal.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    view = window.dashboard_view
    deadline = time.monotonic() + CHARTS_WAIT_S
    while not (
        view.charts_ready
        and view.building is None
        and all(panel.canvas is not None for panel in view.panels.values())
    ):
        if time.monotonic() > deadline:
            raise TimeoutError("The dashboard's charts were not drawn in time.")
        QApplication.processEvents()
        time.sleep(0.05)
    QTest.qWait(500)


def take(names: list[str]) -> list[Path]:
    from pmo_journal.core import clock
    from pmo_journal.core.demo.build import build_demo_journal
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.ui.appearance import palette_for
    from pmo_journal.ui.career.reminders import show_start_reminders
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.journal_files import sample_notice
    from pmo_journal.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch, clock.as_of(TODAY):
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        QSettings().setValue("welcome/seen", True)
        path = Path(scratch) / "demo.db"
        build_demo_journal(path, seed=7, years=2)
        for name in names:
            shot = SHOTS[name]
            app.setPalette(palette_for(dark=shot.dark))
            journal = Journal.open(path, auto_backup=False)
            window = MainWindow(JournalContext(journal))
            if shot.sample_bar:
                window.add_notice(sample_notice(lambda _path: None))
            show_start_reminders(window, window.context)
            window.resize(shot.size)
            window.show()
            window.show_screen(shot.screen)
            QTest.qWait(200)
            _select(window, shot.screen)
            QTest.qWait(SETTLE_MS)
            screen = window.current_screen()
            for _ in range(300):  # a screen that reads off the GUI thread (readiness)
                if not getattr(screen, "loading", False):
                    break
                QTest.qWait(100)
            if shot.screen == "dashboard":
                _wait_for_charts(window)
            if shot.scrolled:
                bar = screen.findChild(QScrollArea).verticalScrollBar()
                bar.setValue(round(bar.maximum() * shot.scrolled))
            QTest.qWait(100)
            target = HERE / name
            assert window.grab().save(str(target)), target
            written.append(target)
            window.close()
            journal.close()
    return written


def main(argv: list[str]) -> int:
    QCoreApplication.setOrganizationName("PMO Career Journal Screenshots")
    QCoreApplication.setApplicationName("PMO Career Journal Screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    unknown = [name for name in argv if name not in SHOTS]
    if unknown:
        print(f"No such picture: {', '.join(unknown)}; one of {', '.join(SHOTS)}")
        return 2
    for target in take(argv or list(SHOTS)):
        print(f"Wrote {target.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    run: Callable[[list[str]], int] = main
    sys.exit(run(sys.argv[1:]))
