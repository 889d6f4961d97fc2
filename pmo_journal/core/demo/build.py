"""The sample journal behind ``pmo-journal demo``: years of realistic entries, dated up to today.

Everything comes from one ``random.Random(seed)``, so a seed always gives the same journal
(UUIDs and timestamps included) for the same ``today``. The whole journal is written in one
transaction: it appears complete or not at all. Every entry passes the same validation as
the user's own (the Create models), then is inserted in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, fields
from pathlib import Path

from sqlmodel import Session, col, select

from pmo_journal.core import clock
from pmo_journal.core.demo.entries import DemoWriter
from pmo_journal.core.demo.plans import (
    add_career_goals,
    add_pdu_ledger,
    add_readiness_marks,
    row_id,
)
from pmo_journal.core.models import Skill
from pmo_journal.core.resources import read_json
from pmo_journal.core.storage.connect import is_encrypted
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.inspection import Checks, inspect_journal
from pmo_journal.core.storage.journal_files import journal_file
from pmo_journal.core.storage.journal_lock import exclusive_use
from pmo_journal.core.validation import JournalError

__all__ = ["MAX_YEARS", "DemoCounts", "DemoWriter", "build_demo_journal"]

MAX_YEARS = 30


@dataclass(frozen=True)
class DemoCounts:
    """How much the demo wrote."""

    people: int
    mentor_sessions: int
    action_items: int
    helper_assignments: int
    skill_reflections: int
    career_goals: int
    milestones: int
    pdu_claims: int

    @property
    def entries(self) -> int:
        return self.mentor_sessions + self.helper_assignments + self.skill_reflections

    def as_dict(self) -> dict[str, int]:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def _power_skills(session: Session) -> list[Skill]:
    skills = session.exec(
        select(Skill).where(Skill.archived == False).order_by(col(Skill.sort_order))  # noqa: E712
    ).all()
    if len(skills) < 4:
        raise JournalError("The demo needs the four power skills in the skill catalogue.")
    return list(skills[:4])


def _write(journal: Journal, *, rng: random.Random, today: dt.date, years: int) -> DemoCounts:
    texts = read_json("demo.json")
    with journal.session() as session:
        skills = _power_skills(session)
        for skill, target in zip(skills, texts["targets"], strict=True):
            skill.target_level = target
            session.add(skill)
        start = today - dt.timedelta(days=round(365.25 * years))
        writer = DemoWriter(session, rng, today, start, texts, {}, [row_id(s) for s in skills])
        people = writer.add_people()
        sessions, items = writer.add_mentor_sessions()
        assignments = writer.add_helper_assignments()
        reflections = writer.add_skill_reflections()
        goals, milestones = add_career_goals(writer)
        claims = add_pdu_ledger(writer)
        add_readiness_marks(writer)
        return DemoCounts(
            people=people,
            mentor_sessions=sessions,
            action_items=items,
            helper_assignments=assignments,
            skill_reflections=reflections,
            career_goals=goals,
            milestones=milestones,
            pdu_claims=claims,
        )


def _remove_journal_files(path: Path, *, keep_file: bool) -> None:
    """Remove what a failed demo wrote; an empty file that was there before stays empty."""
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if keep_file:
        path.write_bytes(b"")
    else:
        path.unlink(missing_ok=True)


def _refuse_written_journal(path: Path) -> None:
    """Raise when ``path`` already holds anything the user wrote (or can't be looked into)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if is_encrypted(path):
        raise JournalError(
            f"{path} looks like an encrypted journal; the demo only fills a new or empty journal."
        )
    found = inspect_journal(path, checks=Checks.NONE)
    if found.holds_writing:
        raise JournalError(
            f"{path} already holds a journal ({found.entries} entries); "
            "the demo only fills a new or empty journal."
        )


def build_demo_journal(
    path: Path | str, *, seed: int = 7, years: int = 2, today: dt.date | None = None
) -> DemoCounts:
    """Fill a new (or empty) journal at ``path`` with ``years`` of sample entries.

    Refuses a journal that already holds anything the user wrote, before touching it.
    """
    path = journal_file(path)
    today = today or clock.today()
    if not 1 <= years <= MAX_YEARS:
        raise JournalError(f"A demo spans 1 to {MAX_YEARS} years, not {years}.")
    if today > clock.today():
        raise JournalError("A demo can't end in the future: its reflections would be too.")
    if not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    with exclusive_use(path, command="demo"):
        _refuse_written_journal(path)
        fresh = not path.exists() or path.stat().st_size == 0
        existed = path.exists()
        try:
            with Journal.open(path) as journal:
                return _write(journal, rng=random.Random(seed), today=today, years=years)
        except BaseException:
            if fresh:
                _remove_journal_files(path, keep_file=existed)
            raise
