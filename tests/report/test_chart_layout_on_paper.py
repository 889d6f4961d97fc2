"""The report's charts laid out for paper: margins measured from what each chart holds, once,
instead of by matplotlib's constrained layout. Nothing may fall outside the figure or on
top of anything else, for short and long periods and for wide tick labels."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from pmo_journal.core.charts.figures import ChartFigure, activity_figure
from pmo_journal.core.charts.theme import PRINT
from pmo_journal.core.progress import MonthActivity
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.figures import ACTIVITY_SIZE, PRINT_DPI, _image, report_figures
from pmo_journal.report.options import ReportOptions

TODAY = dt.date(2026, 12, 3)
PERIODS = {
    "three months": dt.date(2026, 9, 1),  # the date axis adds a line with the year
    "one year": dt.date(2025, 12, 4),
    "two years": dt.date(2024, 12, 4),
}


def _drawn(figure: ChartFigure) -> ChartFigure:
    figure.set_dpi(PRINT_DPI)
    figure.keep_to_paper()
    FigureCanvasAgg(figure).draw()
    return figure


def _overlap(one: Bbox, other: Bbox) -> bool:
    """More than a pixel of ``one`` lies on ``other``."""
    return (
        min(one.x1, other.x1) - max(one.x0, other.x0) > 1
        and min(one.y1, other.y1) - max(one.y0, other.y0) > 1
    )


def _problems(figure: ChartFigure) -> list[str]:
    """What a reader would see wrong: anything drawn past the figure's edge, the legend on
    a plot or on the dates under it, a title on a plot."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    found = []
    # Everything drawn (ticks in view, labels, titles, legends), in inches.
    drawn = figure.get_tightbbox(renderer)
    width, height = figure.get_size_inches()
    edge = 1 / PRINT_DPI
    if drawn.x0 < -edge or drawn.y0 < -edge or drawn.x1 > width + edge or drawn.y1 > height + edge:
        found.append(f"drawn past the edge: {drawn.bounds} in a {width}×{height} in figure")
    plots = [ax.get_window_extent(renderer) for ax in figure.axes]
    for legend in figure.legends:
        box = legend.get_window_extent(renderer)
        found += ["the legend on a plot" for plot in plots if _overlap(box, plot)]
        found += [
            "the legend on the dates"
            for ax in figure.axes
            if ax.xaxis.get_visible()
            and (dates := ax.xaxis.get_tightbbox(renderer)) is not None
            and _overlap(box, dates)
        ]
    for ax in figure.axes:
        for title in (ax.title, ax._left_title):  # type: ignore[attr-defined]
            if title.get_text():
                box = title.get_window_extent(renderer)
                found += [
                    f"the title {title.get_text()!r} on a plot" for p in plots if _overlap(box, p)
                ]
    return found


@pytest.mark.parametrize("period", PERIODS)
def test_every_chart_of_the_report_fits_its_figure(demo: Journal, period: str) -> None:
    options = ReportOptions(start=PERIODS[period], end=TODAY, prepared_on=TODAY)
    cartesian = 0
    for printed in report_figures(demo, options):
        figure = printed.figure
        assert isinstance(figure, ChartFigure)
        _image(printed)  # what the report prints
        if printed.key != "radar":
            assert figure.on_paper, printed.key
            cartesian += 1
        assert _problems(figure) == [], printed.key
    assert cartesian == 3  # two headline skills and the activity


def test_wide_tick_labels_get_the_room_they_need() -> None:
    """Hundreds of helper hours a month: the hours axis's labels are three digits wide."""
    months = [
        MonthActivity(
            dt.date(2026, month, 1), sessions=12, helper_hours=150.0 + month * 12, reflections=30
        )
        for month in range(1, 13)
    ]
    figure = _drawn(activity_figure(months, size=ACTIVITY_SIZE, theme=PRINT))
    assert "240" in [label.get_text() for label in figure.axes[1].get_yticklabels()]
    assert _problems(figure) == []
    # The axis label sits beside the labels, inside the figure.
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    assert figure.axes[1].yaxis.label.get_window_extent(renderer).x0 >= 0


def test_a_layout_for_paper_sits_close_to_the_constrained_one(demo: Journal) -> None:
    """The margins differ from the constrained layout's by a few hundredths of an inch,
    not by a blank band or a squeezed plot."""
    options = ReportOptions(start=PERIODS["one year"], end=TODAY, prepared_on=TODAY)
    for constrained, paper in zip(
        report_figures(demo, options), report_figures(demo, options), strict=True
    ):
        if constrained.key == "radar":
            continue
        constrained.figure.set_dpi(PRINT_DPI)
        FigureCanvasAgg(constrained.figure).draw()
        _drawn(paper.figure)  # type: ignore[arg-type]
        for before, after in zip(constrained.figure.axes, paper.figure.axes, strict=True):
            width, height = paper.figure.get_size_inches()
            one, other = before.get_position(), after.get_position()
            for edge, size in (("x0", width), ("x1", width), ("y0", height), ("y1", height)):
                assert abs(getattr(one, edge) - getattr(other, edge)) * size < 0.12, (
                    constrained.key,
                    edge,
                )
