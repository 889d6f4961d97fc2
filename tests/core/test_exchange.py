"""Export and import: lossless JSON, merging by uuid, privacy, CSV, Markdown, jrnl, Day One."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmo_journal.core import clock
from pmo_journal.core.exchange.foreign import import_foreign
from pmo_journal.core.exchange.json_export import build_document, export_json, exported_at_removed
from pmo_journal.core.exchange.json_import import ImportRefused, import_json_bytes
from pmo_journal.core.exchange.readable import export_csv, export_markdown
from pmo_journal.core.services import notes, people, reflections, skills
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table
from tests.journal_template import JournalTemplate


@pytest.fixture
def full(journal: Journal) -> Journal:
    fill_every_table(journal)
    return journal


@pytest.fixture
def empty(journal_template: JournalTemplate, tmp_path: Path) -> Iterator[Journal]:
    opened = journal_template.open(tmp_path / "other" / "empty.db")
    yield opened
    opened.close()


def _bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


def test_export_import_export_is_lossless(full: Journal, empty: Journal, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    counts = export_json(full, out, include_private=True)
    assert counts["people"] == 3 and counts["pdu_claims"] == 1
    first = json.loads(out.read_text(encoding="utf-8"))
    assert first["format"] == "pmo-career-journal" and first["version"] == 2
    assert len(first["attachments"]) == 4 and len(first["files"]) == 3

    summary = import_json_bytes(empty, out.read_bytes())
    assert summary.added["mentor_sessions"] == 3 and summary.added["attachments"] == 4

    export_json(empty, tmp_path / "again.json", include_private=True)
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert exported_at_removed(again) == exported_at_removed(first)


def test_a_version_1_export_still_imports(full: Journal, empty: Journal) -> None:
    document = build_document(full, include_private=True)
    for key in ("notes", "attachments", "files"):
        del document[key]
    document["version"] = 1
    summary = import_json_bytes(empty, _bytes(document))
    assert summary.added["mentor_sessions"] == 3 and summary.added["notes"] == 0


def test_a_damaged_file_in_an_export_refuses_the_import(
    full: Journal, empty: Journal, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    export_json(full, out, include_private=True)
    document = json.loads(out.read_text(encoding="utf-8"))
    document["files"][0]["data_base64"] = "AAAA" + document["files"][0]["data_base64"][4:]
    before = dump(empty.path)
    with pytest.raises(ImportRefused, match=r"files\[0\]: the bytes do not match"):
        import_json_bytes(empty, _bytes(document))
    assert dump(empty.path) == before


def test_every_table_reaches_the_export(full: Journal) -> None:
    document = build_document(full, include_private=True)
    session = next(s for s in document["mentor_sessions"] if s["starred"])
    assert len(session["skill_uuids"]) == 2
    item = document["action_items"][0]
    assert item["session_uuid"] == session["uuid"] and len(item["carries"]) == 1
    goal = document["career_goals"][0]
    assert {e["entry_kind"] for e in goal["evidence"]} == {"mentor_session", "skill_reflection"}
    assert document["milestones"][0]["goal_uuid"] == goal["uuid"]
    assert document["pdu_claims"][0]["source_kind"] == "helper_assignment"
    assert document["readiness_marks"][0]["key"] == "pmo-leader-met"
    assert [s["key"] for s in document["settings"]] == ["report.paper"]
    assert any(r["deleted_at"] for r in document["skill_reflections"])


def test_private_entries_are_left_out_unless_asked_for(full: Journal) -> None:
    public = json.dumps(build_document(full))
    assert "Private thoughts" not in public
    assert "Quiet Mentor" not in public and "Secret plans" not in public
    everything = json.dumps(build_document(full, include_private=True))
    assert "Private thoughts" in everything and "Secret plans" in everything


def test_importing_twice_adds_nothing_the_second_time(full: Journal, empty: Journal) -> None:
    data = _bytes(build_document(full, include_private=True))
    import_json_bytes(empty, data)
    before = dump(empty.path)
    summary = import_json_bytes(empty, data)
    assert sum(summary.added.values()) == 0 and sum(summary.updated.values()) == 0
    assert dump(empty.path) == before


def test_newer_copies_that_say_the_same_are_already_there(full: Journal, empty: Journal) -> None:
    """Into an empty journal, the seeded skills the file holds unchanged (a newer stamp, the
    same words) are already there, not updated; the same for any re-stamped row."""
    document = build_document(full, include_private=True)
    later = (clock.utcnow() + dt.timedelta(days=1)).isoformat()
    seeded = {s.name for s in skills.list_skills(empty, include_archived=True)}
    for skill in document["skills"]:
        skill["updated_at"] = later
    summary = import_json_bytes(empty, _bytes(document))
    # fill_every_table gives one seeded skill a target: that one says something new.
    targeted = [s for s in document["skills"] if s["name"] in seeded and s["target_level"]]
    assert len(targeted) == 1
    assert summary.updated["skills"] == 1
    assert summary.unchanged["skills"] == len(seeded) - 1
    for person in document["people"]:
        person["updated_at"] = later
    again = import_json_bytes(empty, _bytes(document))
    assert sum(again.updated.values()) == 0 and sum(again.added.values()) == 0


def test_import_merges_newer_copies_and_keeps_newer_local_ones(
    full: Journal, empty: Journal
) -> None:
    document = build_document(full, include_private=True)
    import_json_bytes(empty, _bytes(document))
    reflection = next(r for r in document["skill_reflections"] if not r["deleted_at"])
    later = clock.utcnow() + dt.timedelta(days=1)
    reflection.update(result="Revised elsewhere", updated_at=later.isoformat())
    older = document["people"][0]
    older.update(notes="Stale copy", updated_at="2001-01-01T00:00:00Z")
    summary = import_json_bytes(empty, _bytes(document))
    assert summary.updated["skill_reflections"] == 1
    texts = [r.result for r in reflections.list_skill_reflections(empty)]
    assert "Revised elsewhere" in texts
    assert "Stale copy" not in [p.notes for p in people.list_people(empty, include_archived=True)]


def test_a_skill_with_the_same_name_is_the_same_skill(full: Journal, empty: Journal) -> None:
    document = build_document(full, include_private=True)
    facilitation = next(s for s in document["skills"] if s["name"] == "Facilitation")
    skills.add_skill(empty, data={"name": "Facilitation"})
    import_json_bytes(empty, _bytes(document))
    names = [s.name for s in skills.list_skills(empty, include_archived=True)]
    assert names.count("Facilitation") == 1
    assert facilitation["uuid"] not in json.dumps(build_document(empty)["skills"])


def test_an_import_takes_a_backup_first(full: Journal, empty: Journal) -> None:
    import_json_bytes(empty, _bytes(build_document(full)))
    assert any("before-import" in p.name for p in backup.list_backup_files(empty.path))


def test_csv_files_open_cleanly_in_a_spreadsheet(full: Journal, tmp_path: Path) -> None:
    written = export_csv(full, tmp_path / "csv")
    assert sorted(p.name for p in written) == [
        "action_items.csv",
        "helper_assignments.csv",
        "mentor_sessions.csv",
        "notes.csv",
        "people.csv",
        "skill_reflections.csv",
    ]
    raw = (tmp_path / "csv" / "mentor_sessions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with (tmp_path / "csv" / "mentor_sessions.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2  # the private mentor's session is left out
    first = next(r for r in rows if r["Starred"])
    assert first["Topics"] == 'Intake funnel, "value" over scope\nline two'
    assert first["PMO decisions discussed"] == "'=SUM(A1) stays text"
    assert first["Mentor"] == "Ada Mentor" and "Facilitation" in first["Skills"]
    people_rows = (tmp_path / "csv" / "people.csv").read_text(encoding="utf-8-sig")
    assert "Zürich — 日本" in people_rows


def test_markdown_is_one_document_grouped_by_month(full: Journal, tmp_path: Path) -> None:
    text = export_markdown(full, tmp_path / "journal.md").read_text(encoding="utf-8")
    months = [line for line in text.splitlines() if line.startswith("## ")]
    assert months == ["## February 2026", "## March 2026", "## April 2026"]
    assert "### 2026-03-02 · Mentor session with Ada Mentor ★" in text
    assert "- [x] Draft the intake form" in text
    assert "Private thoughts" not in text and "January 2026" not in text  # bin left out


def test_jrnl_entries_map_onto_reflections_sessions_and_notes(journal: Journal) -> None:
    people.create_person(journal, data={"name": "Ada Lovelace", "relationship": "mentor"})
    export = {
        "tags": {},
        "entries": [
            {
                "date": "2026-03-01",
                "time": "09:30",
                "title": "Portfolio review.",
                "body": "Argued for value over scope. Rating: 4/5",
                "tags": ["@strategic-thinking"],
                "starred": True,
            },
            {
                "date": "2026-03-02",
                "time": "10:00",
                "title": "Coffee.",
                "body": "Stage gates.",
                "tags": ["@ada-lovelace"],
                "starred": False,
            },
            {
                "date": "2026-03-03",
                "time": "10:00",
                "title": "Groceries.",
                "body": "milk",
                "tags": [],
                "starred": False,
            },
        ],
    }
    summary = import_foreign(journal, export, app="jrnl")
    assert summary.added["skill_reflections"] == 1 and summary.added["mentor_sessions"] == 1
    assert summary.added["notes"] == 1 and not summary.not_imported
    assert summary.describe().endswith(
        "— 3 entries became 1 skill reflection, 1 mentor session, 1 note"
    )
    [note] = notes.list_notes(journal)
    assert (note.title, note.text, note.date, note.time) == (
        "Groceries.",
        "milk",
        dt.date(2026, 3, 3),
        dt.time(10, 0),
    )
    reflection = reflections.list_skill_reflections(journal)[0]
    assert (reflection.skill_name, reflection.rating, reflection.starred) == (
        "Strategic thinking",
        4,
        True,
    )
    again = import_foreign(journal, export, app="jrnl")
    assert sum(again.added.values()) == 0


def test_ordinary_jrnl_entries_become_notes_and_nothing_is_dropped(journal: Journal) -> None:
    export = {
        "tags": {"@intake": 1},
        "entries": [
            {
                "date": "2026-04-01",
                "time": "08:45",
                "title": "Asked the PMO lead about the intake funnel.",
                "body": "She wants @intake ideas by Friday.",
                "tags": ["@intake", "@strategic-thinking"],
                "starred": True,
            },
            {
                "date": "2026-04-02",
                "time": "16:10",
                "title": "Took minutes at the portfolio review.",
                "body": "",
                "tags": [],
                "starred": False,
            },
        ],
    }
    summary = import_foreign(journal, export, app="jrnl")
    assert summary.describe() == "2 added, 0 updated, 0 already there — 2 entries became 2 notes"
    later, first = notes.list_notes(journal)
    assert (first.title, first.time, first.starred, first.skill_names) == (
        "Asked the PMO lead about the intake funnel.",
        dt.time(8, 45),
        True,
        ["Strategic thinking"],
    )
    assert first.text == "She wants @intake ideas by Friday."
    assert (later.title, later.text, later.starred) == (
        "Took minutes at the portfolio review.",
        "",
        False,
    )


def test_day_one_tags_become_skills_people_or_stay_in_the_text(journal: Journal) -> None:
    lin = people.create_person(journal, data={"name": "Lin Okafor", "relationship": "pmo_leader"})
    long_title = "A very long first line " * 12
    export = {
        "entries": [
            {
                "uuid": "B1B2C3D4E5F60718293A4B5C6D7E8F90",
                "creationDate": "2026-02-03T08:00:00Z",
                "timeZone": "Europe/Berlin",
                "text": "# Training day\nNotes from the \\#agile course",
                "tags": ["Collaborative leadership", "Lin Okafor", "course notes"],
                "starred": True,
            },
            {"uuid": "", "creationDate": "2026-02-04T10:00:00Z", "text": long_title + "\nrest"},
        ]
    }
    import_foreign(journal, export, app="dayone")
    cut, training = notes.list_notes(journal)
    assert (training.title, training.date, training.time, training.starred) == (
        "Training day",
        dt.date(2026, 2, 3),
        dt.time(9, 0),
        True,
    )
    assert training.text == "Notes from the #agile course\n\nTags: #course notes"
    assert training.skill_names == ["Collaborative leadership"] and training.person_ids == [lin.id]
    assert cut.title.endswith("…") and len(cut.title) <= 200
    assert cut.text.startswith(long_title.strip()) and cut.text.endswith("rest")


def test_day_one_entries_keep_their_uuid(journal: Journal) -> None:
    export = {
        "metadata": {"version": "1.0"},
        "entries": [
            {
                "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
                "creationDate": "2026-02-03T08:00:00Z",
                "text": "Ran the \\#retro for the PMO\nself-rating 3/5",
                "tags": ["Collaborative leadership"],
                "starred": False,
            }
        ],
    }
    import_foreign(journal, export, app="dayone")
    document = build_document(journal)
    assert document["skill_reflections"][0]["uuid"] == "a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"
    assert document["skill_reflections"][0]["rating"] == 3


def test_a_bad_day_one_date_names_the_entry(journal: Journal) -> None:
    before = dump(journal.path)
    export = {"entries": [{"uuid": "", "creationDate": "2026-02-30T08:00:00Z", "text": "x"}]}
    with pytest.raises(ImportRefused, match=r"entries\[0\]\.creationDate"):
        import_foreign(journal, export, app="dayone")
    assert dump(journal.path) == before


def test_every_column_of_every_table_has_a_place_in_the_export() -> None:
    """A column added by a later migration must be added to the exchange format too."""
    from pmo_journal.core.exchange.tables import SPECS

    derived = {"id", "descriptors_json", "source_id"}
    for spec in SPECS:
        referenced = {column for column, _target in spec.refs.values()}
        missing = set(spec.columns) - derived - referenced - set(spec.record.model_fields)
        assert not missing, f"{spec.key} does not export {sorted(missing)}"
