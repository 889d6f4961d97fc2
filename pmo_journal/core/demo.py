"""The sample journal behind ``pmo-journal demo``: years of realistic entries, dated up to today.

Everything comes from one ``random.Random(seed)``, so a seed always gives the same journal
(UUIDs and timestamps included) for the same ``today``. The whole journal is written in one
transaction: it appears complete or not at all. Every entry passes the same validation as
the user's own (the Create models), then is inserted in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_module
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from pmo_journal.core.db import Journal
from pmo_journal.core.demo_plans import (
    add_career_goals,
    add_pdu_ledger,
    add_readiness_marks,
    row_id,
)
from pmo_journal.core.inspection import inspect_journal
from pmo_journal.core.models import (
    ActionItem,
    ActionItemCarry,
    AssignmentKind,
    AssignmentStatus,
    HelperAssignment,
    HelperAssignmentCreate,
    HelperAssignmentSkillLink,
    MentorSession,
    MentorSessionCreate,
    MentorSessionSkillLink,
    Person,
    PersonCreate,
    SessionFormat,
    Skill,
    SkillReflection,
    SkillReflectionCreate,
)
from pmo_journal.core.resources import read_json
from pmo_journal.core.validation import JournalError, validated

MAX_YEARS = 30
FORMATS = [SessionFormat.VIDEO] * 5 + [SessionFormat.IN_PERSON] * 3 + [SessionFormat.PHONE]
DURATIONS = (45, 60, 60, 60, 75, 90)


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


@dataclass
class DemoWriter:
    """Writes the demo's rows into one session; ``rng`` decides everything random."""

    session: Session
    rng: random.Random
    today: dt.date
    start: dt.date
    texts: dict[str, Any]
    people: dict[str, int]
    skill_ids: list[int]

    # ------------------------------------------------------------------ shared bits
    def uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def stamps(self, day: dt.date) -> dict[str, Any]:
        """A stable UUID and created/updated times on the evening of ``day``."""
        moment = dt.datetime.combine(
            min(day, self.today), dt.time(18, self.rng.randrange(60)), tzinfo=dt.UTC
        )
        return {"uuid": self.uuid(), "created_at": moment, "updated_at": moment}

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def quarter_hours(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high) * 4) / 4

    def add_all(self, rows: list[Any]) -> None:
        self.session.add_all(rows)
        self.session.flush()

    # ------------------------------------------------------------------ mentor sessions
    def session_dates(self, first: dt.date, cadence: int) -> list[dt.date]:
        dates: list[dt.date] = []
        day = first
        while day <= self.today:
            dates.append(day)
            day += dt.timedelta(days=cadence + self.rng.randint(-6, 8))
        return dates

    def add_mentor_sessions(self) -> tuple[int, int]:
        span = (self.today - self.start).days
        mentors = (("mentor_a", 7, 30), ("mentor_b", max(30, span * 3 // 10), 42))
        topics = self.rng.sample(self.texts["sessions"], len(self.texts["sessions"]))
        sessions = 0
        items = 0
        for key, offset, cadence in mentors:
            dates = self.session_dates(self.start + dt.timedelta(days=offset), cadence)
            rows: list[MentorSession] = []
            skills: list[list[int]] = []
            for index, day in enumerate(dates):
                topic = topics[(sessions + index) % len(topics)]
                checked = validated(
                    MentorSessionCreate,
                    {
                        "date": day,
                        "mentor_id": self.people[key],
                        "duration_minutes": self.rng.choice(DURATIONS),
                        "format": self.rng.choice(FORMATS),
                        "topics": topic["topics"],
                        "decisions": topic["decisions"],
                        "takeaways": topic["takeaways"],
                        "next_session_date": day + dt.timedelta(days=cadence),
                        "starred": self.chance(0.12),
                        "private": self.chance(0.08),
                        "skill_ids": [self.skill_ids[i] for i in topic["skills"]],
                    },
                )
                data = checked.model_dump(exclude={"skill_ids", "new_action_items"})
                rows.append(MentorSession(**data, **self.stamps(day)))
                skills.append(checked.skill_ids)
            self.add_all(rows)
            self.session.add_all(
                MentorSessionSkillLink(session_id=row_id(row), skill_id=skill_id)
                for row, ids in zip(rows, skills, strict=True)
                for skill_id in ids
            )
            items += self.add_action_items(rows)
            sessions += len(rows)
        return sessions, items

    def add_action_items(self, sessions: list[MentorSession]) -> int:
        """Items from each session: most done in time, some carried forward, some still open."""
        items: list[tuple[ActionItem, int]] = []
        for index, origin in enumerate(sessions):
            due = origin.next_session_date or origin.date + dt.timedelta(days=30)
            for text in self.rng.sample(self.texts["action_items"], self.rng.randint(1, 3)):
                done = self.done_date(origin.date, due)
                items.append(
                    (
                        ActionItem(
                            session_id=row_id(origin),
                            text=text,
                            due_date=due,
                            done_date=done,
                            **self.stamps(origin.date),
                        ),
                        index,
                    )
                )
        self.add_all([item for item, _ in items])
        carries = []
        for item, index in items:
            until = item.done_date or self.today
            later = [s for s in sessions[index + 1 :] if s.date <= until][:2]
            carries += [
                ActionItemCarry(
                    action_item_id=row_id(item), session_id=row_id(s), carried_on=s.date
                )
                for s in later
            ]
        self.session.add_all(carries)
        return len(items)

    def done_date(self, session_day: dt.date, due: dt.date) -> dt.date | None:
        if due > self.today:
            open_chance = 0.75
        elif (self.today - due).days < 45:
            open_chance = 0.4
        else:
            open_chance = 0.07
        if self.chance(open_chance):
            return None
        latest = min(self.today, due + dt.timedelta(days=14))
        return session_day + dt.timedelta(
            days=self.rng.randint(1, max(1, (latest - session_day).days))
        )

    # ------------------------------------------------------------------ helper assignments
    def assignment_kinds(self, count: int) -> list[AssignmentKind]:
        """Every kind in the first eight, then a realistic mix."""
        kinds = self.rng.sample(list(AssignmentKind), len(AssignmentKind))
        weighted = [*AssignmentKind, AssignmentKind.MINUTES, AssignmentKind.METRICS_ANALYSIS]
        return kinds + [self.rng.choice(weighted) for _ in range(count - len(kinds))]

    def add_helper_assignments(self) -> int:
        starts: list[dt.date] = []
        day = self.start + dt.timedelta(days=self.rng.randint(10, 25))
        recent = self.today - dt.timedelta(days=10)
        while day < recent or len(starts) < len(AssignmentKind):
            starts.append(day)
            day += dt.timedelta(days=self.rng.randint(12, 30))
        if starts[-1] >= recent:  # the demo span was too short for every kind: squeeze them in
            step = max(1, (recent - self.start).days // (len(starts) + 1))
            starts = [self.start + dt.timedelta(days=step * (i + 1)) for i in range(len(starts))]
        # One assignment under way and one planned, as in any live journal.
        starts += [
            self.today - dt.timedelta(days=self.rng.randint(1, 8)),
            self.today + dt.timedelta(days=self.rng.randint(5, 20)),
        ]
        used: dict[AssignmentKind, int] = {}
        rows: list[HelperAssignment] = []
        skills: list[list[int]] = []
        for start, kind in zip(starts, self.assignment_kinds(len(starts)), strict=True):
            pool = self.texts["assignments"][kind.value]
            template = pool[used.get(kind, 0) % len(pool)]
            used[kind] = used.get(kind, 0) + 1
            checked = validated(HelperAssignmentCreate, self.assignment(start, kind, template))
            rows.append(
                HelperAssignment(**checked.model_dump(exclude={"skill_ids"}), **self.stamps(start))
            )
            skills.append(checked.skill_ids)
        self.add_all(rows)
        self.session.add_all(
            HelperAssignmentSkillLink(assignment_id=row_id(row), skill_id=skill_id)
            for row, ids in zip(rows, skills, strict=True)
            for skill_id in ids
        )
        return len(rows)

    def assignment(
        self, start: dt.date, kind: AssignmentKind, template: dict[str, Any]
    ) -> dict[str, Any]:
        own_employer = template.get("own_employer", True)
        end = start + dt.timedelta(days=self.rng.randint(1, 28))
        if start >= self.today - dt.timedelta(days=8):
            end = max(end, self.today + dt.timedelta(days=1))
        data: dict[str, Any] = {
            "title": template["title"],
            "kind": kind,
            "leader_id": (
                self.people[self.rng.choice(("leader_a", "leader_a", "leader_b"))]
                if own_employer
                else None
            ),
            "start_date": start,
            "for_own_employer": own_employer,
            "skill_ids": [self.skill_ids[i] for i in self.texts["assignment_skills"][kind.value]],
            "starred": self.chance(0.12),
            "private": self.chance(0.05),
        }
        if start > self.today:
            return data | {"status": AssignmentStatus.PLANNED, "hours": 0.0}
        if end > self.today:
            return data | {
                "status": AssignmentStatus.IN_PROGRESS,
                "hours": self.quarter_hours(1, 6),
            }
        if self.chance(0.05):
            return data | {
                "status": AssignmentStatus.DROPPED,
                "end_date": end,
                "hours": self.quarter_hours(0.5, 3),
                "outcome": "Dropped when the meeting it was for was cancelled.",
            }
        return data | {
            "status": AssignmentStatus.DONE,
            "end_date": end,
            "hours": self.quarter_hours(1.5, 24),
            "outcome": template["outcome"],
            "feedback": template["feedback"],
        }

    # ------------------------------------------------------------------ skill reflections
    def add_skill_reflections(self) -> int:
        """Ratings that rise unevenly: a trend from the arc, noise, and the odd dip."""
        span = max(1, (self.today - self.start).days)
        latest = min(self.today, dt.date.today())
        rows: list[SkillReflection] = []
        for index, skill_id in enumerate(self.skill_ids):
            low, high = self.texts["reflection_arc"][index]
            pool = self.texts["reflections"][index]
            day = self.start + dt.timedelta(days=self.rng.randint(3, 20))
            count = 0
            while day <= latest:
                progress = (day - self.start).days / span
                rating = low + (high - low) * progress**1.2 + self.rng.gauss(0, 0.4)
                if self.chance(0.12):
                    rating -= 1
                checked = validated(
                    SkillReflectionCreate,
                    {
                        "date": day,
                        "skill_id": skill_id,
                        "rating": min(5, max(1, round(rating))),
                        **pool[count % len(pool)],
                        "starred": self.chance(0.1),
                        "private": self.chance(0.1),
                    },
                )
                rows.append(SkillReflection(**checked.model_dump(), **self.stamps(day)))
                count += 1
                day += dt.timedelta(days=self.rng.randint(18, 45))
        self.add_all(rows)
        return len(rows)

    # ------------------------------------------------------------------ people
    def add_people(self) -> int:
        rows = {
            item["key"]: Person(
                **validated(
                    PersonCreate, {k: v for k, v in item.items() if k != "key"}
                ).model_dump(),
                **self.stamps(self.start),
            )
            for item in self.texts["people"]
        }
        self.add_all(list(rows.values()))
        self.people = {key: row_id(row) for key, row in rows.items()}
        return len(rows)


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


def _remove_journal_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_demo_journal(
    path: Path | str, *, seed: int = 7, years: int = 2, today: dt.date | None = None
) -> DemoCounts:
    """Fill a new (or empty) journal at ``path`` with ``years`` of sample entries.

    Refuses a journal that already holds anything the user wrote, before touching it.
    """
    path = Path(path).expanduser()
    today = today or dt.date.today()
    if not 1 <= years <= MAX_YEARS:
        raise JournalError(f"A demo spans 1 to {MAX_YEARS} years, not {years}.")
    if today > dt.date.today():
        raise JournalError("A demo can't end in the future: its reflections would be too.")
    if not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    fresh = not path.exists() or path.stat().st_size == 0
    if not fresh:
        found = inspect_journal(path, thorough=False)
        if found.holds_writing:
            raise JournalError(
                f"{path} already holds a journal ({found.entries} entries); "
                "the demo only fills a new or empty journal."
            )
    journal = Journal.open(path)
    try:
        return _write(journal, rng=random.Random(seed), today=today, years=years)
    except BaseException:
        journal.close()
        if fresh:
            _remove_journal_files(path)
        raise
    finally:
        journal.close()
