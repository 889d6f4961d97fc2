"""The Conflicts view: values that lost to an edit on another laptop, and keeping one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.sync import ConflictView

Resolve = Callable[[ConflictView, str], None]


class ConflictsDialog(QDialog):
    """Lists every conflict; "Keep shown value" or "Use the other laptop's" settles one."""

    def __init__(
        self,
        load: Callable[[], list[ConflictView]],
        resolve: Resolve,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync conflicts")
        self.resize(720, 420)
        self._load = load
        self._resolve = resolve
        intro = QLabel(
            "These values were changed on two laptops at once. The newer one is in the "
            "journal; the other laptop's is kept here until you choose."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Conflicts")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.keep = QPushButton("&Keep the value in the journal")
        self.other = QPushButton("&Use the other laptop's")
        self.keep.clicked.connect(lambda: self._settle("kept"))
        self.other.clicked.connect(lambda: self._settle("other"))
        self.empty = QLabel("No conflicts: every laptop agrees.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addWidget(self.keep)
        row.addWidget(self.other)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.conflicts = self._load()
        self.list.clear()
        for view in self.conflicts:
            item = QListWidgetItem(view.describe())
            item.setToolTip(view.describe())
            self.list.addItem(item)
        self.list.setVisible(bool(self.conflicts))
        self.empty.setVisible(not self.conflicts)
        if self.conflicts:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self._current()
        self.keep.setEnabled(view is not None)
        self.other.setEnabled(view is not None)
        if view is not None and view.deleted_elsewhere:
            self.keep.setText("&Keep the entry")
            self.other.setText("&Delete it after all")
        else:
            self.keep.setText("&Keep the value in the journal")
            self.other.setText("&Use the other laptop's")

    def _current(self) -> ConflictView | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _settle(self, keep: str) -> None:
        view = self._current()
        if view is not None:
            self._resolve(view, keep)
            self.reload()
