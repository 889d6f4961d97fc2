"""The journal timeline: every entry kind on one list, filtered, searched and paged in SQL.

Also the actions that apply to any entry: delete (recoverable), restore and star.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from pmo_journal.core.db import Journal
from pmo_journal.core.models import (
    EntryKind,
    HelperAssignment,
    MentorSession,
    SkillReflection,
    TimelineEntry,
    utcnow,
)
from pmo_journal.core.validation import NotFound

TABLES: dict[EntryKind, type[Any]] = {
    EntryKind.MENTOR_SESSION: MentorSession,
    EntryKind.HELPER_ASSIGNMENT: HelperAssignment,
    EntryKind.SKILL_REFLECTION: SkillReflection,
}
FTS_CODE = {
    EntryKind.MENTOR_SESSION: 1,
    EntryKind.HELPER_ASSIGNMENT: 2,
    EntryKind.SKILL_REFLECTION: 3,
}
SORT_COLUMNS = {"date": "date", "kind": "kind", "title": "title COLLATE NOCASE"}
SUMMARY_CHARS = 160

# Per kind: the columns of a timeline row, the skill and person tests, and the table alias.
_SELECTS = {
    EntryKind.MENTOR_SESSION: (
        "SELECT 'mentor_session' AS kind, t.id AS id, t.uuid AS uuid, t.date AS date, "
        "'Session with ' || COALESCE(p.name, '?') AS title, "
        "substr(CASE WHEN t.takeaways != '' THEN t.takeaways ELSE t.topics END, 1, {n}) "
        "AS summary, COALESCE(p.name, '') AS people, t.starred AS starred, "
        "t.private AS private, NULL AS rating "
        "FROM mentorsession t LEFT JOIN person p ON p.id = t.mentor_id",
        "EXISTS (SELECT 1 FROM mentorsessionskilllink l WHERE l.session_id = t.id "
        "AND l.skill_id = :skill_id)",
        "t.mentor_id = :person_id",
    ),
    EntryKind.HELPER_ASSIGNMENT: (
        "SELECT 'helper_assignment' AS kind, t.id AS id, t.uuid AS uuid, t.start_date AS date, "
        "t.title AS title, substr(t.outcome, 1, {n}) AS summary, "
        "COALESCE(p.name, '') AS people, t.starred AS starred, "
        "t.private AS private, NULL AS rating "
        "FROM helperassignment t LEFT JOIN person p ON p.id = t.leader_id",
        "EXISTS (SELECT 1 FROM helperassignmentskilllink l WHERE l.assignment_id = t.id "
        "AND l.skill_id = :skill_id)",
        "t.leader_id = :person_id",
    ),
    EntryKind.SKILL_REFLECTION: (
        "SELECT 'skill_reflection' AS kind, t.id AS id, t.uuid AS uuid, t.date AS date, "
        "s.name || ' reflection' AS title, "
        "substr(CASE WHEN t.result != '' THEN t.result ELSE t.situation END, 1, {n}) "
        "AS summary, '' AS people, t.starred AS starred, t.private AS private, t.rating AS rating "
        "FROM skillreflection t JOIN skill s ON s.id = t.skill_id",
        "t.skill_id = :skill_id",
        "0",
    ),
}
_DATE_COLUMN = {
    EntryKind.MENTOR_SESSION: "t.date",
    EntryKind.HELPER_ASSIGNMENT: "t.start_date",
    EntryKind.SKILL_REFLECTION: "t.date",
}
_SKILL_NAMES = {
    "mentor_session": "SELECT group_concat(s.name, ', ') FROM mentorsessionskilllink l "
    "JOIN skill s ON s.id = l.skill_id WHERE l.session_id = u.id",
    "helper_assignment": "SELECT group_concat(s.name, ', ') FROM helperassignmentskilllink l "
    "JOIN skill s ON s.id = l.skill_id WHERE l.assignment_id = u.id",
}


@dataclass(frozen=True)
class TimelineFilter:
    """What the journal view asks for. Empty means everything."""

    kinds: frozenset[EntryKind] = field(default_factory=lambda: frozenset(EntryKind))
    skill_id: int | None = None
    person_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    starred_only: bool = False
    private: bool | None = None  # None: both; True: only private; False: hide private
    text: str = ""


def fts_query(user_text: str) -> str:
    """A safe FTS5 query for what the user typed: every word must match, as a prefix."""
    words = re.findall(r"\w+", user_text, flags=re.UNICODE)
    return " ".join(f'"{word}"*' for word in words)


def _union(flt: TimelineFilter) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {}
    parts: list[str] = []
    match = fts_query(flt.text)
    for kind in EntryKind:
        if kind not in flt.kinds:
            continue
        select_sql, skill_test, person_test = _SELECTS[kind]
        where = ["t.deleted_at IS NULL"]
        if flt.skill_id is not None:
            where.append(skill_test)
            params["skill_id"] = flt.skill_id
        if flt.person_id is not None:
            where.append(person_test)
            params["person_id"] = flt.person_id
        if flt.date_from is not None:
            where.append(f"{_DATE_COLUMN[kind]} >= :date_from")
            params["date_from"] = flt.date_from.isoformat()
        if flt.date_to is not None:
            where.append(f"{_DATE_COLUMN[kind]} <= :date_to")
            params["date_to"] = flt.date_to.isoformat()
        if flt.starred_only:
            where.append("t.starred = 1")
        if flt.private is not None:
            where.append(f"t.private = {1 if flt.private else 0}")
        if match:
            where.append(
                f"t.id * 4 + {FTS_CODE[kind]} IN "
                "(SELECT rowid FROM entry_fts WHERE entry_fts MATCH :match)"
            )
            params["match"] = match
        elif flt.text.strip():
            where.append("0")  # only punctuation typed: nothing can match
        parts.append(select_sql.format(n=SUMMARY_CHARS) + " WHERE " + " AND ".join(where))
    if not parts:
        parts.append(_SELECTS[EntryKind.MENTOR_SESSION][0].format(n=1) + " WHERE 0")
    return " UNION ALL ".join(parts), params


def count_timeline(journal: Journal, flt: TimelineFilter) -> int:
    union, params = _union(flt)
    with journal.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT COUNT(*) FROM ({union})"), params).scalar_one())


def list_timeline(
    journal: Journal,
    flt: TimelineFilter,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "date",
    descending: bool = True,
) -> list[TimelineEntry]:
    """One page of the timeline, newest first unless asked otherwise."""
    union, params = _union(flt)
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_COLUMNS.get(sort, 'date')} {direction}, kind, id {direction}"
    sql = (
        "SELECT u.*, CASE u.kind "
        f"WHEN 'mentor_session' THEN ({_SKILL_NAMES['mentor_session']}) "
        f"WHEN 'helper_assignment' THEN ({_SKILL_NAMES['helper_assignment']}) "
        "ELSE substr(u.title, 1, length(u.title) - 11) END AS skills "
        f"FROM (SELECT * FROM ({union}) ORDER BY {order} LIMIT :limit OFFSET :offset) AS u"
    )
    params.update(limit=limit, offset=offset)
    with journal.engine.connect() as connection:
        rows = connection.execute(text(sql), params).mappings().all()
    return [
        TimelineEntry(
            kind=EntryKind(row["kind"]),
            id=row["id"],
            uuid=row["uuid"],
            date=dt.date.fromisoformat(row["date"]),
            title=row["title"],
            summary=(row["summary"] or "").replace("\n", " "),
            people=row["people"] or "",
            skills=row["skills"] or "",
            starred=bool(row["starred"]),
            private=bool(row["private"]),
            rating=row["rating"],
        )
        for row in rows
    ]


def _row(journal_session: Any, kind: EntryKind, entry_id: int) -> Any:
    row = journal_session.get(TABLES[kind], entry_id)
    if row is None:
        raise NotFound(f"There is no {kind.label.lower()} with id {entry_id}.")
    return row


def delete_entry(journal: Journal, kind: EntryKind, entry_id: int) -> None:
    """Delete an entry so that :func:`restore_entry` can bring it back whole."""
    with journal.session() as session:
        row = _row(session, kind, entry_id)
        row.deleted_at = utcnow()
        row.updated_at = utcnow()
        session.add(row)


def restore_entry(journal: Journal, kind: EntryKind, entry_id: int) -> None:
    with journal.session() as session:
        row = _row(session, kind, entry_id)
        row.deleted_at = None
        row.updated_at = utcnow()
        session.add(row)


def set_starred(journal: Journal, kind: EntryKind, entry_id: int, *, starred: bool) -> None:
    with journal.session() as session:
        row = _row(session, kind, entry_id)
        row.starred = starred
        row.updated_at = utcnow()
        session.add(row)
