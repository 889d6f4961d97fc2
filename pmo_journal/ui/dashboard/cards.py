"""The dashboard's headline cards: a big figure, a caption, and an alert colour when late."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.charts.theme import Theme
from pmo_journal.core.headline import HeadlineFigures, spoken_hours
from pmo_journal.ui.formats import show_date, show_day_month, show_decimal, show_number


class HeadlineCard(QFrame):
    """One figure: a caption above, the value large, a detail line below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headlineCard")
        self.setMinimumWidth(150)
        self.caption = QLabel(caption)
        self.value = QLabel("–")
        self.detail = QLabel("")
        self.caption.setObjectName("cardCaption")
        self.value.setObjectName("cardValue")
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.layout_ = layout
        self.alert = False

    def show_figure(self, value: str, detail: str = "", *, alert: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.alert = alert
        self.setProperty("alert", alert)
        self.setAccessibleName(f"{self.caption.text()}: {value}. {detail}".strip())

    def restyle(self, theme: Theme) -> None:
        edge = theme.alert if self.alert else theme.grid
        accent = theme.alert if self.alert else theme.text
        self.setStyleSheet(
            f"QFrame#headlineCard {{ background: {theme.background}; border: 1px solid {edge};"
            f" border-radius: 10px; }}"
            f"QLabel#cardCaption {{ color: {theme.muted}; font-size: 9pt; }}"
            f"QLabel#cardValue {{ color: {accent}; font-size: 21pt; font-weight: 600; }}"
            f"QLabel#cardDetail {{ color: {theme.alert if self.alert else theme.muted};"
            f" font-size: 8.5pt; }}"
        )


class HeadlineCards(QWidget):
    """Sessions this quarter, hours volunteered, reflections, open action items, next session.

    :attr:`prepare_requested` carries the mentor id when the user asks for a prep sheet.
    """

    prepare_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mentor_id: int | None = None
        self.sessions = HeadlineCard("Sessions this quarter")
        self.hours = HeadlineCard("Hours volunteered")
        self.reflections = HeadlineCard("Reflections")
        self.action_items = HeadlineCard("Open action items")
        self.next_session = HeadlineCard("Next mentor session")
        self.prepare = QPushButton("Prepare a prep sheet…")
        self.prepare.setObjectName("cardLink")
        self.prepare.setFlat(True)
        self.prepare.setToolTip("Open items, growth since your last session and takeaways")
        self.prepare.clicked.connect(self._on_prepare)
        self.next_session.layout_.addWidget(self.prepare)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(14)
        self._columns = 0
        self._place(len(self.cards()))

    def _place(self, columns: int) -> None:
        """The cards in rows of ``columns``: one row when it fits, else they wrap."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards():
            self._grid.removeWidget(card)
        for column in range(len(self.cards())):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for number, card in enumerate(self.cards()):
            self._grid.addWidget(card, number // columns, number % columns)

    def minimumSizeHint(self) -> QSize:
        # As narrow as one card: the cards wrap rather than widen the dashboard.
        widest = max(card.minimumSizeHint().width() for card in self.cards())
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        widest = max(card.minimumSizeHint().width() for card in self.cards())
        spacing = self._grid.spacing()
        fits = max(1, (event.size().width() + spacing) // (widest + spacing))
        self._place(min(len(self.cards()), fits))
        super().resizeEvent(event)

    def cards(self) -> list[HeadlineCard]:
        return [self.sessions, self.hours, self.reflections, self.action_items, self.next_session]

    def show_figures(self, figures: HeadlineFigures, *, period: str, today: dt.date) -> None:
        self.sessions.show_figure(
            show_number(figures.sessions_this_quarter),
            f"{show_number(figures.sessions_in_range)} {period}",
        )
        self.hours.show_figure(
            show_decimal(spoken_hours(figures.hours_volunteered)), f"as a PMO helper, {period}"
        )
        self.reflections.show_figure(
            show_number(figures.reflections), f"skill reflections, {period}"
        )
        items = figures.open_action_items
        self.action_items.show_figure(
            show_number(items), "from mentor sessions" if items else "nothing waiting on you"
        )
        upcoming = figures.next_session
        self._mentor_id = upcoming.person_id if upcoming else None
        self.prepare.setVisible(upcoming is not None)
        if upcoming is None:
            self.next_session.show_figure("–", "add a mentor to see when you next meet")
        elif upcoming.overdue:
            days = upcoming.days_overdue
            self.next_session.show_figure(
                "Overdue",
                f"with {upcoming.name}, due {show_date(upcoming.due)} ({show_number(days)} day"
                f"{'s' if days != 1 else ''} ago)",
                alert=True,
            )
        else:
            when = "today" if upcoming.due == today else show_date(upcoming.due)
            self.next_session.show_figure(
                show_day_month(upcoming.due), f"with {upcoming.name}, due {when}"
            )

    def restyle(self, theme: Theme) -> None:
        for card in self.cards():
            card.restyle(theme)
        link = theme.series[0]
        self.prepare.setStyleSheet(
            f"QPushButton#cardLink {{ color: {link}; border: none; padding: 4px 0 0 0;"
            " text-align: left; font-size: 8.5pt; }"
            "QPushButton#cardLink:hover { text-decoration: underline; }"
        )

    def _on_prepare(self) -> None:
        if self._mentor_id is not None:
            self.prepare_requested.emit(self._mentor_id)
