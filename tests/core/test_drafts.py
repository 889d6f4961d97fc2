"""Editor drafts survive in the journal until saved over, listed and discarded."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.services import drafts
from pmo_journal.core.storage.db import Journal


def test_a_draft_is_saved_updated_listed_and_discarded(journal: Journal) -> None:
    draft_id = drafts.save_draft(
        journal,
        kind="skill_reflection",
        entry_id=None,
        payload={"date": dt.date(2026, 3, 1), "situation": "Half a thought"},
    )
    assert (
        drafts.save_draft(
            journal,
            kind="skill_reflection",
            entry_id=None,
            payload={"date": dt.date(2026, 3, 1), "situation": "A whole thought"},
            draft_id=draft_id,
        )
        == draft_id
    )
    journal.close()

    with Journal.open(journal.path) as reopened:  # as after a crash
        [draft] = drafts.list_drafts(reopened)
        assert draft.kind == "skill_reflection" and draft.entry_id is None
        assert draft.payload == {"date": "2026-03-01", "situation": "A whole thought"}
        assert drafts.get_draft(reopened, draft_id).payload == draft.payload
        drafts.discard_draft(reopened, draft_id)
        drafts.discard_draft(reopened, draft_id)  # twice is harmless
        assert drafts.list_drafts(reopened) == []


def test_a_draft_over_a_vanished_one_is_stored_anew(journal: Journal) -> None:
    new_id = drafts.save_draft(
        journal, kind="mentor_session", entry_id=7, payload={"topics": "x"}, draft_id=999
    )
    assert [d.id for d in drafts.list_drafts(journal)] == [new_id]
