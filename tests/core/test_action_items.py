"""Action items carried forward across sessions, closed and reopened, with their history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from pmo_journal.core import clock
from pmo_journal.core.models import ActionItemCarry, EntryKind
from pmo_journal.core.services.action_items import (
    CarryChoices,
    action_item_history,
    apply_carry_choices,
    carry_forward_action_items,
    list_action_items,
    open_items_for_mentor,
    set_action_item_done,
)
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.timeline import delete_entry
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid

D = dt.date


def _log(journal: Journal, mentor_id: int, date: dt.date, *items: str) -> int:
    row = log_mentor_session(
        journal,
        data={
            "date": date,
            "mentor_id": mentor_id,
            "topics": "Next steps",
            "new_action_items": [{"text": text} for text in items],
        },
    )
    return row.id


@pytest.fixture
def mentors(journal: Journal) -> tuple[int, int]:
    ana = create_person(journal, data={"name": "Ana", "relationship": "mentor"})
    ben = create_person(journal, data={"name": "Ben", "relationship": "mentor"})
    return ana.id, ben.id


def _texts(items: list) -> list[str]:  # type: ignore[type-arg]
    return [item.text for item in items]


def test_items_carry_through_several_sessions_and_keep_their_history(
    journal: Journal, mentors: tuple[int, int]
) -> None:
    ana, ben = mentors
    first = _log(journal, ana, D(2025, 1, 10), "Draft the intake form", "Read the PMO charter")
    _log(journal, ben, D(2025, 1, 12), "Ben's item")
    # The next session with Ana sees only Ana's earlier, still open items.
    open_now = open_items_for_mentor(journal, ana, before=D(2025, 2, 10))
    assert _texts(open_now) == ["Draft the intake form", "Read the PMO charter"]
    assert all(item.session_id == first for item in open_now)
    assert open_items_for_mentor(journal, ana, before=D(2025, 1, 10)) == []

    second = _log(journal, ana, D(2025, 2, 10), "Book a slot with the PMO lead")
    draft, charter = open_now
    apply_carry_choices(
        journal, second, choices=CarryChoices(carried=[draft.id], closed=[charter.id])
    )
    third = _log(journal, ana, D(2025, 3, 10))
    assert _texts(open_items_for_mentor(journal, ana, before=D(2025, 3, 10))) == [
        "Draft the intake form",
        "Book a slot with the PMO lead",
    ]
    (carried,) = carry_forward_action_items(journal, third, [draft.id, draft.id])
    assert carried.carried_into == [D(2025, 2, 10), D(2025, 3, 10)]
    # Carrying again into the same session records it once.
    carry_forward_action_items(journal, third, [draft.id])
    with journal.session() as session:
        assert len(session.exec(select(ActionItemCarry)).all()) == 2

    # The charter was closed on the date of the session where it was discussed.
    (closed,) = [i for i in list_action_items(journal, open_only=False) if i.id == charter.id]
    assert closed.done_date == D(2025, 2, 10)

    set_action_item_done(journal, draft.id, done_on=D(2025, 3, 20))
    set_action_item_done(journal, draft.id, done_on=None)
    reopened = set_action_item_done(journal, draft.id, done_on=D(2025, 3, 25))
    assert reopened.carried_into == [D(2025, 2, 10), D(2025, 3, 10)]
    history = action_item_history(journal, draft.id)
    assert [(e.date, e.what) for e in history] == [
        (D(2025, 1, 10), "Agreed in session"),
        (D(2025, 2, 10), "Carried forward"),
        (D(2025, 3, 10), "Carried forward"),
        (D(2025, 3, 25), "Done"),
    ]
    # Reopening puts it back on the list for the next session with Ana.
    set_action_item_done(journal, charter.id, done_on=None)
    assert "Read the PMO charter" in _texts(
        open_items_for_mentor(journal, ana, before=D(2025, 4, 1))
    )


def test_bad_choices_write_nothing(journal: Journal, mentors: tuple[int, int]) -> None:
    ana, ben = mentors
    _log(journal, ana, D(2025, 1, 10), "One", "Two")
    one, two = open_items_for_mentor(journal, ana)
    with_ben = _log(journal, ben, D(2025, 2, 1))
    with pytest.raises(EntryInvalid, match="another mentor"):
        apply_carry_choices(journal, with_ben, choices=CarryChoices(carried=[one.id]))
    later = _log(journal, ana, D(2025, 2, 10))
    with pytest.raises(EntryInvalid, match="both carried forward and done"):
        apply_carry_choices(
            journal, later, choices=CarryChoices(carried=[one.id, two.id], closed=[two.id])
        )
    earlier = _log(journal, ana, D(2025, 1, 5))
    with pytest.raises(EntryInvalid, match="later session"):
        apply_carry_choices(
            journal, earlier, choices=CarryChoices(carried=[two.id], closed=[one.id])
        )
    # Nothing was half-applied.
    assert all(
        i.done_date is None and not i.carried_into for i in open_items_for_mentor(journal, ana)
    )
    set_action_item_done(journal, one.id, done_on=D(2025, 1, 20))
    with pytest.raises(EntryInvalid, match="already done"):
        carry_forward_action_items(journal, later, [one.id])


def test_completion_dates_are_checked(journal: Journal, mentors: tuple[int, int]) -> None:
    ana, _ = mentors
    _log(journal, ana, D(2025, 1, 10), "One")
    (one,) = open_items_for_mentor(journal, ana)
    with pytest.raises(EntryInvalid, match="before the session"):
        set_action_item_done(journal, one.id, done_on=D(2025, 1, 9))
    with pytest.raises(EntryInvalid, match="future"):
        set_action_item_done(journal, one.id, done_on=clock.today() + dt.timedelta(days=2))
    assert open_items_for_mentor(journal, ana)[0].done_date is None


def test_items_of_deleted_sessions_and_the_edited_session_are_left_out(
    journal: Journal, mentors: tuple[int, int]
) -> None:
    ana, _ = mentors
    gone = _log(journal, ana, D(2025, 1, 10), "From a deleted session")
    editing = _log(journal, ana, D(2025, 2, 10), "Its own item")
    delete_entry(journal, EntryKind.MENTOR_SESSION, gone)
    assert (
        open_items_for_mentor(journal, ana, before=D(2025, 3, 1), exclude_session_id=editing) == []
    )


def test_an_item_is_never_done_in_the_future(journal: Journal, mentors: tuple[int, int]) -> None:
    ana, _ben = mentors
    session_id = _log(journal, ana, D(2025, 1, 10), "Draft the intake form")
    (item,) = list_action_items(journal, mentor_id=ana)
    tomorrow = clock.today() + dt.timedelta(days=1)
    with pytest.raises(EntryInvalid, match="in the future"):
        set_action_item_done(journal, item.id, done_on=tomorrow)
    assert list_action_items(journal, mentor_id=ana)[0].session_id == session_id
    assert list_action_items(journal, mentor_id=ana)[0].done_date is None
