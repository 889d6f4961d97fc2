"""Starts the GUI: the QApplication, the journal file and the main window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pmo_journal import __version__
from pmo_journal.core.db import Journal, default_journal_path
from pmo_journal.core.validation import JournalError

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
            QTimer.singleShot(0, QApplication.quit)
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


def run_gui(args: argparse.Namespace) -> int:
    """Open the journal in the main window; returns the process exit code."""
    app = make_application()
    quit_after_load = bool(getattr(args, "quit_after_load", False))
    try:
        journal = Journal.open(journal_path_of(args))
    except (JournalError, OSError) as exc:
        message = str(exc) if isinstance(exc, JournalError) else f"{exc.strerror}: {exc.filename}"
        print(f"pmo-journal: {message}", file=sys.stderr)
        if not quit_after_load:
            QMessageBox.critical(None, "The journal could not be opened", message)
        return 1
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.main_window import MainWindow

    try:
        context = JournalContext(journal)
        window = MainWindow(context)
        window.show()
        if quit_after_load:
            _QuitOnFirstPaint(window)
            QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, app.quit)
        code = app.exec()
        window.deleteLater()
        return 0 if quit_after_load else int(code)
    finally:
        journal.close()
