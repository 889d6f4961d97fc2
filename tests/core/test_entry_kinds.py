"""The registry of entry kinds is complete, and every place that lists kinds reads it."""

from __future__ import annotations

import pytest

from pmo_journal.core.entry_kinds import ENTRY_KINDS, EntryKindSpec, entry_kind
from pmo_journal.core.exchange import schema
from pmo_journal.core.exchange.tables import BY_KEY, KIND_TABLES
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services.timeline import TimelineFilter, count_timeline
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import tables as sync_tables

SPECS = list(ENTRY_KINDS.values())


def test_every_kind_is_registered_once() -> None:
    assert list(ENTRY_KINDS) == list(EntryKind)
    assert all(entry_kind(kind.value) is ENTRY_KINDS[kind] for kind in EntryKind)


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind.value)
def test_a_kind_has_what_an_entry_needs(spec: EntryKindSpec) -> None:
    columns = set(spec.table.__table__.columns.keys())
    assert {"id", "uuid", "starred", "private", "deleted_at"} <= columns
    assert {"id", "uuid"} <= set(spec.read_model.model_fields)
    assert spec.kind.label == spec.label and spec.plural


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind.value)
def test_the_exchange_document_and_sync_know_every_kind(spec: EntryKindSpec) -> None:
    assert spec.document_list in schema.Document.model_fields
    assert BY_KEY[spec.document_list].table is spec.table
    assert KIND_TABLES[spec.kind.value] is BY_KEY[spec.document_list]
    assert sync_tables.KIND_TABLES[spec.kind.value] == spec.table_name


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind.value)
def test_the_timeline_reads_every_kind(journal: Journal, spec: EntryKindSpec) -> None:
    only = TimelineFilter(kinds=frozenset({spec.kind}), text="anything")
    assert count_timeline(journal, only) == 0
    assert count_timeline(journal, TimelineFilter(kinds=frozenset({spec.kind}))) == 0


def test_the_inspection_counts_every_kind(journal: Journal) -> None:
    found = journal.check()
    assert set(found.live) == {kind.value for kind in EntryKind}
    assert {spec.table_name for spec in SPECS} <= set(found.counts)
