"""What every editor shares: labelled fields, live validation by the core, Save and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
from PySide6.QtCore import QSize, Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core.changes import Outcome
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError, problems_of
from pmo_journal.ui import prompts
from pmo_journal.ui.appearance import is_dark
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.editors.fields import OptionalDateEdit
from pmo_journal.ui.evidence_files import EvidenceFilesPanel
from pmo_journal.ui.formats import PRIVATE_MEANS
from pmo_journal.ui.keys import save_with_keys

#: Every entry editor opens at this size, or smaller to fit the screen it opens on.
EDITOR_SIZE = QSize(940, 640)
#: Room left around an editor on a small screen (title bar, panel, a margin).
SCREEN_MARGIN = QSize(24, 64)

WidgetT = TypeVar("WidgetT", bound=QWidget)
ReadT = TypeVar("ReadT")


def details_form() -> QFormLayout:
    """The form of an editor's short fields."""
    form = QFormLayout()
    form.setVerticalSpacing(8)
    return form


def writing_column() -> QVBoxLayout:
    """The column of an editor's long writing fields."""
    column = QVBoxLayout()
    column.setSpacing(4)
    return column


def plain(label: str) -> str:
    """A label without its mnemonic ampersand, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


class SavingDialog(QDialog):
    """A dialog whose Save hands its data to the core: refusals stay shown, success closes it."""

    context: JournalContext
    saved: Any
    _dirty: bool
    save_button: QAbstractButton

    def revalidate(self) -> bool:
        """Show the core's problems with the current data; True when there are none."""
        raise NotImplementedError

    def show_problems(self, problems: dict[str, str]) -> bool:
        raise NotImplementedError

    def save_entry(self) -> Outcome[Any]:
        """Save the dialog's data through a use case: the read model and what changed."""
        raise NotImplementedError

    def change_text(self) -> str:
        """What Edit ▸ Undo calls the save ("New mentor session", "Edit goal")."""
        raise NotImplementedError

    def accept(self) -> None:
        if not self.revalidate():
            return
        try:
            saved = self.context.do(self.change_text(), self.save_entry)
            files: EvidenceFilesPanel | None = getattr(self, "files", None)
            if files is not None:
                files.attach_pending(saved.id)
        except EntryInvalid as exc:
            self.show_problems(exc.problems)
            return
        except JournalError as exc:
            self.show_problems({"": str(exc)})
            # A write the disk refused (full, busy) may work when tried again: Save stays.
            self.save_button.setEnabled(True)
            return
        self.saved = saved
        self._dirty = False
        super().accept()


