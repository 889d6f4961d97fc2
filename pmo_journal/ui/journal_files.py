"""Which journal file the window shows: File ▸ New journal…, Open journal…, Open recent, and
the bar that says the sample journal is not the user's own.

Choosing only names a file: the application opens it through the one opening path
(passphrase, recovery), so a switch never skips what a start-up does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from pmo_journal.core.storage.db import default_journal_path
from pmo_journal.ui import prompts
from pmo_journal.ui.notice_bar import NoticeBar

SAMPLE_JOURNAL_NAME = "sample-journal.db"
SAMPLE_NOTICE = "Sample journal — your own journal is untouched"
RECENT_KEY = "journals/recent"
MAX_RECENT = 8
FILTERS = "Journals (*.db);;All files (*)"


def is_sample(path: Path) -> bool:
    """True for the sample journal made by *Explore a sample journal*."""
    return path.name == SAMPLE_JOURNAL_NAME


def sample_journal_path() -> Path:
    """Where *Explore a sample journal* makes the sample: the app's data folder, beside the
    default journal, whichever journal is open (never beside a journal of the user's)."""
    return default_journal_path().with_name(SAMPLE_JOURNAL_NAME)


def recent_journals() -> list[Path]:
    """The journals opened lately, the newest first."""
    stored = QSettings().value(RECENT_KEY, [])
    # An INI file gives a list of one back as a plain string.
    items = [stored] if isinstance(stored, str) else stored if isinstance(stored, list) else []
    return [Path(str(item)) for item in items if item]


def remember_journal(path: Path) -> None:
    """Put ``path`` first in Open recent."""
    resolved = path.expanduser().resolve()
    kept = [item for item in recent_journals() if item != resolved]
    QSettings().setValue(RECENT_KEY, [str(item) for item in [resolved, *kept][:MAX_RECENT]])


def forget_recent_journals() -> None:
    QSettings().remove(RECENT_KEY)


def own_journal() -> Path:
    """The user's own journal: the newest one opened that is not the sample, else the default."""
    for path in recent_journals():
        if not is_sample(path) and path.exists():
            return path
    return default_journal_path()


def choose_journal_to_open(parent: QWidget, folder: Path) -> Path | None:
    """Ask for an existing journal file."""
    return prompts.choose_open_file(parent, "Open journal", filters=FILTERS, start=folder)


def choose_new_journal(parent: QWidget, folder: Path) -> Path | None:
    """Ask where to make a new journal. Choosing an existing file opens it: nothing is ever
    overwritten."""
    path = prompts.choose_save_file(
        parent, "New journal", str(folder / "journal.db"), filters=FILTERS, replacing=False
    )
    if path is None:
        return None
    return path if path.suffix else path.with_suffix(".db")


class JournalFileActions(QObject):
    """The File menu's journal actions. ``current`` is the open journal's path; ``open_path``
    asks the application to switch to a file."""

    def __init__(
        self, parent: QWidget, *, current: Path, open_path: Callable[[Path], None]
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._current = current
        self._open_path = open_path
        self.new_action = QAction("New &journal…", parent)
        self.new_action.triggered.connect(self.new_journal)
        self.open_action = QAction("&Open journal…", parent)
        self.open_action.setShortcut("Ctrl+O")
        self.open_action.triggered.connect(self.open_journal)
        self.recent_menu = QMenu("Open recen&t", parent)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.fill_recent_menu()

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.open_action])
        menu.addMenu(self.recent_menu)

    def _folder(self) -> Path:
        return self._current.parent

    def new_journal(self) -> None:
        path = choose_new_journal(self._parent, self._folder())
        if path is not None:
            self._open_path(path)

    def open_journal(self) -> None:
        path = choose_journal_to_open(self._parent, self._folder())
        if path is not None:
            self._open_path(path)

    def fill_recent_menu(self) -> None:
        """The recent journals other than this one; a missing file is shown greyed out."""
        self.recent_menu.clear()
        here = self._current.expanduser().resolve()
        others = [path for path in recent_journals() if path != here]
        for path in others:
            label = f"{path.name} — {path.parent}"
            action = self.recent_menu.addAction(label.replace("&", "&&"))
            action.setEnabled(path.exists())
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        if not others:
            self.recent_menu.addAction("No other journals yet").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear the list", forget_recent_journals)


def sample_notice(open_path: Callable[[Path], None]) -> NoticeBar:
    """The bar the sample journal always shows, with the way back to the user's own."""
    bar = NoticeBar(SAMPLE_NOTICE, name="Sample journal")
    button = bar.add_button("Open my journal", lambda: open_path(own_journal()))
    button.setAccessibleName("Open my own journal")
    return bar
