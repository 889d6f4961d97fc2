"""The start-up path: only the GUI's options are parsed on it, the knock server starts once
the window shows, and the app still answers a second launch."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmo_journal import cli
from pmo_journal.app import gui_options
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
