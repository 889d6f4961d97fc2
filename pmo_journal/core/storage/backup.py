"""Verified backups of the journal file: taking, listing, rotating and restoring them.

Backups are written with sqlite3's backup API (consistent even in WAL mode), verified
with ``PRAGMA quick_check`` and a page count compared with the journal's, and only then
given their final name, so a backup that exists is a good one; a restore runs the full
``integrity_check`` first. An encrypted journal is backed up encrypted with the same key.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo_journal.core import clock
from pmo_journal.core.storage.connect import connect, database_errors
from pmo_journal.core.storage.inspection import (
    Checks,
    inspect_journal,
    verify_connection,
    verify_file,
)
from pmo_journal.core.storage.journal_files import backups_folder
from pmo_journal.core.validation import JournalError, one_line

STAMP_FORMAT = "%Y%m%d-%H%M%S"
SETTING_PREFIX = "backup.keep_"
KEPT_PERIODS = ("daily", "weekly", "monthly")
KEEP_MOST = 1_000


@dataclass(frozen=True)
class RetentionPolicy:
    """How many backups rotation keeps: the newest of each of the last N days/weeks/months.

    Backups younger than a day are never removed, so a backup just taken before a
    restore or an import survives any rotation.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    counts: dict[str, int] | None = field(default=None)

    @property
    def entries(self) -> int | None:
        return None if self.counts is None else sum(self.counts.values())


def _pattern(journal_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(journal_path.stem)}-([a-z]+(?:-[a-z]+)*)-(\d{{8}}-\d{{6}})(?:-(\d+))?\.db$"
    )


def _parse(journal_path: Path, backup: Path) -> tuple[dt.datetime, str] | None:
    match = _pattern(journal_path).match(backup.name)
    if match is None:
        return None
    return dt.datetime.strptime(match.group(2), STAMP_FORMAT), match.group(1)


def list_backup_files(journal_path: Path, *, folder: Path | None = None) -> list[Path]:
    """This journal's backups in ``folder`` (default: its backups folder), newest first."""
    folder = folder or backups_folder(journal_path)
    if not folder.is_dir():
        return []
    found = [(parsed, p) for p in folder.iterdir() if (parsed := _parse(journal_path, p))]
    found.sort(key=lambda item: (item[0][0], item[1].name), reverse=True)
    return [path for _parsed, path in found]


def _target(journal_path: Path, folder: Path, reason: str, now: dt.datetime) -> Path:
    stamp = now.strftime(STAMP_FORMAT)
    candidate = folder / f"{journal_path.stem}-{reason}-{stamp}.db"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{journal_path.stem}-{reason}-{stamp}-{counter}.db"
    return candidate


# The journal's pages are read mapped, without a copy through the kernel.
SOURCE_MMAP_BYTES = 1 << 30


def _prepare_copy(src: Any, dst: Any) -> None:
    """The copy is written with no rollback journal and no syncs of its own: it is a
    ``.partial`` file until it has been verified and synced once, then renamed, so a
    crash part-way leaves only a file that is never used."""
    src.execute(f"PRAGMA mmap_size = {SOURCE_MMAP_BYTES}")
    dst.execute("PRAGMA synchronous = OFF")
    dst.execute("PRAGMA journal_mode = OFF")


def copy_verified(source: Path, target: Path, *, passphrase: str | None = None) -> None:
    """Copy ``source`` to ``target`` with the backup API and verify the copy before naming it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = connect(source, passphrase=passphrase)
        try:
            if passphrase is None:
                import sqlite3

                dst = sqlite3.connect(partial)
            else:
                from pmo_journal.core.storage.connect import key_connection, sqlcipher

                dst = sqlcipher().connect(str(partial))
                key_connection(dst, passphrase)
            try:
                _prepare_copy(src, dst)
                # One read transaction for the copy and the page count it is compared with.
                src.execute("BEGIN")
                pages = src.execute("PRAGMA page_count").fetchone()[0]
                src.backup(dst)
                src.execute("ROLLBACK")
                # The copy is a standalone file: no WAL beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
                copied = dst.execute("PRAGMA page_count").fetchone()[0]
                # The backup API copies pages, not rows: a quick check of the copy's
                # structure and the same page count prove the copy. The check runs on
                # this connection with its cached pages dropped, so it reads them back
                # from the file. The full integrity check runs before any restore, in
                # `pmo-journal check` and weekly in the background.
                dst.execute("PRAGMA shrink_memory")
                problem = verify_connection(dst, partial)
            finally:
                dst.close()
        finally:
            src.close()
        if problem == "ok" and copied != pages:
            problem = f"{copied} of {pages} pages were copied"
        if problem != "ok":
            raise JournalError(f"The backup of {source.name} did not verify ({problem}).")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except database_errors() as exc:
        partial.unlink(missing_ok=True)
        raise JournalError(f"{source.name} could not be backed up: {one_line(exc)}.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def backup_journal(
    journal_path: Path,
    *,
    passphrase: str | None = None,
    reason: str = "manual",
    folder: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Take a verified backup of the journal and return its path."""
    if not journal_path.exists():
        raise JournalError(f"There is no journal at {journal_path}.")
    folder = folder or backups_folder(journal_path)
    if folder.exists() and not folder.is_dir():
        raise JournalError(
            f"{folder} is a file, where the backups folder should be; move it elsewhere "
            "so that backups can be kept."
        )
    target = _target(journal_path, folder, reason, now or clock.now())
    copy_verified(journal_path, target, passphrase=passphrase)
    return target


