"""Hostile imports: every malformed file is a clean error naming where, and changes nothing.

Plus property-based round trips: whatever valid document goes in comes back out unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_journal.core import clock
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.exchange.json_import import ImportRefused, import_json_bytes
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from tests.core.journal_data import dump, fill_every_table
from tests.journal_template import JournalTemplate

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def full(journal: Journal) -> Journal:
    fill_every_table(journal)
    return journal


@pytest.fixture
def valid(full: Journal) -> dict[str, Any]:
    return build_document(full, include_private=True)


def _refused(journal: Journal, data: bytes, where: str) -> None:
    before = dump(journal.path)
    with pytest.raises(ImportRefused) as caught:
        import_json_bytes(journal, data)
    assert where in str(caught.value)
    assert str(caught.value).startswith("Nothing was imported:")
    assert dump(journal.path) == before


def _with(document: dict[str, Any], name: str, index: int, /, **changes: object) -> bytes:
    copy = json.loads(json.dumps(document))
    copy[name][index].update(changes)
    return json.dumps(copy).encode()


def test_a_truncated_file_names_the_line(full: Journal, valid: dict[str, Any]) -> None:
    text = json.dumps(valid, indent=2).encode()
    _refused(full, text[: len(text) // 2], "line ")


def test_invalid_utf8_names_the_line(full: Journal, valid: dict[str, Any]) -> None:
    text = json.dumps(valid, indent=2).encode()
    broken = text.replace(b'"Ada Mentor"', b'"Ada \xff\xfe Mentor"', 1)
    line = text[: text.index(b'"Ada Mentor"')].count(b"\n") + 1
    _refused(full, broken, f"line {line}: not valid UTF-8")


def test_wrong_types_name_the_field(full: Journal, valid: dict[str, Any]) -> None:
    _refused(
        full,
        _with(valid, "skill_reflections", 0, rating="very good"),
        "skill_reflections[0].rating",
    )
    _refused(full, _with(valid, "people", 1, name=42), "people[1].name")
    _refused(full, b"[1, 2, 3]", "not a JSON object")
    _refused(full, json.dumps({**valid, "people": {"a": 1}}).encode(), "people:")


def test_impossible_dates_name_the_field(full: Journal, valid: dict[str, Any]) -> None:
    _refused(full, _with(valid, "mentor_sessions", 2, date="2026-02-30"), "mentor_sessions[2].date")
    _refused(
        full,
        _with(valid, "helper_assignments", 0, end_date="2020-01-01"),
        "The end date can't be before the start date",
    )
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    _refused(full, _with(valid, "skill_reflections", 1, date=future), "in the future")


def test_huge_strings_are_refused(full: Journal, valid: dict[str, Any]) -> None:
    _refused(full, _with(valid, "people", 0, notes="x" * 5_000_000), "people[0].notes")


def test_duplicate_uuids_are_refused(full: Journal, valid: dict[str, Any]) -> None:
    twin = valid["people"][0]["uuid"]
    _refused(
        full, _with(valid, "people", 1, uuid=twin), "people[1].uuid: the same uuid as people[0]"
    )


def test_dangling_references_and_unknown_fields_are_refused(
    full: Journal, valid: dict[str, Any]
) -> None:
    nobody = str(uuid.uuid4())
    _refused(
        full,
        _with(valid, "mentor_sessions", 0, mentor_uuid=nobody),
        "mentor_sessions[0].mentor_uuid",
    )
    _refused(full, _with(valid, "people", 0, favourite_colour="red"), "people[0].favourite_colour")
    _refused(full, json.dumps({**valid, "version": 99}).encode(), "newer than this app")
    _refused(full, json.dumps({**valid, "format": "other"}).encode(), "format:")


def test_one_bad_record_among_many_imports_nothing(
    journal_template: JournalTemplate, tmp_path: Path, valid: dict[str, Any]
) -> None:
    with journal_template.open(tmp_path / "fresh" / "j.db") as fresh:
        _refused(fresh, _with(valid, "pdu_claims", 0, category="bribery"), "pdu_claims[0].category")


@HYPOTHESIS
@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash_or_change_anything(full: Journal, data: bytes) -> None:
    before = dump(full.path)
    with pytest.raises(JournalError):
        import_json_bytes(full, data)
    assert dump(full.path) == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


@HYPOTHESIS
@given(pick=st.data(), value=JSON_VALUES)
def test_any_field_replaced_by_any_value_is_imported_or_refused_cleanly(
    full: Journal, valid: dict[str, Any], pick: st.DataObject, value: object
) -> None:
    lists = [key for key, rows in valid.items() if isinstance(rows, list) and rows]
    key = pick.draw(st.sampled_from(lists))
    index = pick.draw(st.integers(0, len(valid[key]) - 1))
    field = pick.draw(st.sampled_from(sorted(valid[key][index])))
    before = dump(full.path)
    try:
        import_json_bytes(full, _with(valid, key, index, **{field: value}))
    except ImportRefused as refused:
        assert f"{key}[{index}]" in str(refused) or "conflicts" in str(refused)
        assert dump(full.path) == before


# --------------------------------------------------------------------------- round trips

SKILL_UUIDS = [
    "6c799549-9696-5ac4-898a-f102a6a4204f",  # collaborative leadership (seeded)
    "6ae47293-92c3-50f6-a071-22afd29157cf",  # strategic thinking (seeded)
]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
WORDS = TEXT.filter(lambda s: bool(s.strip()))
STAMPS = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2025, 12, 31))


def _stamped(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "uuid": str(draw(st.uuids())),
        "created_at": draw(STAMPS).isoformat().replace("+00:00", "Z"),
        "updated_at": draw(STAMPS).isoformat().replace("+00:00", "Z"),
    }


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    people = [
        {
            **_stamped(draw),
            "name": draw(WORDS),
            "notes": draw(TEXT),
            "starred": draw(st.booleans()),
            "relationship": draw(st.sampled_from(["mentor", "peer", "pmo_leader", "mentee"])),
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    sessions = [
        {
            **_stamped(draw),
            "date": draw(DATES).isoformat(),
            "mentor_uuid": draw(st.sampled_from(people))["uuid"],
            "topics": draw(WORDS),
            "takeaways": draw(TEXT),
            "private": draw(st.booleans()),
            "skill_uuids": sorted(draw(st.sets(st.sampled_from(SKILL_UUIDS)))),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    reflections = [
        {
            **_stamped(draw),
            "date": draw(DATES).isoformat(),
            "skill_uuid": draw(st.sampled_from(SKILL_UUIDS)),
            "rating": draw(st.integers(1, 5)),
            "situation": draw(WORDS),
            "learned": draw(TEXT),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    assignments = [
        {
            **_stamped(draw),
            "title": draw(WORDS),
            "start_date": draw(DATES).isoformat(),
            "hours": draw(st.floats(0, 2000)),
            "leader_uuid": draw(st.sampled_from([None, people[0]["uuid"]])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return {
        "format": "pmo-career-journal",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "people": people,
        "mentor_sessions": sessions,
        "skill_reflections": reflections,
        "helper_assignments": assignments,
    }


@HYPOTHESIS
@given(document=documents())
def test_what_goes_in_comes_back_out(
    journal_template: JournalTemplate, tmp_path: Path, document: dict[str, Any]
) -> None:
    target = tmp_path / f"{uuid.uuid4()}.db"
    with journal_template.open(target) as journal:
        import_json_bytes(journal, json.dumps(document).encode())
        exported = build_document(journal, include_private=True)
        for key in ("people", "mentor_sessions", "skill_reflections", "helper_assignments"):
            assert len(exported[key]) == len(document[key])
            for given_record, back in zip(
                sorted(document[key], key=lambda r: r["uuid"]), exported[key], strict=True
            ):
                assert {k: back[k] for k in given_record} == given_record
        # Importing the export again changes nothing.
        before = dump(target)
        import_json_bytes(journal, json.dumps(exported).encode())
        assert dump(target) == before
