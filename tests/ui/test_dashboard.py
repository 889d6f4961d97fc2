"""The growth dashboard on the demo journal: cards, charts, range, points, export, targets."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.lines import Line2D
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes
from pmo_journal.core.charts.figures import figure_text
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.models import EntryKind
from pmo_journal.core.progress import headline_figures, skill_growth_series
from pmo_journal.core.services.mentor_sessions import get_mentor_session
from pmo_journal.core.services.reflections import get_skill_reflection, log_skill_reflection
from pmo_journal.core.services.skills import get_skill, set_skill_archived
from pmo_journal.core.storage.db import Journal, copy_database
from pmo_journal.ui.appearance import palette_for
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dashboard import DashboardView
from pmo_journal.ui.dashboard.chart_panel import ChartPanel
from pmo_journal.ui.dashboard.range_selector import RangeSelector
from pmo_journal.ui.report.prep_sheet_dialog import PrepSheetDialog
from tests.ui.scripted_prompts import ScriptedPrompts

TODAY = dt.date(2026, 6, 30)
# How long the charts may take on a slow, busy machine; the wait ends as soon as they're drawn.
CHARTS_MS = 60_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, years=3, today=TODAY)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Journal]:
    """A fresh copy of the three-year demo journal for each test."""
    path = tmp_path / "demo.db"
    copy_database(demo_file, path)
    journal = Journal.open(path)
    yield journal
    journal.close()


def _view(qtbot: QtBot, journal: Journal) -> DashboardView:
    view = DashboardView(JournalContext(journal), today=TODAY)
    qtbot.addWidget(view)
    view.resize(1000, 760)
    with qtbot.waitSignal(view.charts_drawn, timeout=CHARTS_MS):
        view.show()
    QApplication.sendPostedEvents()  # the layout requests of the panels just drawn
    return view


def _ratings(panel: ChartPanel) -> Line2D:
    assert panel.figure is not None
    line = panel.figure.pick_artists()[0]
    assert isinstance(line, Line2D)
    return line


def _pick(panel: ChartPanel, artist: Line2D, index: int, button: MouseButton) -> None:
    """What matplotlib does when the user clicks on point ``index``."""
    assert panel.canvas is not None
    x, y = artist.get_transform().transform(artist.get_xydata()[index])  # type: ignore[union-attr]
    mouse = MouseEvent("button_press_event", panel.canvas, x, y, button=button)
    panel.canvas.callbacks.process(
        "pick_event", PickEvent("pick_event", panel.canvas, mouse, artist, ind=[index])
    )


START_UP = """
import sys
from PySide6.QtCore import QSettings
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.application import _QuitOnFirstPaint, make_application
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.dashboard import DashboardView
from pmo_journal.ui.main_window import MainWindow

app = make_application()
QSettings().setValue("welcome/seen", True)  # straight to the screens, as on a later launch
context = JournalContext(Journal.open(sys.argv[1]))
window = MainWindow(context)
view = window.dashboard_view
window.show_screen("dashboard")
window.show()
_QuitOnFirstPaint(window)
app.exec()
print("cards:", view.cards.reflections.value.text().isdigit())
print("after first paint:", "matplotlib" in sys.modules, view.charts_ready)
view.charts_drawn.connect(app.quit)
if not view.charts_ready:
    app.exec()
