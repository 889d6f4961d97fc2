"""The keyboard conventions every editor and list shares: Ctrl+S and Ctrl+Enter save, Enter
in a line that collects items adds the item, Down leaves a search box for its results."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QWidget

#: What saves an editor, wherever the focus is inside it.
SAVE_KEYS = ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter")
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def save_with_keys(dialog: QDialog, save_button: QAbstractButton) -> None:
    """Ctrl+S, Ctrl+Return and Ctrl+Enter press ``save_button`` (when it is enabled); Esc
    already cancels every QDialog."""
    for keys in SAVE_KEYS:
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda b=save_button: b.isEnabled() and b.click())


class _KeyFilter(QObject):
    """Calls ``handle`` for the plain (unmodified) ``keys`` pressed in the watched widget."""

    def __init__(
        self, widget: QWidget, keys: tuple[Qt.Key, ...], handle: Callable[[], object]
    ) -> None:
        super().__init__(widget)
        self._keys = keys
        self._handle = handle
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in self._keys and plain == Qt.KeyboardModifier.NoModifier:
            self._handle()
            return True
        return False


def return_adds(line: QLineEdit, add: Callable[[], object]) -> None:
    """Enter in ``line`` calls ``add`` and goes no further: it never saves the dialog."""
    _KeyFilter(line, RETURN_KEYS, add)


def down_enters(search: QLineEdit, results: Callable[[], object]) -> None:
    """Down in a search box moves into its results (``results`` moves the focus)."""
    _KeyFilter(search, (Qt.Key.Key_Down,), results)