class EntryDialog(SavingDialog):
    """An editor: subclasses lay out fields, say what data they hold and how to save it.

    Validation is the core's: :func:`problems_of` runs on every change, its sentences
    appear under the fields they concern, and Save stays disabled until there are none.
    """

    #: The model the core validates the editor's data against.
    model: type[pydantic.BaseModel]
    noun = "entry"
    #: The saved entry being edited; None while it is a new one.
    entry_id: int | None = None

    def __init__(self, context: JournalContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.journal = context.journal
        self.saved: Any = None
        self._dirty = False
        self._loading = True
        self._messages: dict[str, QLabel] = {}
        self._described: dict[str, QWidget] = {}

        self.entry_message = self._message_label()
        self.draft_message = self._message_label()
        self.draft_message.setParent(self)  # never a window of its own, laid out or not
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save_with_keys(self, self.save_button)
        self.setSizeGripEnabled(True)

    # ------------------------------------------------------------------ building
    def open_entry(
        self,
        entry_id: int | None,
        *,
        create: type[pydantic.BaseModel],
        update: type[pydantic.BaseModel],
        get: Callable[[Journal, int], ReadT],
        title: str,
    ) -> ReadT | None:
        """Say which entry this editor edits (None: a new one) and return it as saved."""
        self.entry_id = entry_id
        self.model = update if entry_id else create
        existing = get(self.journal, entry_id) if entry_id else None
        self.setWindowTitle(f"Edit {title}" if existing else f"New {title}")
        return existing

    def _message_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        color = "#ff8a80" if is_dark() else "#b3261e"
        label.setStyleSheet(f"color: {color};")
        label.setVisible(False)
        return label

    def finish_layout(self, body: QWidget | QLayout) -> None:
        """Put the fields, the whole-entry message and the buttons into the dialog.

        The fields scroll, the buttons never do: a panel that appears (the items still open
        with a mentor) makes the fields scroll instead of the dialog growing past the
        screen, and Save stays in reach at 1024×640."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        if isinstance(body, QLayout):
            holder = QWidget()
            holder.setLayout(body)
            body = holder
        body.setObjectName("editorFields")
        self.fields_area = QScrollArea()
        self.fields_area.setObjectName("editorFieldsArea")
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        # Never a Tab stop of its own: Tab goes from field to field, as without it.
        self.fields_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fields_area.setAccessibleName("Fields")
        self.fields_area.setWidget(body)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.entry_message)
        layout.addWidget(self.draft_message)
        layout.addWidget(self.buttons)
        self.fit_to_screen()

    def fit_to_screen(self, preferred: QSize = EDITOR_SIZE) -> None:
        """The one editor size: ``preferred``, or what the screen has room for."""
        screen = (self.parentWidget() or self).screen()
        room = screen.availableGeometry().size() - SCREEN_MARGIN
        self.resize(preferred.boundedTo(room))

    def finish_columns(
        self,
        details: QFormLayout,
        writing: QVBoxLayout,
        *,
        stretch: tuple[int, int] = (2, 3),
    ) -> None:
        """Lay out the details (over Starred and Private) beside the writing fields."""
        left = QVBoxLayout()
        left.addLayout(details)
        left.addStretch(1)
        left.addWidget(self.flags_row(starred=False, private=False))
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, stretch[0])
        body.addLayout(writing, stretch[1])
        self.finish_layout(body)

    def files_field(self, entry_kind: str, *, column: QVBoxLayout) -> EvidenceFilesPanel:
        """The entry's evidence files, under its writing."""
        self.files = EvidenceFilesPanel(self.context, entry_kind)
        self.files.set_entry(self.entry_id)
        title = QLabel("Evidence files")
        title.setBuddy(self.files.list)
        column.addWidget(title)
        column.addWidget(self.files)
        return self.files

    def field(self, name: str, label: str, widget: WidgetT, *, form: QFormLayout) -> WidgetT:
        """Add a labelled field to ``form``, with room for its problem underneath."""
        title = QLabel(label)
        title.setBuddy(widget)
        message = self._message_label()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(widget)
        column.addWidget(message)
        form.addRow(title, holder)
        self._register(name, plain(label), widget, message)
        return widget

    def text_field(self, name: str, label: str, widget: QWidget, *, column: QVBoxLayout) -> None:
        """A field whose label sits above it (for the long writing fields)."""
        title = QLabel(label)
        title.setBuddy(widget)
        message = self._message_label()
        column.addWidget(title)
        column.addWidget(widget, 1)
        column.addWidget(message)
        self._register(name, plain(label), widget, message)

    def _register(self, name: str, accessible: str, widget: QWidget, message: QLabel) -> None:
        if isinstance(widget, OptionalDateEdit):
            widget.set_accessible_name(accessible)
        else:
            widget.setAccessibleName(accessible)
        self._messages[name] = message
        self._described[name] = widget
        self.watch(widget)

    def watch(self, widget: QWidget) -> None:
        """Revalidate whenever ``widget`` changes."""
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._changed)
            widget.editTextChanged.connect(self._changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self._changed)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(self._changed)
            widget.valueChanged.connect(self._changed)  # type: ignore[attr-defined]
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self._changed)
        elif isinstance(getattr(widget, "changed", None), SignalInstance):
            # Composite fields (dates that may be empty, skills, ratings) say when they change.
            widget.changed.connect(self._changed)  # type: ignore[attr-defined]

    def flags_row(self, *, starred: bool, private: bool) -> QWidget:
        """The Starred and Private check boxes every entry has."""
        self.starred_box = QCheckBox("&Starred (a highlight for my review)")
        self.private_box = QCheckBox("Pri&vate")
        self.private_box.setToolTip(PRIVATE_MEANS)
        self.starred_box.setChecked(starred)
        self.private_box.setChecked(private)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        for box in (self.starred_box, self.private_box):
            box.setAccessibleName(plain(box.text()))
            self.watch(box)
            layout.addWidget(box)
        layout.addStretch(1)
        return row

    def set_flags(self, *, starred: bool, private: bool) -> None:
        self.starred_box.setChecked(starred)
        self.private_box.setChecked(private)

    def flags(self) -> dict[str, bool]:
        return {"starred": self.starred_box.isChecked(), "private": self.private_box.isChecked()}

    def loaded(self) -> None:
        """Call once the fields hold their first values: from here on, edits count."""
        self._flags_last_in_tab_order()
        self._loading = False
        self._dirty = False
        self.revalidate()

    def _flags_last_in_tab_order(self) -> None:
        """Starred and Private come last before Save, not between the details and the
        writing: text typed after one Tab too many must never land on a check box (a space
        would star the entry) instead of in the first writing field."""
        if not hasattr(self, "starred_box"):
            return
        # Everything from the check boxes on to the first dialog button (wrapping round).
        before_buttons: list[QWidget] = []
        widget = self.private_box.nextInFocusChain()
        while (
            widget is not None
            and not self.buttons.isAncestorOf(widget)
            and widget is not self.starred_box
        ):
            before_buttons.append(widget)
            widget = widget.nextInFocusChain()
        tabbable = [
            w
            for w in before_buttons
            if self.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if tabbable:
            QWidget.setTabOrder(tabbable[-1], self.starred_box)
            QWidget.setTabOrder(self.starred_box, self.private_box)

    # ------------------------------------------------------------------ validation
    def data(self) -> dict[str, Any]:
        """The editor's content, as the core's model expects it."""
        raise NotImplementedError

    def has_changes(self) -> bool:
        return self._dirty

    def draft_payload(self) -> dict[str, Any]:
        """What an autosaved draft of this editor holds (by default, its data)."""
        return self.data()

    def restored(self) -> None:
        """Call after filling the fields from a draft: the content counts as unsaved."""
        self._dirty = True
        self.revalidate()

    @Slot()
    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self.revalidate()

    def problems(self) -> dict[str, str]:
        return problems_of(self.model, self.data())

    def revalidate(self) -> bool:
        return self.show_problems(self.problems())

    def show_problems(self, problems: dict[str, str]) -> bool:
        """Show each problem under its field (the rest under the form); True when none.

        A new, untouched editor keeps quiet: Save is disabled, but nothing is shown in red
        until the user has typed something.
        """
        self.save_button.setEnabled(not problems)
        self.save_button.setToolTip("\n".join(problems.values()))
        if self._quiet():
            problems = {}
        leftover = []
        for name, label in self._messages.items():
            text = problems.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            self._described[name].setAccessibleDescription(text)
        for name, text in problems.items():
            if name not in self._messages:
                leftover.append(text)
        self.entry_message.setText("\n".join(leftover))
        self.entry_message.setVisible(bool(leftover))
        return self.save_button.isEnabled()

    @Slot(str)
    def show_draft_problem(self, text: str) -> None:
        """Say that autosave failed (the core's sentence), or nothing once it works again."""
        self.draft_message.setText(text)
        self.draft_message.setVisible(bool(text))

    def _quiet(self) -> bool:
        return self.is_new() and not self._dirty

    def change_text(self) -> str:
        return f"{'New' if self.is_new() else 'Edit'} {self.noun}"

    def is_new(self) -> bool:
        """True for an editor of an entry that is not saved yet."""
        return self.entry_id is None

    def message_for(self, name: str) -> str:
        """The problem shown for a field ("" for the whole entry), or ""."""
        label = self._messages.get(name, self.entry_message) if name else self.entry_message
        return label.text()

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self._dirty and not prompts.ask(
            self,
            f"Discard the changes to this {self.noun}?",
            detail="Your changes will be lost.",
            yes="Discard",
            no="Cancel",
            destructive=True,
        ):
            return
        self._dirty = False
        super().reject()
