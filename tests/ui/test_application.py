"""Start-up: run_gui opens a journal, shows the window and leaves when asked to."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from pmo_journal.cli import parse
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.application import run_gui
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.main_window import MainWindow


# The error paths take ``qapp`` so the QApplication outlives run_gui, as in the other tests.
# The success path runs in its own process (test_start_up_...): an in-process app.exec()
# that quits would leave the application closing down for the tests after it.
def test_a_journal_that_cannot_be_opened_exits_one_with_a_clear_line(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(db=str(tmp_path / "missing" / "j.db"), quit_after_load=True)
    assert run_gui(args) == 1
    assert "does not exist" in capsys.readouterr().err


def test_not_a_journal_is_refused(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("shopping list", encoding="utf-8")
    assert run_gui(parse(["--db", str(bogus), "--quit-after-load"])) == 1
    assert capsys.readouterr().err.startswith("pmo-journal: ")


def test_the_window_remembers_its_screen_and_geometry(qtbot, journal: Journal) -> None:
    from PySide6.QtWidgets import QLabel

    first = MainWindow(JournalContext(journal))
    qtbot.addWidget(first)
    first.add_screen("one", "One", QLabel("one"))
    first.add_screen("two", "Two", QLabel("two"))
    first.show_screen("two")
    first.resize(640, 480)
    first.close()
    assert QSettings().value("window/screen") == "two"

    second = MainWindow(JournalContext(journal))
    qtbot.addWidget(second)
    second.add_screen("one", "One", QLabel("one"))
    second.add_screen("two", "Two", QLabel("two"))
    assert second.current_screen_key() == "two"
    assert second.size().width() == 640
    assert journal.path.name in second.windowTitle()


def test_what_one_window_writes_the_next_one_reads(qtbot, journal_path: Path) -> None:
    from pmo_journal.core.models import EntryKind
    from pmo_journal.ui.editors import SkillReflectionDialog

    first_journal = Journal.open(journal_path)
    first = MainWindow(JournalContext(first_journal))
    qtbot.addWidget(first)
    dialog = first.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.rating.group.button(2).click()
    dialog.texts["learned"].setPlainText("Consensus needs a shared picture.")
    dialog.save_button.click()
    first.close()
    first_journal.close()

    second_journal = Journal.open(journal_path)
    try:
        second = MainWindow(JournalContext(second_journal))
        qtbot.addWidget(second)
        assert second.journal_view.model.total == 1
        second.journal_view.table.selectRow(0)
        assert "Consensus needs a shared picture." in second.journal_view.detail.toPlainText()
    finally:
        second_journal.close()


def test_quit_after_load_opens_the_journal_exits_zero_and_never_imports_matplotlib(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "fresh.db"
    script = (
        "import sys\n"
        "from pmo_journal.app import main\n"
        f"code = main(['--db', {str(path)!r}, '--quit-after-load'])\n"
        "print(code, 'matplotlib' in sys.modules)\n"
    )
    # Its own home, so the window's settings never touch the user's.
    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=90,
        env={**os.environ, **home},
    )
    assert result.stdout.split() == ["0", "False"]
    with Journal.open(path, create=False) as journal:
        assert journal.check().ok


def test_the_menus_offer_standard_and_per_kind_shortcuts(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    from pmo_journal.core.models import EntryKind
    from pmo_journal.ui.editors import MentorSessionDialog

    menus = window.findChildren(type(window.new_entry_menu()))
    # Ctrl+N is the window's own: it opens the New entry menu where the user is looking.
    shortcuts = {
        action.shortcut().toString(QKeySequence.SequenceFormat.PortableText): action.text()
        for action in [*window.actions(), *(a for menu in menus for a in menu.actions())]
        if not action.shortcut().isEmpty()
    }
    new_entry_items = [a.text() for a in window.file_menu.actions() if "New entry" in a.text()]
    assert new_entry_items == ["&New entry"]  # one submenu, not a second "New entry…"
    for keys in (
        "Ctrl+N",
        "Ctrl+Shift+M",
        "Ctrl+Shift+H",
        "Ctrl+Shift+R",
        "Ctrl+Q",
        "Ctrl+Z",
        "Del",
        "Ctrl+1",
        "Ctrl+2",
    ):
        assert keys in shortcuts, (keys, shortcuts)
    window.new_entry_actions[EntryKind.MENTOR_SESSION].trigger()
    assert isinstance(window.findChildren(MentorSessionDialog)[-1], MentorSessionDialog)


def test_the_dark_palette_is_dark_and_the_light_one_light() -> None:
    from pmo_journal.ui.appearance import palette_for

    assert palette_for(dark=True).window().color().lightness() < 80
    assert palette_for(dark=True).text().color().lightness() > 180
    assert palette_for(dark=False).window().color().lightness() > 180


def test_about_names_the_version_and_the_journal(qtbot, window: MainWindow) -> None:
    from pmo_journal import __version__
    from pmo_journal.ui.about import AboutDialog

    about = AboutDialog(journal_path=window.context.journal.path, parent=window)
    qtbot.addWidget(about)
    texts = " ".join(label.text() for label in about.findChildren(type(about.findChild(QLabel))))
    assert f"Version {__version__}" in texts
    assert window.context.journal.path.name in texts


def test_the_app_icon_is_drawn_from_the_svg_at_every_size(qapp) -> None:
    from pmo_journal.ui.application import make_application

    icon = make_application().windowIcon()
    for size in (16, 512):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        # The tile's blue fills the middle of its left edge; the corners stay transparent.
        assert image.pixelColor(size // 16 + 1, size // 2).blue() > 100
        assert image.pixelColor(0, 0).alpha() == 0
