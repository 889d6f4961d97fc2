"""Starts the GUI: the QApplication, the journal file and the main window."""

from __future__ import annotations

import argparse
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

# Window first: only Qt and light modules here, so that the window's frame paints before
# the storage layer (sqlmodel, the tables, the engine) is imported; :func:`run_gui` opens
# the journal once the frame has painted.
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pmo_journal.core.resources import resource
from pmo_journal.core.storage.location import default_journal_path
from pmo_journal.ui import pyside_hook  # noqa: F401  (first: lightens every later import)

if TYPE_CHECKING:
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.ui.main_window import MainWindow
    from pmo_journal.ui.operations import Failure, Operation
    from pmo_journal.ui.single_instance import InstanceGuard

APP_NAME = "PMO Career Journal"
ORGANISATION = "PMO Career Journal"
# A safety net for --quit-after-load: leave even if no paint ever arrives.
FIRST_PAINT_TIMEOUT_MS = 20_000
# The things after the first paint run after this long even if no paint came.
AFTER_SHOW_AT_LATEST_MS = 2_000
# After the first paint, how long before the screens' use cases are imported ahead.
PRELOAD_AFTER_MS = 300
# How long a passing remark stays in the status bar.
STATUS_SHOWN_MS = 15_000


# The start-up benchmark's probe: leave the process (os._exit) as soon as this milestone
# has painted: "frame" (title, navigation, empty layout), "usable" (the first screen's data:
# the quick cards, or the filled window when the quick look declined) or "ready" (the
# window filled on the opened journal).
EXIT_AT_ENV = "PMO_JOURNAL_EXIT_AT"


class AfterFirstPaint(QObject):
    """Calls ``then`` once, just after the watched window has painted for the first time
    (the paint is let finish first), or after ``at_latest_ms`` if no paint came by then
    (a window that starts minimised)."""

    def __init__(
        self, window: QWidget, then: Callable[[], object], *, at_latest_ms: int | None = None
    ) -> None:
        super().__init__(window)
        self._then: Callable[[], object] | None = then
        window.installEventFilter(self)
        if at_latest_ms is not None:
            QTimer.singleShot(at_latest_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


class _QuitOnFirstPaint(AfterFirstPaint):
    """Quits the application once the watched window has painted for the first time."""

    def __init__(self, window: QWidget) -> None:
        # exit(), not quit(): quit() also closes every window, which would leave an
        # in-process caller (the tests) with an application that closes its next ones.
        super().__init__(window, lambda: QApplication.exit(0))


def _leave_process() -> None:
    os._exit(0)


def _prompts() -> types.ModuleType:
    """The dialogs (:mod:`pmo_journal.ui.prompts`), imported when the first is needed."""
    from pmo_journal.ui import prompts

    return prompts


def journal_path_of(args: argparse.Namespace) -> Path:
    """The journal named by ``--db``, or the default one (its folder created)."""
    if getattr(args, "db", None):
        return Path(args.db).expanduser()
    path = default_journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def make_application(*, remembered_scheme: bool = False) -> QApplication:
    """The application, named, with its icon and the system's light or dark scheme (the
    scheme the last start found with ``remembered_scheme``: call
    :func:`~pmo_journal.ui.appearance.check_system_scheme` after the first paint)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    # The version (package metadata) is set after the first paint: see set_version.
    # The icon every window shows; the bundles' .ico/.icns/.png are drawn from the same SVG.
    app.setWindowIcon(QIcon(str(resource("icon.svg"))))
    app.setDesktopFileName("org.pmojournal.CareerJournal")
    from pmo_journal.ui import appearance

    if remembered_scheme:
        appearance.follow_system_scheme_soon(app)
    else:
        appearance.follow_system_scheme(app)
    return app


def set_version(app: QApplication) -> None:
    """Tell Qt the app's version (reading the package's metadata costs start-up time)."""
    from pmo_journal import __version__

    app.setApplicationVersion(__version__)


def _after_first_show(window: MainWindow) -> None:
    """Things that wait until the window is up: today's automatic backup and then the
    weekly full check (off the GUI thread, with a word if either fails), the other
    screens' use cases imported ahead (off the thread too), due mentor sessions and
    drafts a crash left."""
    from pmo_journal.ui.career.reminders import show_start_reminders
    from pmo_journal.ui.drafts import offer_drafts

    lost = window.context.journal.recovery_problem
    if lost:
        window.statusBar().showMessage(f"{lost}.")
    take_daily_backup(window).finished.connect(lambda: _full_check_if_open(window))
    QTimer.singleShot(PRELOAD_AFTER_MS, window, lambda: preload_screens(window))
    show_start_reminders(window, window.context)
    offer_drafts(window, window.context)


def take_daily_backup(window: MainWindow) -> Operation:
    """Today's automatic backup through the runner; a failure is said in the status bar."""
    from pmo_journal.core.services.backups import take_daily_backup as daily
    from pmo_journal.ui.operations import run_operation

    journal = window.context.journal

    def failed(failure: Failure) -> None:
        window.statusBar().showMessage(f"Today's automatic backup failed: {failure.message}")

    return run_operation(
        window,
        lambda _progress, _cancelled: daily(journal),
        context=window.context,
        title="Today's automatic backup failed",
        on_failure=failed,
    )


