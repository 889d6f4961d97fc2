"""matplotlib figures of the journal's progress, drawn once for the dashboard and the report.

Each builder takes read models from :mod:`pmo_journal.core.progress` and returns a
:class:`ChartFigure` (a plain ``Figure`` that also says which plotted point is which entry).
Plain figures with no global state and no Qt: they render on any canvas, to PNG at 300 dpi
or to SVG.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pmo_journal.core.charts.lean_matplotlib  # noqa: F401  (before matplotlib)

# isort: split

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import PolyCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from pmo_journal.core import clock
from pmo_journal.core.charts.theme import RATING_TICKS, Theme, ThemeName, theme_for
from pmo_journal.core.models import EntryKind
from pmo_journal.core.progress import (
    CadenceGap,
    EvidenceMonth,
    KindHours,
    MentorCadence,
    MonthActivity,
    RadarSpoke,
    RatingBucket,
    SkillSeries,
    hours_text,
)

Size = tuple[float, float]


@dataclass(frozen=True)
class PickTarget:
    """What a plotted point stands for: the entry to open and a line for its tooltip."""

    kind: str
    entry_id: int
    date: dt.date
    tooltip: str


class ChartFigure(Figure):
    """A Figure that remembers which entry each pickable point stands for."""

    def __init__(self, *, chart: str, theme: Theme, size: Size) -> None:
        super().__init__(figsize=size, dpi=100, layout="constrained", facecolor=theme.background)
        self.chart = chart
        self.theme = theme
        self.empty = False
        self.pick_targets: dict[str, tuple[PickTarget, ...]] = {}
        #: Pixels drawn ahead (off the GUI thread) and the size they were drawn at.
        self.rendered: tuple[RendererAgg, tuple[int, int, float]] | None = None
        #: The legend under the plot, its entries and how many columns it may use at most.
        self.legend_parts: tuple[list[Artist], list[str], int] | None = None
        #: How many columns the legend placed last has.
        self.legend_columns = 0
        #: Laid out for paper (see :meth:`keep_to_paper`), not by the constrained layout.
        self.on_paper = False
        self.get_layout_engine().set(w_pad=0.08, h_pad=0.08)  # type: ignore[union-attr, call-arg]

    def draw(self, renderer: Any) -> None:
        self.reflow_legend(renderer)
        if self.on_paper:
            self._lay_out_for_paper(renderer)
        super().draw(renderer)

    def keep_to_paper(self) -> None:
        """Lay the figure out from what it holds, once, instead of by the constrained layout:
        for paper, where its size never changes. The constrained layout measures every axis,
        tick and label twice over before drawing them; here only the tick labels, the titles
        and the legend are measured, once (a fifth less work to draw a report's chart).

        Only for charts of one column of cartesian axes (the radar keeps its layout).
        """
        if self.empty or any(isinstance(ax, PolarAxes) for ax in self.axes):
            return
        # No layout engine: the margins below are the figure's subplot parameters.
        self.set_layout_engine(
            PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True)
        )
        self.on_paper = True

    def _lay_out_for_paper(self, renderer: Any) -> None:
        pad = 0.08 * self.dpi  # the constrained layout's own padding, w_pad and h_pad

        def size(text: str, points: float, weight: str = "normal") -> tuple[float, float]:
            if not text:
                return 0.0, 0.0
            font = FontProperties(size=points, weight=weight)
            width, height, _descent = renderer.get_text_width_height_descent(text, font, False)
            return width, height

        def tick_labels(axis: Any) -> list[str]:
            low, high = sorted(axis.get_view_interval())
            ticks = [tick for tick in axis.get_major_locator()() if low <= tick <= high]
            return [label for label in axis.get_major_formatter().format_ticks(ticks) if label]

        def points(value: float) -> float:
            return value * self.dpi / 72

        left = right = top = 0.0
        for ax in self.axes:
            axis = ax.yaxis
            widest = max((size(label, 8)[0] for label in tick_labels(axis)), default=0.0)
            # Tick, its pad, the widest label, the axis label's pad and the rotated label.
            need = points(3 + 3.5 + 4) + widest + size(axis.get_label_text(), 8.5)[1]
            if axis.get_ticks_position() == "right":
                right = max(right, need)
            else:
                left = max(left, need)
            if ax.get_title(loc="left"):
                # The title's pad (which makes room for the subtitle) and the title.
                title = size(ax.get_title(loc="left"), 11, "bold")[1]
                offset = ax.titleOffsetTrans.get_matrix()[1, 2]  # type: ignore[attr-defined]
                top = max(top, title + offset)
        shown = [ax for ax in self.axes if ax.xaxis.get_visible()]
        xaxis = min(shown, key=lambda ax: ax.get_position().y0).xaxis
        labels = tick_labels(xaxis)
        line = max((size(label, 8)[1] for label in labels), default=0.0)
        offset = size(xaxis.get_major_formatter().get_offset(), 8)[1]
        bottom = points(3 + 3.5) + line + (offset + points(3) if offset else 0.0)
        # The last date label reaches past the end of the axis by half its width.
        overhang = size(labels[-1], 8)[0] / 2 if labels else 0.0
        right = max(right, overhang)
        legend = self.legends[-1].get_window_extent(renderer).height if self.legends else 0.0
        width, height = self.bbox.width, self.bbox.height
        self.subplots_adjust(
            left=(left + pad) / width,
            right=1 - (right + pad) / width,
            top=1 - (top + pad) / height,
            bottom=(bottom + legend + 2 * pad) / height,
            hspace=0.3,  # between stacked axes (the activity chart's counts and hours)
        )

    def reflow_legend(self, renderer: Any) -> None:
        """Give the legend as many columns as fit the figure's width, and no more, so that
        at any width every entry reads whole (it wraps into rows instead of being cut)."""
        if self.legend_parts is None:
            return
        handles, labels, most = self.legend_parts
        room = self.bbox.width - 8
        for ncols in range(min(most, len(handles)), 0, -1):
            # The legend already placed is measured as it is, not made again.
            placed = self.legends[-1] if self.legends and self.legend_columns == ncols else None
            legend = placed or self.place_legend(handles, labels, ncols)
            if ncols == 1 or legend.get_window_extent(renderer).width <= room:
                return

    def place_legend(self, handles: list[Artist], labels: list[str], ncols: int) -> Any:
        for old in list(self.legends):
            old.remove()
        legend = self.legend(
            handles,
            labels,
            loc="outside lower center",
            ncols=ncols,
            frameon=False,
            fontsize=8,
            handlelength=2.0,
            columnspacing=1.4,
        )
        for text in legend.get_texts():
            text.set_color(self.theme.muted)
        self.legend_columns = ncols
        return legend

    def render_at(self, width: int, height: int) -> None:
        """Resize to ``width`` × ``height`` pixels and draw now (Agg), so that a canvas of
        that size shows these pixels without drawing again."""
        self.set_size_inches(width / self.dpi, height / self.dpi)
        canvas = FigureCanvasAgg(self)
        canvas.draw()
        self.rendered = canvas.get_renderer(), (*canvas.get_width_height(physical=True), self.dpi)

    def register(self, artist: Artist, targets: Sequence[PickTarget]) -> None:
        gid = f"{self.chart}:{len(self.pick_targets)}"
        artist.set_gid(gid)
        artist.set_picker(True)
        artist.set_pickradius(7)  # type: ignore[attr-defined]
        self.pick_targets[gid] = tuple(targets)

    def target_for(self, artist: Artist, index: int) -> PickTarget | None:
        """The entry behind point ``index`` of ``artist`` (None if it isn't a point)."""
        targets = self.pick_targets.get(artist.get_gid() or "")
        if targets is None or not 0 <= index < len(targets):
            return None
        return targets[index]

    def pick_artists(self) -> list[Artist]:
        """The artists whose points open entries."""
        return [a for a in self.findobj() if (a.get_gid() or "") in self.pick_targets]


# --------------------------------------------------------------------------- styling


def _new(chart: str, theme: ThemeName | Theme, size: Size) -> ChartFigure:
    return ChartFigure(chart=chart, theme=theme_for(theme), size=size)


def _style(ax: Axes, theme: Theme) -> None:
    ax.set_facecolor(theme.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.grid)
    ax.tick_params(colors=theme.muted, labelsize=8, length=3)
    ax.yaxis.label.set_color(theme.muted)
    ax.xaxis.label.set_color(theme.muted)
    ax.yaxis.label.set_fontsize(8.5)
    ax.xaxis.label.set_fontsize(8.5)
    ax.grid(axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)


def _title(fig: ChartFigure, ax: Axes, title: str, subtitle: str = "") -> None:
    ax.set_title(
        title,
        loc="left",
        fontsize=11,
        fontweight="bold",
        color=fig.theme.text,
        # A subtitle of several lines (one per mentor) pushes the title up by a line each.
        pad=18 + 11 * subtitle.count("\n") if subtitle else 8,
    )
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 6),
            textcoords="offset points",
            fontsize=8.5,
            color=fig.theme.muted,
            va="bottom",
            ha="left",
        )


