"""kill -9 at every step of encrypt, decrypt, re-key, restore, backup and demo loses nothing.

Each test kills the command before each of its file-system steps in turn (see
``tests/kill_points.py``), checks that every word is still in the journal or in a verified
backup and that nothing readable is left beside an encrypted journal, then runs the command
again and checks that it finishes the work.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from pmo_journal import cli
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup, encryption
from pmo_journal.core.storage.connect import connect
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.inspection import inspect_journal
from tests.kill_points import Tally, every_kill_point, files_under

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
NEEDS_SQLCIPHER = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("sqlcipher3") is None,
    reason="SQLCipher is Linux x86-64 only",
)
# Every ninth kill point in the suite (each kill costs a process start);
# PMO_JOURNAL_KILL_STRIDE=1 visits every one.
STRIDE = int(os.environ.get("PMO_JOURNAL_KILL_STRIDE", "9"))
SECRET = "Ada Secret"
LATER = "Later Person"


def _names(path: Path, passphrase: str | None = None) -> list[str]:
    connection = connect(path, passphrase=passphrase)
    try:
        rows = connection.execute("SELECT name FROM person ORDER BY name").fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


def _key_of(path: Path, *keys: str | None) -> str | None:
    for key in keys:
        if encryption.opens_with(path, key):
            return key
    raise AssertionError(f"{path.name} opens with none of the passphrases")


def _again(argv: list[str], *, unless: str = "") -> None:
    """Run the command again, in this process; it finishes (or says why there is no need)."""
    told = io.StringIO()
    with contextlib.redirect_stderr(told), contextlib.redirect_stdout(io.StringIO()):
        code = cli.run(argv)
    assert code == 0 or (unless and unless in told.getvalue()), told.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal (SECRET, then LATER) with a daily backup holding SECRET alone."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "journal.db"
    with Journal.open(path) as journal:
        people.create_person(journal, data={"name": SECRET})
    Journal.open(path).close()  # the daily backup
    with Journal.open(path) as journal:
        people.create_person(journal, data={"name": LATER})
    return path


class Fresh(Protocol):
    def __call__(self, *, encrypted_with: str | None = None) -> Path: ...


@pytest.fixture
def fresh(template: Path, tmp_path: Path) -> Iterator[Fresh]:
    counter = iter(range(1_000))

    def copy(*, encrypted_with: str | None = None) -> Path:
        folder = tmp_path / f"try-{next(counter)}"
        shutil.copytree(template.parent, folder)
        path = folder / template.name
        if encrypted_with is not None:
            encryption.encrypt_journal(path, passphrase=encrypted_with)
        return path

    yield copy


def _every_copy_whole(path: Path, *keys: str | None) -> None:
    """The journal holds both people and each backup SECRET, under one of ``keys``."""
    assert _names(path, _key_of(path, *keys)) == [SECRET, LATER]
    for taken in backup.list_backup_files(path):
        assert SECRET in _names(taken, _key_of(taken, *keys))


def _nothing_readable(folder: Path) -> None:
    readable = [p.name for p in files_under(folder) if SECRET.encode() in p.read_bytes()]
    assert readable == [], f"readable without the passphrase: {readable}"


def _report(command: str, tally: Tally) -> None:
    print(tally.line(command))  # shown with -s; the README records the full counts
    assert tally.tries and not tally.failures, tally.failures


@NEEDS_SQLCIPHER
def test_encrypt_killed_anywhere(fresh: Fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "pw")

    def verify(path: Path) -> None:
        _every_copy_whole(path, None, "pw")
        _again(["encrypt", "--db", str(path)], unless="already encrypted")
        _every_copy_whole(path, "pw")
        _nothing_readable(path.parent)

    argv = ["encrypt", "--db"]
    _report(
        "encrypt",
        every_kill_point(lambda p: [*argv, str(p)], prepare=fresh, verify=verify, stride=STRIDE),
    )


@NEEDS_SQLCIPHER
def test_decrypt_killed_anywhere(fresh: Fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "pw")

    def verify(path: Path) -> None:
        _every_copy_whole(path, "pw", None)
        _again(["decrypt", "--db", str(path)], unless="not encrypted")
        _every_copy_whole(path, None)

    _report(
        "decrypt",
        every_kill_point(
            lambda p: ["decrypt", "--db", str(p)],
            prepare=lambda: fresh(encrypted_with="pw"),
            verify=verify,
            stride=STRIDE,
        ),
    )


@NEEDS_SQLCIPHER
def test_rekey_killed_anywhere(fresh: Fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "old")
    monkeypatch.setenv("PMO_JOURNAL_NEW_PASSPHRASE", "new")

    def verify(path: Path) -> None:
        _every_copy_whole(path, "old", "new")
        if encryption.opens_with(path, "old"):  # the journal goes last: finish the rest
            _again(["encrypt", "--rekey", "--db", str(path)])
        _every_copy_whole(path, "new")

    _report(
        "encrypt --rekey",
        every_kill_point(
            lambda p: ["encrypt", "--rekey", "--db", str(p)],
            prepare=lambda: fresh(encrypted_with="old"),
            verify=verify,
            stride=STRIDE,
        ),
    )


def _the_daily_backup(path: Path) -> Path:
    return next(p for p in backup.list_backup_files(path) if "-daily-" in p.name)


def test_restore_killed_anywhere(fresh: Fresh) -> None:
    def verify(path: Path) -> None:
        # Before the swap the journal is as it was; after it, its words are in a backup.
        now = _names(path)
        assert now in ([SECRET, LATER], [SECRET])
        if now == [SECRET]:
            kept = [_names(p) for p in backup.list_backup_files(path) if "before-restore" in p.name]
            assert [SECRET, LATER] in kept, "the journal replaced without a backup of it"
        _again(["restore", "--db", str(path), str(_the_daily_backup(path))])
        assert _names(path) == [SECRET]
        kept = [_names(p) for p in backup.list_backup_files(path) if "before-restore" in p.name]
        assert [SECRET, LATER] in kept

    _report(
        "restore",
        every_kill_point(
            lambda p: ["restore", "--db", str(p), str(_the_daily_backup(p))],
            prepare=fresh,
            verify=verify,
            stride=STRIDE,
        ),
    )


def test_backup_killed_anywhere(fresh: Fresh) -> None:
    def verify(path: Path) -> None:
        Journal.open(path, auto_backup=False).close()  # clears what the kill left
        assert _names(path) == [SECRET, LATER]
        for taken in backup.list_backup_files(path):
            assert backup.verify_file(taken) == "ok", taken.name
        assert not [p for p in files_under(path.parent) if p.name.endswith(".partial")]
        _again(["backup", "--db", str(path)])

    _report(
        "backup",
        every_kill_point(
            lambda p: ["backup", "--db", str(p)], prepare=fresh, verify=verify, stride=STRIDE
        ),
    )


def test_demo_killed_anywhere(tmp_path: Path) -> None:
    counter = iter(range(1_000))

    def prepare() -> Path:
        folder = tmp_path / f"try-{next(counter)}"
        folder.mkdir()
        return folder / "sample.db"

    whole = build_demo_journal(tmp_path / "whole.db", years=1).entries

    def verify(path: Path) -> None:
        # Written in one transaction: a kill leaves the whole demo or none of it, and
        # running it again fills what is not yet filled.
        _again(["demo", "--db", str(path), "--years", "1"], unless="already holds a journal")
        assert cli.run(["check", "--db", str(path)]) == 0
        assert inspect_journal(path).entries == whole

    _report(
        "demo",
        every_kill_point(
            lambda p: ["demo", "--db", str(p), "--years", "1"],
            prepare=prepare,
            verify=verify,
            stride=STRIDE,
        ),
    )
