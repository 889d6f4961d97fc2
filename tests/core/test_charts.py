"""The chart builders, checked on their data without a GUI: values, labels, titles, files."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import xml.etree.ElementTree as ET

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.dates import date2num
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from pmo_journal.core.cadence import CadenceStatus, MentorReminder
from pmo_journal.core.charts import figures as charts
from pmo_journal.core.models import AssignmentKind
from pmo_journal.core.progress import (
    CadenceGap,
    EvidenceMonth,
    KindHours,
    MentorCadence,
    MonthActivity,
    RadarSpoke,
    RatingPoint,
    SkillSeries,
    TrendPoint,
)

D = dt.date


def _point(day: dt.date, rating: int, reflection_id: int) -> RatingPoint:
    return RatingPoint(
        day,
        rating,
        reflection_id,
        "Strategic thinking reflection",
        "Challenged a request against the strategy map.",
        False,
        False,
    )


def _series(points: list[RatingPoint], *, target: int | None = 4) -> SkillSeries:
    trend = tuple(TrendPoint(p.date, float(p.rating)) for p in points)
    return SkillSeries(2, "Strategic thinking", True, target, tuple(points), trend)


def _rating_line(fig: charts.ChartFigure) -> Line2D:
    [line] = fig.pick_artists()
    assert isinstance(line, Line2D)
    return line


def _main_axes(fig: charts.ChartFigure) -> Axes:
    return next(ax for ax in fig.axes if ax.get_ylabel() == "Self-rating (1–5)")


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _columns(ax: Axes) -> list[tuple[float, float]]:
    """(bottom, height) of every column drawn as a collection, in drawing order."""
    spans = []
    for collection in ax.collections:
        if isinstance(collection, PolyCollection):
            for path in collection.get_paths():
                ys = path.vertices[:, 1]
                spans.append((float(ys.min()), float(ys.max() - ys.min())))
    return spans


def test_skill_growth_plots_ratings_trend_target_and_evidence() -> None:
    points = [
        _point(D(2025, 1, 31), 2, 11),
        _point(D(2025, 3, 1), 3, 12),
        _point(D(2025, 6, 2), 4, 13),
    ]
    evidence = [
        EvidenceMonth(2, D(2025, 1, 1), 3),
        EvidenceMonth(2, D(2025, 3, 1), 1),
        EvidenceMonth(1, D(2025, 3, 1), 9),
    ]
    fig = charts.skill_growth_figure(
        _series(points), evidence=evidence, since=D(2025, 1, 1), until=D(2025, 6, 30)
    )
    line = _rating_line(fig)
    assert list(line.get_ydata()) == [2, 3, 4]  # type: ignore[arg-type]
    assert list(line.get_xdata()) == [date2num(p.date) for p in points]  # type: ignore[arg-type]
    assert line.get_marker() == "s" and line.get_linestyle() == "None"
    ax = _main_axes(fig)
    assert ax.get_title(loc="left") == "Strategic thinking"
    target = [ln for ln in ax.get_lines() if ln.get_label() == "Target 4"]
    assert target and list(target[0].get_ydata()) == [4, 4]  # type: ignore[arg-type]
    assert target[0].get_linestyle() == "--"
    trend = [ln for ln in ax.get_lines() if ln.get_label() == "90-day average"]
    assert list(trend[0].get_ydata()) == [2.0, 3.0, 4.0]  # type: ignore[arg-type]
    # Only this skill's evidence is drawn, on the right-hand axis.
    evidence_axes = next(a for a in fig.axes if a.get_ylabel() == "Entries per month")
    assert [height for _, height in _columns(evidence_axes)] == [3, 1]
    # The range, not the data, sets the visible period.
    low, high = ax.get_xlim()
    assert low < date2num(D(2025, 1, 1)) and high > date2num(D(2025, 6, 30))
    assert "Latest 4/5 on 2 Jun 2025 · 3 ratings" in charts.figure_text(fig)


def test_picked_points_map_back_to_their_reflections() -> None:
    points = [_point(D(2025, 1, 31), 2, 11), _point(D(2025, 3, 1), 3, 12)]
    fig = charts.skill_growth_figure(_series(points))
    line = _rating_line(fig)
    target = fig.target_for(line, 1)
    assert target is not None
    assert (target.kind, target.entry_id, target.date) == ("skill_reflection", 12, D(2025, 3, 1))
    assert target.tooltip.startswith("1 Mar 2025 · rated 3/5\nStrategic thinking reflection")
    assert fig.target_for(line, 5) is None


def test_no_ratings_says_what_would_start_the_chart() -> None:
    fig = charts.skill_growth_figure(_series([]))
    assert fig.empty
    text = charts.figure_text(fig)
    assert "No ratings for Strategic thinking in this period yet." in text
    assert "Log a reflection on Strategic thinking to start this chart." in text


def test_a_single_point_draws_with_a_sensible_range() -> None:
    fig = charts.skill_growth_figure(_series([_point(D(2025, 3, 1), 3, 12)], target=None))
    FigureCanvasAgg(fig).draw()
    low, high = _main_axes(fig).get_xlim()
    assert high - low >= 60
    assert not [ln for ln in _main_axes(fig).get_lines() if ln.get_label().startswith("Target")]


def test_ten_years_of_date_ticks_do_not_overlap() -> None:
    start = D(2016, 1, 1)
    points = [_point(start + dt.timedelta(days=9 * i), 1 + i % 5, i) for i in range(410)]
    fig = charts.skill_growth_figure(_series(points), size=(5.0, 3.0))
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in _main_axes(fig).get_xticklabels() if t.get_text()]
    assert 3 <= len(labels) <= 8
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))


def test_other_skills_share_a_chart_with_their_own_markers() -> None:
    one = SkillSeries(3, "Managing up", False, None, (_point(D(2025, 1, 1), 2, 1),), ())
    two = SkillSeries(4, "Encouraging learning", False, None, (_point(D(2025, 2, 1), 3, 2),), ())
    fig = charts.skills_overview_figure([one, two])
    lines = fig.pick_artists()
    assert len(lines) == 2
    markers = {line.get_marker() for line in lines if isinstance(line, Line2D)}
    assert len(markers) == 2
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Managing up", "Encouraging learning"]
    empty = charts.skills_overview_figure([SkillSeries(3, "Managing up", False, None, (), ())])
    assert "Log a reflection on Managing up to start this chart." in charts.figure_text(empty)


def test_radar_draws_now_a_year_ago_and_target() -> None:
    spokes = [
        RadarSpoke(1, "Collaborative leadership", True, 3, D(2025, 5, 1), 2, D(2024, 5, 1), 4, 2),
        RadarSpoke(2, "Strategic thinking", True, 4, D(2025, 5, 1), 2, D(2024, 5, 1), 5, 2),
        RadarSpoke(3, "Managing up", False, 2, D(2025, 5, 1), None, None, None, 1),
    ]
    fig = charts.radar_figure(spokes)
    [ax] = fig.axes
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["Now"].get_ydata()) == [3.0, 4.0, 2.0, 3.0]  # type: ignore[arg-type]
    assert lines["Target"].get_linestyle() == "--"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Collaborative\nleadership",
        "Strategic\nthinking",
        "Managing up",
    ]
    assert fig.get_suptitle() == "Now, a year ago and target"
    none = [RadarSpoke(1, "Collaborative leadership", True, None, None, None, None, None, 0)]
    assert charts.radar_figure(none).empty


def test_activity_stacks_entries_above_helper_hours() -> None:
    months = [
        MonthActivity(D(2025, 1, 1), 1, 2.5, 2),
        MonthActivity(D(2025, 2, 1), 0, 0.0, 0),
        MonthActivity(D(2025, 3, 1), 2, 4.0, 1),
    ]
    fig = charts.activity_figure(months)
    counts, hours = fig.axes
    # Sessions, then reflections stacked on top of them.
    assert _columns(counts) == [(0, 1), (0, 0), (0, 2), (1, 2), (0, 0), (2, 1)]
    assert [height for _, height in _columns(hours)] == [2.5, 0.0, 4.0]
    assert (counts.get_ylabel(), hours.get_ylabel()) == ("Entries", "Hours")
    assert "3 sessions · 3 reflections · 6.5 helper hours" in charts.figure_text(fig)
    assert charts.activity_figure([]).empty


def test_helper_hours_largest_first_with_labels() -> None:
    kinds = [
        KindHours(AssignmentKind.METRICS_ANALYSIS, 8.0, 1),
        KindHours(AssignmentKind.MINUTES, 5.0, 2),
    ]
    fig = charts.helper_hours_figure(kinds)
    [ax] = fig.axes
    assert [bar.get_width() for bar in _bars(ax)] == [5.0, 8.0]  # drawn bottom-up
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Taking minutes", "Metrics analysis"]
    assert ax.get_xlabel() == "Hours"
    assert "13 hours over 3 assignments" in charts.figure_text(fig)


def _cadence(gaps: list[CadenceGap], *, overdue: bool = False) -> MentorCadence:
    due = D(2025, 5, 10)
    reminder = MentorReminder(
        mentor_id=7,
        mentor_name="Dana",
        cadence_days=30,
        last_session=gaps[-1].date if gaps else None,
        session_count=len(gaps),
        next_due=due,
        status=CadenceStatus.OVERDUE if overdue else CadenceStatus.UPCOMING,
        snoozed_until=None,
        today=due + dt.timedelta(days=22 if overdue else 0),
    )
    return MentorCadence(
        7,
        "Dana",
        30,
        tuple(gaps),
        gaps[-1].date if gaps else None,
        due if gaps else None,
        overdue,
        22 if overdue else 0,
        None,
        False,
        reminder,
    )


def test_cadence_plots_gaps_against_the_target() -> None:
    gaps = [
        CadenceGap(1, D(2025, 1, 10), None),
        CadenceGap(2, D(2025, 2, 9), 30),
        CadenceGap(3, D(2025, 4, 10), 60),
    ]
    fig = charts.cadence_figure([_cadence(gaps, overdue=True)])
    [ax] = fig.axes
    line = fig.pick_artists()[0]
    assert isinstance(line, Line2D)
    assert list(line.get_ydata()) == [30, 60]  # type: ignore[arg-type]
    target = fig.target_for(line, 1)
    assert target is not None and (target.kind, target.entry_id) == ("mentor_session", 3)
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert list(dashed[0].get_ydata()) == [30, 30]  # type: ignore[arg-type]
    assert ax.get_ylabel() == "Days since previous session"
    assert "Dana: overdue since 10 May 2025" in charts.figure_text(fig)


def test_cadence_without_gaps_explains_itself() -> None:
    assert "Add a mentor and log your first session to start this chart." in charts.figure_text(
        charts.cadence_figure([])
    )
    one = charts.cadence_figure([_cadence([CadenceGap(1, D(2025, 1, 10), None)])])
    assert "Log your next session with Dana to start this chart." in charts.figure_text(one)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figures_render_to_png_at_300_dpi_and_to_svg(theme: charts.ThemeName) -> None:
    points = [_point(D(2025, 1, 31), 2, 11), _point(D(2025, 3, 1), 3, 12)]
    fig = charts.skill_growth_figure(_series(points), theme=theme, size=(4.0, 2.5))
    assert fig.get_facecolor()[0] == (1.0 if theme == "light" else pytest.approx(0x1E / 255))
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=300)
    header = png.getvalue()
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(header[16:20], "big")
    height = int.from_bytes(header[20:24], "big")
    assert (width, height) == (1200, 750)
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    root = ET.fromstring(svg.getvalue())
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("width_px", [300, 420, 900])
def test_the_legend_wraps_to_fit_any_width(width_px: int) -> None:
    """At a laptop's narrow chart (two side by side at 1024 px) every legend entry reads
    whole: the legend takes fewer columns and more rows rather than running off the edge."""
    points = [_point(D(2025, 1, 1) + dt.timedelta(days=20 * i), 1 + i % 5, i) for i in range(12)]
    evidence = [EvidenceMonth(2, D(2025, 3, 1), 3)]
    fig = charts.skill_growth_figure(
        _series(points), evidence=evidence, since=D(2025, 1, 1), until=D(2025, 12, 31)
    )
    fig.render_at(width_px, 300)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    (legend,) = fig.legends
    box, page = legend.get_window_extent(renderer), fig.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1, (box, page)
    for text in legend.get_texts():
        label = text.get_window_extent(renderer)
        assert page.x0 <= label.x0 and label.x1 <= page.x1, text.get_text()
    labels = [t.get_text() for t in legend.get_texts()]
    assert "90-day average" in labels and any(lab.startswith("Entries") for lab in labels)


def test_the_legibility_check_finds_faint_lines_and_look_alike_entries() -> None:
    from matplotlib.figure import Figure

    from tests.legibility import problems

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    # Blue and green of about the same greyness, same shape; orange too faint on white.
    ax.plot([0, 1], [0, 1], color="#0072B2", label="Sessions")
    ax.plot([0, 1], [1, 0], color="#1A7F4B", label="Hours")
    ax.plot([0, 1], [0.5, 0.5], color="#E69F00", linestyle="--", label="Target")
    fig.legend()
    found = problems(fig, "#FFFFFF")
    assert "'Target' is 2.25:1 against the paper" in found
    assert any(p.startswith("'Sessions' and 'Hours' look alike in greyscale") for p in found)
    assert not any("'Target' look alike" in p or "and 'Target'" in p for p in found)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screen_charts_bars_and_lines_stand_out_from_their_background(
    theme: charts.ThemeName,
) -> None:
    from pmo_journal.core.charts.theme import theme_for
    from tests.legibility import FILL_CONTRAST, problems

    months = [MonthActivity(D(2025, m, 1), m % 3, 2.0 * m, m % 4) for m in range(1, 13)]
    fig = charts.activity_figure(months, theme=theme)
    assert problems(fig, theme_for(theme).background) == []
    series = _series([_point(D(2025, m, 10), 3 + m % 2, m) for m in range(1, 7)])
    evidence = [EvidenceMonth(2, D(2025, m, 1), m) for m in range(1, 7)]
    growth = charts.skill_growth_figure(series, evidence=evidence, theme=theme)
    faint = [p for p in problems(growth, theme_for(theme).background) if "filled" in p]
    assert faint == [], f"bars under {FILL_CONTRAST}:1"


def test_radar_names_stand_clear_of_the_outer_ring() -> None:
    names = [
        "Collaborative leadership",
        "Strategic thinking",
        "Managing up & business acumen",
        "Encouraging learning & change",
    ]
    spokes = [
        RadarSpoke(i + 1, name, True, 3, D(2025, 5, 1), 2, D(2024, 5, 1), 5, 2)
        for i, name in enumerate(names)
    ]
    fig = charts.radar_figure(spokes, size=(4.4, 3.6))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    [ax] = fig.axes
    box = ax.get_window_extent(renderer)
    centre_x, centre_y, radius = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, box.width / 2
    for label in ax.get_xticklabels():
        extent = label.get_window_extent(renderer)
        # The point of the label's box nearest the centre lies outside the ring.
        nearest_x = min(max(centre_x, extent.x0), extent.x1)
        nearest_y = min(max(centre_y, extent.y0), extent.y1)
        distance = ((nearest_x - centre_x) ** 2 + (nearest_y - centre_y) ** 2) ** 0.5
        assert distance > radius, label.get_text()


def test_date_ticks_follow_the_view_they_are_asked_for() -> None:
    """The date axis works its ticks out once per view, and again for a new one."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    from pmo_journal.core.charts import figures as charts

    figure = charts.ChartFigure(chart="test", theme=charts.theme_for("light"), size=(6, 3))
    ax = figure.add_subplot()
    charts._date_axis(ax, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    fresh = figure.add_subplot()
    for first, last in [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2016, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2026, 9, 1), dt.date(2026, 11, 30)),
    ]:
        charts._date_axis(ax, first, last)
        ax.xaxis.get_major_locator()()  # asked for the old view first, then the new one
        fresh.set_xlim(ax.get_xlim())
        locator = AutoDateLocator(minticks=3, maxticks=7)
        locator.set_axis(fresh.xaxis)
        formatter = ConciseDateFormatter(locator)
        expected = list(locator())
        assert list(ax.xaxis.get_major_locator()()) == expected
        labels = ax.xaxis.get_major_formatter().format_ticks(expected)
        assert labels == formatter.format_ticks(expected)
        assert ax.xaxis.get_major_formatter().get_offset() == formatter.get_offset()