def preload_screens(window: MainWindow) -> Operation:
    """Import what the other screens need on a worker (``core.preload``), so that their
    first visit does not stall the GUI thread, then read what their first visits show
    (``ui.read_ahead``) there too; a failure is left for that visit to say."""
    from pmo_journal.core.preload import preload
    from pmo_journal.ui.operations import run_operation

    journal = window.context.journal

    def then_the_widgets() -> None:
        from shiboken6 import isValid

        from pmo_journal.ui.read_ahead import read_ahead_of
        from pmo_journal.ui.warming import freeze_what_lives, warm_screens

        if isValid(window):
            # The first visits' reads on the worker, while the widgets' modules come in;
            # then the screens that read them are built in idle turns, once they are read.
            ahead = read_ahead_of(window.context)
            ended: list[bool] = []
            ahead.read.connect(lambda: ended.append(True))
            ahead.start(window)
            warm_screens(
                window,
                builds=window.screens_to_build_ahead(),
                ready=lambda: bool(ended),
                then=freeze_what_lives,
            )

    return run_operation(
        window,
        lambda progress, cancelled: preload(journal, progress, cancelled),
        title="Preparing the screens failed",
        on_failure=lambda _failure: None,
        on_finished=then_the_widgets,
    )


def _full_check_if_open(window: MainWindow) -> None:
    from shiboken6 import isValid

    if isValid(window):
        run_weekly_full_check(window)


def run_weekly_full_check(window: MainWindow) -> Operation:
    """Once a week, after the daily backup: the full integrity check of the journal and
    its newest backup, through the runner; a problem is told, a pass said in passing."""
    from pmo_journal.core.services.backups import FullCheck, run_full_check
    from pmo_journal.ui.operations import run_operation

    journal = window.context.journal

    def done(found: FullCheck | None) -> None:
        if found is None:
            return
        if found.sound:
            window.statusBar().showMessage(
                "This week's full check passed: the journal and its newest backup are sound.",
                STATUS_SHOWN_MS,
            )
        else:
            _prompts().tell(
                window, found.told(journal.path.name), title="The full check found a problem"
            )

    def failed(failure: Failure) -> None:
        window.statusBar().showMessage(f"This week's full check could not run: {failure.message}")

    return run_operation(
        window,
        lambda _progress, _cancelled: run_full_check(journal),
        context=window.context,
        title="This week's full check could not run",
        on_success=done,
        on_failure=failed,
    )


def _open_failed(message: str, *, quietly: bool) -> None:
    print(f"pmo-journal: {message}", file=sys.stderr)
    if not quietly:
        _prompts().tell(None, message, title="The journal could not be opened", wait=True)


def _open(path: Path, *, interactive: bool) -> Journal | str | None:
    """The opened journal, why it could not be opened, or ``None`` if the user gave up
    (cancelled the passphrase or the recovery). ``interactive`` allows asking."""
    from pmo_journal.core.storage.connect import PASSPHRASE_ENV
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.core.validation import JournalError

    try:
        if interactive:
            from pmo_journal.ui.recovery import open_journal_interactively

            return open_journal_interactively(path)
        passphrase = os.environ.get(PASSPHRASE_ENV)
        return Journal.open(path, passphrase=passphrase, auto_backup=False)
    except JournalError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.strerror or exc}: {exc.filename or path}"


def _claim(path: Path, *, listen: bool = True) -> InstanceGuard | None:
    from pmo_journal.ui.single_instance import claim_journal

    return claim_journal(path, listen=listen)


