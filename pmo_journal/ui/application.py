"""Starts the GUI: the QApplication, the journal file and the main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pmo_journal import __version__
from pmo_journal.core.db import Journal, default_journal_path
from pmo_journal.core.validation import JournalError

if TYPE_CHECKING:
    from pmo_journal.ui.main_window import MainWindow

APP_NAME = "PMO Career Journal"
ORGANISATION = "PMO Career Journal"
# A safety net for --quit-after-load: leave even if no paint ever arrives.
FIRST_PAINT_TIMEOUT_MS = 20_000


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
    from pmo_journal.ui.appearance import follow_system_scheme

    follow_system_scheme(app)
    return app


def _after_first_show(window: MainWindow) -> None:
    """Things that wait until the window is up: due mentor sessions."""
    from pmo_journal.ui.career.reminders import show_start_reminders

    show_start_reminders(window, window.context)


def _open_failed(message: str, *, quietly: bool) -> None:
    print(f"pmo-journal: {message}", file=sys.stderr)
    if not quietly:
        QMessageBox.critical(None, "The journal could not be opened", message)


def _open(path: Path) -> Journal | str:
    """The opened journal, or why it could not be opened."""
    try:
        return Journal.open(path)
    except JournalError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.strerror or exc}: {exc.filename or path}"


class JournalWindows(QObject):
    """The open journal and its main window; switches both when another file is asked for."""

    def __init__(self, journal: Journal) -> None:
        super().__init__()
        self.journal = journal
        self.window = self._window_for(journal)

    def _window_for(self, journal: Journal) -> MainWindow:
        from pmo_journal.ui.context import JournalContext
        from pmo_journal.ui.main_window import MainWindow

        window = MainWindow(JournalContext(journal))
        window.open_journal_requested.connect(self.switch_to)
        return window

    def switch_to(self, path: Path) -> None:
        opened = _open(path)
        if isinstance(opened, str):
            QMessageBox.warning(self.window, "The journal could not be opened", opened)
            return
        old_window, old_journal = self.window, self.journal
        self.journal, self.window = opened, self._window_for(opened)
        self.window.show()
        _after_first_show(self.window)
        old_window.close()
        old_window.deleteLater()
        old_journal.close()

    def close(self) -> None:
        self.window.deleteLater()
        self.journal.close()


def run_gui(args: argparse.Namespace) -> int:
    """Open the journal in the main window; returns the process exit code."""
    app = make_application()
    quit_after_load = bool(getattr(args, "quit_after_load", False))
    opened = _open(journal_path_of(args))
    if isinstance(opened, str):
        _open_failed(opened, quietly=quit_after_load)
        return 1
    windows = JournalWindows(opened)
    try:
        windows.window.show()
        if quit_after_load:
            _QuitOnFirstPaint(windows.window)
            QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, lambda: QApplication.exit(0))
        else:
            QTimer.singleShot(0, lambda: _after_first_show(windows.window))
        code = app.exec()
        return 0 if quit_after_load else int(code)
    finally:
        windows.close()
