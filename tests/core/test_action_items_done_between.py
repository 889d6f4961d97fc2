"""Listing action items completed in a date range, with or without private sessions."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.db import Journal
from pmo_journal.core.models import Relationship
from pmo_journal.core.services.mentor_sessions import (
    list_action_items,
    log_mentor_session,
    set_action_item_done,
)
from pmo_journal.core.services.people import create_person


def test_done_between_and_private_sessions(journal: Journal) -> None:
    mentor = create_person(journal, data={"name": "Ana", "relationship": Relationship.MENTOR})
    done_on = {
        "early": dt.date(2026, 1, 31),
        "inside": dt.date(2026, 3, 1),
        "edge": dt.date(2026, 3, 31),
        "private": dt.date(2026, 3, 2),
    }
    for text, day in done_on.items():
        session = log_mentor_session(
            journal,
            data={
                "date": dt.date(2026, 1, 10),
                "mentor_id": mentor.id,
                "topics": text,
                "private": text == "private",
                "new_action_items": [{"text": text}],
            },
        )
        set_action_item_done(journal, session.action_items[0].id, done_on=day)

    def texts(**kwargs: object) -> set[str]:
        period = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        return {
            i.text
            for i in list_action_items(journal, open_only=False, done_between=period, **kwargs)
        }  # type: ignore[arg-type]

    assert texts() == {"inside", "edge", "private"}
    assert texts(include_private=False) == {"inside", "edge"}
