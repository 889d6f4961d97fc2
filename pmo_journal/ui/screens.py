"""The feature screens beyond the journal and people, registered in the main window.

Each is built the first time it is shown, so start-up only pays for the first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from pmo_journal.ui.main_window import MainWindow
    from pmo_journal.ui.people.view import PeopleView


class LazyScreen(QWidget):
    """Holds the place of a screen and builds it when it is first shown."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        """The real screen, built now if it has not been yet."""
        if self._content is None:
            self._content = self._factory()
            self._layout.addWidget(self._content)
        return self._content

    def built(self) -> QWidget | None:
        """The real screen if it has been built, else ``None`` (without building it)."""
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)


def add_dashboard(window: MainWindow) -> LazyScreen:
    """The growth dashboard, first in the navigation. Built when first shown like the
    others; it paints its cards at once and brings matplotlib in only after its first paint."""

    def dashboard() -> QWidget:
        from pmo_journal.ui.dashboard import DashboardView

        return DashboardView(window.context)

    screen = window.quick_dashboard
    if screen is None:
        screen = LazyScreen(dashboard)
    else:  # the frame showed its quick cards: the same screen, now on the journal
        from pmo_journal.ui.dashboard import DashboardView

        window.quick_dashboard = None
        cast(DashboardView, screen.content()).attach(window.context)
    window.add_screen("dashboard", "Dashboard", screen, shortcut="Ctrl+0")
    return screen


def add_feature_screens(window: MainWindow) -> None:
    """Register the career, PDU and data screens after the standard ones."""
    context = window.context

    def goals() -> QWidget:
        from pmo_journal.ui.career.goals_view import GoalsView

        return GoalsView(context)

    def action_items() -> QWidget:
        from pmo_journal.ui.career.open_items_view import OpenItemsView

        return OpenItemsView(context)

    def readiness() -> QWidget:
        from pmo_journal.ui.career.readiness_view import ReadinessView

        view = ReadinessView(context)
        view.open_person_requested.connect(window.show_person)
        return view

    def pdus() -> QWidget:
        from pmo_journal.ui.pdus.view import PduView

        return PduView(context)

    def backups() -> QWidget:
        from pmo_journal.ui.backups.view import BackupsView

        view = BackupsView(context)
        # A restored backup may need a schema upgrade: reopen the file from scratch.
        view.journal_replaced.connect(window.open_journal_requested.emit)
        return view

    window.add_screen("goals", "Goals", LazyScreen(goals), shortcut="Ctrl+3")
    window.add_screen("action_items", "Action items", LazyScreen(action_items), shortcut="Ctrl+4")
    window.add_screen("readiness", "PMO readiness", LazyScreen(readiness), shortcut="Ctrl+5")
    window.add_screen("pdus", "PDUs", LazyScreen(pdus), shortcut="Ctrl+6")
    window.add_screen("backups", "Backups & export", LazyScreen(backups), shortcut="Ctrl+7")


def add_mentor_overview(window: MainWindow, people_view: PeopleView) -> None:
    """Embed the mentor overview (with its prep sheet button) in the people screen."""
    from pmo_journal.ui.career.mentor_overview import MentorOverview

    overview = MentorOverview(window.context)
    prep = QPushButton("Prep sheet…")
    prep.setAccessibleName("Prepare a prep sheet for the next session with this mentor")
    prep.setToolTip("A one-page sheet for your next session: open items, changes, last takeaways")
    prep.clicked.connect(lambda: window.open_prep_sheet(overview.person_id))
    overview.add_action(prep)
    people_view.add_detail_section(overview)
    people_view.person_selected.connect(overview.set_person)
