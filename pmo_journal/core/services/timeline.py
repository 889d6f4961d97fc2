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

from pmo_journal.core.entry_kinds import ENTRY_KINDS, TimelineSql
from pmo_journal.core.models import (
    EntryKind,
    TimelineEntry,
    utcnow,
)
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal

# Each kind's place in the timeline's order among entries of the same date.
KIND_CODE = {
    EntryKind.MENTOR_SESSION: 0,
    EntryKind.HELPER_ASSIGNMENT: 1,
    EntryKind.SKILL_REFLECTION: 2,
}
SUMMARY_CHARS = 160


_KINDS = {kind: spec.timeline for kind, spec in ENTRY_KINDS.items()}
# The search index's rowid is ``days << 42 | kind code << 40 | id`` (migration 0005), so
# its rowid order is the timeline's date order and a date range is a rowid range.
_DAY_SHIFT, _CODE_SHIFT = 42, 40
_ID_MASK = (1 << _CODE_SHIFT) - 1
# Search hits are fetched from the index first, once, and drive the lookups of entries.
_HITS = (
    "WITH hits AS MATERIALIZED (SELECT rowid AS code FROM entry_fts WHERE entry_fts MATCH :match) "
)


def search_rowid(date: dt.date, code: int, entry_id: int) -> int:
    """The search index's rowid of an entry."""
    return ((date.toordinal() - 1) << _DAY_SHIFT) | (code << _CODE_SHIFT) | entry_id


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


def search_words(user_text: str) -> list[str]:
    """The words a search looks for; each matches the start of a word in an entry."""
    return re.findall(r"\w+", user_text, flags=re.UNICODE)


def fts_query(user_text: str) -> str:
    """A safe FTS5 query for what the user typed: every word must match, as a prefix."""
    return " ".join(f'"{word}"*' for word in search_words(user_text))


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
class TimelineKey:
    """Where an entry sits in one order of the timeline: its sort value, kind code and id.

    Pages continue from a key (``WHERE (value, code, id) < key``), so the last page of a
    long list costs what the first one does.
    """

    value: str | int
    code: int
    id: int

    def as_params(self) -> dict[str, Any]:
        return {"key_value": self.value, "key_code": self.code, "key_id": self.id}


def timeline_key(entry: TimelineEntry, *, sort: str = "date") -> TimelineKey:
    """The key of ``entry`` in the order sorted by ``sort``."""
    code = KIND_CODE[entry.kind]
    value: str | int
    if sort == "kind":
        value = code
    elif sort == "title":
        value = entry.title
    else:
        value = entry.date.isoformat()
    return TimelineKey(value, code, entry.id)


@dataclass(frozen=True)
class _Order:
    sort: str
    descending: bool

    def value(self, sql: TimelineSql, kind: EntryKind) -> str:
        if self.sort == "kind":
            return str(KIND_CODE[kind])
        return sql.title if self.sort == "title" else sql.date

    @property
    def collate(self) -> str:
        return " COLLATE NOCASE" if self.sort == "title" else ""

    @property
    def direction(self) -> str:
        return "DESC" if self.descending else "ASC"

    def past(self, value: str, code: int, key: TimelineKey) -> str:
        """``(value, code, t.id)`` is beyond ``key``, written so that an index on
        ``(value, id)`` serves it (the kind's code is known while the SQL is written)."""
        beyond = "<" if self.descending else ">"
        if code == key.code:
            return f"({value}, t.id) {beyond} (:key_value, :key_id)"
        before_key = code < key.code if self.descending else code > key.code
        return f"{value} {beyond}{'=' if before_key else ''} :key_value"

    @property
    def clause(self) -> str:
        d = self.direction
        return f"value{self.collate} {d}, code {d}, id {d}"


@dataclass(frozen=True)
class _KeysSql:
    """A union of (value, code, id) selects, the WITH clause it needs, its params."""

    with_clause: str
    union: str
    params: dict[str, Any]

    def wrapped(self, outer: str) -> str:
        """``outer`` (which reads FROM ``{keys}``) around the union."""
        return self.with_clause + outer.format(keys=f"({self.union})")