print("a moment later:", "matplotlib" in sys.modules, view.charts_ready)
"""


def test_the_window_paints_before_matplotlib_loads(demo: Journal, tmp_path: Path) -> None:
    """As the first screen of ``--quit-after-load``: no matplotlib; charts come right after."""
    result = subprocess.run(
        [sys.executable, "-c", START_UP, str(demo.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "cards: True",
        "after first paint: False False",
        "a moment later: True True",
    ]


def test_cards_first_then_every_chart_on_a_canvas(qtbot: QtBot, demo: Journal) -> None:
    view = DashboardView(JournalContext(demo), today=TODAY)
    qtbot.addWidget(view)
    assert not view.charts_ready
    assert view.cards.sessions.value.text().isdigit()
    assert view.cards.reflections.value.text().isdigit()
    with qtbot.waitSignal(view.charts_drawn, timeout=CHARTS_MS):
        view.show()
    assert set(view.panels) == {
        "headline-0",
        "headline-1",
        "other-skills",
        "radar",
        "activity",
        "cadence",
        "helper-hours",
    }
    for panel in view.panels.values():
        assert isinstance(panel.canvas, FigureCanvasQTAgg)
        assert panel.figure is not None and not panel.figure.empty
    first = view.panels["headline-0"].figure
    assert first is not None and "Collaborative leadership" in figure_text(first)


def _redrawn(qtbot: QtBot, view: DashboardView) -> object:
    """Waits for the figures a change starts building off the GUI thread."""
    return qtbot.waitSignal(view.charts_drawn, timeout=CHARTS_MS)


def test_the_range_drives_the_plotted_data(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["headline-0"]
    year = len(_ratings(panel).get_xdata())  # type: ignore[arg-type]
    with _redrawn(qtbot, view):
        view.range_selector.choose("All time")
    everything = len(_ratings(panel).get_xdata())  # type: ignore[arg-type]
    with _redrawn(qtbot, view):
        view.range_selector.choose("Last 6 months")
    half = len(_ratings(panel).get_xdata())  # type: ignore[arg-type]
    assert 0 < half < year < everything
    assert view.cards.reflections.detail.text().endswith("in the last 6 months")

    view.range_selector.choose("Custom range")
    assert view.range_selector.date_from.isVisible()
    with _redrawn(qtbot, view):
        view.range_selector.set_custom(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert view.period() == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    dates = [p.date for p in panel.figure.pick_targets[_ratings(panel).get_gid()]]  # type: ignore[union-attr, index]
    assert dates and all(dt.date(2025, 1, 1) <= d <= dt.date(2025, 3, 31) for d in dates)


def test_a_period_change_keeps_the_old_figures_until_the_new_ones_arrive(
    qtbot: QtBot, demo: Journal
) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["headline-0"]
    year = panel.figure
    view.range_selector.choose("Last 6 months")
    view.range_selector.choose("All time")  # chosen while the first build runs: it wins
    assert panel.figure is year and view.building is not None
    with _redrawn(qtbot, view):
        pass  # the six months' figures are dropped unseen; the first to arrive is all time
    assert panel.figure is not year and panel.figure is not None
    [collaborative] = [s for s in skill_growth_series(demo) if s.skill_id == 1]
    first = collaborative.points[0]
    targets = panel.figure.pick_targets[_ratings(panel).get_gid()]  # type: ignore[index]
    assert targets[0].date == first.date < TODAY - dt.timedelta(days=2 * 365)
    count = len(collaborative.points)
    assert f"· {count:,} ratings" in " ".join(figure_text(panel.figure))


def test_clicking_a_point_opens_the_reflection_behind_it(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["headline-1"]
    line = _ratings(panel)
    with qtbot.waitSignal(view.context.open_entry_requested) as blocker:
        _pick(panel, line, 2, MouseButton.LEFT)
    kind, entry_id = blocker.args  # type: ignore[misc]
    assert kind == EntryKind.SKILL_REFLECTION.value
    reflection = get_skill_reflection(demo, entry_id)
    assert reflection.skill_name == "Strategic thinking"
    assert reflection.rating == line.get_ydata()[2]  # type: ignore[index]
    with qtbot.assertNotEmitted(view.context.open_entry_requested):
        _pick(panel, line, 2, MouseButton.RIGHT)


def test_clicking_a_cadence_point_opens_the_session(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["cadence"]
    line = _ratings(panel)
    with qtbot.waitSignal(view.context.open_entry_requested) as blocker:
        _pick(panel, line, 0, MouseButton.LEFT)
    kind, entry_id = blocker.args  # type: ignore[misc]
    assert kind == EntryKind.MENTOR_SESSION.value
    assert get_mentor_session(demo, entry_id).id == entry_id


def test_hovering_a_point_names_its_date_rating_and_entry(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["headline-0"]
    line = _ratings(panel)
    assert panel.canvas is not None
    x, y = line.get_transform().transform(line.get_xydata()[0])  # type: ignore[union-attr]
    target = panel.target_at(MouseEvent("motion_notify_event", panel.canvas, x, y))
    assert target is not None
    reflection = get_skill_reflection(demo, target.entry_id)
    assert target.tooltip.startswith(
        f"{reflection.date.day} {reflection.date:%b %Y} · rated {reflection.rating}/5\n"
        "Collaborative leadership reflection"
    )
    far = panel.target_at(MouseEvent("motion_notify_event", panel.canvas, 2, 2))
    assert far is None


def test_right_click_exports_png_and_svg(
    qtbot: QtBot, demo: Journal, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    view = _view(qtbot, demo)
    panel = view.panels["radar"]
    prompts.answer("save_file", tmp_path / "radar.png", tmp_path / "radar.svg", None)
    png_action, svg_action = panel.context_menu().actions()
    assert png_action.text() == "Export chart as PNG…"
    png_action.trigger()
    svg_action.trigger()
    assert (tmp_path / "radar.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(tmp_path / "radar.svg").getroot().tag.endswith("svg")
    assert panel.export("png") is None  # cancelled
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in {".png", ".svg"}) == [
        "radar.png",
        "radar.svg",
    ]


def test_setting_a_target_saves_it_and_redraws_the_dashed_line(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    editor = view.target_editor
    assert editor is not None
    editor.skill.setCurrentText("Strategic thinking")
    with qtbot.waitSignal(view.context.changed), _redrawn(qtbot, view):
        editor.level.setCurrentIndex(editor.level.findData(2))
    skill_id = editor.skill.currentData()
    assert get_skill(demo, skill_id).target_level == 2
    figure = view.panels["headline-1"].figure
    assert figure is not None
    labels = [line.get_label() for ax in figure.axes for line in ax.get_lines()]
    assert "Target 2" in labels
    with qtbot.waitSignal(view.context.changed):
        editor.level.setCurrentIndex(0)
    assert get_skill(demo, skill_id).target_level is None


def test_a_new_entry_elsewhere_refreshes_cards_and_charts(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    before = int(view.cards.reflections.value.text())
    points = len(_ratings(view.panels["headline-0"]).get_xdata())  # type: ignore[arg-type]
    collaborative = get_skill(demo, 1)
    assert collaborative.name == "Collaborative leadership"
    log_skill_reflection(
        demo,
        data={
            "date": TODAY,
            "skill_id": collaborative.id,
            "rating": 5,
            "situation": "Brokered the portfolio trade-off between two directors.",
        },
    )
    with _redrawn(qtbot, view):
        view.context.announce(Changes.everything())
    assert int(view.cards.reflections.value.text()) == before + 1
    assert len(_ratings(view.panels["headline-0"]).get_xdata()) == points + 1  # type: ignore[arg-type]


def test_an_empty_journal_explains_each_chart(qtbot: QtBot, journal: Journal) -> None:
    view = _view(qtbot, journal)
    assert view.cards.next_session.value.text() == "–"
    for panel in view.panels.values():
        assert panel.figure is not None and panel.figure.empty, panel.key


def test_the_next_session_card_opens_a_prep_sheet_for_that_mentor(
    qtbot: QtBot, demo: Journal
) -> None:
    view = DashboardView(JournalContext(demo), today=TODAY)
    qtbot.addWidget(view)
    figures = headline_figures(demo, today=TODAY)
    assert figures.next_session is not None
    assert view.cards.next_session.detail.text().startswith(f"with {figures.next_session.name}")
    view.show()
    qtbot.mouseClick(view.cards.prepare, Qt.MouseButton.LeftButton)
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrepSheetDialog)]
    try:
        assert dialog.mentor.currentData() == figures.next_session.person_id
    finally:
        dialog.close()  # it deletes itself on close


def test_charts_follow_the_light_or_dark_palette(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    with _redrawn(qtbot, view):
        view.setPalette(palette_for(dark=True))
    figure = view.panels["activity"].figure
    assert figure is not None and figure.theme.name == "dark"
    with _redrawn(qtbot, view):
        view.setPalette(QPalette())
    figure = view.panels["activity"].figure
    assert figure is not None and figure.theme.name == "light"
    # The app swaps its palette when the system's scheme changes: the charts follow.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        app.setPalette(palette_for(dark=True))
        qtbot.waitUntil(lambda: view.panels["radar"].figure.theme.name == "dark", timeout=CHARTS_MS)  # type: ignore[union-attr]
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: view.panels["radar"].figure.theme.name == "light", timeout=CHARTS_MS)  # type: ignore[union-attr]


def test_an_archived_headline_skill_leaves_the_dashboard(qtbot: QtBot, demo: Journal) -> None:
    view = _view(qtbot, demo)
    set_skill_archived(demo, 2, archived=True)
    with _redrawn(qtbot, view):
        view.context.announce(Changes.everything())
    assert view.panels["headline-1"].isHidden()
    assert view.panels["headline-0"].isVisible()
    set_skill_archived(demo, 2, archived=False)
    with _redrawn(qtbot, view):
        view.context.announce(Changes.everything())
    assert view.panels["headline-1"].isVisible()


def test_the_mouse_wheel_over_a_chart_is_left_to_the_scroll_area(
    qtbot: QtBot, demo: Journal
) -> None:
    """Charts fill most of the screen: the wheel must scroll the dashboard, not stop there."""
    view = _view(qtbot, demo)
    assert view.scroll_area.verticalScrollBar().maximum() > 0
    canvas = view.panels["headline-0"].canvas
    assert canvas is not None
    centre = QPointF(canvas.width() / 2, canvas.height() / 2)
    wheel = QWheelEvent(
        centre,
        canvas.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, wheel)
    # Ignored, so Qt hands the user's (spontaneous) wheel events on to the scroll area.
    assert not wheel.isAccepted()


def test_the_range_selector_never_turns_upside_down(qtbot: QtBot) -> None:
    selector = RangeSelector(today=TODAY)
    qtbot.addWidget(selector)
    assert selector.period() == (dt.date(2025, 7, 1), TODAY)
    selector.choose("Custom range")
    assert selector.period() == (dt.date(2025, 7, 1), TODAY)  # starts from what was shown
    with qtbot.waitSignal(selector.range_changed):
        selector.date_from.setDate(QDate(2026, 8, 1))
    assert selector.period() == (dt.date(2026, 8, 1), dt.date(2026, 8, 1))
    selector.choose("All time")
    assert selector.period() == (None, TODAY)
    assert selector.describe() == "all time"
