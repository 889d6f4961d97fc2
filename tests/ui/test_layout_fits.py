"""Every screen fits a laptop: at 1024×640 and 1440×900, with a year of entries and a bar
over the screens, the window keeps its size and no widget extends past what its parent
shows or is squeezed below the size its text needs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QLayout,
    QScrollArea,
    QScrollBar,
    QStyle,
    QTableView,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.models import Relationship
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.career.reminders import show_start_reminders
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.heading import ScreenHeader
from pmo_journal.ui.journal.view import JournalView
from pmo_journal.ui.journal_files import sample_notice
from pmo_journal.ui.main_window import MainWindow
from pmo_journal.ui.people.view import PeopleView

SIZES = [QSize(1024, 640), QSize(1440, 900)]
#: The sizes, and a laptop's desktop font (larger than the test platform's 9 points).
LOOKS = [(SIZES[0], None), (SIZES[1], None), (SIZES[0], 11.0)]


def _look_id(look: tuple[QSize, float | None]) -> str:
    size, points = look
    return f"{size.width()}x{size.height()}" + (f"-{points:g}pt" if points else "")


@pytest.fixture
def font_points() -> float | None:
    """The application font's size for the window (None: the platform's)."""
    return None


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=2)
    return path


@pytest.fixture
def demo_window(qtbot: QtBot, demo_path: Path, font_points: float | None) -> Iterator[MainWindow]:
    QSettings().setValue("welcome/seen", True)
    font = QApplication.font()
    if font_points:
        larger = QFont(font)
        larger.setPointSizeF(font_points)
        QApplication.setFont(larger)
    journal = Journal.open(demo_path, auto_backup=False)
    window = MainWindow(JournalContext(journal))
    qtbot.addWidget(window)
    window.add_notice(sample_notice(lambda _path: None))
    assert show_start_reminders(window, window.context) is not None  # a second bar
    yield window
    window.close()
    journal.close()
    QApplication.setFont(font)


def _in_scrolled_content(widget: QWidget) -> bool:
    """True for the content a scroll area moves: it may be larger than what it shows."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and parent is area.viewport()