def _keys(
    flt: TimelineFilter,
    order: _Order,
    *,
    after: TimelineKey | None = None,
    limit: int | None = None,
) -> _KeysSql | None:
    """The keys of every matching entry (past ``after``, at most ``limit`` of each kind);
    None when nothing can match.

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
        value = order.value(sql, kind)
        code = KIND_CODE[kind]
        columns = f"{value} AS value, {code} AS code, t.id AS id"
        joins = sql.joins if order.sort == "title" else ""
        where = _conditions(kind, flt, params)
        if after is not None:
            where.append(order.past(f"({value}){order.collate}", code, after))
            params.update(after.as_params())
        if match:
            table = ENTRY_KINDS[kind].table_name
            source = f"hits h CROSS JOIN {table} t ON t.id = h.code & {_ID_MASK}"
            where.insert(0, f"(h.code >> {_CODE_SHIFT}) & 3 = {code}")
        else:
            source = f"{ENTRY_KINDS[kind].table_name} t"
        select = f"SELECT {columns} FROM {source} {joins} WHERE {' AND '.join(where)}"
        if limit is not None:
            # Each kind stops at a page of its own; the union then sorts a few pages only.
            d = order.direction
            select = (
                f"SELECT * FROM ({select} ORDER BY value{order.collate} {d}, id {d} "
                f"LIMIT {int(limit)})"
            )
        parts.append(select)
    if not parts:
        return None
    if match:
        params["match"] = match
    return _KeysSql(_HITS if match else "", " UNION ALL ".join(parts), params)


def _index_search(
    flt: TimelineFilter, *, descending: bool = True, after: TimelineKey | None = None
) -> tuple[str, dict[str, Any]] | None:
    """``FROM entry_fts WHERE ...`` for a search, in the index's own (date) order; None
    when nothing can match. Deleted entries are never in the index, so a search on its
    own reads no table at all; the other filters look up each hit's entry."""
    match = fts_query(flt.text)
    if not match:
        return None
    params: dict[str, Any] = {"match": match}
    where = ["entry_fts MATCH :match"]
    if flt.date_from is not None:
        where.append("rowid >= :low")
        params["low"] = search_rowid(flt.date_from, 0, 0)
    if flt.date_to is not None:
        where.append("rowid <= :high")
        params["high"] = search_rowid(flt.date_to, 3, _ID_MASK)
    if after is not None:
        where.append(f"rowid {'<' if descending else '>'} :bound")
        params["bound"] = search_rowid(
            dt.date.fromisoformat(str(after.value)), after.code, after.id
        )
    codes = sorted(KIND_CODE[kind] for kind in flt.kinds)
    kind_of_hit = f"(rowid >> {_CODE_SHIFT}) & 3"
    if len(codes) < len(KIND_CODE):
        where.append(f"{kind_of_hit} IN ({', '.join(map(str, codes))})")
    if flt.skill_id is not None or flt.person_id is not None or flt.starred_only:
        needs_rows = True
    else:
        needs_rows = flt.private is not None
    if needs_rows:
        tests = [
            f"({kind_of_hit} = {KIND_CODE[kind]} AND EXISTS "
            f"(SELECT 1 FROM {ENTRY_KINDS[kind].table_name} t "
            f"WHERE t.id = entry_fts.rowid & {_ID_MASK} AND "
            f"{' AND '.join(_conditions(kind, flt, params))}))"
            for kind in EntryKind
            if kind in flt.kinds
        ]
        where.append(f"({' OR '.join(tests) or '0'})")
    return "FROM entry_fts WHERE " + " AND ".join(where), params


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


def _count(cursor: DBAPICursor, flt: TimelineFilter) -> int:
    if flt.text.strip():
        search = _index_search(flt)
        if search is None:
            return 0
        return int(cursor.execute(f"SELECT COUNT(*) {search[0]}", search[1]).fetchone()[0])
    keys = _keys(flt, _Order("date", descending=True))
    if keys is None:
        return 0
    sql = keys.wrapped("SELECT COUNT(*) FROM {keys}")
    return int(cursor.execute(sql, keys.params).fetchone()[0])


def count_timeline(journal: Journal, flt: TimelineFilter) -> int:
    """How many entries the filter lets through."""
    with _cursor(journal) as cursor:
        return _count(cursor, flt)


def timeline_bookmarks(
    journal: Journal,
    flt: TimelineFilter,
    *,
    every: int,
    sort: str = "date",
    descending: bool = True,
) -> list[TimelineKey]:
    """The key of the last entry of each full page of ``every`` entries, in one query.

    Page ``n`` (from 1) is then ``list_timeline(after=bookmarks[n - 1])``: a jump into the
    middle of a long list costs one pass over its keys, and every page after it is cheap.
    """
    order = _Order(sort, descending)
    keys = _keys(flt, order)
    if keys is None:
        return []
    sql = keys.wrapped(
        "SELECT value, code, id FROM (SELECT value, code, id, "
        f"row_number() OVER (ORDER BY {order.clause}) AS position FROM {{keys}}) "
        "WHERE position % :every = 0 ORDER BY position"
    )
    with _cursor(journal) as cursor:
        rows = cursor.execute(sql, {**keys.params, "every": every}).fetchall()
    return [TimelineKey(value, code, entry_id) for value, code, entry_id in rows]