class JournalWindows(QObject):
    """The open journal, its main window and the lock that keeps a second app off the file;
    switches all three when another file is asked for."""

    def __init__(
        self,
        journal: Journal,
        guard: InstanceGuard | None = None,
        *,
        frame: MainWindow | None = None,
    ) -> None:
        """``frame``, a window shown without its journal yet, becomes the journal's window."""
        super().__init__()
        self.journal = journal
        self.guard = guard or _claim(journal.path)
        self.window = self._window_for(journal, frame)
        if self.guard is not None:
            self.guard.activation_requested.connect(self.bring_to_front)

    def _window_for(self, journal: Journal, frame: MainWindow | None = None) -> MainWindow:
        from pmo_journal.ui.context import JournalContext
        from pmo_journal.ui.journal_files import remember_journal
        from pmo_journal.ui.main_window import MainWindow

        remember_journal(journal.path)
        if frame is not None:
            window = frame
            window.attach(JournalContext(journal))
        else:
            window = MainWindow(JournalContext(journal))
        window.open_journal_requested.connect(self.switch_to)
        return window

    def bring_to_front(self) -> None:
        """Another launch on this journal knocked: show this window instead."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def switch_to(self, path: Path | str) -> None:
        """Open ``path`` in a new window in place of this one, through the one opening path
        (passphrase, recovery). What an open editor holds is kept as a draft of the old
        journal, offered the next time it is opened."""
        path = Path(path)
        same_file = path.resolve() == self.journal.path.resolve()
        guard = self.guard if same_file else _claim(path)
        if guard is None and not same_file:
            from pmo_journal.core.storage.access import access_problem
            from pmo_journal.ui.single_instance import refusal

            if (problem := access_problem(path)) is not None:
                _prompts().tell(self.window, f"{problem}.", title="The journal could not be opened")
                return
            _prompts().tell(self.window, refusal(path), title="Already open")
            return
        opened = _open(path, interactive=True)
        if isinstance(opened, str | None):
            if guard is not None and guard is not self.guard:
                guard.release()
            if opened:
                _prompts().tell(self.window, opened, title="The journal could not be opened")
            return
        if guard is not None and guard is not self.guard:
            if self.guard is not None:
                self.guard.release()
            self.guard = guard
            guard.activation_requested.connect(self.bring_to_front)
        old_window, old_journal = self.window, self.journal
        keep_drafts(old_window)
        self.journal, self.window = opened, self._window_for(opened)
        self.window.show()
        _after_first_show(self.window)
        old_window.close()
        old_window.deleteLater()
        old_journal.close()

    def close(self) -> None:
        self.window.deleteLater()
        self.journal.close()
        if self.guard is not None:
            self.guard.release()


def keep_drafts(window: QWidget) -> None:
    """Store every open editor's unsaved writing as a draft now, before its window goes."""
    from pmo_journal.ui.drafts import DraftAutosaver

    for autosaver in window.findChildren(DraftAutosaver):
        autosaver.keep()


def run_gui(args: argparse.Namespace) -> int:
    """Open the journal in the main window; returns the process exit code.

    Window first: the window's frame (title, navigation, an empty screen) is shown and
    painted, and only then the journal's lock taken and the journal opened (passphrase,
    recovery and upgrade as ever), which fills the window.
    """
    from pmo_journal.ui.main_window import MainWindow

    app = make_application(remembered_scheme=True)
    quit_after_load = bool(getattr(args, "quit_after_load", False))
    path = journal_path_of(args)
    frame = MainWindow(path=path)
    start = _Start(frame, path, quit_after_load=quit_after_load)
    # A timer we own, stopped on the way out: a stray quit() would end later event loops.
    safety_net = QTimer()
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(app.quit)
    try:
        frame.show()
        if os.environ.get(EXIT_AT_ENV) == "frame":
            AfterFirstPaint(frame, _leave_process)
        else:
            AfterFirstPaint(frame, start.open_journal, at_latest_ms=AFTER_SHOW_AT_LATEST_MS)
        if quit_after_load:
            safety_net.start(FIRST_PAINT_TIMEOUT_MS)
        code = app.exec()
        if start.code is not None:
            return start.code
        return 0 if quit_after_load else int(code)
    finally:
        safety_net.stop()
        start.close()


