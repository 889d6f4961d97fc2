"""The dashboard's charts, drawn for paper: the headline skills, the radar and activity.

Runs off the GUI thread: matplotlib draws with its Agg renderer into raw pixels at print
resolution (300 dpi, kept lossless in the PDF), in the theme for paper, whose lines and
points stay legible on a greyscale copy; nothing here touches Qt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping

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


NO_RADAR = "No self-ratings in this period, so no radar is drawn."
NO_ACTIVITY = "No mentor sessions, reflections or helper hours in this period."


@dataclasses.dataclass
class PrintedFigure:
    """A chart for paper before it is drawn: its key, its caption and, when the period has
    nothing to draw, what it lacks in words."""

    key: str
    title: str
    figure: Figure
    empty: str = ""
    #: The period has nothing to draw even if the figure has something: ``empty`` instead.
    blank: bool = False


def _image(printed: PrintedFigure) -> ChartImage:
    """Draw the figure once with Agg at print resolution and keep its raw pixels.

    Raw pixels skip a PNG encode here and a decode in Qt; the PDF writer compresses them
    losslessly anyway.
    """
    key, title, figure = printed.key, printed.title, printed.figure
    if printed.empty and (printed.blank or getattr(figure, "empty", False)):
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


def _radar_caption(*, start: bool, target: bool) -> str:
    """The radar's caption, naming only the rings drawn."""
    rings = ["Each skill's latest self-rating at the end of the period (filled)"]
    if start:
        rings.append("its level at the start as in Growth by skill (dotted)")
    if target:
        rings.append("its target (dashed)")
    if len(rings) == 1:
        return rings[0] + "."
    return ", ".join(rings[:-1]) + " and " + rings[-1] + "."


def report_charts(
    journal: Journal,
    options: ReportOptions,
    *,
    step: Callable[[str], None] = lambda _message: None,
    start_levels: Mapping[str, float | None] | None = None,
) -> list[ChartImage]:
    """The report's charts for its period; ``step`` is called before each one is drawn."""
    figures = report_figures(journal, options, step=step, start_levels=start_levels)
    return [_image(printed) for printed in figures]


def report_figures(
    journal: Journal,
    options: ReportOptions,
    *,
    step: Callable[[str], None] = lambda _message: None,
    start_levels: Mapping[str, float | None] | None = None,
) -> Iterator[PrintedFigure]:
    """The report's figures, in the theme for paper, one at a time (``step`` before each).

    ``start_levels`` are the Growth table's levels at the period's start, by skill name
    (read from the journal when not given): the radar's dotted ring, so the two agree.
    """
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
    if start_levels is None:
        from pmo_journal.report.gather import start_levels as read_start_levels

        start_levels = read_start_levels(journal, options)
    # The dotted ring is the start of the period as the Growth table reads it (the 90 days
    # before it, else its first 90 days), not twelve months before its end.
    spokes = [
        dataclasses.replace(spoke, year_earlier=start_levels.get(spoke.name)) for spoke in spokes
    ]
    drawn_start = any(spoke.year_earlier is not None for spoke in spokes)
    drawn_target = any(spoke.target is not None for spoke in spokes)
    radar = charts.radar_figure(
        spokes,
        size=RADAR_SIZE,
        title="End of the period, start and target" if drawn_start else "End of the period",
        earlier="Start of the period",
        theme=PRINT,
    )
    yield PrintedFigure(
        "radar",
        _radar_caption(start=drawn_start, target=drawn_target),
        radar,
        empty=NO_RADAR,
        blank=not any(spoke.ratings_in_range for spoke in spokes),
    )
    step("Drawing monthly activity…")
    months = progress.activity_per_month(journal, since=since, until=until, include_private=private)
    yield PrintedFigure(
        "activity",
        "Mentor sessions and reflections per month, with helper hours.",
        charts.activity_figure(months, size=ACTIVITY_SIZE, theme=PRINT, hours_words=quarter_hours),
        empty=NO_ACTIVITY,
    )
