"""The main window: a navigation list of screens beside the current one, and the menus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSettings, QSize, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# Only Qt at the top: the window's frame paints before the journal (and the tables, the
# engine) is loaded. The rest is imported when the journal is attached.
if TYPE_CHECKING:
    from collections.abc import Callable

    # Qt's classes the frame does not need are imported where they are used: each one's
    # first import costs start-up time.
    from PySide6.QtGui import QAction, QCloseEvent, QIcon, QMoveEvent, QResizeEvent
    from PySide6.QtWidgets import QDialog, QMenu

    from pmo_journal.core.models import EntryKind
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.dashboard import DashboardView
    from pmo_journal.ui.journal.view import JournalView
    from pmo_journal.ui.journal_files import JournalFileActions
    from pmo_journal.ui.operations import Operation
    from pmo_journal.ui.people.view import PeopleView
    from pmo_journal.ui.screens import LazyScreen
    from pmo_journal.ui.sync.controller import SyncController
    from pmo_journal.ui.welcome import WelcomePage

# One shortcut per kind of entry (by its value), beside Ctrl+N which asks for the kind.
#: Set while "Start my journal" opens your own journal from the sample: its path.
START_WRITING_IN = "welcome/start_writing_in"
KIND_SHORTCUTS = {
    "mentor_session": "Ctrl+Shift+M",
    "helper_assignment": "Ctrl+Shift+H",
    "skill_reflection": "Ctrl+Shift+R",
    "note": "Ctrl+Shift+N",
}
SAMPLE_SEED, SAMPLE_YEARS = 7, 2
# The screens the frame lists before the journal is attached (key, title), in navigation
# order: the ones :meth:`MainWindow._add_standard_screens` adds (a test keeps them equal).
FRAME_SCREENS = (
    ("dashboard", "Dashboard"),
    ("journal", "Journal"),
    ("people", "People"),
    ("goals", "Goals"),
    ("action_items", "Action items"),
    ("readiness", "PMO readiness"),
    ("pdus", "PDUs"),
    ("backups", "Backups & export"),
)


def window_title(path: Path) -> str:
    return f"{path.name} — PMO Career Journal"


class MainWindow(QMainWindow):
    """Screens plug in with :meth:`add_screen`; :meth:`show_screen` brings one forward.

    :attr:`open_journal_requested` asks the application to switch to another journal file.
    """

    open_journal_requested = Signal(object)

    # Set by ui/menus.py:build_menus.
    journal_files: JournalFileActions
    sync: SyncController
    file_menu: QMenu
    view_menu: QMenu
    kind_menu: QMenu
    choose_kind_action: QAction
    new_person_action: QAction
    report_action: QAction
    prep_sheet_action: QAction
    edit_action: QAction
    delete_action: QAction
    find_action: QAction

    context: JournalContext

    def __init__(
        self,
        context: JournalContext | None = None,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        """The window on ``context``'s journal; or, without it, only its frame (the title of
        ``path``, the navigation, an empty screen), to show while the journal opens, and
        :meth:`attach` the journal to once it is open."""
        super().__init__(parent)
        self.sample_operation: Operation | None = None
        self._keys: list[str] = []
        # Screens are chosen in turn while they are added; none is built until the
        # window settles on one (the one it was left on last time).
        self._adding_screens = True
        self._view_actions: dict[str, QAction] = {}
        self._restored_screen = str(QSettings().value("window/screen", "dashboard"))
        # The frame's dashboard of quick cards, kept as the dashboard screen on attach.
        self.quick_dashboard: LazyScreen | None = None

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Screens")
        self.navigation.setFixedWidth(180)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.welcome: WelcomePage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(central)
        self.notices = QVBoxLayout()
        self.notices.setSpacing(0)
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(self.notices)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(outer)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { padding: 10px 6px; background: palette(alternate-base);"
            " outline: 0; }"
            "QListWidget#navigation::item { padding: 7px 10px; border-radius: 5px; }"
            "QListWidget#navigation::item:selected {"
            " background: palette(highlight); color: palette(highlighted-text); }"
        )
        if context is None:
            # The frame: the screens' names, the one it will open on already selected.
            for key, title in FRAME_SCREENS:
                self.navigation.addItem(title)
                if key == self._restored_screen:
                    self.navigation.setCurrentRow(self.navigation.count() - 1)
            if path is not None:
                self.setWindowTitle(window_title(path))
            self._restore_geometry()
            return
        self._restore_geometry()
        self.attach(context)

    @property
    def opens_on(self) -> str:
        """The key of the screen the window opens on (the one it was left on)."""
        return self._restored_screen

    def show_quick_dashboard(self) -> DashboardView:
        """The frame only: show the dashboard without its journal, for the cards of a quick
        reading of the file (:meth:`DashboardView.show_cards`) while the journal opens;
        :meth:`attach` keeps it as the dashboard screen."""
        from pmo_journal.ui.dashboard import DashboardView
        from pmo_journal.ui.screens import LazyScreen

        view = DashboardView(None)
        screen = LazyScreen(lambda: view)
        screen.content()
        self.quick_dashboard = screen
        self.stack.addWidget(screen)
        return view

    def drop_quick_dashboard(self) -> None:
        """The quick reading gave nothing: back to the frame's empty screen."""
        if self.quick_dashboard is not None:
            self.stack.removeWidget(self.quick_dashboard)
            self.quick_dashboard.deleteLater()
            self.quick_dashboard = None

    def attach(self, context: JournalContext) -> None:
        """Give the window its journal: the menus, the screens (the one it opens on built
        now), the notices and the welcome page if it is wanted."""
        from pmo_journal.ui.journal_files import is_sample, sample_notice

        self.context = context
        self.undo_stack = context.undo_stack
        self.navigation.clear()
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self.new_entry_actions = self._make_new_entry_actions()
        self._build_menus()
        self._add_standard_screens()
        self._adding_screens = False
        self._update_edit_actions()
        if is_sample(context.journal.path):
            self.add_notice(sample_notice(self.open_journal_requested.emit))
        settings = QSettings()
        starting = str(settings.value(START_WRITING_IN, "", type=str))
        if starting:
            settings.remove(START_WRITING_IN)
        if starting and Path(starting) == context.journal.path:
            # "Start my journal" from the sample: your own journal opens ready to write in,
            # not on the welcome page again (an empty journal asks for it otherwise).
            self.start_journal()
        elif self._wants_welcome():
            self.show_welcome()
        context.open_entry_requested.connect(self.open_entry)
        self.setWindowTitle(window_title(context.journal.path))

    # ------------------------------------------------------------------ screens
    def _add_standard_screens(self) -> None:
        """The screens every journal has, in navigation order. Each is built when first
        shown or used, so start-up pays only for the one it opens on."""
        from pmo_journal.ui.screens import LazyScreen, add_dashboard, add_feature_screens

        self._dashboard_screen = add_dashboard(self)
        self._journal_screen = LazyScreen(self._make_journal_view)
        self._people_screen = LazyScreen(self._make_people_view)
        self.add_screen("journal", "Journal", self._journal_screen, shortcut="Ctrl+1")
        self.add_screen("people", "People", self._people_screen, shortcut="Ctrl+2")
        add_feature_screens(self)

    def _make_journal_view(self) -> JournalView:
        from pmo_journal.ui.journal.view import JournalView

        return JournalView(self.context, new_entry_menu=self.new_entry_menu())

    def _make_people_view(self) -> PeopleView:
        from pmo_journal.ui.people.view import PeopleView
        from pmo_journal.ui.screens import add_mentor_overview

        view = PeopleView(self.context)
        add_mentor_overview(self, view)
        return view

    def screens_to_build_ahead(self) -> list[Callable[[], object]]:
        """The screens worth building in idle time before their first visit (the journal
        and People: the ones a user reaches first), as calls that build them. A screen
        built so reads the changes made before its first visit only when it is shown."""

        def ahead(screen: LazyScreen) -> Callable[[], object]:
            def build() -> None:
                if screen.built() is None:
                    screen.content().held_until_shown = not screen.isVisible()  # type: ignore[attr-defined]

            return build

        return [ahead(self._journal_screen), ahead(self._people_screen)]

    @property
    def dashboard_view(self) -> DashboardView:
        """The dashboard screen, built now if it has not been shown yet."""
        return cast("DashboardView", self._dashboard_screen.content())

    @property
    def journal_view(self) -> JournalView:
        """The journal screen, built now if it has not been shown yet."""
        return cast("JournalView", self._journal_screen.content())

    @property
    def people_view(self) -> PeopleView:
        """The people screen, built now if it has not been shown yet."""
        return cast("PeopleView", self._people_screen.content())

    def open_report(self) -> QDialog:
        """The progress report dialog: period, sections, preview, print, PDF."""
        from pmo_journal.ui.report.report_dialog import open_report_dialog

        return open_report_dialog(self, self.context)

    def open_prep_sheet(self, mentor_id: int | None) -> QDialog:
        """The one-page sheet for the next session with a mentor."""
        from pmo_journal.ui.report.prep_sheet_dialog import open_prep_sheet

        return open_prep_sheet(self, self.context, mentor_id)

    def show_person(self, person_id: int) -> None:
        """Bring the People screen forward with one person selected."""
        self.show_screen("people")
        self.people_view.select_person(person_id)

    def add_screen(
        self,
        key: str,
        title: str,
        widget: QWidget,
        *,
        icon: QIcon | None = None,
        shortcut: str | None = None,
    ) -> None:
        """Add a screen to the navigation, the stack and the View menu."""
        from PySide6.QtGui import QAction, QIcon, QKeySequence
        from PySide6.QtWidgets import QListWidgetItem

        if key in self._keys:
            raise ValueError(f"A screen called {key!r} is already there.")
        self._keys.append(key)
        if self.stack.indexOf(widget) < 0:  # the frame's quick dashboard is there already
            self.stack.addWidget(widget)
        item = QListWidgetItem(icon or QIcon(), title)
        from PySide6.QtCore import Qt  # not at the top: the frame paints without it

        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        action = QAction(title.replace("&", "&&"), self)  # "Backups & export" is no mnemonic
        action.setCheckable(True)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, k=key: self.show_screen(k))
        self.view_menu.addAction(action)
        self._view_actions[key] = action
        if len(self._keys) == 1 or key == self._restored_screen:
            self.navigation.setCurrentRow(self._keys.index(key))

    def add_notice(self, bar: QWidget) -> None:
        """Put an inline bar (a :class:`NoticeBar`) above the screens, the newest last."""
        self.notices.addWidget(bar)

    def show_screen(self, key: str) -> None:
        """Bring a screen forward (leaving the welcome page if it is showing)."""
        self.pages.setCurrentIndex(0)
        self.navigation.setCurrentRow(self._keys.index(key))

    def current_screen_key(self) -> str | None:
        row = self.stack.currentIndex()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def screen_widget(self, key: str) -> QWidget | None:
        return self.stack.widget(self._keys.index(key))

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        key = self._keys[row]
        for other, action in self._view_actions.items():
            action.setChecked(other == key)
        QSettings().setValue("window/screen", key)
        if not self._adding_screens:
            self._update_edit_actions()

    # ------------------------------------------------------------------ first run
    def _wants_welcome(self) -> bool:
        """On first launch, and whenever the journal holds nothing at all."""
        from pmo_journal.core.services import people, timeline
        from pmo_journal.core.services.timeline import TimelineFilter

        if not QSettings().value("welcome/seen", False, type=bool):
            return True
        journal = self.context.journal
        return timeline.count_timeline(journal, TimelineFilter()) == 0 and not people.list_people(
            journal, include_archived=True
        )

    def show_welcome(self) -> None:
        from pmo_journal.ui.welcome import WelcomePage

        if self.welcome is None:
            self.welcome = WelcomePage()
            self.welcome.start_requested.connect(self.start_journal)
            self.welcome.explore_requested.connect(self.explore_sample)
            self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)
        self.welcome.setFocus()

    def start_journal(self) -> None:
        """Start writing in the user's own journal (leaving the sample for it)."""
        from pmo_journal.ui.journal_files import is_sample, own_journal

        QSettings().setValue("welcome/seen", True)
        if is_sample(self.context.journal.path):
            own = own_journal()
            QSettings().setValue(START_WRITING_IN, str(own))
            self.open_journal_requested.emit(own)
            QSettings().remove(START_WRITING_IN)  # used, or the journal did not open
            return
        self.pages.setCurrentIndex(0)
        if "journal" in self._keys:
            self.show_screen("journal")
            self.journal_view.table.setFocus()

    def explore_sample(self) -> Operation | None:
        """Fill a separate sample journal in the app's data folder (once, off the GUI thread)
        and ask to open it; returns the operation filling it, if one runs."""
        from pmo_journal.core.demo.build import build_demo_journal
        from pmo_journal.ui.journal_files import is_sample, sample_journal_path
        from pmo_journal.ui.operations import run_operation

        QSettings().setValue("welcome/seen", True)
        if is_sample(self.context.journal.path):
            self.show_screen("journal")
            return None
        path = sample_journal_path()
        if path.exists():
            self.open_journal_requested.emit(path)
            return None
        if self.sample_operation is not None:
            return self.sample_operation  # already being filled
        self.statusBar().showMessage("Making the sample journal…")

        def finished() -> None:
            self.sample_operation = None
            self.statusBar().clearMessage()

        def make_sample(_progress: object, _cancelled: object) -> object:
            path.parent.mkdir(parents=True, exist_ok=True)  # a first start has no data folder
            return build_demo_journal(path, seed=SAMPLE_SEED, years=SAMPLE_YEARS)

        self.sample_operation = run_operation(
            self,
            make_sample,
            title="The sample journal could not be made",
            on_success=lambda _counts: self.open_journal_requested.emit(path),
            on_finished=finished,
        )
        return self.sample_operation

    # ------------------------------------------------------------------ menus
    def _make_new_entry_actions(self) -> dict[EntryKind, QAction]:
        from PySide6.QtGui import QAction, QKeySequence

        from pmo_journal.core.models import EntryKind

        actions: dict[EntryKind, QAction] = {}
        for value, shortcut in KIND_SHORTCUTS.items():
            kind = EntryKind(value)
            action = QAction(f"{kind.label}…", self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, k=kind: self.new_entry(k))
            actions[kind] = action
        # On the window too, so the shortcuts work whichever menu shows the actions.
        self.addActions(list(actions.values()))
        return actions

    def new_entry_menu(self, parent: QWidget | None = None) -> QMenu:
        """A menu of the entry kinds; the journal's toolbar shows it too."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu("&New entry", parent or self)
        menu.addActions(list(self.new_entry_actions.values()))
        return menu

    def _build_menus(self) -> None:
        from pmo_journal.ui.menus import build_menus

        build_menus(self)

    def current_screen(self) -> QWidget | None:
        """The current screen's own widget (built now if it waited to be shown)."""
        from pmo_journal.ui.screens import LazyScreen

        widget = self.stack.currentWidget()
        return widget.content() if isinstance(widget, LazyScreen) else widget

    def call_screen(self, method: str) -> None:
        handler = getattr(self.current_screen(), method, None)
        if callable(handler):
            handler()

    def _update_edit_actions(self) -> None:
        current = self.current_screen()
        self.edit_action.setEnabled(callable(getattr(current, "edit_selected", None)))
        self.delete_action.setEnabled(callable(getattr(current, "delete_selected", None)))

    @Slot()
    def choose_kind(self) -> QMenu:
        """Ctrl+N: the menu of entry kinds, under the screen's New entry button when it has
        one, else at the top left of the screen (never wherever the mouse happens to be)."""
        from PySide6.QtCore import QPoint

        anchor = getattr(self.current_screen(), "new_entry_button", None)
        if isinstance(anchor, QWidget) and anchor.isVisible():
            where = anchor.mapToGlobal(anchor.rect().bottomLeft())
        else:
            screen = self.stack.currentWidget() or self
            where = screen.mapToGlobal(screen.rect().topLeft() + QPoint(16, 48))
        # The first kind is current: one Enter opens it (not a first Enter to reach it).
        first = next((a for a in self.kind_menu.actions() if not a.isSeparator()), None)
        self.kind_menu.popup(where, first)
        if first is not None:
            self.kind_menu.setActiveAction(first)
        return self.kind_menu

    def find_in_journal(self) -> None:
        """Ctrl+F: the journal's search box, its text selected for typing over."""
        self.show_screen("journal")
        self.journal_view.focus_search()

    # ------------------------------------------------------------------ entries
    def new_entry(self, kind: EntryKind) -> QDialog:
        """Open an empty editor of ``kind`` (window-modal, without blocking)."""
        from pmo_journal.ui.editors import new_entry

        return new_entry(self.context, kind, parent=self)

    @Slot(str, int)
    def open_entry(self, kind: str, entry_id: int) -> QDialog:
        from pmo_journal.core.models import EntryKind
        from pmo_journal.ui.editors import edit_entry

        return edit_entry(self.context, EntryKind(kind), entry_id, parent=self)

    def new_person(self) -> QDialog:
        from pmo_journal.ui.editors import new_person

        return new_person(self.context, parent=self)

    def show_about(self) -> None:
        from pmo_journal.ui.about import AboutDialog

        AboutDialog(journal_path=self.context.journal.path, parent=self).exec()

    # ------------------------------------------------------------------ window state
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        if available is None:
            self.resize(1100, 720)
        else:
            self.resize(min(1100, available.width()), min(720, available.height()))

    def _remember_geometry(self) -> None:
        """One geometry for the app, whichever journal is open: kept as the window moves
        and resizes, so a window opened on another journal takes this one's place and size."""
        if self.isVisible():
            QSettings().setValue("window/geometry", self.saveGeometry())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._remember_geometry()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._remember_geometry()

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        from pmo_journal.ui.screens import LazyScreen

        for row in range(self.stack.count()):
            widget = self.stack.widget(row)
            if isinstance(widget, LazyScreen):
                widget = widget.built()  # a screen never shown has no state to save
            save_state = getattr(widget, "save_state", None)
            if callable(save_state):
                save_state()
        super().closeEvent(event)
