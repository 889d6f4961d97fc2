"""The complete, versioned JSON export: every table, references spelled as uuids."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from pmo_journal.core.disclosure import Disclosure, DisclosureChoice, disclosure_for
from pmo_journal.core.exchange import files, schema
from pmo_journal.core.exchange.collector import collector_paused
from pmo_journal.core.exchange.tables import KIND_TABLES, SPECS, LinkSpec, ListSpec
from pmo_journal.core.models import (
    ActionItemCarry,
    GoalEvidence,
    JournalSetting,
    ReadinessMark,
    utcnow,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.journal_files import refuse_unsafe_output
from pmo_journal.core.sync.tables import LOCAL_SETTING_PREFIXES
from pmo_journal.core.validation import JournalError

Progress = Callable[[int, int], None]


def _rows(connection: Any, table: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(select(table.__table__)).mappings()]


class _Collector:
    """Reads every table once and turns rows into records: what the disclosure rule lets
    out, with its texts as the rule lets them be shown."""

    def __init__(self, connection: Any, rule: Disclosure) -> None:
        self.connection = connection
        self.rule = rule
        self.rows = {spec.key: _rows(connection, spec.table) for spec in SPECS}
        self.uuid_of = {
            spec.key: {row["id"]: row["uuid"] for row in self.rows[spec.key]} for spec in SPECS
        }
        self.left_out: dict[str, set[int]] = {
            spec.key: {
                r["id"] for r in self.rows[spec.key] if not rule.shows(spec.disclosure, r["id"])
            }
            if spec.disclosure
            else set()
            for spec in SPECS
        }

    def uuid(self, key: str, row_id: int | None) -> str | None:
        if row_id is None or row_id in self.left_out[key]:
            return None
        return self.uuid_of[key].get(row_id)

    def entry_uuid(self, kind: str | None, row_id: int | None) -> str | None:
        spec = KIND_TABLES.get(kind or "")
        return None if spec is None else self.uuid(spec.key, row_id)

    def records(self, spec: ListSpec, extra: Callable[[dict[str, Any]], dict[str, Any]]) -> list:
        fields = set(spec.record.model_fields)
        out = []
        for row in self.rows[spec.key]:
            if row["id"] in self.left_out[spec.key]:
                continue
            data = {name: value for name, value in row.items() if name in fields}
            if spec.disclosure:
                data = self.rule.fields(spec.disclosure, data)
            for field, (column, target) in spec.refs.items():
                data[field] = self.uuid(target, row[column])
            data.update(extra(row))
            out.append(spec.record.model_validate(data))
        return sorted(out, key=lambda record: record.uuid)


def _link_uuids(collector: _Collector, link: LinkSpec) -> dict[int, list[str]]:
    """The uuids each record links to through ``link`` (left-out rows not named)."""
    found: dict[int, list[str]] = {}
    for row in _rows(collector.connection, link.table):
        target = collector.uuid(link.target, row[link.column])
        if target is not None:
            found.setdefault(row[link.owner], []).append(target)
    return {owner_id: sorted(uuids) for owner_id, uuids in found.items()}


def _with_links(
    collector: _Collector,
    spec: ListSpec,
    extra: Callable[[dict[str, Any]], dict[str, Any]],
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """``extra`` plus the record's linked uuids, one field per link of ``spec``."""
    linked = {link.field: _link_uuids(collector, link) for link in spec.links}

    def fields(row: dict[str, Any]) -> dict[str, Any]:
        return {
            **{name: uuids.get(row["id"], []) for name, uuids in linked.items()},
            **extra(row),
        }

    return fields


