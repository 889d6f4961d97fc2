"""Notes: saved and read back, on the timeline and in search, in readiness, reports and exports."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.exchange.readable import markdown_text
from pmo_journal.core.models import EntryKind, NoteRead, Person
from pmo_journal.core.progress import evidence_per_month
from pmo_journal.core.services import notes, people, skills, timeline
from pmo_journal.core.services.readiness import readiness_checklist
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError
from pmo_journal.report.gather import build_report_document
from pmo_journal.report.options import ReportOptions


def _note(journal: Journal, **fields: object) -> NoteRead:
    data: dict[str, object] = {"date": dt.date(2026, 3, 4), "title": "A talk", **fields}
    return notes.log_note(journal, data=data)


def test_a_note_is_saved_with_its_people_and_skills(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin", "relationship": "pmo_leader"})
    skill = skills.list_skills(journal)[1]
    saved = _note(journal, time=dt.time(9, 5, 7), person_ids=[lin.id], skill_ids=[skill.id])
    again = notes.get_note(journal, saved.id)
    assert (again.time, again.person_names, again.skill_names) == (
        dt.time(9, 5, 7),
        ["Lin"],
        [skill.name],
    )
    changed = notes.update_note(
        journal, saved.id, data={"date": dt.date(2026, 3, 5), "title": "Renamed"}
    )
    assert (changed.title, changed.person_ids, changed.skill_ids) == ("Renamed", [], [])


def test_a_note_needs_a_title_and_real_people(journal: Journal) -> None:
    with pytest.raises(EntryInvalid) as refused:
        notes.log_note(journal, data={"date": dt.date(2026, 3, 4), "title": "  "})
    assert refused.value.problems == {"title": "Title is required."}
    with pytest.raises(EntryInvalid, match="no person with id 99"):
        _note(journal, person_ids=[99])


def test_notes_are_on_the_timeline_filtered_and_searched(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin Okafor", "relationship": "pmo_leader"})
    skill = skills.list_skills(journal)[0]
    saved = _note(journal, text="The intake funnel", person_ids=[lin.id], skill_ids=[skill.id])
    _note(journal, title="Unrelated", starred=True)
    only_notes = TimelineFilter(kinds=frozenset([EntryKind.NOTE]))
    assert timeline.count_timeline(journal, only_notes) == 2
    for flt in (
        TimelineFilter(text="funnel"),
        TimelineFilter(text="okafor"),
        TimelineFilter(person_id=lin.id),
        TimelineFilter(skill_id=skill.id),
    ):
        assert [(e.kind, e.id) for e in timeline.list_timeline(journal, flt)] == [
            (EntryKind.NOTE, saved.id)
        ]
    people.update_person(journal, lin.id, data={"name": "Lin Adeyemi", "relationship": "peer"})
    assert timeline.count_timeline(journal, TimelineFilter(text="adeyemi")) == 1
    timeline.delete_entry(journal, EntryKind.NOTE, saved.id)
    assert timeline.count_timeline(journal, TimelineFilter(text="funnel")) == 0
    timeline.restore_entry(journal, EntryKind.NOTE, saved.id)
    assert timeline.count_timeline(journal, TimelineFilter(text="funnel")) == 1


def test_a_person_named_in_a_note_is_not_deleted_from_under_it(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin", "relationship": "pmo_leader"})
    _note(journal, person_ids=[lin.id])
    assert people.get_person(journal, lin.id).entry_count == 1
    with pytest.raises(JournalError):
        people.delete_person(journal, lin.id)


def test_a_removed_persons_notes_move_to_whom_they_are_reassigned(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin Okafor", "relationship": "peer"})
    dee = people.create_person(journal, data={"name": "Dee Mensah", "relationship": "peer"})
    alone = _note(journal, person_ids=[lin.id])
    both = _note(journal, title="Both", person_ids=[lin.id, dee.id])
    people.remove_person(journal, person_id=lin.id, reassign_to=dee.id)
    assert notes.get_note(journal, alone.id).person_names == ["Dee Mensah"]
    assert notes.get_note(journal, both.id).person_names == ["Dee Mensah"]
    assert people.get_person(journal, dee.id).entry_count == 2
    assert timeline.count_timeline(journal, TimelineFilter(text="okafor")) == 0
    assert timeline.count_timeline(journal, TimelineFilter(text="mensah")) == 2


def test_a_note_with_a_pmo_leader_counts_as_talking_with_them(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin", "relationship": "pmo_leader"})
    before = readiness_checklist(journal, today=dt.date(2026, 6, 1))
    assert not next(i for i in before.items if i.key == "talked_with_pmo_leader").checked
    saved = _note(journal, person_ids=[lin.id])
    after = readiness_checklist(journal, today=dt.date(2026, 6, 1))
    item = next(i for i in after.items if i.key == "talked_with_pmo_leader")
    assert item.checked and [(p.kind, p.id) for p in item.proofs] == [("note", saved.id)]


def test_a_starred_note_is_a_highlight_and_evidence_of_its_skill(journal: Journal) -> None:
    skill = skills.list_skills(journal)[1]
    _note(
        journal,
        title="Pitched the intake idea",
        text="Value first",
        skill_ids=[skill.id],
        starred=True,
    )
    _note(journal, title="Private musing", starred=True, private=True)
    options = ReportOptions(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    groups = build_report_document(journal, options).highlights
    assert [(g.skill, [h.title for h in g.highlights]) for g in groups] == [
        (skill.name, ["Pitched the intake idea"])
    ]
    [highlight] = groups[0].highlights
    assert (highlight.kind, [(e.label, e.text) for e in highlight.evidence]) == (
        "Note",
        [("Note", "Value first")],
    )
    # The dashboard's and the report's evidence count for the skill holds the note.
    counted = evidence_per_month(journal, include_private=False)
    assert [(e.skill_id, e.month, e.count) for e in counted] == [(skill.id, dt.date(2026, 3, 1), 1)]


def test_exports_hold_notes_but_not_private_ones(journal: Journal) -> None:
    quiet = people.create_person(journal, data={"name": "Quiet", "relationship": "peer"})
    with journal.session() as session:
        row = session.get(Person, quiet.id)
        assert row is not None
        row.private = True
        session.add(row)
    _note(journal, title="Shared note", text="Body text")
    _note(journal, title="Private note", private=True)
    _note(journal, title="About a private person", person_ids=[quiet.id])
    document = build_document(journal)
    assert [n["title"] for n in document["notes"]] == ["Shared note"]
    text = markdown_text(document)
    assert "Note: Shared note" in text and "Body text" in text and "Private" not in text
    everything = build_document(journal, include_private=True)
    assert len(everything["notes"]) == 3
