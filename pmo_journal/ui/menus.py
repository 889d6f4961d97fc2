"""The main window's menu bar: File, Edit, View and Help, and the shortcuts they carry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from pmo_journal.ui.journal_files import JournalFileActions
from pmo_journal.ui.sync.controller import SyncController

if TYPE_CHECKING:
    from pmo_journal.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """Fill ``window``'s menu bar; the actions it keeps are set on it as attributes."""
    _file_menu(window)
    _edit_menu(window)
    window.view_menu = window.menuBar().addMenu("&View")
    help_menu = window.menuBar().addMenu("&Help")
    welcome = QAction("&Welcome page", window)
    welcome.triggered.connect(window.show_welcome)
    help_menu.addAction(welcome)
    about = QAction("&About PMO Career Journal", window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)


def _file_menu(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu("&File")
    window.journal_files = JournalFileActions(
        window, current=window.context.journal.path, open_path=window.open_journal_requested.emit
    )
    window.journal_files.add_to(file_menu)
    file_menu.addSeparator()
    # One New entry submenu; Ctrl+N opens the same menu where the user is looking.
    window.kind_menu = window.new_entry_menu()
    file_menu.addMenu(window.kind_menu)
    window.choose_kind_action = QAction("New entry (choose the kind)", window)
    window.choose_kind_action.setShortcut(QKeySequence.StandardKey.New)
    window.choose_kind_action.triggered.connect(window.choose_kind)
    window.addAction(window.choose_kind_action)
    window.new_person_action = QAction("New &person…", window)
    window.new_person_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    window.new_person_action.triggered.connect(window.new_person)
    file_menu.addAction(window.new_person_action)
    file_menu.addSeparator()
    window.report_action = QAction("Progress &report…", window)
    window.report_action.setShortcut(QKeySequence.StandardKey.Print)
    window.report_action.triggered.connect(window.open_report)
    window.prep_sheet_action = QAction("Mentor prep &sheet…", window)
    window.prep_sheet_action.triggered.connect(lambda: window.open_prep_sheet(None))
    file_menu.addActions([window.report_action, window.prep_sheet_action])
    file_menu.addSeparator()
    window.sync = SyncController(window, window.context)
    file_menu.addAction(window.sync.action)
    file_menu.addSeparator()
    window.file_menu = file_menu
    quit_action = QAction("&Quit", window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)


def _edit_menu(window: MainWindow) -> None:
    edit_menu = window.menuBar().addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    window.edit_action = QAction("&Edit selected…", window)
    window.edit_action.triggered.connect(lambda: window.call_screen("edit_selected"))
    window.delete_action = QAction("&Delete", window)
    window.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
    window.delete_action.triggered.connect(lambda: window.call_screen("delete_selected"))
    edit_menu.addActions([window.edit_action, window.delete_action])
    edit_menu.addSeparator()
    window.find_action = QAction("&Find in the journal", window)
    window.find_action.setShortcut(QKeySequence.StandardKey.Find)
    window.find_action.triggered.connect(window.find_in_journal)
    edit_menu.addAction(window.find_action)
