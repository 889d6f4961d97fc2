"""Action items: read and listed, still open with a mentor, carried forward, done or reopened.

One rule for a done date: not before the session the item came from, nor in the future.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from pmo_journal.core import clock
from pmo_journal.core.models import (
    ActionItem,
    ActionItemCarry,
    ActionItemRead,
    MentorSession,
    utcnow,
)
from pmo_journal.core.services.rows import get_row, grouped, person_names, rows_in
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid


@dataclass(frozen=True)
class CarryChoices:
    """What the user decided, in a session editor, about items open from earlier sessions."""

    carried: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.carried or self.closed)


@dataclass(frozen=True)
class ItemEvent:
    """One line of an action item's history."""

    date: dt.date
    what: str
    session_id: int | None


def _session(session: Session, session_id: int) -> MentorSession:
    return get_row(session, MentorSession, session_id, noun="mentor session", deleted=False)


def _item(session: Session, item_id: int) -> ActionItem:
    return get_row(session, ActionItem, item_id, noun="action item")


def action_item_read(session: Session, item: ActionItem) -> ActionItemRead:
    return action_item_reads(session, [item])[0]


def action_item_reads(
    session: Session,
    items: Sequence[ActionItem],
    *,
    origins: Mapping[int, MentorSession] | None = None,
) -> list[ActionItemRead]:
    """``items`` as read, in their order, with a few queries for all of them: their
    sessions (unless in ``origins``, by id), the mentors' names, the carries."""
    known = dict(origins or {})
    missing = {item.session_id for item in items} - known.keys()
    known.update(
        (row.id, row)
        for row in rows_in(
            session,
            missing,
            lambda chunk: select(MentorSession).where(col(MentorSession.id).in_(chunk)),
        )
        if row.id is not None
    )
    mentors = person_names(session, {known[item.session_id].mentor_id for item in items})
    carried = grouped(
        rows_in(
            session,
            (item.id for item in items if item.id is not None),
            lambda chunk: (
                select(col(ActionItemCarry.action_item_id), col(ActionItemCarry.carried_on))
                .where(col(ActionItemCarry.action_item_id).in_(chunk))
                .order_by(col(ActionItemCarry.carried_on))
            ),
        )
    )
    reads = []
    for item in items:
        origin = known[item.session_id]
        assert item.id is not None
        reads.append(
            ActionItemRead(
                id=item.id,
                uuid=item.uuid,
                text=item.text,
                due_date=item.due_date,
                session_id=item.session_id,
                session_date=origin.date,
                mentor_id=origin.mentor_id,
                mentor_name=mentors.get(origin.mentor_id, ""),
                done_date=item.done_date,
                carried_into=carried.get(item.id, []),
            )
        )
    return reads


def _open_items_query(
    mentor_id: int, before: dt.date | None, exclude_session_id: int | None
) -> SelectOfScalar[ActionItem]:
    query = (
        select(ActionItem)
        .join(MentorSession, col(MentorSession.id) == col(ActionItem.session_id))
        .where(
            MentorSession.mentor_id == mentor_id,
            MentorSession.deleted_at == None,  # noqa: E711
            ActionItem.done_date == None,  # noqa: E711
        )
    )
    if before is not None:
        query = query.where(MentorSession.date < before)
    if exclude_session_id is not None:
        query = query.where(MentorSession.id != exclude_session_id)
    return query.order_by(col(MentorSession.date), col(ActionItem.id))


def open_items_for_mentor(
    journal: Journal,
    mentor_id: int,
    *,
    before: dt.date | None = None,
    exclude_session_id: int | None = None,
) -> list[ActionItemRead]:
    """Items still open from sessions with this mentor held before ``before``, oldest first.

    ``exclude_session_id`` leaves out the session being edited (its own items are not
    "earlier" ones).
    """
    with journal.session() as session:
        items = session.exec(_open_items_query(mentor_id, before, exclude_session_id)).all()
        return action_item_reads(session, items)


def _check_carry(session: Session, target: MentorSession, item: ActionItem) -> None:
    origin = _session(session, item.session_id)
    if origin.mentor_id != target.mentor_id:
        raise EntryInvalid({"carried": f"“{item.text}” came from a session with another mentor."})
    if origin.date > target.date or origin.id == target.id:
        raise EntryInvalid({"carried": f"“{item.text}” can only be carried into a later session."})
    if item.done_date is not None:
        raise EntryInvalid({"carried": f"“{item.text}” is already done; reopen it first."})


