"""The journal timeline: every entry kind on one list, filtered, searched and paged in SQL.

Also the actions that apply to any entry: delete (recoverable), restore and star.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine.interfaces import DBAPICursor

from pmo_journal.core.models import (
    EntryKind,
    HelperAssignment,
    MentorSession,
    SkillReflection,
    TimelineEntry,
    utcnow,
)
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal

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


@dataclass(frozen=True)
class _KindSql:
    """How one entry kind appears on the timeline, as pieces of SQL on its table ``t``."""

    table: str
    date: str
    title: str
    joins: str
    summary: str
    people: str
    skills: str
    rating: str
    skill_test: str
    person_test: str


_KINDS = {
    EntryKind.MENTOR_SESSION: _KindSql(
        table="mentorsession",
        date="t.date",
        title="'Session with ' || COALESCE(p.name, '?')",
        joins="LEFT JOIN person p ON p.id = t.mentor_id",
        summary="CASE WHEN t.takeaways != '' THEN t.takeaways ELSE t.topics END",
        people="COALESCE(p.name, '')",
        skills="(SELECT group_concat(s.name, ', ') FROM mentorsessionskilllink l "
        "JOIN skill s ON s.id = l.skill_id WHERE l.session_id = t.id)",
        rating="NULL",
        skill_test="EXISTS (SELECT 1 FROM mentorsessionskilllink l WHERE l.session_id = t.id "
        "AND l.skill_id = :skill_id)",
        person_test="t.mentor_id = :person_id",
    ),
    EntryKind.HELPER_ASSIGNMENT: _KindSql(
        table="helperassignment",
        date="t.start_date",
        title="t.title",
        joins="LEFT JOIN person p ON p.id = t.leader_id",
        summary="t.outcome",
        people="COALESCE(p.name, '')",
        skills="(SELECT group_concat(s.name, ', ') FROM helperassignmentskilllink l "
        "JOIN skill s ON s.id = l.skill_id WHERE l.assignment_id = t.id)",
        rating="NULL",
        skill_test="EXISTS (SELECT 1 FROM helperassignmentskilllink l "
        "WHERE l.assignment_id = t.id AND l.skill_id = :skill_id)",
        person_test="t.leader_id = :person_id",
    ),
    EntryKind.SKILL_REFLECTION: _KindSql(
        table="skillreflection",
        date="t.date",
        title="s.name || ' reflection'",
        joins="JOIN skill s ON s.id = t.skill_id",
        summary="CASE WHEN t.result != '' THEN t.result ELSE t.situation END",
        people="''",
        skills="s.name",
        rating="t.rating",
        skill_test="t.skill_id = :skill_id",
        person_test="0",
    ),
}
# Search hits are fetched from the index first, once, and drive the lookups of entries.
_HITS = (
    "WITH hits AS MATERIALIZED (SELECT rowid AS code FROM entry_fts WHERE entry_fts MATCH :match) "
)


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

    @property
    def problem(self) -> str | None:
        """Why this filter can match nothing whatever the journal holds, if it can't."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return "The From date is after the To date; swap them to see entries."
        return None


def fts_query(user_text: str) -> str:
    """A safe FTS5 query for what the user typed: every word must match, as a prefix."""
    words = re.findall(r"\w+", user_text, flags=re.UNICODE)
    return " ".join(f'"{word}"*' for word in words)


def _conditions(kind: EntryKind, flt: TimelineFilter, params: dict[str, Any]) -> list[str]:
    sql = _KINDS[kind]
    where = ["t.deleted_at IS NULL"]
    if flt.skill_id is not None:
        where.append(sql.skill_test)
        params["skill_id"] = flt.skill_id
    if flt.person_id is not None:
        where.append(sql.person_test)
        params["person_id"] = flt.person_id
    if flt.date_from is not None:
        where.append(f"{sql.date} >= :date_from")
        params["date_from"] = flt.date_from.isoformat()
    if flt.date_to is not None:
        where.append(f"{sql.date} <= :date_to")
        params["date_to"] = flt.date_to.isoformat()
    if flt.starred_only:
        where.append("t.starred = 1")
    if flt.private is not None:
        where.append(f"t.private = {1 if flt.private else 0}")
    return where


@dataclass(frozen=True)
class _KeysSql:
    """A union of (kind, id, date[, title]) selects, the WITH clause it needs, its params."""

    with_clause: str
    union: str
    params: dict[str, Any]

    def wrapped(self, outer: str) -> str:
        """``outer`` (which reads FROM ``{keys}``) around the union."""
        return self.with_clause + outer.format(keys=f"({self.union})")


