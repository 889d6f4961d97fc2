"""The report's charts as they print, on the 2-year demo: legible on a greyscale copy, and
labelled for the report (the radar's dotted ring is the start of the period)."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from pmo_journal.core.charts.theme import PRINT
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.figures import PRINT_DPI, PrintedFigure, report_charts, report_figures
from pmo_journal.report.options import ReportOptions
from tests.legibility import problems

TODAY = dt.date(2026, 12, 3)
OPTIONS = ReportOptions(start=dt.date(2025, 12, 4), end=TODAY, prepared_on=TODAY)


@pytest.fixture(scope="module")
def printed(demo: Journal) -> list[PrintedFigure]:
    return list(report_figures(demo, OPTIONS))


def test_the_report_draws_every_chart_of_the_period(printed: list[PrintedFigure]) -> None:
    assert [p.key for p in printed] == ["skill-1", "skill-2", "radar", "activity"]
    assert all(p.figure.theme is PRINT for p in printed)  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["skill-1", "skill-2", "radar", "activity"])
def test_each_chart_reads_on_a_greyscale_copy(printed: list[PrintedFigure], key: str) -> None:
    [chart] = [p for p in printed if p.key == key]
    assert problems(chart.figure, PRINT.background) == []


def test_the_radar_names_its_dotted_ring_the_start_of_the_period(
    printed: list[PrintedFigure],
) -> None:
    [radar] = [p.figure for p in printed if p.key == "radar"]
    FigureCanvasAgg(radar).draw()  # the legend is laid out again at every draw
    [legend] = radar.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Start of the period", "Target", "Now"]


def test_charts_print_lossless_at_print_resolution(demo: Journal) -> None:
    images = report_charts(demo, OPTIONS)
    assert {image.dpi for image in images} == {PRINT_DPI} == {300}
    for image in images:
        assert len(image.rgba) == image.width_px * image.height_px * 4
        assert image.width_in <= 6.3


def test_the_activity_chart_gives_the_hours_of_the_report_tables(
    demo: Journal, printed: list[PrintedFigure]
) -> None:
    from pmo_journal.core.charts.figures import figure_text
    from pmo_journal.report.build import build_report
    from pmo_journal.report.compose import hours_text

    [activity] = [p.figure for p in printed if p.key == "activity"]
    document = build_report(demo, OPTIONS)
    hours = hours_text(document.summary.assignment_hours)
    assert "." in hours  # the demo's helper hours are not whole: the test tells them apart
    assert any(f"{hours} helper hours" in text for text in figure_text(activity))
