"""Starts the GUI: the QApplication, the journal file and the main window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The core (pydantic, sqlmodel) loads before PySide6: PySide6's import hook reads the source
# of each module imported after it, and trips over a pydantic that is only half imported
# (the command line imports part of pydantic while parsing arguments).
from pmo_journal.core.resources import resource
from pmo_journal.core.storage.connect import PASSPHRASE_ENV
from pmo_journal.core.storage.db import Journal, default_journal_path
from pmo_journal.core.validation import JournalError

# isort: split
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pmo_journal import __version__
from pmo_journal.ui import prompts

if TYPE_CHECKING:
    from pmo_journal.ui.main_window import MainWindow
    from pmo_journal.ui.operations import Failure, Operation
    from pmo_journal.ui.single_instance import InstanceGuard

APP_NAME = "PMO Career Journal"
ORGANISATION = "PMO Career Journal"
# A safety net for --quit-after-load: leave even if no paint ever arrives.
FIRST_PAINT_TIMEOUT_MS = 20_000
# After the first paint, how long before the screens' use cases are imported ahead.
PRELOAD_AFTER_MS = 300
# How long a passing remark stays in the status bar.
STATUS_SHOWN_MS = 15_000


class _QuitOnFirstPaint(QObject):
    """Quits the application once the watched window has painted for the first time."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # Let this paint finish before leaving the event loop.
            # exit(), not quit(): quit() also closes every window, which would leave an
            # in-process caller (the tests) with an application that closes its next ones.
            QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def journal_path_of(args: argparse.Namespace) -> Path:
    """The journal named by ``--db``, or the default one (its folder created)."""
    if getattr(args, "db", None):
        return Path(args.db).expanduser()
    path = default_journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    # The icon every window shows; the bundles' .ico/.icns/.png are drawn from the same SVG.
    app.setWindowIcon(QIcon(str(resource("icon.svg"))))
    app.setDesktopFileName("org.pmojournal.CareerJournal")
    from pmo_journal.ui.appearance import follow_system_scheme

    follow_system_scheme(app)
    return app


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
    first visit does not stall the GUI thread; a failure is left for that visit to say."""
    from pmo_journal.core.preload import preload
    from pmo_journal.ui.operations import run_operation

    journal = window.context.journal

    def then_the_widgets() -> None:
        from shiboken6 import isValid

        from pmo_journal.ui.warming import warm_screens

        if isValid(window):
            warm_screens(window)

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
            prompts.tell(
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
        prompts.tell(None, message, title="The journal could not be opened", wait=True)


def _open(path: Path, *, interactive: bool) -> Journal | str | None:
    """The opened journal, why it could not be opened, or ``None`` if the user gave up
    (cancelled the passphrase or the recovery). ``interactive`` allows asking."""
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


def _claim(path: Path) -> InstanceGuard | None:
    from pmo_journal.ui.single_instance import claim_journal

    return claim_journal(path)


class JournalWindows(QObject):
    """The open journal, its main window and the lock that keeps a second app off the file;
    switches all three when another file is asked for."""

    def __init__(self, journal: Journal, guard: InstanceGuard | None = None) -> None:
        super().__init__()
        self.journal = journal
        self.guard = guard or _claim(journal.path)
        self.window = self._window_for(journal)
        if self.guard is not None:
            self.guard.activation_requested.connect(self.bring_to_front)

    def _window_for(self, journal: Journal) -> MainWindow:
        from pmo_journal.ui.context import JournalContext
        from pmo_journal.ui.journal_files import remember_journal
        from pmo_journal.ui.main_window import MainWindow

        remember_journal(journal.path)
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
                prompts.tell(self.window, f"{problem}.", title="The journal could not be opened")
                return
            prompts.tell(self.window, refusal(path), title="Already open")
            return
        opened = _open(path, interactive=True)
        if not isinstance(opened, Journal):
            if guard is not None and guard is not self.guard:
                guard.release()
            if opened:
                prompts.tell(self.window, opened, title="The journal could not be opened")
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
    """Open the journal in the main window; returns the process exit code."""
    app = make_application()
    quit_after_load = bool(getattr(args, "quit_after_load", False))
    path = journal_path_of(args)
    # A missing folder is left for the opening to explain; there is nothing to lock yet.
    guard = _claim(path) if path.parent.is_dir() else None
    if guard is None and path.parent.is_dir():
        from pmo_journal.core.storage.access import access_problem
        from pmo_journal.ui.single_instance import refusal

        # The lock could not be made: a read-only folder or a full disk, not another window.
        if (problem := access_problem(path)) is not None:
            _open_failed(f"{problem}.", quietly=quit_after_load)
            return 1
        message = refusal(path)
        print(f"pmo-journal: {message}", file=sys.stderr)
        if not quit_after_load:
            prompts.tell(None, message, title="Already open", wait=True)
        return 1 if quit_after_load else 0
    opened = _open(path, interactive=not quit_after_load)
    if not isinstance(opened, Journal):
        if guard is not None:
            guard.release()
        if opened is None:
            return 0  # the user chose not to open it
        _open_failed(opened, quietly=quit_after_load)
        return 1
    windows = JournalWindows(opened, guard)
    # A timer we own, stopped on the way out: a stray quit() would end later event loops.
    safety_net = QTimer()
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(app.quit)
    try:
        windows.window.show()
        if quit_after_load:
            _QuitOnFirstPaint(windows.window)
            safety_net.start(FIRST_PAINT_TIMEOUT_MS)
        else:
            QTimer.singleShot(0, windows.window, lambda: _after_first_show(windows.window))
        code = app.exec()
        return 0 if quit_after_load else int(code)
    finally:
        safety_net.stop()
        windows.close()
