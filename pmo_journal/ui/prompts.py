"""Every question the GUI asks and everything it tells: one module, one look for each.

Screens call these through the module (``prompts.ask(...)``), never a ``QMessageBox``
or ``QFileDialog`` of their own, so the tests answer every prompt in one place (the
``prompts`` fixture in ``tests/ui/conftest.py``) and an unexpected one fails the test.

File dialogs start in the folder the user last chose a file or folder in, else in the
Documents folder; the folder is remembered in the settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

APP_TITLE = "PMO Career Journal"
LAST_FOLDER_KEY = "prompts/last_folder"
ALL_FILES = "All files (*)"


def tell(
    parent: QWidget | None, message: str, *, title: str = "", details: str = "", wait: bool = False
) -> None:
    """Show ``message`` (and, behind a button, ``details``) window-modally, without blocking;
    ``wait`` blocks until it is closed, for when no window keeps the app running."""
    box = QMessageBox(
        QMessageBox.Icon.Critical if details else QMessageBox.Icon.Warning,
        APP_TITLE,
        title or message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    if title:
        box.setInformativeText(message)
    if details:
        box.setDetailedText(details)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if wait:
        box.exec()
    else:
        box.open()


def ask(
    parent: QWidget | None,
    question: str,
    *,
    detail: str = "",
    yes: str = "Yes",
    no: str = "No",
    default: bool = False,
    destructive: bool = False,
) -> bool:
    """Ask a yes/no question; True when the user answers ``yes``.

    ``default`` is the answer Enter gives; Escape always answers ``no``. A
    ``destructive`` yes (discard, delete, replace) is marked as such on its button.
    """
    box = _box(parent, QMessageBox.Icon.Question, question, detail)
    role = QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.YesRole
    yes_button = box.addButton(yes, role)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default else no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose(
    parent: QWidget | None,
    message: str,
    options: Sequence[str],
    *,
    detail: str = "",
    cancel: str = "Cancel",
    default: str | None = None,
    warning: bool = False,
) -> str | None:
    """Offer a few ``options`` as buttons beside ``cancel``; the one chosen, or None.

    ``default`` (one of ``options``) is the button Enter presses; otherwise ``cancel``.
    """
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = _box(parent, icon, message, detail)
    buttons = {
        box.addButton(option, QMessageBox.ButtonRole.AcceptRole): option for option in options
    }
    cancel_button = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    chosen_default = next((b for b, o in buttons.items() if o == default), cancel_button)
    box.setDefaultButton(chosen_default)
    box.setEscapeButton(cancel_button)
    box.exec()
    return buttons.get(box.clickedButton())  # type: ignore[call-overload]


def fill_in(dialog: QDialog) -> bool:
    """Show a small form (``dialog``) window-modally and wait; True when it was accepted.
    The form checks its own fields and keeps what it was given in its attributes."""
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.exec() == QDialog.DialogCode.Accepted


def pick(parent: QWidget | None, question: str, names: Sequence[str], *, title: str) -> int | None:
    """Pick one of ``names`` from a list; its index, or None when cancelled."""
    name, ok = QInputDialog.getItem(parent, title, question, list(names), 0, False)
    return list(names).index(name) if ok and name in names else None


def choose_open_file(
    parent: QWidget | None, title: str, *, filters: str = ALL_FILES, start: Path | None = None
) -> Path | None:
    """The file the user chose to open, or None; the dialog opens in ``start`` if given."""
    opening = str(start or start_folder())
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, opening, filters)
    return _remembered(chosen)


def choose_open_files(
    parent: QWidget | None, title: str, *, filters: str = ALL_FILES
) -> list[Path]:
    """The files the user chose to open (none when cancelled), starting in :func:`start_folder`."""
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if chosen:
        QSettings().setValue(LAST_FOLDER_KEY, str(Path(chosen[0]).parent))
    return [Path(name) for name in chosen]


def choose_save_file(
    parent: QWidget | None,
    title: str,
    suggested: str,
    *,
    filters: str = ALL_FILES,
    suffix: str = "",
    replacing: bool = True,
) -> Path | None:
    """Where the user chose to save, or None; ``suffix`` (".pdf") is added when missing.

    ``suggested`` is a file name, offered in :func:`start_folder`; a full path is
    offered as it is. ``replacing=False`` when an existing file is not overwritten (so
    the dialog does not ask whether to replace it).
    """
    offered = Path(suggested) if Path(suggested).is_absolute() else start_folder() / suggested
    options = QFileDialog.Option(0) if replacing else QFileDialog.Option.DontConfirmOverwrite
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(offered), filters, options=options
    )
    if chosen and suffix and not chosen.lower().endswith(suffix.lower()):
        chosen += suffix
    return _remembered(chosen)


def choose_folder(parent: QWidget | None, title: str, *, start: str = "") -> Path | None:
    """The folder the user chose, or None; the dialog opens at ``start`` if it is one."""
    opening = start if start and Path(start).expanduser().is_dir() else str(start_folder())
    chosen = QFileDialog.getExistingDirectory(parent, title, opening)
    if not chosen:
        return None
    QSettings().setValue(LAST_FOLDER_KEY, chosen)
    return Path(chosen)


def start_folder() -> Path:
    """Where file dialogs open: the folder last chosen in one, else Documents."""
    last = str(QSettings().value(LAST_FOLDER_KEY, "", type=str))
    if last and Path(last).is_dir():
        return Path(last)
    from platformdirs import user_documents_path

    return user_documents_path()


def _remembered(chosen: str) -> Path | None:
    if not chosen:
        return None
    path = Path(chosen)
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, detail: str) -> QMessageBox:
    box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box
