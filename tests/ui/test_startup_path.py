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
