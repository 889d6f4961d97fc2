"""The panel a mentor-session editor shows: items still open from earlier sessions with that
mentor, each to close as done or carry forward into this session."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmo_journal.core import clock
from pmo_journal.core.models import ActionItemRead
from pmo_journal.core.services.action_items import (
    CarryChoices,
    open_items_for_mentor,
)
from pmo_journal.ui.career.look import muted_color, show_date, warning_color
from pmo_journal.ui.context import JournalContext

CARRY, DONE = 0, 1


class _ItemRow(QFrame):
    """One open item: its text and origin, and the Carry forward / Done choice."""

    def __init__(self, item: ActionItemRead, *, today: dt.date) -> None:
        super().__init__()
        self.item = item
        self.setObjectName("carryRow")
        self.text = QLabel(item.text)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        muted = muted_color(self).name()
        origin = f"from {show_date(item.session_date)}"
        if item.carried_into:
            count = len(item.carried_into)
            origin += f" · carried {count} time{'s' if count > 1 else ''}"
        if item.due_date is not None:
            late = item.due_date < today
            colour = warning_color(self.palette()).name() if late else muted
            origin += f" · <span style='color:{colour}'>due {show_date(item.due_date)}</span>"
        detail = QLabel(f"<span style='color:{muted}'>{origin}</span>")
        detail.setWordWrap(True)
        self.carry = QRadioButton("Carry forward")
        self.done = QRadioButton("Done")
        self.carry.setAccessibleName(f"Carry forward: {item.text}")
        self.done.setAccessibleName(f"Done: {item.text}")
        self.group = QButtonGroup(self)
        self.group.addButton(self.carry, CARRY)
        self.group.addButton(self.done, DONE)
        self.carry.setChecked(True)
        self.done.toggled.connect(self._strike)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.text)
        words.addWidget(detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(words, 1)
        choice = QVBoxLayout()
        choice.setSpacing(0)
        choice.addWidget(self.carry)
        choice.addWidget(self.done)
        layout.addLayout(choice)

    def _strike(self, done: bool) -> None:
        font = self.text.font()
        font.setStrikeOut(done)
        self.text.setFont(font)


class CarryForwardPanel(QFrame):
    """Lists what is still open with the chosen mentor; :meth:`choices` says what to do on Save.

    The editor calls :meth:`set_mentor` when the mentor or date changes and, after saving
    the session, :meth:`apply` with its id (or applies :meth:`choices` itself).
    """

    changed = Signal()

    def __init__(
        self,
        context: JournalContext,
        mentor_id: int | None = None,
        *,
        before: dt.date | None = None,
        exclude_session_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("carryForwardPanel")
        self.setAccessibleName("Open items from earlier sessions")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.hint = QLabel(
            "Carry an item forward to keep it open (its history notes this session), "
            "or mark it Done as of this session's date."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {muted_color(self).name()};")
        host = QWidget()
        self.rows_layout = QVBoxLayout(host)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(2)
        self.rows_layout.addStretch(1)
        # Every row, in full: the editor's fields scroll as one (no scroll area in another).
        self.rows_area = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.rows_area)
        layout.addWidget(self.empty)
        self.rows: list[_ItemRow] = []
        self.mentor_id: int | None = None
        self.set_mentor(mentor_id, before=before, exclude_session_id=exclude_session_id)

    def set_mentor(
        self,
        mentor_id: int | None,
        *,
        before: dt.date | None = None,
        exclude_session_id: int | None = None,
    ) -> None:
        """Show the items open with ``mentor_id`` from sessions before ``before`` (read
        again only when one of them changed: an editor asks on every keystroke and date)."""
        asked = (mentor_id, before, exclude_session_id)
        if asked == getattr(self, "_asked", None):
            return
        self._asked = asked
        kept = {row.item.id: row.group.checkedId() for row in self.rows}
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        self.mentor_id = mentor_id
        items = (
            open_items_for_mentor(
                self.context.journal,
                mentor_id,
                before=before,
                exclude_session_id=exclude_session_id,
            )
            if mentor_id
            else []
        )
        today = clock.today()
        for item in items:
            row = _ItemRow(item, today=today)
            if kept.get(item.id) == DONE:
                row.done.setChecked(True)
            row.group.idToggled.connect(lambda *_args: self.changed.emit())
            self.rows_layout.insertWidget(len(self.rows), row)
            self.rows.append(row)
        mentor = items[0].mentor_name if items else ""
        self.title.setText(
            f"Still open from earlier sessions with {html.escape(mentor)} ({len(items)})"
            if items
            else "Still open from earlier sessions"
        )
        self.empty.setText(
            "Nothing is open from earlier sessions with this mentor."
            if mentor_id
            else "Choose the mentor to see what is still open from earlier sessions."
        )
        self.empty.setVisible(not items)
        self.hint.setVisible(bool(items))
        self.rows_area.setVisible(bool(items))
        self.changed.emit()

    def items(self) -> list[ActionItemRead]:
        return [row.item for row in self.rows]

    def set_choice(self, item_id: int, *, done: bool) -> None:
        for row in self.rows:
            if row.item.id == item_id:
                (row.done if done else row.carry).setChecked(True)

    def choices(self) -> CarryChoices:
        return CarryChoices(
            carried=[r.item.id for r in self.rows if r.group.checkedId() == CARRY],
            closed=[r.item.id for r in self.rows if r.group.checkedId() == DONE],
        )