def describe_backup(
    journal_path: Path, backup: Path, *, passphrase: str | None = None
) -> BackupInfo:
    """Date, reason, size and (when it can be read) entry counts of one backup."""
    parsed = _parse(journal_path, backup)
    taken_at, reason = parsed or (
        dt.datetime.fromtimestamp(backup.stat().st_mtime),
        "manual",
    )
    counts: dict[str, int] | None
    try:
        counts = inspect_journal(backup, passphrase=passphrase, checks=Checks.NONE).live
    except JournalError:
        counts = None
    return BackupInfo(backup, taken_at, reason, backup.stat().st_size, counts)


def list_backups(journal_path: Path, *, passphrase: str | None = None) -> list[BackupInfo]:
    """Every backup of the journal in its backups folder, newest first."""
    return [
        describe_backup(journal_path, path, passphrase=passphrase)
        for path in list_backup_files(journal_path)
    ]


def backups_to_remove(
    taken: list[tuple[Path, dt.datetime]], *, policy: RetentionPolicy, now: dt.datetime
) -> list[Path]:
    """Which backups a grandfather-father-son rotation drops (pure, for testing)."""
    ordered = sorted(taken, key=lambda item: item[1], reverse=True)
    keep: set[Path] = {path for path, when in ordered if now - when < dt.timedelta(days=1)}
    buckets: list[tuple[int, Any]] = [
        (policy.daily, lambda when: when.date()),
        (policy.weekly, lambda when: when.isocalendar()[:2]),
        (policy.monthly, lambda when: (when.year, when.month)),
    ]
    for limit, bucket_of in buckets:
        seen: list[object] = []
        for path, when in ordered:
            bucket = bucket_of(when)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(path)
    return [path for path, _when in ordered if path not in keep]


def rotate_backups(
    journal_path: Path,
    *,
    policy: RetentionPolicy | None = None,
    now: dt.datetime | None = None,
) -> list[Path]:
    """Delete the backups the retention policy no longer keeps; returns what was removed."""
    policy = policy or RetentionPolicy()
    taken = []
    for path in list_backup_files(journal_path):
        parsed = _parse(journal_path, path)
        assert parsed is not None
        taken.append((path, parsed[0]))
    removed = backups_to_remove(taken, policy=policy, now=now or clock.now())
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def retention_policy(connection: Any) -> RetentionPolicy:
    """The policy stored in the journal's settings (``backup.keep_daily`` …), else defaults."""
    values: dict[str, int] = {}
    try:
        rows = connection.execute(
            "SELECT key, value FROM journalsetting WHERE key LIKE 'backup.keep_%'"
        ).fetchall()
    except database_errors():
        rows = []
    for key, value in rows:
        if retention_setting_problem(key, str(value)) is None:
            values[key.removeprefix(SETTING_PREFIX)] = int(value)
    return RetentionPolicy(**values)


def retention_setting_problem(key: str, value: str, *, current: int | None = None) -> str | None:
    """What is wrong with a ``backup.keep_*`` setting, or ``None`` (also for other keys).

    A whole number from 1 to :data:`KEEP_MOST`; with ``current`` (the journal's value), not
    fewer than that either: a setting that came in with an import must never delete backups.
    """
    name = key.removeprefix(SETTING_PREFIX)
    if not key.startswith(SETTING_PREFIX):
        return None
    if name not in KEPT_PERIODS:
        return f"{key} is not a setting (keep_daily, keep_weekly or keep_monthly)"
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= KEEP_MOST:
        return f"{key} must be a whole number from 1 to {KEEP_MOST}"
    if current is not None and int(value) < current:
        return f"{key} of {value} would delete backups (the journal keeps {current})"
    return None


