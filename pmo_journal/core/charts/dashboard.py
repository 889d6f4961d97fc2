"""Every figure the growth dashboard shows, built from the journal for one date range,
and a chart drawn again for export as the disclosure rule lets it leave the journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pmo_journal.core import clock, progress
from pmo_journal.core.charts import aggregate
from pmo_journal.core.charts import figures as charts
from pmo_journal.core.disclosure import DisclosureChoice
from pmo_journal.core.storage.db import Journal

EXPORT_DPI = 300


@dataclass(frozen=True)
class DashboardFigures:
    """The dashboard's charts, in the order the screen lays them out."""

    headline_skills: tuple[charts.ChartFigure, ...]
    other_skills: charts.ChartFigure
    radar: charts.ChartFigure
    activity: charts.ChartFigure
    cadence: charts.ChartFigure
    helper_hours: charts.ChartFigure

    def all(self) -> list[charts.ChartFigure]:
        return [
            *self.headline_skills,
            self.other_skills,
            self.radar,
            self.activity,
            self.cadence,
            self.helper_hours,
        ]

    def by_key(self) -> dict[str, charts.ChartFigure]:
        """The figures by the dashboard's panel keys (the first two headline skills)."""
        figures = {
            "other-skills": self.other_skills,
            "radar": self.radar,
            "activity": self.activity,
            "cadence": self.cadence,
            "helper-hours": self.helper_hours,
        }
        for index, figure in enumerate(self.headline_skills[:2]):
            figures[f"headline-{index}"] = figure
        return figures


def build_dashboard_figures(
    journal: Journal,
    *,
    since: dt.date | None,
    until: dt.date | None,
    include_private: bool = True,
    theme: charts.ThemeName = "light",
    today: dt.date | None = None,
) -> DashboardFigures:
    """Query the aggregates once and draw every dashboard chart for ``since``..``until``.

    Ratings and mentor gaps come in buckets of a day, a week or a month (by the span), so
    "All time" on a large journal draws about as many points as a year does.
    """
    today = today or clock.today()
    private = include_private
    # Every query on one connection and one snapshot (each opens its own otherwise).
    with journal.unit_of_work():
        bucket = aggregate.period_bucket(journal, since, until or today, include_private=private)
        series = aggregate.skill_growth_buckets(
            journal, since=since, until=until, bucket=bucket, include_private=private
        )
        evidence = progress.evidence_per_month(
            journal, since=since, until=until, include_private=private
        )
        spokes = progress.radar(
            journal, since=since, until=until, include_private=private, today=today
        )
        months = progress.activity_per_month(
            journal, since=since, until=until, include_private=private
        )
        cadences = aggregate.cadence_buckets(
            journal,
            progress.mentor_cadence(journal, include_private=private, today=today, with_gaps=False),
            since=since,
            until=until,
            bucket=bucket,
            include_private=private,
        )
        kinds = progress.helper_hours_by_kind(
            journal, since=since, until=until, include_private=private
        )
    return DashboardFigures(
        headline_skills=tuple(
            charts.skill_growth_figure(
                one, evidence=evidence, since=since, until=until, theme=theme
            )
            for one in series
            if one.headline
        ),
        other_skills=charts.skills_overview_figure(
            [one for one in series if not one.headline], since=since, until=until, theme=theme
        ),
        radar=charts.radar_figure(spokes, theme=theme),
        activity=charts.activity_figure(months, theme=theme),
        cadence=charts.cadence_figure(cadences, since=since, until=until, theme=theme),
        helper_hours=charts.helper_hours_figure(kinds, theme=theme),
    )


def draw_ahead(figures: DashboardFigures, sizes: dict[str, tuple[int, int]]) -> None:
    """Draw each figure at the pixel size its canvas has (``sizes`` by panel key), off the
    GUI thread, so that showing it costs no drawing there."""
    for key, figure in figures.by_key().items():
        if key in sizes:
            figure.render_at(*sizes[key])


def export_chart(
    journal: Journal,
    key: str,
    path: Path,
    *,
    fmt: str,
    since: dt.date | None,
    until: dt.date | None,
    theme: charts.ThemeName = "light",
    today: dt.date | None = None,
    choice: DisclosureChoice | None = None,
) -> Path:
    """Draw the dashboard's chart ``key`` again as it may leave the journal (private
    entries and people left out by default) and save it as PNG or SVG at ``path``."""
    import matplotlib

    choice = choice or DisclosureChoice()
    figures = build_dashboard_figures(
        journal,
        since=since,
        until=until,
        include_private=choice.include_private,
        theme=theme,
        today=today,
    )
    figure = figures.by_key()[key]
    # SVG text stays text: searchable, and readable by a screen reader.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(path, format=fmt, dpi=EXPORT_DPI, facecolor=figure.get_facecolor())
    return path
