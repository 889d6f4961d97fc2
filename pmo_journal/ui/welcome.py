"""The first-run page: the three career moves the journal supports, and how to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

MOVES = (
    (
        "1. Look before you leap",
        "Connect with the PMO leader and say you are interested. Find a PMO mentor and meet "
        "them, typically monthly. Volunteer as a PMO helper: prepare a meeting, take the "
        "minutes, gather or analyse metrics, shadow. Or take the delivery route, from program "
        "to portfolio manager to the PMO.",
        "Log each mentor session and helper assignment.",
    ),
    (
        "2. Elevate the power of the PMO",
        "Grow the power skills a PMO needs most: collaborative leadership (consensus, rapport "
        "across departments, communities of practice) and strategic thinking (contributing to "
        "strategy, judging what enters the funnel, valuing outcomes over perfect execution).",
        "Rate yourself against written levels, with the evidence.",
    ),
    (
        "3. Become an agent for change",
        "Manage up: speak to the C-suite in terms of business value. Encourage everyone to "
        "learn through 1:1s, coaching and training sessions, and help build a learning culture.",
        "Star the entries you want to bring to your review.",
    ),
)


def _card(title: str, body: str, hint: str) -> QFrame:
    card = QFrame()
    card.setObjectName("move")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(6)
    heading = QLabel(f"<b>{title}</b>")
    heading.setObjectName("moveTitle")
    text = QLabel(body)
    text.setWordWrap(True)
    tip = QLabel(f"<i>{hint}</i>")
    tip.setWordWrap(True)
    for label in (heading, text, tip):
        layout.addWidget(label)
    layout.addStretch(1)
    return card


class WelcomePage(QWidget):
    """Shown on first launch and while the journal is empty."""

    start_requested = Signal()
    explore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1 style='margin:0'>Welcome to your PMO Career Journal</h1>")
        intro = QLabel(
            "A private journal for your move into a project management office. Everything "
            "stays on this computer. It follows the classic advice in three moves:"
        )
        intro.setWordWrap(True)
        cards = QHBoxLayout()
        cards.setSpacing(14)
        for move in MOVES:
            cards.addWidget(_card(*move), 1)

        self.start_button = QPushButton("Start my journal")
        self.start_button.setDefault(True)
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start my journal")
        self.start_button.clicked.connect(self.start_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.explore_button = QPushButton("Explore a sample journal")
        self.explore_button.setAccessibleName("Explore a sample journal")
        self.explore_button.setToolTip(
            "Open a separate journal filled with realistic entries; yours stays empty."
        )
        self.explore_button.clicked.connect(self.explore_requested)
        buttons.addWidget(self.explore_button)
        buttons.addWidget(self.start_button)
        for button in (self.start_button, self.explore_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(190)

        column = QWidget()
        column.setMaximumWidth(980)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(32, 32, 32, 32)
        inner.setSpacing(16)
        inner.addStretch(1)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addLayout(cards)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        inner.addStretch(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        column.setMinimumHeight(0)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setStyleSheet(
            "QFrame#move { border: 1px solid palette(mid); border-radius: 8px;"
            " background: palette(base); }"
            "QPushButton#primary { background: palette(highlight);"
            " color: palette(highlighted-text); border: 1px solid palette(highlight);"
            " border-radius: 4px; padding: 6px 16px; }"
            "QPushButton#primary:focus { border: 2px solid palette(text); }"
        )
        self.setFocusProxy(self.start_button)
