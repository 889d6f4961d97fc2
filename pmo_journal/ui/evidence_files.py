"""The evidence files of one entry or PDU claim: attach, open with the system viewer, save, remove.

On a saved entry (the detail pane, an editor of a saved entry) every action applies at
once. In the editor of a new entry, files chosen wait until the entry is saved.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Changes
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import attachments
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext

ID_ROLE = Qt.ItemDataRole.UserRole


class EvidenceFilesPanel(QWidget):
    """A list of files with Attach, Open, Save a copy and Remove."""

    def __init__(
        self, context: JournalContext, entry_kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entry_kind = entry_kind
        self.entry_id: int | None = None
        self.pending: list[Path] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Evidence files")
        self.list.setMaximumHeight(110)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.attach_button = QPushButton("Attach files…")
        self.open_button = QPushButton("Open")
        self.save_button = QPushButton("Save a copy…")
        self.remove_button = QPushButton("Remove")
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(self._enable)
        # One row of buttons, or two on a narrow pane (see resizeEvent).
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self._buttons = buttons
        self._per_row = 0
        self._arrange_buttons(len(self._button_list()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._enable()

    def _button_list(self) -> list[QPushButton]:
        return [self.attach_button, self.open_button, self.save_button, self.remove_button]

    def _arrange_buttons(self, per_row: int) -> None:
        if per_row == self._per_row:
            return
        self._per_row = per_row
        grid = self._buttons
        for button in self._button_list():
            grid.removeWidget(button)
        for i, button in enumerate(self._button_list()):
            grid.addWidget(button, i // per_row, i % per_row)
        for column in range(len(self._button_list()) + 1):
            grid.setColumnStretch(column, 1 if column == per_row else 0)
        # The panel may be as narrow as two buttons side by side.
        widths = [b.sizeHint().width() for b in self._button_list()]
        spacing = max(0, grid.spacing())
        self.setMinimumWidth(max(widths[0] + widths[1], widths[2] + widths[3]) + spacing)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        spacing = max(0, self._buttons.spacing())
        one_row = sum(b.sizeHint().width() + spacing for b in self._button_list())
        self._arrange_buttons(4 if event.size().width() >= one_row else 2)

    # ------------------------------------------------------- the system viewer (tests patch it)
    @classmethod
    def open_url(cls, url: QUrl) -> bool:
        return QDesktopServices.openUrl(url)

    # ------------------------------------------------------------------ showing
    def set_entry(self, entry_id: int | None, *, entry_kind: str | None = None) -> None:
        """Show the files of this saved entry (None: a new entry, whose files wait)."""
        self.entry_kind = entry_kind or self.entry_kind
        self.entry_id = entry_id
        self.pending = []
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.entry_id is not None:
            for found in attachments.list_attachments(
                self.context.journal, self.entry_kind, self.entry_id
            ):
                item = QListWidgetItem(f"{found.name}  ({attachments.describe_size(found.size)})")
                item.setData(ID_ROLE, found.id)
                item.setToolTip(found.media_type)
                self.list.addItem(item)
        for path in self.pending:
            item = QListWidgetItem(f"{path.name}  (attached when you save)")
            item.setData(ID_ROLE, None)
            self.list.addItem(item)
        self._enable()

    def names(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def _enable(self, *_args: object) -> None:
        saved = self._selected_id() is not None
        self.open_button.setEnabled(saved)
        self.save_button.setEnabled(saved)
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def _tell(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _announce(self) -> None:
        if self.entry_id is None:
            return
        if self.entry_kind == attachments.PDU_CLAIM:
            self.context.announce(Changes(claims=True))
        else:
            self.context.announce(Changes.of_entries(EntryKind(self.entry_kind)))

    # ------------------------------------------------------------------ acting
    def attach(self) -> None:
        problems = []
        for path in prompts.choose_open_files(self, "Attach evidence files"):
            try:
                attachments.check_size(path.name, path.stat().st_size)
                if self.entry_id is None:
                    self.pending.append(path)
                else:
                    attachments.attach_file(
                        self.context.journal,
                        entry_kind=self.entry_kind,
                        entry_id=self.entry_id,
                        source=path,
                    )
            except (JournalError, OSError) as error:
                problems.append(str(error))
        self._tell("\n".join(problems))
        self.reload()
        self._announce()

    def attach_pending(self, entry_id: int) -> None:
        """Attach the files chosen for a new entry, now that it is saved as ``entry_id``."""
        waiting, self.pending = self.pending, []
        self.entry_id = entry_id
        for path in waiting:
            attachments.attach_file(
                self.context.journal, entry_kind=self.entry_kind, entry_id=entry_id, source=path
            )

    def open_selected(self) -> None:
        """Open a temporary copy of the file with the system's viewer for its type."""
        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        try:
            folder = Path(tempfile.mkdtemp(prefix="pmo-journal-"))
            copy = attachments.save_copy(self.context.journal, attachment_id, folder)
        except JournalError as error:
            self._tell(str(error))
            return
        if not self.open_url(QUrl.fromLocalFile(str(copy))):
            self._tell(f"No program on this computer opens {copy.name}; save a copy instead.")

    def save_selected(self) -> None:
        item = self.list.currentItem()
        attachment_id = self._selected_id()
        if item is None or attachment_id is None:
            return
        name = item.text().split("  (")[0]
        target = prompts.choose_save_file(self, "Save a copy", name)
        if target is None:
            return
        try:
            attachments.save_copy(self.context.journal, attachment_id, target)
            self._tell(f"Saved {target.name}.")
        except JournalError as error:
            self._tell(str(error))

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        item = self.list.currentItem()
        if item is None:
            return
        attachment_id = item.data(ID_ROLE)
        if attachment_id is None:
            del self.pending[row - (self.list.count() - len(self.pending))]
        else:
            name = item.text().split("  (")[0]
            if not prompts.ask(self, f"Remove {name} from here?", yes="Remove", destructive=True):
                return
            attachments.remove_attachment(self.context.journal, attachment_id)
            self._announce()
        self.reload()
