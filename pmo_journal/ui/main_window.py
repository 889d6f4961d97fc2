"""The main window: a navigation list of screens beside the current one, and the menus."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from pmo_journal.ui.context import JournalContext

KEY_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """Screens plug in with :meth:`add_screen`; :meth:`show_screen` brings one forward."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.undo_stack = QUndoStack(self)
        self._keys: list[str] = []
        self._view_actions: dict[str, QAction] = {}
        self._restored_screen = str(QSettings().value("window/screen", "journal"))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Screens")
        self.navigation.setFixedWidth(180)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSpacing(2)
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.setStyleSheet(
            "QListWidget#navigation { padding: 10px 6px; background: palette(alternate-base); }"
            "QListWidget#navigation::item { padding: 7px 10px; border-radius: 5px; }"
        )

        self._build_menus()
        self._add_standard_screens()
        self.setWindowTitle(f"{context.journal.path.name} — PMO Career Journal")
        self._restore_geometry()

    # ------------------------------------------------------------------ screens
    def _add_standard_screens(self) -> None:
        """The screens every journal has, in navigation order."""

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
        if key in self._keys:
            raise ValueError(f"A screen called {key!r} is already there.")
        self._keys.append(key)
        self.stack.addWidget(widget)
        item = QListWidgetItem(icon or QIcon(), title)
        item.setData(KEY_ROLE, key)
        self.navigation.addItem(item)
        action = QAction(title, self)
        action.setCheckable(True)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, k=key: self.show_screen(k))
        self._view_menu.addAction(action)
        self._view_actions[key] = action
        if len(self._keys) == 1 or key == self._restored_screen:
            self.show_screen(key)

    def show_screen(self, key: str) -> None:
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
        self._update_edit_actions()

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self.edit_action = QAction("&Edit selected…", self)
        self.edit_action.triggered.connect(lambda: self._call_screen("edit_selected"))
        self.delete_action = QAction("&Delete", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(lambda: self._call_screen("delete_selected"))
        edit_menu.addActions([self.edit_action, self.delete_action])

        self._view_menu = bar.addMenu("&View")
        help_menu = bar.addMenu("&Help")
        about = QAction("&About PMO Career Journal", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _call_screen(self, method: str) -> None:
        handler = getattr(self.stack.currentWidget(), method, None)
        if callable(handler):
            handler()

    def _update_edit_actions(self) -> None:
        current = self.stack.currentWidget()
        self.edit_action.setEnabled(callable(getattr(current, "edit_selected", None)))
        self.delete_action.setEnabled(callable(getattr(current, "delete_selected", None)))

    # ------------------------------------------------------------------ help
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

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
