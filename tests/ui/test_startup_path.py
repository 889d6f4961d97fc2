"""The start-up path: only the GUI's options are parsed on it, the knock server starts once
the window shows, and the app still answers a second launch."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal import cli
from pmo_journal.app import gui_options
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.single_instance import claim_journal


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--quit-after-load"],
        ["--db", "some/where.db"],
        ["--db=some/where.db", "--quit-after-load"],
        ["--quit-after-load", "--db", "a.db", "--db", "b.db"],
    ],
)
def test_the_gui_options_parse_as_the_full_parser_does(argv: list[str]) -> None:
    assert gui_options(argv) == cli.parse(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["--db", "j.db", "check"],
        ["--help"],
        ["--version"],
        ["--db"],
        ["--db", "--quit-after-load"],
        ["--quit"],  # an abbreviation: the full parser decides
        ["--no-such-option"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert gui_options(argv) is None


def test_a_guard_that_listens_later_answers_knocks_once_it_listens(
    qtbot: QtBot, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.db"
    first = claim_journal(journal, listen=False)
    assert first is not None and first.server is None
    first.listen()
    with qtbot.waitSignal(first.activation_requested, timeout=3_000):
        assert claim_journal(journal) is None
    first.release()
    first.listen()  # after release it stays quiet
    assert first.server is None
    assert isinstance(gui_options([]), argparse.Namespace)


def test_the_frame_lists_the_screens_the_journal_window_has(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.main_window import FRAME_SCREENS, MainWindow

    frame = MainWindow(path=journal.path)
    qtbot.addWidget(frame)
    titles = [frame.navigation.item(row).text() for row in range(frame.navigation.count())]
    assert titles == [title for _key, title in FRAME_SCREENS]
    assert frame.windowTitle() == f"{journal.path.name} — PMO Career Journal"
    assert frame.stack.count() == 0  # an empty screen: nothing is read before the journal
    frame.attach(JournalContext(journal))
    assert frame._keys == [key for key, _title in FRAME_SCREENS]
    attached = [frame.navigation.item(row).text() for row in range(frame.navigation.count())]
    assert attached == titles
    assert frame.current_screen_key() == frame.navigation.currentItem().data(256)


def test_the_first_frame_imports_no_storage_and_the_window_then_opens(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "fresh.db"
    # The frame's paint is the moment the benchmark's probe leaves at.
    script = (
        "import atexit, os, sys\n"
        "from pmo_journal.ui import application\n"
        "def leave():\n"
        "    early = [m for m in ('sqlmodel', 'sqlalchemy', 'pmo_journal.core.models',\n"
        "             'alembic', 'matplotlib', 'PySide6.QtNetwork') if m in sys.modules]\n"
        "    print('early:', *early, flush=True)\n"
        "    os._exit(0)\n"
        "application._leave_process = leave\n"
        "from pmo_journal.app import main\n"
        f"main(['--db', {str(path)!r}])\n"
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PMO_JOURNAL_EXIT_AT": "frame",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=90, env=env
    )
    assert result.stdout.split() == ["early:"], result.stderr
    assert not path.exists()  # the journal is opened (and made) only after the frame


def test_the_pyside_hook_still_tells_which_modules_use_pyside() -> None:
    import sys

    import pmo_journal.ui.main_window
    import pmo_journal.ui.pyside_hook

    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(pmo_journal.ui.main_window) is True
    assert feature._mod_uses_pyside(pytest) is False
    assert feature._mod_uses_pyside(sys) is False


# ---------------------------------------------------------------- the quick cards

QUICK_TODAY = "2026-06-30"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import datetime as dt

    from pmo_journal.core.demo.build import build_demo_journal

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, years=3, today=dt.date.fromisoformat(QUICK_TODAY))
    return path


def _card_texts(view: object) -> list[str]:
    cards = view.cards.cards()  # type: ignore[attr-defined]
    return [f"{card.value.text()} | {card.detail.text()}" for card in cards]


def test_the_quick_cards_paint_before_the_storage_loads_and_show_what_the_service_shows(
    qtbot: QtBot, tmp_path: Path, demo_file: Path
) -> None:
    """The usable window's paint (the benchmark's probe leaves there) comes before
    sqlmodel, the tables, the engine and Alembic; its cards are the full path's cards."""
    import os
    import shutil
    import subprocess
    import sys

    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    config = tmp_path / "config" / "PMO Career Journal"
    config.mkdir(parents=True)
    (config / "PMO Career Journal.conf").write_text(
        "[welcome]\nseen=true\n\n[window]\nscreen=dashboard\n", encoding="utf-8"
    )
    script = (
        "import os, sys\n"
        "from pmo_journal.core import clock\n"
        "from pmo_journal.ui import application\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def leave():\n"
        "    early = [m for m in ('sqlmodel', 'sqlalchemy', 'pmo_journal.core.models',\n"
        "             'alembic', 'matplotlib') if m in sys.modules]\n"
        "    print('early:', *early, flush=True)\n"
        "    window = [w for w in QApplication.topLevelWidgets() if w.isVisible()][0]\n"
        "    view = window.quick_dashboard.content()\n"
        "    for card in view.cards.cards():\n"
        "        print('card:', card.value.text(), '|', card.detail.text(), flush=True)\n"
        "    os._exit(0)\n"
        "application._leave_process = leave\n"
        "from pmo_journal.app import main\n"
        "import datetime as dt\n"
        f"with clock.as_of(dt.date.fromisoformat({QUICK_TODAY!r})):\n"
        f"    main(['--db', {str(path)!r}])\n"
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PMO_JOURNAL_EXIT_AT": "usable",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=90, env=env
    )
    lines = result.stdout.splitlines()
    assert lines[:1] == ["early:"], result.stderr
    quick = [line.removeprefix("card: ") for line in lines[1:]]

    # The same cards as the window shows on the full path, on the same day.
    import datetime as dt

    from pmo_journal.core import clock
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.dashboard import DashboardView

    with clock.as_of(dt.date.fromisoformat(QUICK_TODAY)), Journal.open(path) as journal:
        full = DashboardView(JournalContext(journal))
        qtbot.addWidget(full)
        assert quick == _card_texts(full)
    assert len(quick) == 5 and quick[0] != "– | "


