"""Importing an exchange document: check everything first, then merge it in one transaction.

Rows are matched by uuid: a new uuid is added, a known one is updated only when the
imported copy is newer (``updated_at``), otherwise left alone. Skills also match by
name. Any problem refuses the whole import, naming the list, index and field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
from sqlalchemy import bindparam, exc, insert, select, update

from pmo_journal.core.exchange import files, schema
from pmo_journal.core.exchange.bulk import bulk_insert, large_cache
from pmo_journal.core.exchange.collector import collector_paused
from pmo_journal.core.exchange.tables import KIND_TABLES, SPECS, LinkSpec, ListSpec
from pmo_journal.core.models import (
    ActionItemCarry,
    EntryKind,
    GoalEvidence,
    JournalSetting,
    PduCategory,
    ReadinessMark,
)
from pmo_journal.core.storage.backup import (
    SETTING_PREFIX,
    RetentionPolicy,
    backup_journal,
    retention_policy,
    retention_setting_problem,
)
from pmo_journal.core.storage.db import CATALOGUE_DATE, Journal
from pmo_journal.core.tasks import Progress, WorkCancelled, no_progress
from pmo_journal.core.validation import EntryInvalid, JournalError, one_line, validated

MAX_PROBLEMS_SHOWN = 3


class ImportRefused(JournalError):
    """The file can't be imported; ``problems`` name where ("entries[12].date: …")."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [one_line(problem) for problem in problems]
        shown = "; ".join(self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__(f"Nothing was imported: {shown}{tail}.")


class ImportCancelled(WorkCancelled):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    not_imported: list[str] = field(default_factory=list)
    #: For a jrnl or Day One import: how many entries became each list's kind.
    became: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        def total(counts: dict[str, int]) -> int:
            return sum(counts.values())

        text = (
            f"{total(self.added)} added, {total(self.updated)} updated, "
            f"{total(self.unchanged)} already there"
        )
        if self.not_imported:
            text += f", {len(self.not_imported)} not imported"
        if any(self.became.values()):
            kinds = ", ".join(
                _number(count, *BECAME_WORDS[key]) for key, count in self.became.items() if count
            )
            text += f" — {_number(sum(self.became.values()), 'entry', 'entries')} became {kinds}"
        return text


BECAME_WORDS = {
    "skill_reflections": ("skill reflection", "skill reflections"),
    "mentor_sessions": ("mentor session", "mentor sessions"),
    "notes": ("note", "notes"),
}


def _number(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


# What goal evidence and a PDU claim may point at: the kinds the editors offer.
EVIDENCE_KINDS = tuple(kind.value for kind in EntryKind)
CLAIM_SOURCE_KINDS = (EntryKind.MENTOR_SESSION.value, EntryKind.HELPER_ASSIGNMENT.value)
#: When a row was made and last changed: not what it says.
STAMP_COLUMNS = frozenset({"created_at", "updated_at"})
SPLIT_FIELDS = ("ways_of_working", "power_skills", "business_acumen")
# The claim editor's field names as the export spells them.
CLAIM_FIELDS = {"hours": "giving_back_hours", "source_id": "source_uuid"}

# Bounds on what an import reads, so a hostile file is refused before it costs memory.
MAX_FILE_BYTES = 512 * 2**20
MAX_RECORDS = 1_000_000
RECORD_LISTS = tuple(
    name
    for name, info in schema.Document.model_fields.items()
    if str(info.annotation).startswith("list[")
)

# --------------------------------------------------------------------------- reading


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    found = {}
    for key, value in pairs:
        if key in found:
            raise ImportRefused([f"the key {one_line(repr(key))} appears twice in one object"])
        found[key] = value
    return found


def _lone_surrogate(value: Any) -> bool:
    """Whether any text in the parsed file holds half of a UTF-16 pair (it can't be stored)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


#: What an import of a file that is not JSON at all says (a Markdown or CSV export, say).
NOT_JSON = (
    "the file is not JSON. Import reads a JSON file: this journal's own JSON export, "
    "a jrnl JSON export or a Day One JSON export. Markdown and CSV exports are for "
    "reading and cannot be imported"
)


@collector_paused()
def read_json_bytes(data: bytes) -> Any:
    """Decode and parse JSON, turning every failure into a problem naming the line.

    Refused too: a file over :data:`MAX_FILE_BYTES`, a key twice in one object, a number
    too long to be a number, and text that is not Unicode (a lone surrogate escape).
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(
            [f"the file is over {MAX_FILE_BYTES // 2**20} MB, too big to be an export"]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused([f"line {line}: not valid UTF-8 (byte {error.start})"]) from None
    try:
        raw = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        if text.lstrip()[:1] not in ("{", "["):
            raise ImportRefused([NOT_JSON]) from None
        raise ImportRefused([f"line {error.lineno}, column {error.colno}: {error.msg}"]) from None
    except RecursionError:
        raise ImportRefused(["the file is nested too deeply to be an export"]) from None
    except ValueError:  # an integer of thousands of digits
        raise ImportRefused(["the file holds a number too long to be a number"]) from None
    if "\\u" in text and _lone_surrogate(raw):
        raise ImportRefused(
            ["the file holds text that is not valid Unicode (a lone \\uD800-style escape)"]
        )
    return raw


def read_json_file(path: Path) -> Any:
    """:func:`read_json_bytes` of a file, refusing a file too big before reading it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise JournalError(f"There is no file at {path}.") from None
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            [f"the file is over {MAX_FILE_BYTES // 2**20} MB, too big to be an export"]
        )
    return read_json_bytes(path.read_bytes())


def refuse_oversized_lists(raw: dict[str, Any], names: Iterable[str]) -> None:
    """Each list of records holds at most :data:`MAX_RECORDS` objects: checked before any
    record is built, so a file of millions of zeros costs a moment, not gigabytes."""
    for name in names:
        items = raw.get(name)
        if not isinstance(items, list):
            continue
        if len(items) > MAX_RECORDS:
            raise ImportRefused(
                [
                    f"{name}: {len(items):,} records, "
                    f"more than the {MAX_RECORDS:,} an export may hold"
                ]
            )
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise ImportRefused([f"{name}[{index}]: should be an object with fields"])


def location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


@collector_paused()
def parse_document(raw: Any) -> schema.Document:
    if not isinstance(raw, dict):
        raise ImportRefused(["the file is not a PMO Career Journal export (not a JSON object)"])
    if raw.get("format") != schema.FORMAT_NAME:
        raise ImportRefused([f"format: expected {schema.FORMAT_NAME!r}"])
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused(["version: must be a whole number"])
    if version > schema.FORMAT_VERSION:
        raise ImportRefused([f"version: {version} is newer than this app reads; update the app"])
    refuse_oversized_lists(raw, RECORD_LISTS)
    try:
        return schema.Document.model_validate(raw)
    except pydantic.ValidationError as error:
        raise ImportRefused(
            [f"{location(e['loc'])}: {e['msg']}" for e in error.errors(include_url=False)]
        ) from None
    except RecursionError:
        raise ImportRefused(["the file is nested too deeply to be an export"]) from None


# --------------------------------------------------------------------------- checking


@dataclass
class _Existing:
    ids: dict[str, dict[str, int]]
    updated_at: dict[str, dict[str, Any]]
    skill_names: dict[str, int]
    retention: RetentionPolicy


def _existing(connection: Any) -> _Existing:
    ids: dict[str, dict[str, int]] = {}
    stamps: dict[str, dict[str, Any]] = {}
    for spec in SPECS:
        table = spec.table.__table__
        rows = connection.execute(select(table.c.id, table.c.uuid, table.c.updated_at)).all()
        ids[spec.key] = {row.uuid: row.id for row in rows}
        stamps[spec.key] = {row.uuid: row.updated_at for row in rows}
    skill = SPECS[0].table.__table__
    names = {row.name: row.id for row in connection.execute(select(skill.c.id, skill.c.name))}
    retention = retention_policy(connection.connection.dbapi_connection)
    return _Existing(ids, stamps, names, retention)


def _claim_problems(document: schema.Document) -> list[str]:
    """PDU claims follow the claim editor's rules (quarter hours, the split adding up, …)."""
    from pmo_journal.core.services.pdus import check_claim

    problems = []
    for index, claim in enumerate(document.pdu_claims):
        education = claim.category == PduCategory.EDUCATION
        split = claim.ways_of_working + claim.power_skills + claim.business_acumen
        data = {
            **claim.model_dump(include={"date", "category", "activity", "provider", "evidence"}),
            "description": claim.description or claim.activity,
            "hours": split if education else claim.giving_back_hours,
            **(claim.model_dump(include=set(SPLIT_FIELDS)) if education else {}),
        }
        problems += [
            f"pdu_claims[{index}].{CLAIM_FIELDS.get(name, name)}: {text}"
            if name
            else f"pdu_claims[{index}]: {text}"
            for name, text in check_claim(data).items()
        ]
    return problems


def _settings_problems(document: schema.Document, existing: _Existing) -> list[str]:
    """Settings follow their own rules; none may make the journal delete its backups."""
    from pmo_journal.core.sync.tables import LOCAL_SETTING_PREFIXES

    problems = []
    for index, setting in enumerate(document.settings):
        if setting.key.startswith(LOCAL_SETTING_PREFIXES):
            problems.append(
                f"settings[{index}].key: {one_line(setting.key)} belongs to one journal "
                "and can't be imported"
            )
            continue
        period = setting.key.removeprefix(SETTING_PREFIX)
        current = getattr(existing.retention, period, None)
        problem = retention_setting_problem(setting.key, setting.value, current=current)
        if problem is not None:
            problems.append(f"settings[{index}].value: {problem}")
    return problems


def _problems(document: schema.Document, existing: _Existing) -> list[str]:
    problems: list[str] = []
    known = {spec.key: set(existing.ids[spec.key]) for spec in SPECS}
    for spec in SPECS:
        seen: dict[str, int] = {}
        for index, record in enumerate(getattr(document, spec.key)):
            where = f"{spec.key}[{index}]"
            if record.uuid in seen:
                problems.append(f"{where}.uuid: the same uuid as {spec.key}[{seen[record.uuid]}]")
            seen.setdefault(record.uuid, index)
            known[spec.key].add(record.uuid)
            if spec.check is not None:
                data = {**record.model_dump(include=set(spec.check.model_fields))}
                data.update(spec.placeholders)
                try:
                    validated(spec.check, data)
                except EntryInvalid as invalid:
                    problems += [
                        f"{where}.{name}: {text}" if name else f"{where}: {text}"
                        for name, text in invalid.problems.items()
                    ]
    names: dict[str, int] = {}
    for index, skill in enumerate(document.skills):
        if skill.name in names:
            problems.append(f"skills[{index}].name: the same name as skills[{names[skill.name]}]")
        names.setdefault(skill.name, index)
    for key in ("readiness_marks", "settings"):
        keys: dict[str, int] = {}
        for index, item in enumerate(getattr(document, key)):
            if item.key in keys:
                problems.append(f"{key}[{index}].key: the same key as {key}[{keys[item.key]}]")
            keys.setdefault(item.key, index)
    problems += _reference_problems(document, known)
    problems += _claim_problems(document) + _settings_problems(document, existing)
    return problems


def _reference_problems(document: schema.Document, known: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []

    def expect(where: str, value: str | None, target: str) -> None:
        if value is not None and value not in known[target]:
            problems.append(f"{where}: no {target} record has uuid {value}")

    for spec in SPECS:
        for index, record in enumerate(getattr(document, spec.key)):
            where = f"{spec.key}[{index}]"
            for name, (_column, target) in spec.refs.items():
                expect(f"{where}.{name}", getattr(record, name), target)
            for link in spec.links:
                for position, linked in enumerate(getattr(record, link.field)):
                    expect(f"{where}.{link.field}[{position}]", linked, link.target)
    for index, item in enumerate(document.action_items):
        for position, carry in enumerate(item.carries):
            expect(
                f"action_items[{index}].carries[{position}].session_uuid",
                carry.session_uuid,
                "mentor_sessions",
            )
    for index, goal in enumerate(document.career_goals):
        for position, evidence in enumerate(goal.evidence):
            where = f"career_goals[{index}].evidence[{position}]"
            if evidence.entry_kind not in EVIDENCE_KINDS:
                problems.append(
                    f"{where}.entry_kind: must be one of {', '.join(EVIDENCE_KINDS)}, "
                    f"not {one_line(repr(evidence.entry_kind))}"
                )
            else:
                expect(
                    f"{where}.entry_uuid", evidence.entry_uuid, KIND_TABLES[evidence.entry_kind].key
                )
    for index, attachment in enumerate(document.attachments):
        where = f"attachments[{index}]"
        if attachment.entry_kind not in KIND_TABLES:
            problems.append(f"{where}.entry_kind: unknown kind {attachment.entry_kind!r}")
        else:
            target = KIND_TABLES[attachment.entry_kind].key
            expect(f"{where}.entry_uuid", attachment.entry_uuid, target)
    for index, claim in enumerate(document.pdu_claims):
        if claim.source_uuid is not None:
            if claim.source_kind not in CLAIM_SOURCE_KINDS:
                problems.append(
                    f"pdu_claims[{index}].source_kind: must be one of "
                    f"{', '.join(CLAIM_SOURCE_KINDS)}"
                )
            else:
                expect(
                    f"pdu_claims[{index}].source_uuid",
                    claim.source_uuid,
                    KIND_TABLES[claim.source_kind].key,
                )
    return problems


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(
        self,
        connection: Any,
        existing: _Existing,
        summary: ImportSummary,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.connection = connection
        self.existing = existing
        self.ids = {key: dict(value) for key, value in existing.ids.items()}
        self.summary = summary
        self.cancelled = cancelled
        self.touched: dict[str, list[tuple[int, Any]]] = {}

    def _row(self, spec: ListSpec, record: schema.Stamped) -> dict[str, Any]:
        columns = set(spec.columns) - {"id"}
        row = {k: v for k, v in record.model_dump().items() if k in columns}
        for name, (column, target) in spec.refs.items():
            value = getattr(record, name)
            row[column] = None if value is None else self.ids[target][value]
        if isinstance(record, schema.SkillRecord):
            row["descriptors_json"] = json.dumps(record.descriptors)
        if isinstance(record, schema.PduClaimRecord):
            source = KIND_TABLES.get(record.source_kind or "")
            row["source_id"] = (
                None
                if source is None or record.source_uuid is None
                else self.ids[source.key].get(record.source_uuid)
            )
        return row

    def _wins(self, spec: ListSpec, record: Any) -> tuple[bool, bool]:
        """Whether the imported copy is written over the journal's (it is newer, or the
        journal's is a seeded skill never changed since: the file's copy is the user's own),
        and whether it says anything else. A newer copy that says the same takes its stamp
        but is counted as already there."""
        stamp = self.existing.updated_at[spec.key][record.uuid]
        newer = record.updated_at > stamp
        seeded = spec.key == "skills" and stamp == CATALOGUE_DATE
        if not newer and not seeded:
            return False, False
        table = spec.table.__table__
        row_id = self.ids[spec.key][record.uuid]
        current = self.connection.execute(select(table).where(table.c.id == row_id)).mappings()
        mine = dict(current.one())
        theirs = self._row(spec, record)
        different = any(
            mine[name] != value for name, value in theirs.items() if name not in STAMP_COLUMNS
        )
        return newer or different, different

    def write(self, spec: ListSpec, records: list[Any]) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        table = spec.table.__table__
        added: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        touched: list[tuple[str, Any]] = []
        restamped = 0
        for record in records:
            ids = self.ids[spec.key]
            if (
                spec.key == "skills"
                and record.uuid not in ids
                and record.name in self.existing.skill_names
            ):
                ids[record.uuid] = self.existing.skill_names[record.name]
                self.summary.unchanged[spec.key] = self.summary.unchanged.get(spec.key, 0) + 1
                continue
            if record.uuid not in ids:
                added.append(self._row(spec, record))
                touched.append((record.uuid, record))
            elif (wins := self._wins(spec, record))[0]:
                changed.append({**self._row(spec, record), "_id": ids[record.uuid]})
                touched.append((record.uuid, record))
                if not wins[1]:  # only its stamp is new
                    restamped += 1
                    self.summary.unchanged[spec.key] = self.summary.unchanged.get(spec.key, 0) + 1
            else:
                self.summary.unchanged[spec.key] = self.summary.unchanged.get(spec.key, 0) + 1
        if added:
            with bulk_insert(self.connection, table.name, len(added)):
                self.connection.execute(insert(table), added)
            self.ids[spec.key] = {
                row.uuid: row.id
                for row in self.connection.execute(select(table.c.id, table.c.uuid))
            }
        if changed:
            names = [name for name in changed[0] if name != "_id"]
            statement = (
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values({name: bindparam(name) for name in names})
            )
            self.connection.execute(statement, changed)
        self.summary.added[spec.key] = len(added)
        self.summary.updated[spec.key] = len(changed) - restamped
        self.touched[spec.key] = [(self.ids[spec.key][uuid], record) for uuid, record in touched]
        for link in spec.links:
            self._links(spec, link)
        if spec.key == "action_items":
            self._carries()

    def _links(self, spec: ListSpec, link: LinkSpec) -> None:
        table = link.table.__table__
        owners = [row_id for row_id, _record in self.touched[spec.key]]
        for start in range(0, len(owners), 500):
            chunk = owners[start : start + 500]
            self.connection.execute(table.delete().where(table.c[link.owner].in_(chunk)))
        rows = [
            {link.owner: row_id, link.column: self.ids[link.target][linked]}
            for row_id, record in self.touched[spec.key]
            for linked in dict.fromkeys(getattr(record, link.field))
        ]
        if rows:
            self.connection.execute(insert(table), rows)

    def _carries(self) -> None:
        table = ActionItemCarry.__table__  # type: ignore[attr-defined]
        have = {
            (row.action_item_id, row.session_id, row.carried_on)
            for row in self.connection.execute(select(table))
        }
        rows = []
        for row_id, record in self.touched["action_items"]:
            for carry in record.carries:
                key = (row_id, self.ids["mentor_sessions"][carry.session_uuid], carry.carried_on)
                if key not in have:
                    have.add(key)
                    rows.append(
                        {"action_item_id": key[0], "session_id": key[1], "carried_on": key[2]}
                    )
        if rows:
            self.connection.execute(insert(table), rows)

    def finish(self, document: schema.Document) -> None:
        evidence = GoalEvidence.__table__  # type: ignore[attr-defined]
        have = {
            (row.goal_id, row.entry_kind, row.entry_id)
            for row in self.connection.execute(select(evidence))
        }
        rows = []
        for goal in document.career_goals:
            for item in goal.evidence:
                key = (
                    self.ids["career_goals"][goal.uuid],
                    item.entry_kind,
                    self.ids[KIND_TABLES[item.entry_kind].key][item.entry_uuid],
                )
                if key not in have:
                    have.add(key)
                    rows.append({"goal_id": key[0], "entry_kind": key[1], "entry_id": key[2]})
        if rows:
            self.connection.execute(insert(evidence), rows)
        for list_key, model, records in (
            ("readiness_marks", ReadinessMark, document.readiness_marks),
            ("settings", JournalSetting, document.settings),
        ):
            table = model.__table__  # type: ignore[union-attr]
            keys = {row.key for row in self.connection.execute(select(table.c.key))}
            fresh = [record.model_dump() for record in records if record.key not in keys]
            if fresh:
                self.connection.execute(insert(table), fresh)
            # Counted like every other list, so an import tells the same total as the export.
            self.summary.added[list_key] = len(fresh)
            self.summary.unchanged[list_key] = len(records) - len(fresh)


@collector_paused()
def import_document(
    journal: Journal,
    document: schema.Document,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] | None = None,
    summary: ImportSummary | None = None,
) -> ImportSummary:
    """Check ``document`` against the journal, back up, then merge it in one transaction."""
    summary = summary or ImportSummary()
    with journal.session() as session:
        connection = session.connection()
        problems = _problems(document, _existing(connection))
        problems += files.file_problems(document, files.known_hashes(connection))
    if problems:
        raise ImportRefused(problems)
    backup_journal(journal.path, passphrase=journal.passphrase, reason="before-import")
    total = len(SPECS) + 1
    try:
        with journal.session() as session:
            connection = session.connection()
            with large_cache(connection):
                writer = _Writer(connection, _existing(connection), summary, cancelled)
                for done, spec in enumerate(SPECS):
                    progress(done / total, f"Importing {spec.key.replace('_', ' ')}…")
                    writer.write(spec, getattr(document, spec.key))
                writer.finish(document)
                attached = files.write_files(
                    connection,
                    document,
                    lambda kind, uuid: writer.ids[KIND_TABLES[kind].key][uuid],
                )
                for outcome, count in attached.items():
                    getattr(summary, outcome)["attachments"] = count
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
    except exc.IntegrityError as error:
        conflict = one_line(error.orig)
        raise ImportRefused([f"the file conflicts with the journal ({conflict})"]) from None
    progress(1.0, "Imported.")
    return summary


def import_json_bytes(
    journal: Journal,
    data: bytes,
    *,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import one of our JSON exports (all or nothing)."""
    return import_document(
        journal, parse_document(read_json_bytes(data)), progress=progress, cancelled=cancelled
    )