def timeline_position(
    journal: Journal,
    flt: TimelineFilter,
    kind: EntryKind,
    entry_id: int,
    *,
    sort: str = "date",
    descending: bool = True,
) -> int | None:
    """Where an entry stands in the filtered, sorted timeline; None if it isn't on it."""
    order = _Order(sort, descending)
    everything = _keys(flt, order)
    if everything is None or kind not in flt.kinds:
        return None
    code = KIND_CODE[kind]
    with _cursor(journal) as cursor:
        found = cursor.execute(
            everything.wrapped("SELECT value FROM {keys} WHERE code = :code AND id = :entry_id"),
            {**everything.params, "code": code, "entry_id": entry_id},
        ).fetchone()
        if found is None:
            return None
        # The entries before it are the ones "after" it in the opposite order.
        reverse = _Order(sort, not descending)
        before = _keys(flt, reverse, after=TimelineKey(found[0], code, entry_id))
        assert before is not None
        sql = before.wrapped("SELECT COUNT(*) FROM {keys}")
        return int(cursor.execute(sql, before.params).fetchone()[0])


def _page_keys(
    cursor: DBAPICursor,
    flt: TimelineFilter,
    order: _Order,
    *,
    after: TimelineKey | None,
    limit: int,
) -> list[tuple[int, int]]:
    if flt.text.strip() and order.sort == "date":
        search = _index_search(flt, descending=order.descending, after=after)
        if search is None:
            return []
        sql = (
            f"SELECT (rowid >> {_CODE_SHIFT}) & 3, rowid & {_ID_MASK} {search[0]} "
            f"ORDER BY rowid {order.direction} LIMIT :limit"
        )
        return cursor.execute(sql, {**search[1], "limit": limit}).fetchall()
    keys = _keys(flt, order, after=after, limit=limit)
    if keys is None:
        return []
    sql = keys.wrapped(f"SELECT code, id FROM {{keys}} ORDER BY {order.clause} LIMIT :limit")
    return cursor.execute(sql, {**keys.params, "limit": limit}).fetchall()


def _rows(cursor: DBAPICursor, kind: EntryKind, ids: list[int]) -> dict[int, TimelineEntry]:
    sql = _KINDS[kind]
    query = (
        f"SELECT t.id, t.uuid, {sql.date}, {sql.title}, "
        f"substr({sql.summary}, 1, {SUMMARY_CHARS}), {sql.people}, {sql.skills}, "
        f"t.starred, t.private, {sql.rating} FROM {ENTRY_KINDS[kind].table_name} t {sql.joins} "
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


def _list(
    cursor: DBAPICursor,
    flt: TimelineFilter,
    order: _Order,
    *,
    after: TimelineKey | None,
    limit: int,
) -> list[TimelineEntry]:
    keys = _page_keys(cursor, flt, order, after=after, limit=limit)
    found: dict[tuple[int, int], TimelineEntry] = {}
    for kind in EntryKind:
        code = KIND_CODE[kind]
        ids = [entry_id for kind_code, entry_id in keys if kind_code == code]
        if ids:
            found.update(
                ((code, entry_id), entry) for entry_id, entry in _rows(cursor, kind, ids).items()
            )
    return [found[key] for key in keys if key in found]


def list_timeline(
    journal: Journal,
    flt: TimelineFilter,
    *,
    after: TimelineKey | None = None,
    limit: int = 200,
    sort: str = "date",
    descending: bool = True,
) -> list[TimelineEntry]:
    """One page of the timeline, newest first unless asked otherwise, starting just past
    ``after`` (see :func:`timeline_key`) or at the top."""
    with _cursor(journal) as cursor:
        return _list(cursor, flt, _Order(sort, descending), after=after, limit=limit)


@dataclass(frozen=True)
class TimelinePage:
    """The first page of a filtered timeline and how many entries the whole of it holds."""

    entries: list[TimelineEntry]
    total: int


def timeline_page(
    journal: Journal,
    flt: TimelineFilter,
    *,
    limit: int = 200,
    sort: str = "date",
    descending: bool = True,
) -> TimelinePage:
    """What a screen shows when it (re)loads: the count and the first page, read together."""
    with _cursor(journal) as cursor:
        total = _count(cursor, flt)
        entries = _list(cursor, flt, _Order(sort, descending), after=None, limit=limit)
    return TimelinePage(entries, total)


def _row(journal_session: Any, kind: EntryKind, entry_id: int) -> Any:
    return get_row(journal_session, ENTRY_KINDS[kind].table, entry_id, noun=kind.label.lower())


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