def test_the_window_keeps_the_quick_dashboard_and_gives_it_the_journal(
    qtbot: QtBot, tmp_path: Path, demo_file: Path
) -> None:
    import datetime as dt
    import shutil

    from PySide6.QtCore import QSettings

    from pmo_journal.core import clock
    from pmo_journal.core.quick_read import quick_headline
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.main_window import MainWindow

    QSettings().setValue("welcome/seen", True)
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    with clock.as_of(dt.date.fromisoformat(QUICK_TODAY)):
        frame = MainWindow(path=path)
        qtbot.addWidget(frame)
        view = frame.show_quick_dashboard()
        since, until = view.period()
        figures = quick_headline(path, since=since, until=until, today=view.today)
        assert figures is not None
        view.show_cards(figures)
        frame.show()
        quick = _card_texts(view)
        view.refresh()  # a period change before the journal is open reads nothing yet
        with Journal.open(path) as journal:
            frame.attach(JournalContext(journal))
            assert frame.dashboard_view is view
            assert frame.stack.count() == len(frame._keys)
            assert frame.current_screen_key() == "dashboard"
            assert _card_texts(view) == quick  # read again through the service: the same
            with qtbot.waitSignal(view.charts_drawn, timeout=60_000):
                pass  # the charts come once the journal is there
            frame.close()


def test_a_journal_the_quick_look_declines_opens_the_ordinary_way(
    qtbot: QtBot, tmp_path: Path, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import sqlite3

    from PySide6.QtCore import QSettings

    from pmo_journal.ui.application import _Start
    from pmo_journal.ui.main_window import MainWindow

    QSettings().setValue("welcome/seen", True)
    path = tmp_path / "old.db"
    shutil.copyfile(demo_file, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.close()
    frame = MainWindow(path=path)
    qtbot.addWidget(frame)
    monkeypatch.setattr(_Start, "_open_full", lambda _self, _guard: None)
    start = _Start(frame, path, quit_after_load=True)
    assert start._show_quick_cards(frame, path, None) is False
    assert frame.stack.count() == 0 and frame.quick_dashboard is None
    shutil.copyfile(demo_file, path)
    assert start._show_quick_cards(frame, path, None) is True
    assert frame.quick_dashboard is not None
    frame.drop_quick_dashboard()
