"""The growth dashboard screen: headline cards at once, charts just after the window shows.

matplotlib is imported only when the charts are first built (after the first paint), never
when this module is imported. Nor is the storage layer: the start-up builds this screen
with the cards of a quick reading of the file (``core.quick_read``) before the journal is
opened, and :meth:`DashboardView.attach` gives it the journal once it is.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.charts.theme import DARK, LIGHT, Theme
from pmo_journal.ui.dashboard.cards import HeadlineCards
from pmo_journal.ui.dashboard.range_selector import RangeSelector
from pmo_journal.ui.heading import TITLE_STYLE, ScreenHeader

# Not at the top: the start-up paints this screen's cards before the storage layer loads.
if TYPE_CHECKING:
    from pmo_journal.core.changes import Changes
    from pmo_journal.core.charts.dashboard import DashboardFigures
    from pmo_journal.core.headline import HeadlineFigures
    from pmo_journal.core.tasks import Cancelled, Progress
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.dashboard.chart_panel import ChartPanel
    from pmo_journal.ui.dashboard.target_editor import TargetEditor
    from pmo_journal.ui.operations import Operation

# Where each chart sits: key, title, row, column, column span.
GRID = [
    ("headline-0", "Collaborative leadership", 0, 0, 1),
    ("headline-1", "Strategic thinking", 0, 1, 1),
    ("other-skills", "Other skills", 1, 0, 1),
    ("radar", "Now, a year ago and target", 1, 1, 1),
    ("activity", "Activity per month", 2, 0, 2),
    ("cadence", "Days between mentor sessions", 3, 0, 1),
    ("helper-hours", "Helper hours by kind", 3, 1, 1),
]
MARGIN = 24
SPACING = 16
# Charts start this long after the cards first paint: the window is shown and responsive
# first, and a start-up that only wants the first paint never imports matplotlib.
CHARTS_AFTER_PAINT_MS = 40


def shown_changes() -> Changes:
    """What this screen shows: it reloads when a change touches any of it."""
    from pmo_journal.core.changes import Changes
    from pmo_journal.core.models import EntryKind

    return Changes(
        entries=frozenset(EntryKind),
        people=True,
        skills=True,
        action_items=True,
        goals=True,
        settings=True,
    )


def _import_charts(_progress: Progress, _cancelled: Cancelled) -> None:
    importlib.import_module("pmo_journal.core.charts.dashboard")


class DashboardView(QWidget):
    """Cards, one range selector, and every chart of the user's growth.

    Without a ``context`` (the start-up's quick look), the screen shows the cards of
    ``figures`` and waits for :meth:`attach` before it reads or draws anything else.
    """

    context: JournalContext

    # Every chart panel shows the figures just built (after a build, a refresh or a restyle).
    charts_drawn = Signal()

    def __init__(
        self,
        context: JournalContext | None,
        *,
        figures: HeadlineFigures | None = None,
        include_private: bool = True,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attached = False
        self._charts_wanted = False
        self.include_private = include_private
        self._today = today
        self.panels: dict[str, ChartPanel] = {}
        self.target_editor: TargetEditor | None = None
        self._charts_scheduled = False
        self._charts_stale = False
        self._theme_name = self.theme.name
        self.building: Operation | None = None
        self._build_again = False

        self.header = ScreenHeader("Your growth")
        self.heading = self.header.title
        self.subheading = QLabel("")
        self.subheading.setObjectName("dashboardSubheading")
        self.subheading.setWordWrap(True)  # a narrow window wraps it rather than clip the period
        self.range_selector = RangeSelector(today=today)
        self.cards = HeadlineCards()
        self.charts_area = QWidget()
        self.grid = QGridLayout(self.charts_area)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(SPACING)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.waiting = QLabel("Drawing your charts…")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setMinimumHeight(200)
        self.grid.addWidget(self.waiting, 0, 0, 1, 2)
        self._build_layout()

        self.cards.prepare_requested.connect(self.prepare_session)
        self.range_selector.range_changed.connect(self.refresh)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self._restyle()
        if figures is not None:
            self.show_cards(figures)
        self.cards.sessions.installEventFilter(self)
        if context is not None:
            self.attach(context, read_cards=figures is None)

    def attach(self, context: JournalContext, *, read_cards: bool = True) -> None:
        """Give the screen its journal: it reloads on changes from now on, reads its cards
        (unless ``read_cards`` is false) and draws its charts if their time has come."""
        self.context = context
        self._attached = True
        context.reload_on(self, shown_changes(), self.refresh)
        if read_cards:
            self.refresh_cards()
        if self._charts_wanted:
            self._load_charts()

    def _build_layout(self) -> None:
        self.range_selector.setAccessibleName("Period")
        self.header.add(self.range_selector)
        self.header.end()
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.header)
        titles.addWidget(self.subheading)
        content = QWidget()
        content.setObjectName("dashboardContent")
        column = QVBoxLayout(content)
        # The title where every screen has it; the cards and charts a little further in.
        column.setContentsMargins(16, 12, MARGIN, MARGIN)
        column.setSpacing(SPACING + 4)
        column.addLayout(titles)
        column.addWidget(self.cards)
        column.addWidget(self.charts_area, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The charts always overflow: a scroll bar that appeared with them would narrow every
        # canvas and draw each again, on the GUI thread, at its new width.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    # ------------------------------------------------------------------ state
    @property
    def today(self) -> dt.date:
        return self._today or clock.today()

    @property
    def theme(self) -> Theme:
        """Dark when the window is dark: follows the palette the app applies per scheme."""
        window = self.palette().color(QPalette.ColorRole.Window)
        return DARK if window.lightness() < 128 else LIGHT

    @property
    def charts_ready(self) -> bool:
        return bool(self.panels)

    def period(self) -> tuple[dt.date | None, dt.date]:
        return self.range_selector.period()

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """Re-read everything: cards now, charts now if shown (else when next shown)."""
        if not self._attached:
            return
        self.refresh_cards()
        if not self.charts_ready:
            return
        if self.target_editor is not None:
            self.target_editor.reload()
        if self.isVisible():
            self.refresh_charts()
        else:
            self._charts_stale = True

    def refresh_cards(self) -> None:
        from pmo_journal.core.progress import headline_figures

        since, until = self.period()
        figures = headline_figures(
            self.context.journal,
            since=since,
            until=until,
            include_private=self.include_private,
            today=self.today,
        )
        self.show_cards(figures)

    def show_cards(self, figures: HeadlineFigures) -> None:
        """Show ``figures`` (for the period on screen) on the cards."""
        period = self.range_selector.describe()
        self.cards.show_figures(figures, period=period, today=self.today)
        self.cards.restyle(self.theme)
        self.subheading.setText(
            f"Self-ratings, evidence and activity {period} · hover a point for its entry, "
            "click to open it"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The first card's first paint means the window is up: now the charts may come.
        if (
            watched is self.cards.sessions
            and event.type() == QEvent.Type.Paint
            and not self._charts_scheduled
        ):
            self._charts_scheduled = True
            self.cards.sessions.removeEventFilter(self)
            QTimer.singleShot(CHARTS_AFTER_PAINT_MS, self, self._build_charts_soon)
        return False

    def _build_charts_soon(self) -> None:
        # A second hop: timers started while others fire wait for the next turn of the event
        # loop, so a quit requested at first paint always wins, however slow that paint was.
        QTimer.singleShot(0, self, self._load_charts)

    def _load_charts(self) -> None:
        """Import matplotlib on the runner's worker (seconds of work on a slow machine),
        then build the panels on the GUI thread."""
        if self.charts_ready or self.building is not None:
            return
        if not self._attached:
            self._charts_wanted = True  # once the journal is open
            return
        from pmo_journal.ui.operations import run_operation

        self.building = run_operation(
            self,
            _import_charts,
            title="The dashboard's charts could not be drawn",
            on_finished=self._charts_loaded,
        )

    def _charts_loaded(self) -> None:
        self.building = None
        self.build_charts()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._charts_stale:
            QTimer.singleShot(0, self, self.refresh_charts)

    def build_charts(self) -> None:
        """Create the chart panels (importing matplotlib now) and draw them."""
        # Not when the window went away (another journal opened) while the charts waited.
        if self.charts_ready or not shiboken6.isValid(self.grid):
            return
        from pmo_journal.ui.dashboard.chart_panel import ChartPanel
        from pmo_journal.ui.dashboard.target_editor import TargetEditor

        self.grid.removeWidget(self.waiting)
        self.waiting.hide()
        self.target_editor = TargetEditor(self.context)
        for key, title, row, column, span in GRID:
            footer = self.target_editor if key == "radar" else None
            panel = ChartPanel(
                key,
                title,
                export_chart=partial(self.export_chart, key),
                footer=footer,
                min_height=340 if span == 1 else 320,
            )
            panel.point_activated.connect(self.open_entry)
            panel.restyle(self.theme)  # its border counts in the size its canvas gets
            self.grid.addWidget(panel, row, column, 1, span)
            self.panels[key] = panel
        # After the panels are laid out: the first figures are drawn ahead at their size.
        QTimer.singleShot(0, self, self.refresh_charts)

    def refresh_charts(self) -> None:
        """Build the figures for the period on screen off the GUI thread, through the
        runner; the figures shown stay until the new ones arrive. A refresh asked for
        while one runs starts when it ends, so the last period chosen always wins."""
        if not self.charts_ready:
            return
        if not self.isVisible():
            # Hidden panels have no size yet to draw the figures at: build when shown.
            self._charts_stale = True
            return
        self._charts_stale = False
        if self.building is not None:
            self._build_again = True
            return
        from pmo_journal.core.charts.dashboard import build_dashboard_figures, draw_ahead
        from pmo_journal.ui.operations import run_operation

        since, until = self.period()
        journal, theme, today = self.context.journal, self.theme.name, self.today
        private = self.include_private
        sizes = {
            key: size
            for key, panel in self.panels.items()
            if (size := panel.canvas_pixels()) is not None
        }

        def build(_progress: Progress, _cancelled: Cancelled) -> DashboardFigures:
            figures = build_dashboard_figures(
                journal,
                since=since,
                until=until,
                include_private=private,
                theme=theme,
                today=today,
            )
            draw_ahead(figures, sizes)
            return figures

        self.building = run_operation(
            self,
            build,
            title="The dashboard's charts could not be drawn",
            on_success=self._show_figures,
            on_finished=self._built,
        )

    def _built(self) -> None:
        self.building = None
        if self._build_again:
            self._build_again = False
            self.refresh_charts()

    def _show_figures(self, figures: DashboardFigures) -> None:
        if self._build_again:
            return  # the period changed while these were built: the next ones are coming
        theme = self.theme
        by_key = figures.by_key()
        for key, panel in self.panels.items():
            # A headline skill can be archived: its panel steps aside until it returns.
            panel.setVisible(key in by_key)
            if key in by_key:
                panel.set_figure(by_key[key])
            panel.restyle(theme)
        self.charts_drawn.emit()

    def export_chart(self, key: str, fmt: str, path: Path) -> Path:
        """Save chart ``key`` for the range on screen, as the disclosure rule lets it out."""
        from pmo_journal.core.charts.dashboard import export_chart

        since, until = self.period()
        return export_chart(
            self.context.journal,
            key,
            path,
            fmt=fmt,
            since=since,
            until=until,
            theme=self.theme.name,
            today=self.today,
        )

    # ------------------------------------------------------------------ look
    def _restyle(self) -> None:
        theme = self.theme
        self.heading.setStyleSheet(f"color: {theme.text}; {TITLE_STYLE}")
        self.subheading.setStyleSheet(f"color: {theme.muted}; font-size: 9.5pt;")
        self.waiting.setStyleSheet(f"color: {theme.muted};")
        self.cards.restyle(theme)
        for panel in self.panels.values():
            panel.restyle(theme)

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        # The app swaps its palette on the same signal; look once that has happened.
        QTimer.singleShot(0, self, self._follow_palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        name = self.theme.name
        if name == self._theme_name:
            return
        self._theme_name = name
        self._restyle()
        if self.charts_ready:
            self.refresh_charts()

    # ------------------------------------------------------------------ entries
    def prepare_session(self, mentor_id: int) -> QWidget | None:
        """Open the prep sheet for the next session with ``mentor_id`` (once the journal is
        open: a click on the start-up's quick cards waits for it)."""
        from pmo_journal.ui.report.prep_sheet_dialog import open_prep_sheet

        if not self._attached:
            return None
        return open_prep_sheet(self, self.context, mentor_id)

    def open_entry(self, kind: str, entry_id: int) -> None:
        """A chart point was clicked: ask the main window to open its entry."""
        self.context.open_entry_requested.emit(kind, entry_id)
