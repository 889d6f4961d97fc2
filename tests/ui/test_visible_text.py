"""No stray mnemonic characters: every QAction, button, label, group box and window title of
every screen and dialog reads as words, with no literal '&' or '_' left in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pmo_journal.core.models import EntryKind
from pmo_journal.ui.backups.dialogs import ExportDialog
from pmo_journal.ui.editors import DIALOGS
from pmo_journal.ui.main_window import MainWindow

# In text that Qt reads for a mnemonic, "&x" underlines x and "&&" is one "&"; anything else
# after an "&" (a space, the end) shows as a stray mark. Elsewhere an "&" before a letter is
# a mnemonic nobody read. An underscore is a mnemonic of another toolkit.
BAD_MNEMONIC = re.compile(r"&(?![&\w])|&$")
LEFTOVER_MNEMONIC = re.compile(r"&(?=\w)")


def _shown(mnemonic_text: str) -> str:
    return mnemonic_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def problems_in(root: QWidget) -> list[str]:
    """Every stray '&' or '_' in the visible text under ``root`` (and ``root`` itself)."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]

    def check_mnemonic(where: str, text: str) -> None:
        if BAD_MNEMONIC.search(text.replace("&&", "")) or "_" in _shown(text):
            found.append(f"{where}: {text!r}")

    def check_plain(where: str, text: str) -> None:
        if LEFTOVER_MNEMONIC.search(text) or "_" in text:
            found.append(f"{where}: {text!r}")

    for action in root.findChildren(QAction):
        if action.text() and not action.isSeparator():
            check_mnemonic("action", action.text())
    for widget in widgets:
        if widget.isWindow() and widget.windowTitle():
            check_plain("window title", widget.windowTitle())
        if isinstance(widget, QAbstractButton) and widget.text():
            check_mnemonic(type(widget).__name__, widget.text())
        elif isinstance(widget, QGroupBox) and widget.title():
            check_mnemonic("group box", widget.title())
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                check_mnemonic("tab", widget.tabText(index))
        elif (
            isinstance(widget, QLabel)
            and widget.text()
            and not widget.text().lstrip().startswith("<")
        ):
            if widget.buddy() is not None:
                check_mnemonic("label", widget.text())
            else:
                check_plain("label", widget.text())
    return found


def test_the_checker_finds_what_it_looks_for(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    QLabel("Export &to", holder)  # no buddy: the & shows
    QAction("Backups & export", holder)
    QAction("Backups &_export", holder)
    holder.addAction(QAction("Fine && dandy", holder))
    assert len(problems_in(holder)) == 3


def test_no_screen_or_menu_shows_a_stray_mnemonic(qtbot: QtBot, window: MainWindow) -> None:
    window.welcome and window.show_welcome()
    for key in window._keys:
        window.show_screen(key)
        window.current_screen()
    problems = problems_in(window)
    assert problems == []


@pytest.mark.parametrize("kind", list(DIALOGS))
def test_no_editor_shows_a_stray_mnemonic(
    qtbot: QtBot, window: MainWindow, kind: EntryKind
) -> None:
    dialog = window.new_entry(kind)
    assert problems_in(dialog) == []


def test_no_dialog_shows_a_stray_mnemonic(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialogs: list[QDialog] = [
        window.new_person(),
        window.open_report(),
        window.open_prep_sheet(None),
        ExportDialog(tmp_path, window, left_out=lambda _include: "Nothing is left out."),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert problems_in(dialog) == [], type(dialog).__name__


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&(\w)", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def shared_mnemonics(root: QWidget, *, extra: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Alt+letter keys that two visible controls under ``root`` answer to (Qt then only
    cycles between them, and a user's Alt+letter does not do what its label says)."""
    seen: dict[str, list[str]] = {key: [text] for key, text in (extra or {}).items()}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        else:
            continue
        key = _mnemonic(text)
        if key:
            seen.setdefault(key, []).append(_shown(text))
    return {key: texts for key, texts in seen.items() if len(texts) > 1}


def test_no_two_controls_of_a_screen_share_an_alt_key(qtbot: QtBot, window: MainWindow) -> None:
    menus = {
        key: _shown(action.text())
        for action in window.menuBar().actions()
        if (key := _mnemonic(action.text()))
    }
    window.welcome and window.show_welcome()
    clashes = {}
    for key in window._keys:
        window.show_screen(key)
        screen = window.current_screen()
        shared = shared_mnemonics(screen, extra=menus)
        if shared:
            clashes[key] = shared
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())


def test_no_two_controls_of_a_dialog_share_an_alt_key(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialogs: list[QDialog] = [window.new_entry(kind) for kind in DIALOGS]
    dialogs += [
        window.new_person(),
        window.open_report(),
        window.open_prep_sheet(None),
        ExportDialog(tmp_path, window, left_out=lambda _include: "Nothing is left out."),
    ]
    clashes = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        if shared := shared_mnemonics(dialog):
            clashes[dialog.windowTitle()] = shared
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())


def test_every_file_edit_and_help_item_has_an_alt_key_of_its_own(window: MainWindow) -> None:
    """In each of these menus, every item answers to an Alt+letter, and no two to the same."""
    for menu_action in window.menuBar().actions():
        if _shown(menu_action.text()) not in ("File", "Edit", "Help"):
            continue
        items = [a for a in menu_action.menu().actions() if not a.isSeparator()]  # type: ignore[union-attr]
        keys = [_mnemonic(a.text()) for a in items]
        assert all(keys), [_shown(a.text()) for a, k in zip(items, keys, strict=True) if not k]
        assert len(set(keys)) == len(keys), keys
