"""The timeline reads an encrypted journal (SQLCipher's driver) exactly like a plain one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services.timeline import TimelineFilter, count_timeline, list_timeline
from pmo_journal.core.storage.db import Journal, copy_database
from pmo_journal.core.storage.encryption import encrypt_journal

PASSPHRASE = "correct horse battery staple"
TODAY = dt.date(2026, 3, 31)


def test_pages_counts_and_search_match_the_plain_journal(tmp_path: Path) -> None:
    plain, secret = tmp_path / "plain.db", tmp_path / "secret.db"
    build_demo_journal(plain, years=1, today=TODAY)
    copy_database(plain, secret)
    encrypt_journal(secret, passphrase=PASSPHRASE)
    filters = [
        TimelineFilter(),
        TimelineFilter(text="benefits"),
        TimelineFilter(kinds=frozenset({EntryKind.SKILL_REFLECTION}), skill_id=2),
    ]
    with Journal.open(plain) as journal:
        expected = [(count_timeline(journal, f), list_timeline(journal, f)) for f in filters]
    with Journal.open(secret, passphrase=PASSPHRASE) as journal:
        found = [(count_timeline(journal, f), list_timeline(journal, f)) for f in filters]
    assert found == expected
    assert all(count for count, _ in found)
