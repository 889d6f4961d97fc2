"""The entries of the demo journal: people, mentor sessions with their action items, helper
assignments and skill reflections, each validated like the user's own and inserted in bulk."""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from pmo_journal.core import clock
from pmo_journal.core.demo.plans import row_id
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
    SkillReflection,
    SkillReflectionCreate,
)
from pmo_journal.core.validation import validated

FORMATS = [SessionFormat.VIDEO] * 5 + [SessionFormat.IN_PERSON] * 3 + [SessionFormat.PHONE]
DURATIONS = (45, 60, 60, 60, 75, 90)


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
        latest = min(self.today, clock.today())
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
