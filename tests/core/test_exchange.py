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
from pmo_journal.core.services import people, reflections, skills
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
    assert first["format"] == "pmo-career-journal" and first["version"] == 1

    summary = import_json_bytes(empty, out.read_bytes())
    assert summary.added["mentor_sessions"] == 3

    again = build_document(empty, include_private=True)
    assert exported_at_removed(again) == exported_at_removed(first)


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


def test_jrnl_entries_map_onto_reflections_and_mentor_sessions(journal: Journal) -> None:
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
    assert len(summary.not_imported) == 1 and "entries[2]" in summary.not_imported[0]
    reflection = reflections.list_skill_reflections(journal)[0]
    assert (reflection.skill_name, reflection.rating, reflection.starred) == (
        "Strategic thinking",
        4,
        True,
    )
    again = import_foreign(journal, export, app="jrnl")
    assert sum(again.added.values()) == 0


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
