"""Encrypted journals publish sealed files only; a wrong passphrase or newer app changes nothing."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
from pathlib import Path

import pytest

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage import encryption
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import SyncError, WrongSyncPassphrase, sync_round
from pmo_journal.core.sync.segments import MAGIC, data_files, encode_file
from tests.core.sync.laptops import join, open_laptop, state_of, sync_all
from tests.journal_template import JournalTemplate

MARKER = "Zanzibarquokka"
NEEDS_SQLCIPHER = pytest.mark.skipif(
    importlib.util.find_spec("sqlcipher3") is None, reason="SQLCipher is Linux x86-64 only"
)


def _encrypted(tmp_path: Path, name: str, passphrase: str) -> Journal:
    JournalTemplate.shared().copy_to(tmp_path / f"{name}.db")
    encryption.encrypt_journal(tmp_path / f"{name}.db", passphrase=passphrase)
    return open_laptop(tmp_path, name, passphrase=passphrase)


def _log(journal: Journal, topics: str) -> None:
    mentor = people.create_person(
        journal, data={"name": f"{MARKER} Mentor", "relationship": "mentor"}
    )
    mentor_sessions.log_mentor_session(
        journal, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": topics}
    )


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@NEEDS_SQLCIPHER
def test_no_plain_text_reaches_the_folder_of_an_encrypted_journal(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = _encrypted(tmp_path, "work", "correct horse")
    join(work, shared, f"{MARKER} laptop")
    _log(work, f"{MARKER} topics")
    sync_round(work)
    raw = _every_byte(shared)
    assert MARKER.encode() not in raw
    for found in data_files(shared):
        body = found.path.read_bytes().split(b"\n", 2)[2]
        with pytest.raises(OSError):
            gzip.decompress(body)
    home = _encrypted(tmp_path, "home", "correct horse")
    join(home, shared, "Home")
    sync_all(work, home)
    assert state_of(home) == state_of(work)
    assert {e.topics for e in mentor_sessions.list_mentor_sessions(home)} == {f"{MARKER} topics"}
    assert MARKER.encode() not in _every_byte(shared)


@NEEDS_SQLCIPHER
def test_a_wrong_passphrase_says_so_and_changes_nothing(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = _encrypted(tmp_path, "work", "correct horse")
    join(work, shared, "Work")
    _log(work, "Sealed")
    sync_round(work)
    other = _encrypted(tmp_path, "other", "battery staple")
    join(other, shared, "Other")
    before = state_of(other)
    listing = sorted(p.name for p in shared.rglob("*"))
    with pytest.raises(WrongSyncPassphrase, match="passphrase"):
        sync_round(other)
    assert state_of(other) == before
    assert sorted(p.name for p in shared.rglob("*")) == listing


@NEEDS_SQLCIPHER
def test_a_plain_journal_refuses_sealed_files(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = _encrypted(tmp_path, "work", "correct horse")
    join(work, shared, "Work")
    _log(work, "Sealed")
    sync_round(work)
    plain = open_laptop(tmp_path, "plain")
    people.create_person(plain, data={"name": f"{MARKER} in plain text"})
    join(plain, shared, "Plain")
    listing = sorted(p.name for p in shared.rglob("*"))
    with pytest.raises(SyncError, match="encrypted"):
        sync_round(plain)
    assert sorted(p.name for p in shared.rglob("*")) == listing
    assert MARKER.encode() not in _every_byte(shared)
    assert mentor_sessions.list_mentor_sessions(plain) == []


def _forged_segment(shared: Path, *, min_app: str, field: str | None) -> None:
    device = "f" * 32
    op = {
        "op": "1" * 32,
        "hlc": "000000000000001.000000." + device,
        "device": device,
        "table": "person",
        "uuid": "0" * 8 + "-0000-4000-8000-" + "0" * 12,
        "fields": {"name": "From the future", **({field: "x"} if field else {})},
        "base": {},
    }
    data = encode_file(
        {"kind": "segment", "device": device, "seq": 1, "schema": "", "min_app": min_app},
        {"ops": [op]},
        key=None,
    )
    (shared / device).mkdir(parents=True)
    (shared / device / "seg-0000000001-00000001.pmosync").write_bytes(data)
    assert data.startswith(MAGIC)


@pytest.mark.parametrize(("min_app", "field"), [("99.0.0", None), ("0.1.0", "favourite_colour")])
def test_a_segment_from_a_newer_app_is_refused_not_half_read(
    tmp_path: Path, min_app: str, field: str | None
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _forged_segment(shared, min_app=min_app, field=field)
    home = open_laptop(tmp_path, "home")
    join(home, shared, "Home")
    before = state_of(home)
    with pytest.raises(SyncError, match="update the app"):
        sync_round(home)
    assert state_of(home) == before
    # Nothing was recorded as taken in: once updated, the laptop reads it then.
    connection = home.engine.raw_connection()
    try:
        assert connection.execute("SELECT count(*) FROM sync_seen").fetchone()[0] == 0
    finally:
        connection.close()