def backup_daily(
    journal_path: Path, *, passphrase: str | None = None, now: dt.datetime | None = None
) -> Path | None:
    """The automatic backup on open: at most one a day, followed by rotation."""
    now = now or clock.now()
    newest = list_backup_files(journal_path)
    if newest:
        parsed = _parse(journal_path, newest[0])
        if parsed is not None and parsed[0].date() == now.date():
            return None
    target = backup_journal(journal_path, passphrase=passphrase, reason="daily", now=now)
    connection = connect(journal_path, passphrase=passphrase)
    try:
        policy = retention_policy(connection)
    finally:
        connection.close()
    rotate_backups(journal_path, policy=policy, now=now)
    return target


def newest_good_backup(journal_path: Path, *, passphrase: str | None = None) -> Path | None:
    """The newest backup that passes SQLite's quick check, if any."""
    for path in list_backup_files(journal_path):
        if verify_file(path, passphrase=passphrase, quick=True) == "ok":
            return path
    return None


def _key_of_backup(backup: Path, passphrase: str | None) -> str | None:
    """The key that opens ``backup``: none for a plain file, else ``passphrase`` (checked)."""
    from pmo_journal.core.storage.connect import PassphraseRequired, is_encrypted

    if not is_encrypted(backup):
        return None
    if passphrase is None:
        raise PassphraseRequired(backup)
    connect(backup, passphrase=passphrase).close()  # WrongPassphrase when it doesn't
    return passphrase


def _key_of_journal(journal_path: Path, passphrase: str | None) -> str | None:
    """The key of the journal being replaced (checked), ``None`` if it is plain or missing."""
    from pmo_journal.core.storage.connect import PassphraseRequired, is_encrypted

    if not journal_path.exists() or not is_encrypted(journal_path):
        return None
    if passphrase is None:
        raise PassphraseRequired(journal_path)
    connect(journal_path, passphrase=passphrase).close()
    return passphrase


def _write_incoming(backup: Path, incoming: Path, *, key: str | None, target: str | None) -> None:
    """The backup as a verified new file, in the journal's encryption state."""
    if key == target:
        copy_verified(backup, incoming, passphrase=key)
        return
    from pmo_journal.core.storage.encryption import export_verified

    export_verified(backup, incoming, old=key, new=target)


def restore_backup(
    journal_path: Path,
    backup: Path,
    *,
    passphrase: str | None = None,
    backup_passphrase: str | None = None,
) -> Path | None:
    """Replace the journal with ``backup``; returns the backup taken of the current file first.

    ``passphrase`` is the journal's, ``backup_passphrase`` the backup's (default: the same).
    The restored journal keeps the journal's encryption: a plain backup restored over an
    encrypted journal is encrypted with its passphrase on the way in, never written out
    in plain text. The journal must be closed. The backup is verified, the current file
    backed up (or, when it doesn't pass the check, set aside untouched), and the restored
    copy is written beside the journal, verified again and swapped in with one atomic
    rename.
    """
    from pmo_journal.core.storage.journal_files import journal_file, same_file
    from pmo_journal.core.storage.journal_lock import exclusive_use

    journal_path = journal_file(journal_path)
    backup = backup.expanduser()
    if not backup.is_file():
        raise JournalError(f"There is no backup at {backup}.")
    if journal_path.exists() and same_file(backup, journal_path):
        raise JournalError(f"{backup} is the journal itself, not a backup of it.")
    key = _key_of_backup(backup, passphrase if backup_passphrase is None else backup_passphrase)
    problem = verify_file(backup, passphrase=key)
    if problem != "ok":
        raise JournalError(
            f"{backup.name} is not a good backup ({one_line(problem)}); nothing was changed."
        )
    from pmo_journal.core.sync.restore import leave_restore_note, remember_sync_settings

    with exclusive_use(journal_path, command="restore"):
        journal_key = _key_of_journal(journal_path, passphrase)
        target = journal_key if journal_path.exists() else key
        sync_settings = remember_sync_settings(journal_path, passphrase=journal_key)
        safety = _keep_current(journal_path, journal_key)
        incoming = journal_path.with_name(journal_path.name + ".restoring")
        _write_incoming(backup, incoming, key=key, target=target)
        try:
            for suffix in ("-wal", "-shm"):
                Path(f"{journal_path}{suffix}").unlink(missing_ok=True)
            os.replace(incoming, journal_path)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        leave_restore_note(journal_path, sync_settings)
    return safety


def _keep_current(journal_path: Path, key: str | None) -> Path | None:
    """Back up the journal about to be replaced; set it aside if it doesn't pass the check.

    Either way nothing of it is lost, and its WAL is folded in (or moved with it) first.
    """
    if not journal_path.exists():
        return None
    if verify_file(journal_path, passphrase=key) != "ok":
        from pmo_journal.core.storage.integrity import set_aside

        set_aside(journal_path)
        return None
    safety = backup_journal(journal_path, passphrase=key, reason="before-restore")
    connection = connect(journal_path, passphrase=key)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return safety