def _keys(flt: TimelineFilter, *, with_title: bool) -> _KeysSql | None:
    """The keys of every matching entry; None when nothing can match.

    Only keys are sorted and paged; whole rows are read for one page afterwards. A search
    reads the index's hits once, then looks each entry up by its id.
    """
    params: dict[str, Any] = {}
    match = fts_query(flt.text)
    if flt.text.strip() and not match:
        return None  # only punctuation typed: nothing can match
    parts: list[str] = []
    for kind in EntryKind:
        if kind not in flt.kinds:
            continue
        sql = _KINDS[kind]
        columns = f"'{kind.value}' AS kind, t.id AS id, {sql.date} AS date"
        joins = ""
        if with_title:
            columns += f", {sql.title} AS title"
            joins = sql.joins
        where = _conditions(kind, flt, params)
        if match:
            source = f"hits h CROSS JOIN {sql.table} t ON t.id = h.code / 4"
            where.insert(0, f"h.code % 4 = {FTS_CODE[kind]}")
        else:
            source = f"{sql.table} t"
        parts.append(f"SELECT {columns} FROM {source} {joins} WHERE {' AND '.join(where)}")
    if not parts:
        return None
    if match:
        params["match"] = match
    return _KeysSql(_HITS if match else "", " UNION ALL ".join(parts), params)


@contextmanager
def _cursor(journal: Journal) -> Iterator[DBAPICursor]:
    """A DB-API cursor (sqlite3, or sqlcipher3 for an encrypted journal) on one of the
    journal's connections: the timeline reads many small rows, and SQLAlchemy's result
    objects would cost more than the query itself."""
    with journal.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            yield cursor
        finally:
            cursor.close()


def count_timeline(journal: Journal, flt: TimelineFilter) -> int:
    keys = _keys(flt, with_title=False)
    if keys is None:
        return 0
    with _cursor(journal) as cursor:
        sql = keys.wrapped("SELECT COUNT(*) FROM {keys}")
        return int(cursor.execute(sql, keys.params).fetchone()[0])


def _page_keys(
    cursor: DBAPICursor,
    flt: TimelineFilter,
    *,
    offset: int,
    limit: int,
    sort: str,
    descending: bool,
) -> list[tuple[str, int]]:
    keys = _keys(flt, with_title=sort == "title")
    if keys is None:
        return []
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_COLUMNS.get(sort, 'date')} {direction}, kind, id {direction}"
    sql = keys.wrapped(
        "SELECT kind, id FROM {keys} ORDER BY " + order + " LIMIT :limit OFFSET :offset"
    )
    return cursor.execute(sql, {**keys.params, "limit": limit, "offset": offset}).fetchall()


def _rows(cursor: DBAPICursor, kind: EntryKind, ids: list[int]) -> dict[int, TimelineEntry]:
    sql = _KINDS[kind]
    query = (
        f"SELECT t.id, t.uuid, {sql.date}, {sql.title}, "
        f"substr({sql.summary}, 1, {SUMMARY_CHARS}), {sql.people}, {sql.skills}, "
        f"t.starred, t.private, {sql.rating} FROM {sql.table} t {sql.joins} "
        "WHERE t.id IN (SELECT value FROM json_each(?))"
    )
    found = {}
    for row in cursor.execute(query, (json.dumps(ids),)):
        entry_id, uuid, date, title, summary, people, skills, starred, private, rating = row
        # Built without re-validation: every value comes straight from typed columns.
        found[entry_id] = TimelineEntry.model_construct(
            kind=kind,
            id=entry_id,
            uuid=uuid,
            date=dt.date.fromisoformat(date),
            title=title,
            summary=(summary or "").replace("\n", " "),
            people=people or "",
            skills=skills or "",
            starred=bool(starred),
            private=bool(private),
            rating=rating,
        )
    return found


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
    with _cursor(journal) as cursor:
        keys = _page_keys(cursor, flt, offset=offset, limit=limit, sort=sort, descending=descending)
        found: dict[tuple[str, int], TimelineEntry] = {}
        for kind in EntryKind:
            ids = [entry_id for kind_name, entry_id in keys if kind_name == kind.value]
            if ids:
                found.update(
                    ((kind.value, entry_id), entry)
                    for entry_id, entry in _rows(cursor, kind, ids).items()
                )
    return [found[key] for key in keys if key in found]


def _row(journal_session: Any, kind: EntryKind, entry_id: int) -> Any:
    return get_row(journal_session, TABLES[kind], entry_id, noun=kind.label.lower())


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