class _SteadyDateLocator(AutoDateLocator):
    """Date ticks worked out once for each view: laying out and drawing a chart ask for
    them a dozen times over, for the same limits."""

    _known: tuple[tuple[float, float], Any] | None = None

    def __call__(self) -> Any:
        low, high = self.axis.get_view_interval()  # type: ignore[union-attr]
        view = float(low), float(high)
        if self._known is None or self._known[0] != view:
            self._known = view, super().__call__()
        return self._known[1].copy()


class _SteadyDateFormatter(ConciseDateFormatter):
    """Tick labels written once for each set of ticks (see :class:`_SteadyDateLocator`)."""

    _known: tuple[tuple[float, ...], list[str], str] | None = None

    def format_ticks(self, values: Any) -> list[str]:
        ticks = tuple(float(value) for value in values)
        if self._known is None or self._known[0] != ticks:
            self._known = ticks, list(super().format_ticks(values)), super().get_offset()
        return list(self._known[1])

    def get_offset(self) -> str:
        return self._known[2] if self._known is not None else super().get_offset()


def _date_axis(ax: Axes, first: dt.date, last: dt.date) -> None:
    """Readable date ticks from a fortnight to ten years: few, concise, never overlapping."""
    if first == last:
        first, last = first - dt.timedelta(days=30), last + dt.timedelta(days=30)
    pad = dt.timedelta(days=max(3, (last - first).days // 40))
    ax.set_xlim(float(date2num(first - pad)), float(date2num(last + pad)))
    locator = _SteadyDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(_SteadyDateFormatter(locator))


def _x(dates: Iterable[dt.date]) -> list[float]:
    """Dates as matplotlib's day numbers (what date axes plot), counted from one converted
    date: ``date2num`` itself costs a tenth of a millisecond a date."""
    reference = dt.date(2000, 1, 1)
    offset = float(date2num(reference)) - reference.toordinal()
    return [day.toordinal() + offset for day in dates]


def _columns(
    ax: Axes,
    middles: Sequence[float],
    heights: Sequence[float],
    *,
    width: float,
    bottoms: Sequence[float] | None = None,
    **style: object,
) -> PolyCollection:
    """Vertical bars as one collection: ten years of months draw as fast as one year."""
    base = list(bottoms) if bottoms is not None else [0.0] * len(heights)
    half = width / 2
    boxes = [
        [(x - half, y0), (x - half, y0 + h), (x + half, y0 + h), (x + half, y0)]
        for x, h, y0 in zip(middles, heights, base, strict=True)
    ]
    bars = PolyCollection(boxes, **style)  # type: ignore[arg-type]
    ax.add_collection(bars, autolim=True)
    ax.autoscale_view()
    return bars


def _span(
    dates: Iterable[dt.date], since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date]:
    known = list(dates)
    first = since or min(known, default=until or clock.today())
    last = until or max(known, default=first)
    return first, max(first, last)


def _legend(
    fig: ChartFigure,
    handles: Sequence[Artist] | None = None,
    labels: Sequence[str] | None = None,
    *,
    ncols: int = 4,
) -> None:
    """One legend under the plot, where it never hides a point."""
    if handles is None or labels is None:
        handles, labels = [], []
        for ax in fig.axes:
            more_handles, more_labels = ax.get_legend_handles_labels()
            handles, labels = [*handles, *more_handles], [*labels, *more_labels]
    if not handles:
        return
    fig.legend_parts = (list(handles), list(labels), ncols)
    fig.place_legend(list(handles), list(labels), min(ncols, len(handles)))


def _empty(fig: ChartFigure, title: str, sentence: str, hint: str) -> ChartFigure:
    """A chart with nothing to draw says so kindly, and says what would start it."""
    ax = fig.add_subplot()
    ax.set_axis_off()
    fig.suptitle(title, x=0.02, ha="left", fontsize=11, fontweight="bold", color=fig.theme.text)
    ax.text(
        0.5,
        0.56,
        sentence,
        ha="center",
        va="center",
        fontsize=10.5,
        color=fig.theme.text,
        wrap=True,
        transform=ax.transAxes,
    )
    ax.text(
        0.5,
        0.40,
        hint,
        ha="center",
        va="center",
        fontsize=9,
        color=fig.theme.muted,
        wrap=True,
        transform=ax.transAxes,
    )
    fig.empty = True
    return fig


def _ratings_axis(ax: Axes) -> None:
    ax.set_ylim(0.5, 5.5)
    ax.set_yticks(RATING_TICKS)
    ax.set_ylabel("Self-rating (1–5)")


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def _rating_tooltip(bucket: RatingBucket, *, title: str) -> str:
    latest = bucket.latest
    if bucket.count == 1:
        return f"{_day(latest.date)} · rated {latest.rating}/5\n{title}" + (
            f"\n{textwrap.shorten(latest.summary, 70)}" if latest.summary else ""
        )
    spread = f"{bucket.low}–{bucket.high}" if bucket.low != bucket.high else f"all {bucket.low}"
    return (
        f"{bucket.count} ratings from {_day(bucket.start)} to {_day(latest.date)}\n"
        f"mean {bucket.mean:.1f}/5 ({spread}) · click opens the latest\n{title}"
    )


def _plot_series(fig: ChartFigure, ax: Axes, series: SkillSeries, *, label: str | None) -> None:
    theme = fig.theme
    index = series.skill_id - 1
    color, marker = theme.color(index), theme.marker(index)
    shown = series.shown
    ax.plot(
        _x(p.date for p in series.trend),
        [p.mean for p in series.trend],
        color=color,
        linewidth=2.0,
        alpha=theme.trend_alpha,
        solid_capstyle="round",
        label=f"{label} (90-day average)" if label else "90-day average",
    )
    (points,) = ax.plot(
        _x(b.latest.date for b in shown),
        [b.mean for b in shown],
        linestyle="none",
        marker=marker,
        markersize=6.5 if len(shown) <= 150 else 4.5,
        color=color,
        markeredgecolor=theme.background,
        markeredgewidth=0.8,
        label=label or "Self-rating",
        zorder=3,
    )
    fig.register(
        points,
        [
            PickTarget(
                kind=EntryKind.SKILL_REFLECTION.value,
                entry_id=b.latest.reflection_id,
                date=b.latest.date,
                tooltip=_rating_tooltip(b, title=b.latest.title),
            )
            for b in shown
        ],
    )


# --------------------------------------------------------------------------- skill growth


def skill_growth_figure(
    series: SkillSeries,
    *,
    evidence: Sequence[EvidenceMonth] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    theme: ThemeName | Theme = "light",
    size: Size = (6.4, 3.2),
) -> ChartFigure:
    """One skill's self-ratings, their 90-day average, its target (dashed) and, faintly on
    the right axis, how many entries exercised it each month."""
    fig = _new(f"skill-{series.skill_id}", theme, size)
    t = fig.theme
    shown = series.shown
    if not shown:
        return _empty(
            fig,
            series.name,
            f"No ratings for {series.name} in this period yet.",
            f"Log a reflection on {series.name} to start this chart.",
        )
    ax = fig.add_subplot()
    months = [e for e in evidence if e.skill_id == series.skill_id]
    first, last = _span([b.start for b in shown] + [e.month for e in months], since, until)
    if months:
        bars = ax.twinx()
        _columns(
            bars,
            _x(e.month + dt.timedelta(days=14) for e in months),
            [e.count for e in months],
            width=20,
            color=t.bars,
            alpha=0.55,
            label="Entries that month",
            zorder=0,
            linewidth=0,
        )
        bars.set_ylim(0, max(e.count for e in months) * 2.2)
        bars.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
        bars.set_ylabel("Entries per month")
        _style(bars, t)
        bars.grid(False)
        bars.spines["right"].set_visible(True)
        bars.spines["right"].set_color(t.grid)
        ax.set_zorder(bars.get_zorder() + 1)
        ax.patch.set_visible(False)
    _style(ax, t)
    _plot_series(fig, ax, series, label=None)
    if series.target_level is not None:
        ax.axhline(
            series.target_level,
            color=t.text,
            linestyle=(0, (5, 4)),
            linewidth=1.1,
            alpha=0.75,
            label=f"Target {series.target_level}",
        )
    _ratings_axis(ax)
    _date_axis(ax, first, last)
    latest, count = shown[-1].latest, series.ratings
    _title(
        fig,
        ax,
        series.name,
        f"Latest {latest.rating}/5 on {_day(latest.date)} · {count:,} "
        f"rating{'s' if count != 1 else ''}",
    )
    _legend(fig)
    return fig


def skills_overview_figure(
    series: Sequence[SkillSeries],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    theme: ThemeName | Theme = "light",
    size: Size = (6.4, 3.2),
    title: str = "Other skills",
) -> ChartFigure:
    """Several skills on one chart: each its own colour and marker, points and trend."""
    fig = _new("skills", theme, size)
    rated = [s for s in series if s.ratings]
    if not rated:
        names = " or ".join(s.name for s in series) or "a skill"
        return _empty(
            fig,
            title,
            "No ratings for these skills in this period yet.",
            f"Log a reflection on {names} to start this chart.",
        )
    ax = fig.add_subplot()
    _style(ax, fig.theme)
    for one in rated:
        _plot_series(fig, ax, one, label=one.name)
    # The trend lines explain themselves beside the points; the legend names the skills.
    handles, labels = ax.get_legend_handles_labels()
    keep = [(h, lab) for h, lab in zip(handles, labels, strict=True) if "average" not in lab]
    first, last = _span([b.start for s in rated for b in s.shown], since, until)
    _ratings_axis(ax)
    _date_axis(ax, first, last)
    _title(fig, ax, title, "Points are ratings; lines are 90-day averages")
    _legend(fig, [h for h, _ in keep], [lab for _, lab in keep])
    return fig


# --------------------------------------------------------------------------- radar


def radar_figure(
    spokes: Sequence[RadarSpoke],
    *,
    theme: ThemeName | Theme = "light",
    size: Size = (4.2, 3.6),
    title: str = "Now, a year ago and target",
    earlier: str = "A year earlier",
) -> ChartFigure:
    """Every skill on its own spoke: the latest rating (filled), the rating twelve months
    earlier (dotted; ``earlier`` names it) and the target level (dashed)."""
    fig = _new("radar", theme, size)
    t = fig.theme
    if not any(s.latest or s.year_earlier or s.target for s in spokes):
        return _empty(
            fig,
            title,
            "No ratings or targets yet.",
            "Log a reflection on any skill, or set a target level, to draw the radar.",
        )
    ax = cast(PolarAxes, fig.add_subplot(projection="polar"))
    ax.set_facecolor(t.background)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / len(spokes) for i in range(len(spokes))]
    closed = [*angles, angles[0]]

    def ring(values: Sequence[float | None]) -> list[float]:
        numbers = [float(v) if v is not None else math.nan for v in values]
        return [*numbers, numbers[0]]

    layers: list[tuple[str, list[float | None], str, Any, str, bool]] = [
        (earlier, [s.year_earlier for s in spokes], t.color(1), ":", "s", False),
        ("Target", [s.target for s in spokes], t.text, (0, (5, 4)), "^", False),
        ("Now", [s.latest for s in spokes], t.color(0), "-", "o", True),
    ]
    for label, values, color, style, marker, fill in layers:
        if all(v is None for v in values):
            continue
        ring_values = ring(values)
        ax.plot(
            closed,
            ring_values,
            color=color,
            linestyle=style,
            linewidth=1.6,
            marker=marker,
            markersize=5,
            label=label,
            alpha=0.85 if label == "Target" else 1.0,
        )
        if fill and all(v is not None for v in values):
            ax.fill(closed, ring_values, color=color, alpha=0.18)
    ax.set_ylim(0, 5)
    ax.set_yticks(RATING_TICKS)
    ax.set_yticklabels([str(v) for v in RATING_TICKS], fontsize=7, color=t.muted)
    ax.set_rlabel_position(180 / max(len(spokes), 1))
    ax.set_xticks(angles)
    ax.set_xticklabels([textwrap.fill(s.name, 16) for s in spokes], fontsize=8, color=t.text)
    # Each name stands clear of the outer ring: beside it on the right and the left (aligned
    # away from the plot), above and below it at the top and the bottom.
    for name, angle in zip(ax.get_xticklabels(), angles, strict=True):
        across = math.sin(angle)  # clockwise from the top: right is positive
        name.set_horizontalalignment(
            "left" if across > 0.3 else "right" if across < -0.3 else "center"
        )
    ax.tick_params(axis="x", pad=4)
    ax.grid(color=t.grid, linewidth=0.8)
    ax.spines["polar"].set_color(t.grid)
    # A polar axes centres its title; the figure's title lines up with the other charts.
    fig.suptitle(title, x=0.02, ha="left", fontsize=11, fontweight="bold", color=t.text)
    _legend(fig, ncols=3)
    return fig


# --------------------------------------------------------------------------- activity


def activity_figure(
    months: Sequence[MonthActivity],
    *,
    theme: ThemeName | Theme = "light",
    size: Size = (9.0, 3.4),
    title: str = "Activity per month",
    hours_words: Callable[[float], str] = hours_text,
) -> ChartFigure:
    """Mentor sessions and reflections per month (stacked) above helper hours per month;
    ``hours_words`` writes the total (a report gives the quarter-hours of its tables)."""
    fig = _new("activity", theme, size)
    t = fig.theme
    if not any(m.sessions or m.reflections or m.helper_hours for m in months):
        return _empty(
            fig,
            title,
            "No activity in this period yet.",
            "Log a mentor session, a helper assignment or a reflection to start this chart.",
        )
    counts, hours = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    middles = _x(m.month + dt.timedelta(days=14) for m in months)
    width = 22 if len(months) < 60 else 26
    sessions = [m.sessions for m in months]
    _columns(
        counts,
        middles,
        sessions,
        width=width,
        facecolor=t.color(0),
        linewidth=0,
        label="Mentor sessions",
    )
    _columns(
        counts,
        middles,
        [m.reflections for m in months],
        bottoms=sessions,
        width=width,
        facecolor=t.color(1),
        hatch="///",
        edgecolor=t.background,
        linewidth=0,
        label="Skill reflections",
    )
    _columns(
        hours,
        middles,
        [m.helper_hours for m in months],
        width=width,
        facecolor=t.color(2),
        # A lighter tint than the sessions above it, so the two read apart in greyscale.
        alpha=0.6,
        linewidth=0,
        label="Helper hours",
    )
    for ax in (counts, hours):
        ax.set_ylim(bottom=0)
    for ax, label in ((counts, "Entries"), (hours, "Hours")):
        _style(ax, t)
        ax.set_ylabel(label)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    _date_axis(hours, months[0].month, months[-1].month + dt.timedelta(days=27))
    counts.tick_params(axis="x", length=0)
    total_sessions = sum(sessions)
    total_reflections = sum(m.reflections for m in months)
    total_hours = sum(m.helper_hours for m in months)
    _title(
        fig,
        counts,
        title,
        f"{total_sessions} sessions · {total_reflections} reflections · "
        f"{hours_words(total_hours)} helper hours",
    )
    _legend(fig, ncols=3)
    return fig


def helper_hours_figure(
    kinds: Sequence[KindHours],
    *,
    theme: ThemeName | Theme = "light",
    size: Size = (6.4, 3.2),
    title: str = "Helper hours by kind",
) -> ChartFigure:
    """Hours volunteered per kind of helper assignment, the largest at the top."""
    fig = _new("helper-hours", theme, size)
    t = fig.theme
    if not kinds:
        return _empty(
            fig,
            title,
            "No helper hours in this period yet.",
            "Log a helper assignment for your PMO to start this chart.",
        )
    ax = fig.add_subplot()
    _style(ax, t)
    ordered = list(reversed(kinds))
    # A long kind on two lines, so a narrow chart keeps room for its bars and its title
    # (which starts where the plot does).
    labels = [textwrap.fill(k.label, 20) for k in ordered]
    values = [k.hours for k in ordered]
    bars = ax.barh(labels, values, color=t.color(2), height=0.6)
    ax.bar_label(
        bars, labels=[f"{hours_text(v)} h" for v in values], padding=4, fontsize=8, color=t.text
    )
    ax.set_xlabel("Hours")
    ax.set_xlim(0, max(values) * 1.18 or 1)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color=t.grid, linewidth=0.8)
    ax.tick_params(axis="y", length=0, labelcolor=t.text)
    total = sum(values)
    count = sum(k.assignments for k in kinds)
    _title(
        fig,
        ax,
        title,
        f"{hours_text(total)} hours over {count} assignment{'s' if count != 1 else ''}",
    )
    return fig


