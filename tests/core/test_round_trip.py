"""Export, import into a new journal, export again: the two exports are the same file."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.exchange.json_export import export_json
from pmo_journal.core.exchange.json_import import import_json_bytes
from pmo_journal.core.models import Skill
from pmo_journal.core.services import attachments, notes, people, skills
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import fill_every_table


def _without_stamp(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith('  "exported_at":'))


def assert_round_trip_exact(source: Journal, folder: Path) -> None:
    first, second = folder / "first.json", folder / "second.json"
    export_json(source, first, include_private=True)
    with Journal.open(folder / "copy.db") as copy:
        import_json_bytes(copy, first.read_bytes())
        export_json(copy, second, include_private=True)
    assert _without_stamp(second) == _without_stamp(first)


def test_the_demo_journal_round_trips_exactly(tmp_path: Path) -> None:
    build_demo_journal(tmp_path / "demo.db", seed=5, years=1, today=dt.date(2026, 6, 30))
    with Journal.open(tmp_path / "demo.db") as demo:
        assert any(skill.target_level for skill in skills.list_skills(demo))
        [first_note] = notes.list_notes(demo)[:1] or [
            notes.log_note(demo, data={"date": dt.date(2026, 6, 1), "title": "Course notes"})
        ]
        attachments.attach_bytes(
            demo, entry_kind="note", entry_id=first_note.id, name="slides.pdf", data=b"%PDF-1.7"
        )
        assert_round_trip_exact(demo, tmp_path)


def test_a_journal_with_every_table_round_trips_exactly(journal: Journal, tmp_path: Path) -> None:
    fill_every_table(journal)
    assert_round_trip_exact(journal, tmp_path)


def test_a_seeded_skill_changed_without_a_new_stamp_is_taken_from_the_file(
    journal: Journal, tmp_path: Path
) -> None:
    # An older journal could set a target level without touching updated_at: the new
    # journal's untouched seeded copy must not win over the user's own.
    with journal.session() as session:
        skill = session.get(Skill, skills.list_skills(journal)[0].id)
        assert skill is not None
        skill.target_level = 5
        session.add(skill)
    assert_round_trip_exact(journal, tmp_path)
    with Journal.open(tmp_path / "copy.db") as copy:
        assert skills.list_skills(copy)[0].target_level == 5


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=60)
NOTES = st.lists(
    st.tuples(
        st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
        st.none() | st.times(),
        TEXT.filter(lambda title: title.strip() != ""),
        TEXT,
        st.booleans(),
        st.booleans(),
        st.lists(st.binary(max_size=64), max_size=2),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=NOTES,
    targets=st.lists(st.none() | st.integers(1, 5), min_size=4, max_size=4),
    person=TEXT.filter(lambda name: name.strip() != ""),
)
def test_a_generated_journal_round_trips_exactly(
    entries: list[tuple[dt.date, dt.time | None, str, str, bool, bool, list[bytes]]],
    targets: list[int | None],
    person: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Journal.open(root / "journal.db", auto_backup=False) as journal:
            catalogue = skills.list_skills(journal)
            for skill, target in zip(catalogue, targets, strict=False):
                skills.set_target_level(journal, skill.id, level=target)
            someone = people.create_person(journal, data={"name": person[:120]})
            for index, (date, time, title, text, starred, private, files) in enumerate(entries):
                note = notes.log_note(
                    journal,
                    data={
                        "date": date,
                        "time": time,
                        "title": title[:200],
                        "text": text,
                        "starred": starred,
                        "private": private,
                        "person_ids": [someone.id] if index % 2 else [],
                        "skill_ids": [catalogue[index % 4].id],
                    },
                )
                for position, data in enumerate(dict.fromkeys(files)):
                    attachments.attach_bytes(
                        journal,
                        entry_kind="note",
                        entry_id=note.id,
                        name=f"file-{position}.bin",
                        data=data,
                    )
            assert_round_trip_exact(journal, root)
            document = json.loads((root / "first.json").read_text(encoding="utf-8"))
            assert len(document["notes"]) == len(entries)
