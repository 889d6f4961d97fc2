"""Two people of one name: the core finds the namesake, says so, and labels them apart."""

from __future__ import annotations

from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal


def test_a_namesake_is_found_in_any_case_and_spacing_but_not_oneself(journal: Journal) -> None:
    sam = people.create_person(
        journal, data={"name": "Sam Lee", "role": "Analyst", "organisation": "Finance"}
    )
    assert people.namesake(journal, name="  sam   LEE ") == sam
    assert people.namesake(journal, name="Sam Lee", person_id=sam.id) is None
    assert people.namesake(journal, name="Sam Leeds") is None
    assert people.namesake(journal, name="   ") is None
    people.archive_person(journal, person_id=sam.id, archived=True)
    archived = people.namesake(journal, name="Sam Lee")
    assert archived is not None and archived.archived


def test_the_message_and_the_label_tell_them_apart(journal: Journal) -> None:
    sam = people.create_person(
        journal, data={"name": "Sam Lee", "role": "Analyst", "organisation": "Finance"}
    )
    bare = people.create_person(journal, data={"name": "Ana Ruiz"})
    assert people.person_label(sam) == "Sam Lee — Analyst, Finance"
    assert people.person_label(bare) == "Ana Ruiz"
    assert people.namesake_message(sam) == (
        "There is already someone called Sam Lee — Analyst, Finance in your journal. "
        "Open them instead, or save a second person with the same name?"
    )
