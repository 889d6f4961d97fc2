"""Every figure the growth dashboard shows, built from the journal for one date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo_journal.core import clock, progress
from pmo_journal.core.charts import figures as charts
from pmo_journal.core.storage.db import Journal


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


def build_dashboard_figures(
    journal: Journal,
    *,
    since: dt.date | None,
    until: dt.date | None,
    include_private: bool = True,
    theme: charts.ThemeName = "light",
    today: dt.date | None = None,
) -> DashboardFigures:
    """Query the aggregates once and draw every dashboard chart for ``since``..``until``."""
    today = today or clock.today()
    private = include_private
    series = progress.skill_growth_series(
        journal, since=since, until=until, include_private=private
    )
    evidence = progress.evidence_per_month(
        journal, since=since, until=until, include_private=private
    )
    spokes = progress.radar(journal, since=since, until=until, include_private=private, today=today)
    months = progress.activity_per_month(journal, since=since, until=until, include_private=private)
    cadences = progress.mentor_cadence(
        journal, since=since, until=until, include_private=private, today=today
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
