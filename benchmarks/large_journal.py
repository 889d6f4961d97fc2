"""A fast generator of very large journals for the benchmarks (raw inserts, one transaction).

The schema, the skill catalogue and the full-text triggers come from the app itself
(``Journal.open``); the rows are the demo journal's texts, shuffled, so that searches hit
realistic words at realistic rates.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo_journal.core.models import AssignmentKind
from pmo_journal.core.resources import read_json
from pmo_journal.core.storage.db import Journal

CACHE = Path(__file__).resolve().with_name(".cache")
# Shares of the entries per kind: reflections are the most frequent, sessions the least.
SHARES = {"sessions": 0.2, "assignments": 0.3, "reflections": 0.5}
YEARS_SPANNED = 20


def cached_path(name: str) -> Path:
    CACHE.mkdir(exist_ok=True)
    return CACHE / name


@dataclass
class _Rows:
    """Random rows in the shape of the journal's tables."""

    rng: random.Random
    texts: dict[str, Any]
    skills: list[int]
    today: dt.date = field(default_factory=dt.date.today)

    def day(self) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(365 * YEARS_SPANNED))

    def common(self, number: int, when: dt.date) -> tuple[Any, ...]:
        """id, uuid, created_at, updated_at, starred, private."""
        stamp = f"{when.isoformat()} 18:00:00.000000"
        starred, private = self.rng.random() < 0.1, self.rng.random() < 0.08
        uid = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return (number, uid, stamp, stamp, starred, private)

    def people(self) -> list[tuple[Any, ...]]:
        kinds = ["mentor"] * 4 + ["pmo_leader"] * 6 + ["peer"] * 26 + ["mentee"] * 4
        return [
            (*self.common(n, self.today), f"Person {n:02d}", kind, n % 3 == 0)
            for n, kind in enumerate(kinds, start=1)
        ]

    def sessions(self, count: int) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]]]:
        rows, links = [], []
        for number in range(1, count + 1):
            topic = self.rng.choice(self.texts["sessions"])
            when = self.day()
            rows.append(
                (
                    *self.common(number, when),
                    when.isoformat(),
                    self.rng.randint(1, 4),
                    topic["topics"],
                    topic["decisions"],
                    topic["takeaways"],
                    (when + dt.timedelta(days=30)).isoformat(),
                )
            )
            links += [(number, self.skills[index]) for index in topic["skills"]]
        return rows, links

    def assignments(self, count: int) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]]]:
        rows, links = [], []
        for number in range(1, count + 1):
            kind = self.rng.choice(list(AssignmentKind)).value
            template = self.rng.choice(self.texts["assignments"][kind])
            when = self.day()
            rows.append(
                (
                    *self.common(number, when),
                    template["title"],
                    kind,
                    self.rng.randint(5, 10),
                    when.isoformat(),
                    (when + dt.timedelta(days=14)).isoformat(),
                    self.rng.randint(1, 40) / 2,
                    template["outcome"],
                    template["feedback"],
                )
            )
            links += [
                (number, self.skills[index]) for index in self.texts["assignment_skills"][kind]
            ]
        return rows, links

    def reflections(self, count: int) -> list[tuple[Any, ...]]:
        rows = []
        for number in range(1, count + 1):
            index = self.rng.randrange(len(self.skills))
            evidence = self.rng.choice(self.texts["reflections"][index])
            when = self.day()
            rows.append(
                (
                    *self.common(number, when),
                    when.isoformat(),
                    self.skills[index],
                    self.rng.randint(1, 5),
                    *(evidence[k] for k in ("situation", "action", "result", "learned")),
                    evidence["next_step"],
                )
            )
        return rows


COMMON = "id, uuid, created_at, updated_at, starred, private"
INSERTS = {
    "person": f"INSERT INTO person ({COMMON}, name, relationship, other_department, role, "
    "organisation, notes, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', 0)",
    "mentorsession": f"INSERT INTO mentorsession ({COMMON}, date, mentor_id, topics, decisions, "
    "takeaways, next_session_date, duration_minutes, format) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 60, 'video')",
    "helperassignment": f"INSERT INTO helperassignment ({COMMON}, title, kind, leader_id, "
    "start_date, end_date, hours, outcome, feedback, status, for_own_employer) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', 1)",
    "skillreflection": f"INSERT INTO skillreflection ({COMMON}, date, skill_id, rating, "
    "situation, action, result, learned, next_step) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


def build_large_journal(path: Path, *, entries: int, seed: int = 1) -> None:
    """Create a journal at ``path`` holding ``entries`` entries of every kind."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Journal.open(path).close()
    connection = sqlite3.connect(path)
    try:
        skills = [row[0] for row in connection.execute("SELECT id FROM skill ORDER BY id")]
        rows = _Rows(random.Random(seed), read_json("demo.json"), skills)
        sessions = round(entries * SHARES["sessions"])
        assignments = round(entries * SHARES["assignments"])
        with connection:
            connection.executemany(INSERTS["person"], rows.people())
            session_rows, session_links = rows.sessions(sessions)
            connection.executemany(INSERTS["mentorsession"], session_rows)
            connection.executemany(
                "INSERT INTO mentorsessionskilllink VALUES (?, ?)", session_links
            )
            assignment_rows, assignment_links = rows.assignments(assignments)
            connection.executemany(INSERTS["helperassignment"], assignment_rows)
            connection.executemany(
                "INSERT INTO helperassignmentskilllink VALUES (?, ?)", assignment_links
            )
            connection.executemany(
                INSERTS["skillreflection"], rows.reflections(entries - sessions - assignments)
            )
    finally:
        connection.close()
