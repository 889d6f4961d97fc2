"""The dashboard's charts, drawn for paper: the headline skills, the radar and activity.

Runs off the GUI thread: matplotlib draws with its Agg renderer into raw pixels at print
resolution (300 dpi, kept lossless in the PDF), in the theme for paper, whose lines and
points stay legible on a greyscale copy; nothing here touches Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator

import pmo_journal.core.charts.lean_matplotlib  # noqa: F401  (before matplotlib)

# isort: split

from matplotlib.figure import Figure

from pmo_journal.core import progress
from pmo_journal.core.charts import figures as charts
from pmo_journal.core.charts.theme import PRINT
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.compose import hours_text as quarter_hours
from pmo_journal.report.document import ChartImage
from pmo_journal.report.options import ReportOptions

PRINT_DPI = 300
FULL_WIDTH_IN = 6.3
GROWTH_SIZE = (FULL_WIDTH_IN, 2.55)
RADAR_SIZE = (4.4, 3.6)
ACTIVITY_SIZE = (FULL_WIDTH_IN, 2.9)


NO_RADAR = "No self-ratings or target levels by the end of this period."
NO_ACTIVITY = "No mentor sessions, reflections or helper hours in this period."


@dataclasses.dataclass
class PrintedFigure:
    """A chart for paper before it is drawn: its key, its caption and, when the period has
    nothing to draw, what it lacks in words."""

    key: str
    title: str
    figure: Figure
    empty: str = ""


def _image(printed: PrintedFigure) -> ChartImage:
    """Draw the figure once with Agg at print resolution and keep its raw pixels.

    Raw pixels skip a PNG encode here and a decode in Qt; the PDF writer compresses them
    losslessly anyway.
    """
    key, title, figure = printed.key, printed.title, printed.figure
    if printed.empty and getattr(figure, "empty", False):
        # An empty chart would print, inside the image, an instruction for the app's user.
        return ChartImage(key, title, b"", 0, 0, PRINT_DPI, note=printed.empty)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(PRINT_DPI)
    if isinstance(figure, charts.ChartFigure):
        figure.keep_to_paper()
    figure.set_facecolor("white")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    return ChartImage(key, title, bytes(canvas.buffer_rgba()), width, height, PRINT_DPI)


def report_charts(
    journal: Journal,
    options: ReportOptions,
    *,
    step: Callable[[str], None] = lambda _message: None,
) -> list[ChartImage]:
    """The report's charts for its period; ``step`` is called before each one is drawn."""
    return [_image(printed) for printed in report_figures(journal, options, step=step)]


def report_figures(
    journal: Journal,
    options: ReportOptions,
    *,
    step: Callable[[str], None] = lambda _message: None,
) -> Iterator[PrintedFigure]:
    """The report's figures, in the theme for paper, one at a time (``step`` before each)."""
    since, until, private = options.start, options.end, options.include_private
    series = progress.skill_growth_series(
        journal, since=since, until=until, include_private=private
    )
    evidence = progress.evidence_per_month(
        journal, since=since, until=until, include_private=private
    )
    # A headline skill without ratings in the period gets a sentence in the body instead.
    for skill in (s for s in series if s.headline and s.ratings):
        step(f"Drawing {skill.name}…")
        yield PrintedFigure(
            f"skill-{skill.skill_id}",
            f"{skill.name}: self-ratings (points), 90-day average (line) and entries "
            "per month (bars).",
            charts.skill_growth_figure(
                skill, evidence=evidence, since=since, until=until, size=GROWTH_SIZE, theme=PRINT
            ),
        )
    step("Drawing the radar…")
    spokes = progress.radar(journal, since=since, until=until, include_private=private)
    at_start = {
        spoke.skill_id: spoke
        for spoke in progress.radar(
            journal, until=since - dt.timedelta(days=1), include_private=private
        )
    }
    # The dotted ring is the start of the period, not twelve months before its end.
    spokes = [
        dataclasses.replace(
            spoke,
            year_earlier=at_start[spoke.skill_id].latest if spoke.skill_id in at_start else None,
        )
        for spoke in spokes
    ]
    radar = charts.radar_figure(
        spokes,
        size=RADAR_SIZE,
        title="End of the period, start and target",
        earlier="Start of the period",
        theme=PRINT,
    )
    yield PrintedFigure(
        "radar",
        "Each skill's latest self-rating at the end of the period (filled), at its start "
        "(dotted), and its target (dashed).",
        radar,
        empty=NO_RADAR,
    )
    step("Drawing monthly activity…")
    months = progress.activity_per_month(journal, since=since, until=until, include_private=private)
    yield PrintedFigure(
        "activity",
        "Mentor sessions and reflections per month, with helper hours.",
        charts.activity_figure(months, size=ACTIVITY_SIZE, theme=PRINT, hours_words=quarter_hours),
        empty=NO_ACTIVITY,
    )
