"""Imports an adversarial run got through: settings that delete backups, records the editors
would refuse, values Python can't hold, memory bombs, duplicate keys, and foreign quirks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pmo_journal import cli
from pmo_journal.core.exchange.foreign import import_foreign
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.exchange.json_import import (
    ImportRefused,
    import_json_bytes,
    read_json_bytes,
)
from pmo_journal.core.services import people, reflections
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table


@pytest.fixture
def full(journal: Journal) -> Journal:
    fill_every_table(journal)
    return journal


@pytest.fixture
def valid(full: Journal) -> dict[str, Any]:
    return build_document(full, include_private=True)


def _refused(journal: Journal, document: dict[str, Any] | bytes, *where: str) -> str:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    before = dump(journal.path)
    with pytest.raises(ImportRefused) as caught:
        import_json_bytes(journal, data)
    message = str(caught.value)
    for part in where:
        assert part in message, message
    assert "\n" not in message and ".." not in message
    assert dump(journal.path) == before
    return message


def _changed(document: dict[str, Any], key: str, /, **changes: object) -> dict[str, Any]:
    copy = json.loads(json.dumps(document))
    copy[key][0].update(changes)
    return copy


def test_settings_that_would_delete_backups_are_refused(
    full: Journal, valid: dict[str, Any]
) -> None:
    for value in ("0", "-1", "3", "lots", "１"):
        document = {**valid, "settings": [{"key": "backup.keep_daily", "value": value}]}
        _refused(full, document, "settings[0].value: backup.keep_daily")
    document = {**valid, "settings": [{"key": "backup.keep_yearly", "value": "5"}]}
    _refused(full, document, "backup.keep_yearly is not a setting")
    document = {**valid, "settings": [{"key": "backup.keep_daily", "value": "30"}]}
    import_json_bytes(full, json.dumps(document).encode())


def test_rotation_never_keeps_fewer_than_one_of_each(full: Journal) -> None:
    with full.session() as session:
        from pmo_journal.core.models import JournalSetting

        session.add(JournalSetting(key="backup.keep_daily", value="0"))
    connection = __import__("sqlite3").connect(full.path)
    try:
        assert backup.retention_policy(connection).daily == 7
    finally:
        connection.close()


def test_records_the_editors_refuse_are_refused(full: Journal, valid: dict[str, Any]) -> None:
    evidence = [{"entry_kind": "pdu_claim", "entry_uuid": valid["pdu_claims"][0]["uuid"]}]
    _refused(
        full,
        _changed(valid, "career_goals", evidence=evidence),
        "career_goals[0].evidence[0].entry_kind: must be one of mentor_session",
    )
    _refused(
        full,
        _changed(valid, "milestones", title="  ", done_date="2999-01-01"),
        "milestones[0].title: Milestone is required",
        "milestones[0].done_date: A milestone can't be done in the future",
    )
    _refused(full, _changed(valid, "pdu_claims", giving_back_hours=0.1), "pdu_claims[0]")
    _refused(
        full,
        _changed(valid, "certification_cycles", end_date="2020-01-01"),
        "certification_cycles[0]: A cycle must end after it starts",
    )


def test_values_python_cannot_hold_are_refused_in_one_line(
    full: Journal, valid: dict[str, Any]
) -> None:
    _refused(
        full,
        _changed(valid, "people", updated_at="0001-01-01T00:00:00+14:00"),
        "people[0].updated_at",
        "outside the dates a journal can hold",
    )
    _refused(full, _changed(valid, "people", name="Ada \ud800"), "not valid Unicode")
    huge = json.dumps(valid).replace('"rating": 1', '"rating": ' + "9" * 5000, 1)
    _refused(full, huge.encode(), "a number too long")


def test_a_memory_bomb_is_refused_before_any_record_is_built(full: Journal) -> None:
    bomb = b'{"format": "pmo-career-journal", "version": 1, "exported_at": "2026-01-01T00:00:00Z",'
    bomb += b' "people": [' + b",".join([b"0"] * 900_000) + b"]}"
    _refused(full, bomb, "people[0]: should be an object")
    many = b'{"format": "pmo-career-journal", "version": 1, "exported_at": "2026-01-01T00:00:00Z",'
    many += b' "skills": [' + b",".join([b"{}"] * 1_000_001) + b"]}"
    _refused(full, many, "skills: 1,000,001 records, more than the 1,000,000")


def test_a_key_twice_in_one_object_is_refused() -> None:
    with pytest.raises(ImportRefused, match="the key 'name' appears twice"):
        read_json_bytes(b'{"people": [{"name": "Ada", "name": "Eve"}]}')


def test_escapes_from_a_file_never_reach_the_terminal(full: Journal, valid: dict[str, Any]) -> None:
    evidence = [{"entry_kind": "\x1b[31mred\x1b[0m", "entry_uuid": valid["pdu_claims"][0]["uuid"]}]
    message = _refused(full, _changed(valid, "career_goals", evidence=evidence), "entry_kind")
    assert "\x1b" not in message


def test_the_command_says_one_line_and_names_no_internals(
    full: Journal, valid: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full.close()
    source = tmp_path / "hostile.json"
    bad = _changed(valid, "people", updated_at="0001-01-01T00:00:00+14:00")
    source.write_text(json.dumps(bad), encoding="utf-8")
    assert cli.run(["import", "--db", str(full.path), str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Overflow" not in err and "unexpected" not in err


def _day_one(text: str) -> dict[str, Any]:
    entry = {
        "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
        "creationDate": "2026-02-03T08:00:00Z",
        "text": text,
        "tags": ["Collaborative leadership"],
    }
    return {"metadata": {"version": "1.0"}, "entries": [entry]}


def test_day_one_keeps_the_users_own_backslashes(journal: Journal) -> None:
    import_foreign(journal, _day_one("Mapped C:\\PMO\\intake 1\\. done\nrating 3/5"), app="dayone")
    situation = reflections.list_skill_reflections(journal)[0].situation
    assert situation.startswith("Mapped C:\\PMO\\intake 1. done")


def test_a_repeated_jrnl_entry_is_named_by_its_place(journal: Journal) -> None:
    people.create_person(journal, data={"name": "Ada Lovelace", "relationship": "mentor"})
    entry = {"date": "2026-03-02", "time": "10:00", "title": "Coffee.", "body": "Gates."}
    entry["tags"] = ["@ada-lovelace"]
    summary = import_foreign(journal, {"entries": [entry, dict(entry)]}, app="jrnl")
    assert summary.added["mentor_sessions"] == 1
    assert summary.not_imported == [
        "entries[1] (2026-03-02 'Coffee.'): the same entry as entries[0]"
    ]