def _laid_out(layout: QLayout) -> Iterator[QWidget]:
    """The widgets a layout places, through its nested layouts."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from _laid_out(item.layout())


def squeezed_layout(widget: QWidget) -> list[str]:
    """A layout given less than it needs: Qt then lays its widgets over each other."""
    layout = widget.layout()
    if layout is None:
        return []
    found = []
    least = layout.totalMinimumSize()
    if widget.height() < least.height() - 1 or widget.width() < least.width() - 1:
        found.append(
            f"{widget.width()}×{widget.height()}, its layout needs {least.width()}×{least.height()}"
        )
    shown = [w for w in _laid_out(layout) if w.isVisible() and not w.isWindow()]
    for i, one in enumerate(shown):
        for other in shown[i + 1 :]:
            common = one.geometry().intersected(other.geometry())
            if common.width() > 1 and common.height() > 1:
                found.append(
                    f"{type(one).__name__} {one.accessibleName()!r} and {type(other).__name__} "
                    f"{other.accessibleName()!r} {_words(other)!r} overlap by {common.height()} px"
                )
    return found


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
        found += [f"{name}: {problem}" for problem in squeezed_layout(child)]
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


def nested_scroll_areas(screen: QWidget) -> list[str]:
    """Lists, tables and panes that scroll inside another scrolling pane: two scroll bars
    for one wheel, and the inner one caught half-way."""
    found = []
    for child in screen.findChildren(QAbstractScrollArea):
        if not child.isVisible() or isinstance(child, QHeaderView):
            continue  # a table's header is part of the table
        if not (child.verticalScrollBar().maximum() or child.horizontalScrollBar().maximum()):
            continue  # shown whole: it does not scroll
        outer = child.parentWidget()
        while outer is not None and outer is not screen.parentWidget():
            if isinstance(outer, QAbstractScrollArea):
                found.append(
                    f"{type(child).__name__} {child.accessibleName()!r} scrolls inside "
                    f"{type(outer).__name__} {outer.objectName()!r}"
                )
                break
            outer = outer.parentWidget()
    return found


def _a_mentor(view: PeopleView) -> int:
    for row in range(view.model.rowCount()):
        person = view.model.person_at(row)
        if person.relationship == Relationship.MENTOR:
            return person.id
    raise AssertionError("the demo has no mentor")


def _charts_drawn(screen: QWidget) -> bool:
    panels = getattr(screen, "panels", {})
    return bool(
        getattr(screen, "charts_ready", False)
        and getattr(screen, "building", None) is None
        and panels
        and all(panel.canvas is not None for panel in panels.values())
    )


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.waitExposed(window)


@pytest.mark.parametrize(("size", "font_points"), LOOKS, ids=map(_look_id, LOOKS))
def test_every_screen_fits_without_clipping_and_the_window_keeps_its_size(
    qtbot: QtBot, demo_window: MainWindow, size: QSize, tmp_path: Path
) -> None:
    demo_window.resize(size)
    demo_window.show()
    _settle(qtbot, demo_window)
    found: list[str] = []
    for key in demo_window._keys:
        demo_window.show_screen(key)
        _settle(qtbot, demo_window)
        screen = demo_window.current_screen()
        assert screen is not None
        if isinstance(screen, PeopleView):  # a mentor: their sessions and items show
            screen.select_person(_a_mentor(screen))
        if isinstance(screen, JournalView):  # an entry: its files panel shows
            screen.table.selectRow(0)
        _settle(qtbot, demo_window)
        if demo_window.size() != size:
            found.append(f"{key}: resized the window to {demo_window.size().toTuple()}")
            demo_window.resize(size)
            _settle(qtbot, demo_window)
        if key == "dashboard":  # drawn off the GUI thread: the charts, not their placeholder
            qtbot.waitUntil(lambda s=screen: _charts_drawn(s), timeout=60000)
            _settle(qtbot, demo_window)
        # The dashboard draws its charts off the GUI thread: let its layout settle.
        try:
            qtbot.waitUntil(lambda s=screen: not overflows(s), timeout=5000)
        except TimeoutError:
            found += [f"{key}: {problem}" for problem in overflows(screen)]
        found += [f"{key}: {problem}" for problem in nested_scroll_areas(screen)]
        shot = screen.grab()
        assert not shot.isNull() and shot.save(str(tmp_path / f"{key}.png"))
    assert found == [], "\n".join(found)


def test_the_checker_finds_a_squeezed_label(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("A caption that needs its room", holder)
    label.setGeometry(0, 0, 40, 20)
    holder.resize(30, 30)
    holder.show()
    assert len(overflows(holder)) == 2  # too narrow, and past its parent


#: The actions each screen offers in the row under its title.
SCREEN_ACTIONS = {
    "dashboard": ["Period"],
    "journal": ["New entry", "Edit…", "Delete", "Star"],
    "people": ["New person…", "Edit…", "Archive", "Delete…", "Show archived"],
    "goals": ["New goal…", "Edit…", "Delete"],
    "action_items": ["Mark done", "Reopen", "Show done items"],
    "readiness": [],
    "pdus": ["New cycle…", "Edit cycle…", "Make current", "Export CSV…", "Audit pack PDF…"],
    "backups": ["Back up now", "Restore…", "Export…", "Import…"],
}


def _words(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return text.replace("&", "") or widget.accessibleName()


def test_every_screen_has_its_title_on_the_left_and_its_actions_in_one_row_under_it(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_window.resize(SIZES[0])
    demo_window.show()
    _settle(qtbot, demo_window)
    title_corners = set()
    assert sorted(demo_window._keys) == sorted(SCREEN_ACTIONS)
    for key in demo_window._keys:
        demo_window.show_screen(key)
        _settle(qtbot, demo_window)
        screen = demo_window.current_screen()
        assert screen is not None
        (header,) = [h for h in screen.findChildren(ScreenHeader) if h.isVisible()]
        title = header.title
        corner = title.mapTo(demo_window, title.rect().topLeft())
        title_corners.add((corner.x(), corner.y()))
        # Nothing above the header, nothing beside the title.
        top = header.mapTo(screen, header.rect().topLeft()).y()
        band = range(corner.y(), corner.y() + title.height())
        for widget in screen.findChildren(QWidget):
            if not widget.isVisible() or widget is title or header.isAncestorOf(widget):
                continue
            if widget.isAncestorOf(header) or isinstance(widget, QScrollBar):
                continue
            where = widget.mapTo(demo_window, widget.rect().center())
            assert where.y() not in band, f"{key}: {_words(widget)!r} beside the title"
            if not isinstance(widget, QAbstractButton):
                continue
            assert widget.mapTo(screen, widget.rect().topLeft()).y() > top, key
        # The actions, in one row under the title.
        row = header.actions_row
        shown = [w for w in row.findChildren(QWidget) if w.isVisible() and w.parent() is row]
        assert [a for a in SCREEN_ACTIONS[key] if a not in map(_words, shown)] == [], key
        assert row.isVisible() == bool(SCREEN_ACTIONS[key]), key
        if shown:
            assert row.geometry().top() >= title.geometry().bottom(), key
            centres = {w.geometry().center().y() for w in shown}
            assert max(centres) - min(centres) <= 4, f"{key}: the actions are not one row"
    assert len(title_corners) == 1, f"the titles sit in different places: {title_corners}"


#: The least a table's main text (a title, an item, a description) keeps while it is cut
#: short, in average characters: below it the list can't be read.
READABLE_CHARS = 32
#: How much wider than what it holds a column may be while the main text is cut short.
SLACK = 24


def _widest(table: QTableView, column: int, rows: int) -> str:
    model = table.model()
    texts = [str(model.index(row, column).data() or "") for row in range(rows)]
    if table.wordWrap() and (
        table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    ):
        texts = [word for text in texts for word in text.split()]  # rows grow to wrap
    cells = table.fontMetrics()
    return max(texts, key=cells.horizontalAdvance, default="")


def elided_columns(screen: QWidget, *, rows: int = 200) -> list[str]:
    """Columns of the screen's tables whose header text, or whose widest cell (of the first
    ``rows``), is wider than the column; for the stretching column (the main text), when it
    is cut below a readable width, or while another column is wider than it needs."""
    found = []
    for table in screen.findChildren(QTableView):
        if not table.isVisible() or table.model() is None:
            continue
        model, header = table.model(), table.horizontalHeader()
        cells, heads = table.fontMetrics(), header.fontMetrics()
        # The margins Qt keeps around a header's text and a cell's before it elides them.
        room = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) * 2
        cell_room = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        shown = min(rows, model.rowCount())
        needs: dict[int, int] = {}
        stretch: list[int] = []
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            width = table.columnWidth(column)
            name = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            where = f"{table.accessibleName() or type(table).__name__} column {name!r}"
            if heads.horizontalAdvance(name) + room > width:
                found.append(f"{where}: header needs {heads.horizontalAdvance(name)}, has {width}")
            if table.indexWidget(model.index(0, column)) is not None:
                continue
            widest = _widest(table, column, shown)
            needs[column] = max(
                cells.horizontalAdvance(widest) + cell_room, heads.horizontalAdvance(name) + room
            )
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                stretch.append(column)
            elif needs[column] > width:
                found.append(
                    f"{where}: {widest!r} needs {cells.horizontalAdvance(widest)}, has {width}"
                )
        for column in stretch:
            width, name = (
                table.columnWidth(column),
                model.headerData(column, Qt.Orientation.Horizontal),
            )
            if needs[column] <= width:
                continue  # the main text is whole
            where = f"{table.accessibleName() or type(table).__name__} column {name!r}"
            readable = READABLE_CHARS * cells.averageCharWidth()
            if width < readable:
                found.append(f"{where}: cut short at {width}, below a readable {readable}")
            for other, need in needs.items():
                if other not in stretch and table.columnWidth(other) > need + SLACK:
                    found.append(
                        f"{where}: cut short at {width} while column "
                        f"{model.headerData(other, Qt.Orientation.Horizontal)!r} has "
                        f"{table.columnWidth(other)} for {need}"
                    )
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_columns_fit_their_content_and_the_main_text_takes_the_rest(
    qtbot: QtBot, demo_window: MainWindow, size: QSize
) -> None:
    demo_window.resize(size)
    demo_window.show()
    _settle(qtbot, demo_window)
    found = []
    for key in demo_window._keys:
        demo_window.show_screen(key)
        _settle(qtbot, demo_window)
        screen = demo_window.current_screen()
        assert screen is not None
        if isinstance(screen, PeopleView):
            screen.select_person(_a_mentor(screen))
        if isinstance(screen, JournalView):  # an entry: its files panel shows
            screen.table.selectRow(0)
        _settle(qtbot, demo_window)
        found += [f"{key}: {problem}" for problem in elided_columns(screen)]
    assert found == [], "\n".join(found)


def test_the_person_editor_opens_at_the_editors_size_with_nothing_cut(
    qtbot: QtBot, context: JournalContext, tmp_path: Path
) -> None:
    from pmo_journal.ui.editors import NoteDialog, PersonDialog

    note = NoteDialog(context)
    qtbot.addWidget(note)
    dialog = PersonDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.size() == note.size()  # the editors' one size, not narrower
    dialog.show()
    qtbot.waitExposed(dialog)
    _settle_widget(qtbot)
    area = dialog.fields_area
    assert not area.horizontalScrollBar().isVisible(), "the fields scroll sideways"
    assert area.widget().width() <= area.viewport().width()
    assert overflows(dialog) == []
    private = dialog.private
    assert private.width() >= private.sizeHint().width(), private.text()  # not "…entr"
    assert dialog.grab().save(str(tmp_path / "person.png"))


def _settle_widget(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)