class _Start:
    """What follows the frame's first paint: the lock, the journal, the filled window."""

    def __init__(self, frame: MainWindow, path: Path, *, quit_after_load: bool) -> None:
        self.frame: MainWindow | None = frame
        self.path = path
        self.quit_after_load = quit_after_load
        self.windows: JournalWindows | None = None
        # The exit code when the start ends before the window is filled.
        self.code: int | None = None

    def _give_up(self, code: int) -> None:
        self.code = code
        if self.frame is not None:
            self.frame.hide()
            self.frame.deleteLater()
            self.frame = None
        QApplication.exit(code)

    def open_journal(self) -> None:
        frame, path, quietly = self.frame, self.path, self.quit_after_load
        assert frame is not None
        app = cast(QApplication, QApplication.instance())
        set_version(app)
        from pmo_journal.ui.appearance import check_system_scheme

        check_system_scheme(app)
        # A missing folder is left for the opening to explain; there is nothing to lock yet.
        guard = _claim(path, listen=False) if path.parent.is_dir() else None
        if guard is None and path.parent.is_dir():
            from pmo_journal.core.storage.access import access_problem
            from pmo_journal.ui.single_instance import refusal

            frame.hide()
            # The lock could not be made: a read-only folder or a full disk, not another window.
            if (problem := access_problem(path)) is not None:
                _open_failed(f"{problem}.", quietly=quietly)
                self._give_up(1)
                return
            message = refusal(path)
            print(f"pmo-journal: {message}", file=sys.stderr)
            if not quietly:
                _prompts().tell(None, message, title="Already open", wait=True)
            self._give_up(1 if quietly else 0)
            return
        if self._show_quick_cards(frame, path, guard):
            return  # the journal opens once the cards have painted
        self._open_full(guard)

    def _show_quick_cards(self, frame: MainWindow, path: Path, guard: InstanceGuard | None) -> bool:
        """When the window opens on the dashboard of a plain journal at the newest schema:
        paint its cards from a quick reading of the file (``core.quick_read``, sqlite3
        alone) before the storage layer is imported, and open the journal after that
        paint. Anything else (a new, encrypted, damaged or older file, an empty journal, the
        welcome page, another screen) is left to the full opening."""
        from PySide6.QtCore import QSettings

        if frame.opens_on != "dashboard" or not QSettings().value("welcome/seen", False, type=bool):
            return False
        from pmo_journal.core.quick_read import quick_look

        look = quick_look(path)
        if look is None:
            return False
        try:
            view = frame.show_quick_dashboard()
            since, until = view.period()
            figures = look.headline(
                since=since, until=until, include_private=view.include_private, today=view.today
            )
        finally:
            look.close()
        if figures is None:
            frame.drop_quick_dashboard()
            return False
        view.show_cards(figures)
        if os.environ.get(EXIT_AT_ENV) == "usable":
            AfterFirstPaint(view.cards.sessions, _leave_process)
        else:
            AfterFirstPaint(
                view.cards.sessions,
                lambda: self._open_full(guard),
                at_latest_ms=AFTER_SHOW_AT_LATEST_MS,
            )
        return True

    def _open_full(self, guard: InstanceGuard | None) -> None:
        """The journal's opening (lock, passphrase, recovery, upgrade), then the window."""
        frame, path, quietly = self.frame, self.path, self.quit_after_load
        if frame is None:
            return
        opened = _open(path, interactive=not quietly)
        if isinstance(opened, str | None):
            if guard is not None:
                guard.release()
            frame.hide()
            if opened is None:
                self._give_up(0)  # the user chose not to open it
                return
            _open_failed(opened, quietly=quietly)
            self._give_up(1)
            return
        self.windows = windows = JournalWindows(opened, guard, frame=frame)
        self.frame = None
        window = windows.window
        if windows.guard is not None:
            QTimer.singleShot(0, windows.guard.listen)
        if os.environ.get(EXIT_AT_ENV) in ("usable", "ready"):
            AfterFirstPaint(window, _leave_process)
        if quietly:
            _QuitOnFirstPaint(window)
        else:
            # Today's backup, the reminders and the preload wait until the window has painted.
            AfterFirstPaint(
                window, lambda: _after_first_show(window), at_latest_ms=AFTER_SHOW_AT_LATEST_MS
            )
        window.update()

    def close(self) -> None:
        if self.windows is not None:
            self.windows.close()
            self.windows = None
        if self.frame is not None:
            self.frame.deleteLater()
            self.frame = None
