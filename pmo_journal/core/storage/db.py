"""The journal file: engine and PRAGMAs, one session per unit of work, schema upgrade at open."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool, QueuePool
from sqlmodel import Session, create_engine, func, select

from pmo_journal.core.models import Skill
from pmo_journal.core.resources import read_json
from pmo_journal.core.storage.access import refuse_if_not_writable
from pmo_journal.core.storage.backup import backup_daily, backup_journal, backups_folder
from pmo_journal.core.storage.clean_close import lost_writes_problem, mark, wal_lost, was_left_open
from pmo_journal.core.storage.connect import (
    PassphraseOpensBackup,
    PassphraseRequired,
    WrongPassphrase,
    database_errors,
    is_encrypted,
)
from pmo_journal.core.storage.inspection import (
    Checks,
    Inspection,
    UnreadableJournal,
    inspect_journal,
)
from pmo_journal.core.storage.integrity import JournalDamaged, raise_damaged
from pmo_journal.core.storage.journal_files import journal_file, remove_leftovers
from pmo_journal.core.storage.journal_lock import JournalInUse, held_elsewhere
from pmo_journal.core.storage.location import default_journal_path
from pmo_journal.core.storage.revisions import alembic_config, head_revision
from pmo_journal.core.validation import JournalError, one_line

BUSY_TIMEOUT_MS = 5_000
# Seeded skills get the same uuid and timestamps in every journal, so exports from two
# journals (or an export imported into a new journal) recognise them as the same skill.
SKILL_UUID_NAMESPACE = uuid.UUID("6f1c2a52-5d0e-4b8e-9a57-3f6f0c9d8a10")
CATALOGUE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def catalogue_skills() -> list[Skill]:
    """The skills a new journal starts with, the same (uuid, timestamps) in every journal."""
    catalogue = read_json("skills.json")["skills"]
    return [
        Skill(
            uuid=str(uuid.uuid5(SKILL_UUID_NAMESPACE, item["name"])),
            created_at=CATALOGUE_DATE,
            updated_at=CATALOGUE_DATE,
            name=item["name"],
            description=item["description"],
            descriptors_json=json.dumps(item["descriptors"]),
            headline=item["headline"],
            sort_order=order,
        )
        for order, item in enumerate(catalogue)
    ]


__all__ = ["Journal", "backups_folder", "copy_database", "default_journal_path", "make_engine"]


def make_engine(path: Path, *, passphrase: str | None = None) -> Engine:
    """An engine on ``path`` whose transactions really are transactions.

    pysqlite's legacy mode commits DDL implicitly; taking over BEGIN makes a migration
    (DDL included) all-or-nothing. With a passphrase the file is opened through SQLCipher.
    """
    # Built, not written as text: a "?", "#" or "%41" in a file name is part of the name.
    url = URL.create("sqlite", database=str(path))
    pool: dict[str, Any] = {"poolclass": NullPool}
    if passphrase is not None:
        url = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
        # Deriving the key is slow by design, so encrypted connections are kept and reused.
        pool = {"poolclass": QueuePool, "pool_size": 2, "max_overflow": 2}
    engine = create_engine(
        url,
        **pool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _hint_if_a_backup_opens(path: Path, passphrase: str | None) -> None:
    """A passphrase that opens a backup of the journal but not the journal itself says so
    (:class:`PassphraseOpensBackup`): nothing is set aside, since it may just be an old one."""
    from pmo_journal.core.storage.backup import newest_good_backup

    if passphrase is None:
        return
    backup = newest_good_backup(path, passphrase=passphrase)
    if backup is not None and is_encrypted(backup):
        raise PassphraseOpensBackup(path, backup) from None


def _refuse_emptied(path: Path) -> None:
    """A journal emptied to 0 bytes (a crash, a bad copy) is not made anew over its backups:
    it is set aside like a damaged one, and the newest good backup offered."""
    from pmo_journal.core.storage.backup import newest_good_backup

    if path.is_file() and path.stat().st_size == 0 and newest_good_backup(path) is not None:
        raise_damaged(path, problem="it is empty, 0 bytes", passphrase=None)


def _stored_revision(path: Path, passphrase: str | None) -> str:
    """The revision stored in ``path`` ("" for a new, empty file); raise if it isn't ours.

    A file that fails SQLite's quick check is set aside and :class:`JournalDamaged` raised.
    """
    if not path.exists():
        return ""
    try:
        found = inspect_journal(
            path, passphrase=passphrase, checks=Checks.QUICK, count=False, blank_ok=True
        )
    except UnreadableJournal as exc:
        if exc.damage is not None:
            raise_damaged(path, problem=exc.damage, passphrase=passphrase)
        raise JournalError(f"{path} can't be read as a journal: {one_line(exc.error)}.") from None
    if found.problems:
        raise_damaged(path, problem="; ".join(found.problems), passphrase=passphrase)
    return found.revision


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` through sqlite3's backup API (safe in WAL mode)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


# What SQLite says when a write can't be done, and what the user can do about it.
WRITE_FAILURES = (
    ("locked", "{name} is busy: another program (an import, a restore) is writing to it"),
    ("busy", "{name} is busy: another program (an import, a restore) is writing to it"),
    ("full", "the disk that holds {name} is full; make room on it"),
    ("readonly", "{name} is read-only; check the permissions of the file and its folder"),
    ("read-only", "{name} is read-only; check the permissions of the file and its folder"),
    ("disk i/o", "{name} could not be written (a disk error); check the disk"),
    ("unable to open", "{name} can't be opened for writing; check its folder"),
)


def write_failure(path: Path, exc: OperationalError) -> JournalError | OperationalError:
    """The one-line error for a write SQLite refused; nothing of the save was written."""
    said = str(exc.orig).casefold()
    for marker, advice in WRITE_FAILURES:
        if marker in said.replace(" ", "") or marker in said:
            return JournalError(
                f"Nothing was saved: {advice.format(name=path.name)}, then save again."
            )
    return exc


class Journal:
    """One open journal file. Services take it and open their own session on it."""

    def __init__(self, path: Path, engine: Engine, *, passphrase: str | None = None) -> None:
        self.path = path
        self.engine = engine
        self.passphrase = passphrase
        # The session of the unit of work open on each thread, if any.
        self._unit = threading.local()
        # Why the automatic backup at open failed, if it did (the app tells the user).
        self.backup_problem: str | None = None
        # Whether opening created the file: a journal made just now needs no backup yet.
        self.created = False
        # What a crash in the last session may have cost (the app tells the user).
        self.recovery_problem: str | None = None
        # Whether this journal records its open and close (not while the app has it).
        self._marks = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        passphrase: str | None = None,
        auto_backup: bool = True,
    ) -> Journal:
        """Open (and, if needed, create or upgrade) the journal at ``path``.

        An encrypted file needs ``passphrase`` (:class:`PassphraseRequired` otherwise); a
        plain file ignores it. ``auto_backup`` takes the once-a-day backup.
        """
        path = journal_file(path)
        try:
            return cls._open(path, create=create, passphrase=passphrase, auto_backup=auto_backup)
        except WrongPassphrase:
            _hint_if_a_backup_opens(path, passphrase)
            raise
        except (PassphraseRequired, JournalDamaged, JournalInUse):
            raise
        except (JournalError, OSError) as exc:
            # A read-only folder or a full disk is told as such, not as damage or a bad file.
            refuse_if_not_writable(path)
            if isinstance(exc, OSError):
                raise JournalError(f"{path} could not be opened: {one_line(exc)}.") from None
            raise

    @classmethod
    def _open(
        cls, path: Path, *, create: bool, passphrase: str | None, auto_backup: bool
    ) -> Journal:
        if not path.parent.is_dir():
            raise JournalError(f"The folder {path.parent} does not exist.")
        if not create and not path.exists():
            raise JournalError(f"There is no journal at {path}.")
        alone = not held_elsewhere(path)
        if alone:
            remove_leftovers(path)
        wal_problem = wal_lost(path) if alone else None
        _refuse_emptied(path)
        if is_encrypted(path):
            if passphrase is None:
                raise PassphraseRequired(path)
        else:
            passphrase = None
        revision = _stored_revision(path, passphrase)
        head = head_revision()
        engine = make_engine(path, passphrase=passphrase)
        journal = cls(path, engine, passphrase=passphrase)
        journal.created = not revision
        try:
            if revision != head:
                journal._upgrade(backup=bool(revision))
            journal._seed_skills()
            if alone:
                journal._record_open(wal_problem)
        except JournalError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            raise JournalError(f"{path} could not be opened: {one_line(exc)}.") from exc
        if auto_backup and revision:
            try:
                backup_daily(path, passphrase=passphrase)
            except (JournalError, OSError) as exc:
                journal.backup_problem = str(exc)
        return journal

    def _record_open(self, wal_problem: str | None) -> None:
        with self.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            self.recovery_problem = lost_writes_problem(self.path, wal_problem, was_left_open(raw))
            try:
                raw.execute("BEGIN IMMEDIATE")
                mark(raw, open_now=True)
                raw.execute("COMMIT")
            except database_errors():  # a read-only journal can still be read
                return
        self._marks = True

    def _record_close(self) -> None:
        try:
            with self.engine.connect() as connection:
                raw = connection.connection.dbapi_connection
                assert raw is not None
                raw.execute("BEGIN IMMEDIATE")
                mark(raw, open_now=False)
                raw.execute("COMMIT")
        except Exception:  # a full or read-only disk: the next open says what it can
            return

    def _upgrade(self, *, backup: bool) -> None:
        if backup:
            backup_journal(self.path, passphrase=self.passphrase, reason="before-upgrade")
        with self.engine.connect() as connection:
            # Foreign keys stay off while tables are rebuilt, then are checked once.
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            from alembic import command

            with connection.begin():
                command.upgrade(alembic_config(connection), "head")
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise JournalError(
                        f"The schema upgrade found {len(problems)} broken references; "
                        "the journal was left as it was."
                    )
            raw.execute("PRAGMA foreign_keys = ON")

    def _seed_skills(self) -> None:
        with self.session() as session:
            if session.exec(select(func.count()).select_from(Skill)).one():
                return
            for skill in catalogue_skills():
                session.add(skill)

    # ------------------------------------------------------------------ working
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back if it raises.

        Inside :meth:`unit_of_work` it is that unit's session, committed when it ends.
        """
        outer: Session | None = getattr(self._unit, "session", None)
        if outer is not None:
            yield outer
            outer.flush()
            return
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise write_failure(self.path, exc) from None
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Make every service call in the block (on this thread) one transaction.

        For a save that spans several services, e.g. a new mentor, their session and
        the action items carried into it: all of it is written, or none.
        """
        if getattr(self._unit, "session", None) is not None:
            yield
            return
        with self.session() as session:
            self._unit.session = session
            try:
                yield
            finally:
                self._unit.session = None

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        """The rows of one read-only SQL statement, as mappings of column to value.

        Inside :meth:`unit_of_work`, on that unit's connection and in its transaction (a
        report's reads share one connection and one snapshot); otherwise on a connection
        of its own.
        """
        values = dict(params or {})
        outer: Session | None = getattr(self._unit, "session", None)
        if outer is not None:
            return list(outer.connection().execute(text(sql), values).mappings())
        with self.engine.connect() as connection:
            return list(connection.execute(text(sql), values).mappings())

    def revision(self) -> str:
        with self.engine.connect() as connection:
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return str(row[0]) if row else ""

    def check(self) -> Inspection:
        """The thorough inspection of this journal's file: integrity, revision, counts."""
        return inspect_journal(self.path, passphrase=self.passphrase)

    def close(self) -> None:
        if self._marks:
            self._marks = False
            self._record_close()
        self.engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
