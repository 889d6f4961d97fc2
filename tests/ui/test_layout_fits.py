"""Every screen fits a laptop: at 1024×640 and 1440×900, with a year of entries and a bar
over the screens, the window keeps its size and no widget extends past what its parent
shows or is squeezed below the size its text needs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.career.reminders import show_start_reminders
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.journal_files import sample_notice
from pmo_journal.ui.main_window import MainWindow

SIZES = [QSize(1024, 640), QSize(1440, 900)]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=2)
    return path


@pytest.fixture
def demo_window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    QSettings().setValue("welcome/seen", True)
    journal = Journal.open(demo_path, auto_backup=False)
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.add_notice(sample_notice(lambda _path: None))
    assert show_start_reminders(window, window.context) is not None  # a second bar
    yield window
    window.close()
    journal.close()


def _in_scrolled_content(widget: QWidget) -> bool:
    """True for the content a scroll area moves: it may be larger than what it shows."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and parent is area.viewport()


def overflows(screen: QWidget) -> list[str]:
    """Widgets under ``screen`` that stick out of their parent or are squeezed too small."""
    found = []
    for child in screen.findChildren(QWidget):
        parent = child.parentWidget()
        if not child.isVisible() or child.isWindow() or parent is None:
            continue
        name = f"{type(child).__name__} {child.objectName() or child.accessibleName()!r}"
        if isinstance(child, QScrollArea) and child.widget() is not None:
            content, view = child.widget(), child.viewport()
            if content.width() > view.width() and not child.horizontalScrollBar().isVisible():
                found.append(
                    f"{name}: content {content.width()} wide in {view.width()}, no scrollbar"
                )
        if _in_scrolled_content(child):
            continue
        box, room = child.geometry(), parent.rect()
        if box.right() > room.right() + 1 or box.bottom() > room.bottom() + 1:
            found.append(f"{name}: {box} past its {type(parent).__name__}'s {room}")
        needs = child.minimumSizeHint()
        if needs.isValid() and child.width() < needs.width() - 1:
            found.append(f"{name}: {child.width()} wide, needs {needs.width()}")
        if not isinstance(child, QLabel | QAbstractButton):
            continue  # the text a user reads: cut off at the bottom, it is lost
        tall = child.heightForWidth(child.width()) if child.hasHeightForWidth() else needs.height()
        if tall > 0 and child.height() < tall - 1:
            found.append(f"{name}: {child.height()} high, needs {tall}")
    return found


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.waitExposed(window)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_screen_fits_without_clipping_and_the_window_keeps_its_size(
    qtbot: QtBot, demo_window: MainWindow, size: QSize, tmp_path: Path
) -> None:
    demo_window.resize(size)
    demo_window.show()
    _settle(qtbot, demo_window)
    for key in demo_window._keys:
        demo_window.show_screen(key)
        _settle(qtbot, demo_window)
        screen = demo_window.current_screen()
        assert screen is not None
        assert demo_window.size() == size, f"the {key} screen resized the window"
        # The dashboard draws its charts off the GUI thread: let its layout settle.
        try:
            qtbot.waitUntil(lambda s=screen: not overflows(s), timeout=5000)
        except TimeoutError:
            assert overflows(screen) == [], key
        shot = screen.grab()
        assert not shot.isNull() and shot.save(str(tmp_path / f"{key}.png"))


def test_the_checker_finds_a_squeezed_label(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("A caption that needs its room", holder)
    label.setGeometry(0, 0, 40, 20)
    holder.resize(30, 30)
    holder.show()
    assert len(overflows(holder)) == 2  # too narrow, and past its parent
