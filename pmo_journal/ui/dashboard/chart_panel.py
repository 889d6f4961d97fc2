"""One chart on screen: its canvas, a hover tooltip, click-to-open and right-click export.

Imported only when the dashboard first draws its charts, so matplotlib's Qt backend stays
off the start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pmo_journal.core.charts.lean_matplotlib  # noqa: F401  (before matplotlib)

# isort: split

import shiboken6
from matplotlib.artist import Artist
from matplotlib.backend_bases import MouseButton, MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QWheelEvent
from PySide6.QtWidgets import (
    QFrame,
    QMenu,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.charts.figures import ChartFigure, PickTarget
from pmo_journal.core.charts.theme import Theme
from pmo_journal.ui import prompts

EXPORT_FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}
# Saves the chart (format, path) as it may leave the journal: drawn again by the core.
ExportChart = Callable[[str, Path], object]


class ChartCanvas(FigureCanvasQTAgg):
    """A canvas that lets the mouse wheel scroll the dashboard (the charts don't zoom)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()

    def __init__(self, figure: ChartFigure) -> None:
        super().__init__(figure)
        self._ahead = figure.rendered
        if self._ahead is not None:
            self.renderer, self._lastKey = self._ahead

    def draw(self) -> None:
        # A redraw queued just before new figures replaced this canvas finds it deleted.
        if not shiboken6.isValid(self):
            return
        ahead, self._ahead = self._ahead, None
        key = (*self.get_width_height(physical=True), self.figure.dpi)
        if ahead is not None and ahead[1] == key:
            self.update()  # drawn at this very size on the worker: show those pixels
            return
        super().draw()


class ChartPanel(QFrame):
    """A framed canvas; :attr:`point_activated` says which entry a clicked point stands for."""

    point_activated = Signal(str, int)

    def __init__(
        self,
        key: str,
        title: str,
        *,
        export_chart: ExportChart,
        footer: QWidget | None = None,
        min_height: int = 300,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self._export_chart = export_chart
        self.setObjectName("chartPanel")
        self.setAccessibleName(title)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.figure: ChartFigure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 10, 10, 10)
        self._layout.setSpacing(6)
        self.footer = footer
        if footer is not None:
            self._layout.addWidget(footer)

    # ------------------------------------------------------------------ figure
    def canvas_pixels(self) -> tuple[int, int] | None:
        """The size in pixels a new figure's canvas will have, for drawing it ahead; None
        on a high-density screen (the canvas then draws itself at its own scale)."""
        if self.devicePixelRatioF() != 1:
            return None
        if self.canvas is not None:
            return self.canvas.width(), self.canvas.height()
        margins = self._layout.contentsMargins()
        width = self.contentsRect().width() - margins.left() - margins.right()
        height = self.contentsRect().height() - margins.top() - margins.bottom()
        if self.footer is not None:
            height -= self.footer.sizeHint().height() + self._layout.spacing()
        return (width, height) if width > 0 and height > 0 else None

    def set_figure(self, figure: ChartFigure) -> None:
        """Show ``figure``, replacing the canvas of the one before."""
        old = self.canvas
        canvas = ChartCanvas(figure)
        canvas.setObjectName(f"canvas-{self.key}")
        canvas.setAccessibleName(f"{self.title} chart")
        canvas.setMinimumSize(320, 220)
        canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        canvas.customContextMenuRequested.connect(self._show_menu)
        canvas.mpl_connect("pick_event", self.handle_pick)
        canvas.mpl_connect("motion_notify_event", self._on_motion)
        self._layout.insertWidget(0, canvas, 1)
        self.figure, self.canvas = figure, canvas
        if old is not None:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()

    def restyle(self, theme: Theme) -> None:
        sheet = (
            f"QFrame#chartPanel {{ background: {theme.background}; border: 1px solid "
            f"{theme.grid}; border-radius: 10px; }}"
            f"QFrame#chartPanel QLabel {{ color: {theme.muted}; }}"
        )
        if sheet != self.styleSheet():  # setting it again would polish the panel anew
            self.setStyleSheet(sheet)

    # ------------------------------------------------------------------ points
    def handle_pick(self, event: PickEvent) -> None:
        """matplotlib's pick event: a left click on a point opens its entry."""
        button = getattr(event.mouseevent, "button", MouseButton.LEFT)
        indices = list(getattr(event, "ind", []) or [])
        if button != MouseButton.LEFT or not indices:
            return
        self.activate(event.artist, int(indices[0]))

    def activate(self, artist: Artist, index: int) -> PickTarget | None:
        """Open the entry behind point ``index`` of ``artist``; returns what it opened."""
        if self.figure is None:
            return None
        target = self.figure.target_for(artist, index)
        if target is not None:
            self.point_activated.emit(target.kind, target.entry_id)
        return target

    def target_at(self, event: MouseEvent) -> PickTarget | None:
        """The point under the mouse, if any."""
        if self.figure is None or event.inaxes is None:
            return None
        for artist in self.figure.pick_artists():
            hit, details = artist.contains(event)
            indices = list(details.get("ind", [])) if hit else []
            if indices:
                return self.figure.target_for(artist, int(indices[0]))
        return None

    def _on_motion(self, event: MouseEvent) -> None:
        if self.canvas is None:
            return
        target = self.target_at(event)
        if target is None:
            self.canvas.unsetCursor()
            QToolTip.hideText()
            return
        self.canvas.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(QCursor.pos(), f"{target.tooltip}\nClick to open", self.canvas)

    # ------------------------------------------------------------------ export
    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for fmt in EXPORT_FORMATS:
            action = menu.addAction(f"Export chart as {fmt.upper()}…")
            action.setToolTip("Private entries and private people are left out of the file.")
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        if self.canvas is not None:
            self.context_menu().exec(self.canvas.mapToGlobal(position))

    def export(self, fmt: str) -> Path | None:
        """Save the chart as PNG (300 dpi) or SVG where the user chooses, drawn again
        without private entries (the screen shows them; a file leaves the journal)."""
        if self.figure is None:
            return None
        suggested, suffix = f"{self.title}.{fmt}", f".{fmt}"
        path = prompts.choose_save_file(
            self, "Export chart", suggested, filters=EXPORT_FORMATS[fmt], suffix=suffix
        )
        if path is None:
            return None
        self._export_chart(fmt, path)
        return path