# --------------------------------------------------------------------------- cadence


def _due_sentence(cadence: MentorCadence) -> str:
    if cadence.next_due is None:
        return f"{cadence.name}: no session yet"
    if cadence.overdue:
        return f"{cadence.name}: overdue since {_day(cadence.next_due)}"
    if cadence.snoozed:
        return f"{cadence.name}: reminder snoozed"
    return f"{cadence.name}: next due {_day(cadence.next_due)}"


def _gap_tooltip(gap: CadenceGap, name: str) -> str:
    if gap.sessions == 1:
        return (
            f"{_day(gap.date)} · {gap.days_since_previous} days after the last\nSession with {name}"
        )
    return (
        f"{gap.sessions} sessions with {name} up to {_day(gap.date)}\n"
        f"{gap.days_since_previous} days apart on average · click opens the latest"
    )


def cadence_figure(
    cadences: Sequence[MentorCadence],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    theme: ThemeName | Theme = "light",
    size: Size = (6.4, 3.2),
    title: str = "Days between mentor sessions",
) -> ChartFigure:
    """Each mentor's gaps between sessions against their target cadence (dashed)."""
    fig = _new("cadence", theme, size)
    t = fig.theme
    if not cadences:
        return _empty(
            fig,
            title,
            "No mentor in your journal yet.",
            "Add a mentor and log your first session to start this chart.",
        )
    measured = [c for c in cadences if any(g.days_since_previous is not None for g in c.gaps)]
    # One line per mentor: side by side they ran past the edge of a half-width chart.
    subtitle = "\n".join(_due_sentence(c) for c in cadences[:2])
    if len(cadences) > 2:
        subtitle += f" · {len(cadences) - 2} more"
    if not measured:
        first = cadences[0].name
        return _empty(
            fig,
            title,
            "Two sessions make a first gap to chart.",
            f"Log your next session with {first} to start this chart.",
        )
    ax = fig.add_subplot()
    _style(ax, t)
    dates: list[dt.date] = []
    top = 0
    for index, cadence in enumerate(measured):
        gaps = [g for g in cadence.gaps if g.days_since_previous is not None]
        color, marker = t.color(index), t.marker(index)
        days = [int(g.days_since_previous or 0) for g in gaps]
        dates += [g.date for g in gaps]
        top = max(top, *days, cadence.cadence_days or 0)
        (line,) = ax.plot(
            _x(g.date for g in gaps),
            days,
            color=color,
            marker=marker,
            markersize=6,
            linewidth=1.2,
            label=cadence.name,
            markeredgecolor=t.background,
            markeredgewidth=0.8,
        )
        fig.register(
            line,
            [
                PickTarget(
                    kind=EntryKind.MENTOR_SESSION.value,
                    entry_id=g.session_id,
                    date=g.date,
                    tooltip=_gap_tooltip(g, cadence.name),
                )
                for g in gaps
            ],
        )
        if cadence.cadence_days:
            ax.axhline(
                cadence.cadence_days,
                color=color,
                linestyle=(0, (5, 4)),
                linewidth=1.1,
                alpha=0.9,
                label=f"{cadence.name}'s target ({cadence.cadence_days} days)",
            )
    ax.set_ylim(0, top * 1.2 + 5)
    ax.set_ylabel("Days since previous session")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    first_day, last_day = _span(dates, since, until)
    _date_axis(ax, first_day, last_day)
    _title(fig, ax, title, subtitle)
    _legend(fig, ncols=2)
    return fig


def figure_text(fig: Figure) -> list[str]:
    """Every piece of text on a figure (titles, labels, sentences), for tests and reports."""
    return [t.get_text() for t in fig.findobj(match=Text) if isinstance(t, Text) and t.get_text()]