@collector_paused()
def build_document(
    journal: Journal, *, include_private: bool = False, with_files: bool = True
) -> dict[str, Any]:
    """The whole journal as a JSON-ready dict (see "The JSON format" in the README).

    ``with_files=False`` leaves the files' bytes out (``files`` is empty) and never reads
    them: for the readable exports, and for :func:`export_json`, which streams them.
    Without ``include_private`` it holds what the disclosure rule lets out.
    """
    rule = disclosure_for(journal, DisclosureChoice(include_private=include_private))
    with journal.session() as session:
        connection = session.connection()
        collector = _Collector(connection, rule)
        carries: dict[int, list[schema.CarryRecord]] = {}
        for carry in _rows(connection, ActionItemCarry):
            into = collector.uuid("mentor_sessions", carry["session_id"])
            if into is not None:
                carries.setdefault(carry["action_item_id"], []).append(
                    schema.CarryRecord(session_uuid=into, carried_on=carry["carried_on"])
                )
        evidence: dict[int, list[schema.EvidenceRecord]] = {}
        for link in _rows(connection, GoalEvidence):
            entry = collector.entry_uuid(link["entry_kind"], link["entry_id"])
            if entry is not None:
                evidence.setdefault(link["goal_id"], []).append(
                    schema.EvidenceRecord(entry_kind=link["entry_kind"], entry_uuid=entry)
                )
        extras: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "skills": lambda r: {"descriptors": json.loads(r["descriptors_json"] or "[]")},
            "action_items": lambda r: {
                "carries": sorted(
                    carries.get(r["id"], []), key=lambda c: (c.carried_on, c.session_uuid)
                )
            },
            "career_goals": lambda r: {
                "evidence": sorted(
                    evidence.get(r["id"], []), key=lambda e: (e.entry_kind, e.entry_uuid)
                )
            },
            "pdu_claims": lambda r: {
                "source_uuid": collector.entry_uuid(r["source_kind"], r["source_id"]),
                "source_kind": r["source_kind"]
                if collector.entry_uuid(r["source_kind"], r["source_id"])
                else None,
            },
        }
        document = schema.Document(
            format=schema.FORMAT_NAME,
            version=schema.FORMAT_VERSION,
            exported_at=utcnow(),
            schema_revision=journal.revision(),
            include_private=include_private,
            **{
                spec.key: collector.records(
                    spec, _with_links(collector, spec, extras.get(spec.key, lambda _r: {}))
                )
                for spec in SPECS
            },
            readiness_marks=sorted(
                (
                    schema.ReadinessMarkRecord.model_validate(
                        {**row, "note": rule.text(row["note"])}
                    )
                    for row in _rows(connection, ReadinessMark)
                ),
                key=lambda mark: mark.key,
            ),
            settings=sorted(
                (
                    schema.SettingRecord.model_validate(row)
                    for row in _rows(connection, JournalSetting)
                    if not str(row["key"]).startswith(LOCAL_SETTING_PREFIXES)
                ),
                key=lambda setting: setting.key,
            ),
            attachments=files.attachment_records(connection, collector.entry_uuid, rule),
        )
        dumped = document.model_dump(mode="json")
        if with_files:
            dumped["files"] = files.file_records(connection, dumped)
    return dumped


def write_atomically(path: Path, text: str | Callable[[IO[str]], None]) -> None:
    """Write ``text`` (or what ``text(handle)`` writes) to ``path`` through a temporary
    file, so a crash leaves no half file."""
    if not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise JournalError(f"{path} is a folder; name the file to write.")
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                text(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@collector_paused()
def export_json(
    journal: Journal, out: Path, *, include_private: bool = False, overwrite: bool = False
) -> dict[str, int]:
    """Write the JSON export to ``out``, evidence files included; returns how many records
    each list holds.

    ``out`` may not be a file of the journal or any database, nor (unless ``overwrite``)
    an existing file.
    """
    refuse_unsafe_output(out, journal_path=journal.path, overwrite=overwrite)
    document = build_document(journal, include_private=include_private, with_files=False)
    with journal.engine.connect() as connection:
        write_atomically(out, lambda handle: files.write_document(handle, document, connection))
    counts = {key: len(value) for key, value in document.items() if isinstance(value, list)}
    counts["files"] = len(files.named_hashes(document))
    return counts


def exported_at_removed(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its timestamp, for comparing two exports."""
    return {key: value for key, value in document.items() if key != "exported_at"}