def _record_carry(session: Session, target: MentorSession, item: ActionItem) -> None:
    already = session.exec(
        select(ActionItemCarry).where(
            ActionItemCarry.action_item_id == item.id,
            ActionItemCarry.session_id == target.id,
        )
    ).first()
    if already is None:
        assert item.id is not None and target.id is not None
        session.add(
            ActionItemCarry(action_item_id=item.id, session_id=target.id, carried_on=target.date)
        )


def carry_forward_action_items(
    journal: Journal, session_id: int, item_ids: list[int]
) -> list[ActionItemRead]:
    """Record that open items from earlier sessions were carried into this one.

    Carrying twice into the same session records it once; a bad item writes nothing.
    """
    with journal.session() as session:
        target = _session(session, session_id)
        items = [_item(session, item_id) for item_id in dict.fromkeys(item_ids)]
        for item in items:
            _check_carry(session, target, item)
        for item in items:
            _record_carry(session, target, item)
        session.flush()
        return action_item_reads(session, items)


def apply_carry_choices(
    journal: Journal, session_id: int, *, choices: CarryChoices
) -> list[ActionItemRead]:
    """What a session editor does on Save: carry some items forward, close others on the
    session's date. All of it, or nothing."""
    with journal.session() as session:
        target = _session(session, session_id)
        carried = [_item(session, item_id) for item_id in dict.fromkeys(choices.carried)]
        closed = [_item(session, item_id) for item_id in dict.fromkeys(choices.closed)]
        both = {item.id for item in carried} & {item.id for item in closed}
        if both:
            raise EntryInvalid({"carried": "An item can't be both carried forward and done."})
        for item in carried + closed:
            _check_carry(session, target, item)
        for item in carried:
            _record_carry(session, target, item)
        for item in closed:
            item.done_date = target.date
            item.updated_at = utcnow()
            session.add(item)
        session.flush()
        return action_item_reads(session, carried + closed)


def _check_done_date(origin: MentorSession, done_on: dt.date) -> None:
    if done_on < origin.date:
        raise EntryInvalid(
            {"done_date": "An action item can't be done before the session it came from."}
        )
    if done_on > clock.today():
        raise EntryInvalid({"done_date": "An action item can't be done in the future."})


def set_action_item_done(
    journal: Journal, item_id: int, *, done_on: dt.date | None
) -> ActionItemRead:
    """Close an item on ``done_on`` (not before the session it came from, nor in the
    future), or reopen it with ``None``; the sessions it was carried into stay in its
    history."""
    with journal.session() as session:
        item = _item(session, item_id)
        if done_on is not None:
            _check_done_date(_session(session, item.session_id), done_on)
        item.done_date = done_on
        item.updated_at = utcnow()
        session.add(item)
        return action_item_read(session, item)


def action_item_history(journal: Journal, item_id: int) -> list[ItemEvent]:
    """Where the item came from, every session it was carried into, and when it was done."""
    with journal.session() as session:
        item = _item(session, item_id)
        origin = _session(session, item.session_id)
        events = [ItemEvent(origin.date, "Agreed in session", origin.id)]
        carries = session.exec(
            select(ActionItemCarry)
            .where(ActionItemCarry.action_item_id == item_id)
            .order_by(col(ActionItemCarry.carried_on), col(ActionItemCarry.id))
        ).all()
        events += [ItemEvent(c.carried_on, "Carried forward", c.session_id) for c in carries]
        if item.done_date is not None:
            events.append(ItemEvent(item.done_date, "Done", None))
        return events


def list_action_items(
    journal: Journal,
    *,
    open_only: bool = True,
    mentor_id: int | None = None,
    done_between: tuple[dt.date, dt.date] | None = None,
) -> list[ActionItemRead]:
    """Action items of live sessions; ``done_between`` keeps those completed in that range
    (inclusive). What may be printed is the disclosure rule's call."""
    with journal.session() as session:
        query = (
            select(ActionItem)
            .join(MentorSession, col(MentorSession.id) == col(ActionItem.session_id))
            .where(MentorSession.deleted_at == None)  # noqa: E711
        )
        if open_only:
            query = query.where(ActionItem.done_date == None)  # noqa: E711
        if mentor_id is not None:
            query = query.where(MentorSession.mentor_id == mentor_id)
        if done_between is not None:
            first, last = done_between
            query = query.where(col(ActionItem.done_date).between(first, last))
        query = query.order_by(
            col(ActionItem.due_date).is_(None), col(ActionItem.due_date), col(MentorSession.date)
        )
        return action_item_reads(session, session.exec(query).all())
