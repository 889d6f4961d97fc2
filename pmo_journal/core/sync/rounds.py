"""One sync round: publish this laptop's changes, take in the others', merge, in one transaction."""

from __future__ import annotations

import datetime as dt
import json
import platform
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmo_journal import __version__
from pmo_journal.core import clock
from pmo_journal.core.sync import hlc
from pmo_journal.core.sync.apply import apply_records
from pmo_journal.core.sync.log import (
    drop_triggers,
    install_triggers,
    operations_by_record,
    record_local_changes,
    set_state,
    state,
    store_operation,
)
from pmo_journal.core.sync.merge import DELETED, Operation
from pmo_journal.core.sync.segments import (
    DataFile,
    Keys,
    SyncError,
    Unreadable,
    data_files,
    decode_file,
    device_folders,
    encode_file,
    write_atomically,
)
from pmo_journal.core.sync.tables import by_name

# The oldest app that can read what this one publishes.
MIN_APP = "0.1.0"
SNAPSHOT_EVERY = 5_000


@dataclass(frozen=True)
class SyncReport:
    folder: Path
    device: str
    published: int
    taken_in: int
    laptops: int
    conflicts: int
    waiting: int
    synced_at: str

    def summary(self) -> str:
        published = f"{self.published} change{'s' if self.published != 1 else ''} published"
        if self.laptops <= 1:
            text = f"Synced through {self.folder} (no other laptop there yet): {published}"
        else:
            text = (
                f"Synced with {self.laptops - 1} other laptop{'s' if self.laptops > 2 else ''} "
                f"through {self.folder}: {published}, {self.taken_in} taken in"
            )
        if self.conflicts:
            text += f"; {self.conflicts} conflict{'s' if self.conflicts != 1 else ''} to resolve"
        return text + "."


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


@contextmanager
def _transaction(journal: Any) -> Iterator[Any]:
    connection = journal.engine.raw_connection()
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


# ---------------------------------------------------------------- turning it on and off
def enable_sync(journal: Any, *, folder: Path, device_name: str | None = None) -> str:
    """Turn sync on for ``journal`` through ``folder``; returns this laptop's device id."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise SyncError(f"The sync folder {folder} does not exist; create it or choose another.")
    name = (device_name or "").strip() or platform.node() or "This laptop"
    if len(name) > 60:
        raise SyncError("A laptop's name can be at most 60 characters.")
    with _transaction(journal) as connection:
        device = state(connection, "device") or uuid.uuid4().hex
        set_state(connection, "device", device)
        set_state(connection, "device_name", name)
        set_state(connection, "folder", str(folder.resolve()))
        set_state(connection, "enabled", "1")
        install_triggers(connection)
    return device


def disable_sync(journal: Any) -> None:
    """Turn sync off: nothing is deleted, here or in the folder; turning it on again resumes."""
    with _transaction(journal) as connection:
        set_state(connection, "enabled", None)
        drop_triggers(connection)


@dataclass(frozen=True)
class SyncSettings:
    enabled: bool
    folder: Path | None
    device: str | None
    device_name: str | None
    last_synced: str | None


def sync_settings(journal: Any) -> SyncSettings:
    """How sync stands for ``journal`` (a restore's note, if any, is picked up first)."""
    from pmo_journal.core.sync.restore import adopt_restore_note

    adopt_restore_note(journal)
    connection = journal.engine.raw_connection()
    try:
        values = dict(connection.execute("SELECT key, value FROM sync_state").fetchall())
    finally:
        connection.close()
    folder = values.get("folder")
    return SyncSettings(
        enabled=values.get("enabled") == "1",
        folder=Path(folder) if folder else None,
        device=values.get("device"),
        device_name=values.get("device_name"),
        last_synced=values.get("last_synced"),
    )


def mark_restored(connection: Any) -> None:
    """Called on a journal just restored from a backup: its content comes back as new edits."""
    set_state(connection, "restored", "1")


# ---------------------------------------------------------------- the round
def sync_round(
    journal: Any,
    *,
    folder: Path | None = None,
    device_name: str | None = None,
    now: dt.datetime | None = None,
) -> SyncReport:
    """Publish this journal's changes to the folder and take in every other laptop's.

    All of it happens in one transaction: a round that fails (a wrong passphrase, a
    file from a newer app, a full disk) leaves the journal as it was. Files in the
    folder are only ever added, never changed or deleted.
    """
    settings = sync_settings(journal)
    if folder is not None and (not settings.enabled or settings.folder != Path(folder).resolve()):
        enable_sync(journal, folder=Path(folder), device_name=device_name or settings.device_name)
        settings = sync_settings(journal)
    if not settings.enabled or settings.folder is None:
        raise SyncError("Sync is not set up for this journal: choose a folder first (--folder).")
    root = settings.folder
    if not root.is_dir():
        # Absence is not deletion: an unmounted or missing folder changes nothing here.
        raise SyncError(
            f"The sync folder {root} is not there (not mounted, or moved); nothing was changed."
        )
    keys = Keys(root, journal.passphrase)
    _check_folder_matches(root, keys)
    # First this laptop's changes become operations, numbered for their segment file and
    # committed; then the file is written; then it is recorded and the others' taken in.
    # A round killed anywhere between repeats the same file, never a different one.
    with _transaction(journal) as connection:
        install_triggers(connection)
        device = str(state(connection, "device"))
        record_local_changes(connection, device=device)
        device = _check_identity(connection, root, device, keys)
        _republish_missing(connection, root, device)
        segment = _prepare_segment(connection, device, keys)
    if segment is not None and not (root / device / segment.name).exists():
        write_atomically(root / device / segment.name, segment.data)
    with _transaction(journal) as connection:
        published = _record_published(connection, root, device, keys, segment)
        taken_in = _take_in(connection, root, device, keys)
        _publish_device(connection, root, device, keys)
        stamp = (now or clock.utcnow()).isoformat(timespec="seconds")
        set_state(connection, "last_synced", stamp)
        laptops = len({d.name for d in device_folders(root)} | {device})
        conflicts = int(connection.execute("SELECT count(*) FROM sync_conflict").fetchone()[0])
        waiting = int(connection.execute("SELECT count(*) FROM sync_pending").fetchone()[0])
    return SyncReport(root, device, published, taken_in, laptops, conflicts, waiting, stamp)


def _check_folder_matches(root: Path, keys: Keys) -> None:
    """Refuse, before anything is written, a folder this journal can't share.

    A wrong passphrase, or a plain journal in a folder of sealed files (or the reverse),
    is said here, so a refused round never leaves a file behind.
    """
    for other in device_folders(root):
        sealed = (other / "salt.json").is_file()
        if sealed and not keys.encrypted:
            raise SyncError(
                "The other laptops' changes are encrypted, but this journal is not: encrypt "
                "it with the same passphrase to take them in. Nothing was changed."
            )
        if not sealed and keys.encrypted and any(other.glob("seg-*.pmosync")):
            raise SyncError(
                "Another laptop publishes its changes unencrypted into this folder; "
                "encrypt that journal with the same passphrase before syncing. "
                "Nothing was changed."
            )
        keys.key(other.name)  # a wrong passphrase stops the round here


def _republish_missing(connection: Any, root: Path, device: str) -> None:
    """Put back what this laptop published if its files are gone (an emptied folder).

    Absence is not deletion: the operations are still in this journal, so they go out
    again in a new segment (their ids make a second copy harmless), and so does the
    laptop's name.
    """
    present = {f.name for f in data_files(root) if f.device == device}
    missing = [
        (str(name), int(seq))
        for name, seq in connection.execute(
            "SELECT name, seq FROM sync_seen WHERE device = ? AND seq > 0", (device,)
        )
        if name not in present and name != state(connection, "pending_segment")
    ]
    if not (root / device / "device.pmosync").is_file():
        set_state(connection, "published_name", None)
    if not missing:
        return
    connection.executemany(
        "UPDATE sync_op SET seq = NULL WHERE seq = ?", [(seq,) for _name, seq in missing]
    )
    connection.executemany(
        "DELETE FROM sync_seen WHERE device = ? AND name = ?",
        [(device, name) for name, _seq in missing],
    )


def _seen(connection: Any) -> set[tuple[str, str]]:
    return {(str(d), str(n)) for d, n in connection.execute("SELECT device, name FROM sync_seen")}


def _check_identity(connection: Any, root: Path, device: str, keys: Keys) -> str:
    """Notice a second writer of this laptop's sub-folder: a copied or restored journal file.

    A file in our own sub-folder that this journal didn't write means another journal
    file publishes under our device id. This journal then becomes a new laptop, so no
    two journals ever write one sub-folder. A restored journal's content comes back as
    new edits; a copied one simply catches up.
    """
    seen = _seen(connection)
    strangers = []
    for found in data_files(root):
        if found.device != device or found.kind != "seg" or (device, found.name) in seen:
            continue
        if found.name == state(connection, "pending_segment"):
            continue
        ops = _read_ops(found, keys)
        if ops is None:
            continue
        known = (
            {
                str(row[0])
                for row in connection.execute(
                    f"SELECT op_id FROM sync_op WHERE op_id IN ({', '.join('?' for _ in ops)})",
                    [op.op_id for op in ops],
                )
            }
            if ops
            else set()
        )
        if all(op.op_id in known for op in ops):
            # Our own file from a round that stopped before it could record it.
            connection.executemany(
                "UPDATE sync_op SET seq = ? WHERE op_id = ? AND seq IS NULL",
                [(found.seq, op.op_id) for op in ops],
            )
            connection.execute(
                "INSERT OR IGNORE INTO sync_seen (device, name, seq) VALUES (?, ?, ?)",
                (device, found.name, found.seq),
            )
        else:
            strangers.append(found)
    restored = state(connection, "restored") == "1"
    if not strangers and not restored:
        return device
    new_device = uuid.uuid4().hex
    set_state(connection, "device", new_device)
    set_state(connection, "restored", None)
    # Our unpublished work goes out under the new name; what we published stays valid.
    connection.execute("UPDATE sync_op SET device = ? WHERE seq IS NULL", (new_device,))
    if restored:
        _rejoin_after_restore(connection, root, new_device, keys)
    return new_device


def _rejoin_after_restore(connection: Any, root: Path, device: str, keys: Keys) -> None:
    """Make what the backup held this laptop's newest edits, keeping what others added.

    Everything in the folder is taken into the merged state without touching the
    restored rows; records this journal lacks (made elsewhere since the backup) are
    written, since absence is not deletion. Then every row is compared with the merged
    state, and each difference the restore made goes out as a new edit of this laptop.
    """
    from pmo_journal.core.sync.log import local_identities, mark_every_row, write_merged
    from pmo_journal.core.sync.merge import merge_record

    records = _store_new_operations(connection, root, device, keys)
    local = local_identities(connection)
    for ops in operations_by_record(connection, records & local).values():
        merged = merge_record(ops)
        write_merged(connection, merged.uuid, merged.values, merged.winners, whole=True)
    apply_records(connection, records - local)
    mark_every_row(connection)
    record_local_changes(connection, device=device)


def _read_ops(found: DataFile, keys: Keys) -> list[Operation] | None:
    try:
        header, body = decode_file(found.path.read_bytes(), keys=keys, device=found.device)
    except (Unreadable, OSError):
        return None
    _check_version(header)
    return [Operation.from_json(item) for item in body.get("ops", [])]


def _check_version(header: dict[str, Any]) -> None:
    from pmo_journal.core.storage.revisions import schema_revisions

    needs = str(header.get("min_app", "0"))
    if _version_tuple(needs) > _version_tuple(__version__):
        raise SyncError(
            f"Another laptop publishes changes that need PMO Career Journal {needs} or newer "
            f"(this is {__version__}); update the app on this laptop. Nothing was changed."
        )
    schema = header.get("schema")
    if schema and str(schema) not in schema_revisions():
        raise SyncError(
            "Another laptop runs a newer PMO Career Journal whose journal has fields this "
            "version doesn't know; update the app on this laptop. Nothing was changed."
        )


def _validate(op: Operation) -> None:
    table = by_name().get(op.table)
    unknown = (
        [] if table is None else [f for f in op.fields if f not in table.columns and f != DELETED]
    )
    if table is None or unknown:
        raise SyncError(
            "Another laptop publishes a kind of record or a field this version of "
            "PMO Career Journal doesn't know; update the app on this laptop. Nothing was changed."
        )


def _store_new_operations(connection: Any, root: Path, device: str, keys: Keys) -> set[str]:
    """Read every segment not taken in yet; keep its operations; the records they touch."""
    seen = _seen(connection)
    files = [f for f in data_files(root) if f.device != device]
    fresh = not seen and not connection.execute("SELECT 1 FROM sync_seen LIMIT 1").fetchone()
    records: set[str] = set()
    newest = state(connection, "hlc")
    if fresh:
        snapshot = _newest_snapshot(files, keys)
        if snapshot is not None:
            found, body = snapshot
            for item in body.get("ops", []):
                op = Operation.from_json(item)
                _validate(op)
                store_operation(connection, op, seq=0)
                records.add(op.uuid)
                newest = hlc.newest(newest, op.hlc)
            for covered_device, names in dict(body.get("covers", {})).items():
                for name in names:
                    seen.add((str(covered_device), str(name)))
                    connection.execute(
                        "INSERT OR IGNORE INTO sync_seen (device, name, seq) VALUES (?, ?, -1)",
                        (covered_device, name),
                    )
    for found in sorted(files, key=lambda f: (f.device, f.seq, f.name)):
        if found.kind != "seg" or (found.device, found.name) in seen:
            continue
        ops = _read_ops(found, keys)
        if ops is None:
            continue  # incomplete or still arriving: tried again next round
        for op in ops:
            _validate(op)
            store_operation(connection, op, seq=0 if op.device != device else found.seq)
            records.add(op.uuid)
            newest = hlc.newest(newest, op.hlc)
        connection.execute(
            "INSERT OR IGNORE INTO sync_seen (device, name, seq) VALUES (?, ?, ?)",
            (found.device, found.name, found.seq),
        )
    if newest is not None:
        set_state(connection, "hlc", newest)
    return records


def _newest_snapshot(files: list[DataFile], keys: Keys) -> tuple[DataFile, dict[str, Any]] | None:
    for found in sorted(
        (f for f in files if f.kind == "snap"), key=lambda f: f.path.stat().st_mtime, reverse=True
    ):
        try:
            header, body = decode_file(found.path.read_bytes(), keys=keys, device=found.device)
        except (Unreadable, OSError):
            continue
        _check_version(header)
        return found, body
    return None


def _take_in(connection: Any, root: Path, device: str, keys: Keys) -> int:
    records = _store_new_operations(connection, root, device, keys)
    apply_records(connection, records)
    return len(records)


def _header(connection: Any, device: str, kind: str, seq: int) -> dict[str, Any]:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return {
        "kind": kind,
        "device": device,
        "seq": seq,
        "schema": str(revision[0]) if revision else "",
        "app": __version__,
        "min_app": MIN_APP,
    }


@dataclass(frozen=True)
class _Segment:
    name: str
    seq: int
    count: int
    data: bytes


def _prepare_segment(connection: Any, device: str, keys: Keys) -> _Segment | None:
    """Number the unpublished operations for one segment file (or the one a killed round
    numbered already), and encode that file."""
    pending = state(connection, "pending_segment")
    if pending is None:
        if not connection.execute("SELECT 1 FROM sync_op WHERE seq IS NULL LIMIT 1").fetchone():
            return None
        seq = int(state(connection, "seq") or 0) + 1
        pending = f"seg-{seq:010d}-{secrets.token_hex(4)}.pmosync"
        connection.execute("UPDATE sync_op SET seq = ? WHERE seq IS NULL", (seq,))
        set_state(connection, "seq", str(seq))
        set_state(connection, "pending_segment", pending)
    seq = int(pending.split("-")[1])
    ops = [
        Operation(op_id, stamp, dev, table, record, json.loads(fields), json.loads(base))
        for op_id, stamp, dev, table, record, fields, base in connection.execute(
            "SELECT op_id, hlc, device, tbl, uuid, fields, base FROM sync_op WHERE seq = ? "
            "ORDER BY hlc",
            (seq,),
        )
    ]
    data = encode_file(
        _header(connection, device, "segment", seq),
        {"ops": [op.as_json() for op in ops]},
        key=keys.key(device, create=True),
    )
    return _Segment(pending, seq, len(ops), data)


def _record_published(
    connection: Any, root: Path, device: str, keys: Keys, segment: _Segment | None
) -> int:
    if segment is None:
        return 0
    connection.execute(
        "INSERT OR IGNORE INTO sync_seen (device, name, seq) VALUES (?, ?, ?)",
        (device, segment.name, segment.seq),
    )
    set_state(connection, "pending_segment", None)
    since = int(state(connection, "since_snapshot") or 0) + segment.count
    if since >= SNAPSHOT_EVERY:
        _publish_snapshot(connection, root, device, keys, segment.seq)
        since = 0
    set_state(connection, "since_snapshot", str(since))
    return segment.count


def _publish_snapshot(connection: Any, root: Path, device: str, keys: Keys, seq: int) -> None:
    """The operations a new laptop needs (the heads of every field), and what they cover."""
    heads = {
        str(op_id)
        for (winners,) in connection.execute("SELECT winners FROM sync_merged")
        for op_id in json.loads(winners).values()
    } | {str(row[0]) for row in connection.execute("SELECT lost_op FROM sync_conflict")}
    ops = []
    for op_id, stamp, dev, table, record, fields, base in connection.execute(
        "SELECT op_id, hlc, device, tbl, uuid, fields, base FROM sync_op"
    ):
        if op_id in heads:
            ops.append(
                Operation(
                    op_id, stamp, dev, table, record, json.loads(fields), json.loads(base)
                ).as_json()
            )
    covers: dict[str, list[str]] = {}
    for dev, name in connection.execute("SELECT device, name FROM sync_seen"):
        covers.setdefault(str(dev), []).append(str(name))
    name = f"snap-{seq:010d}-{secrets.token_hex(4)}.pmosync"
    data = encode_file(
        _header(connection, device, "snapshot", seq),
        {"ops": ops, "covers": covers},
        key=keys.key(device, create=True),
    )
    write_atomically(root / device / name, data)


def publish_snapshot(journal: Any) -> None:
    """Publish a snapshot now, so a new laptop need not replay every operation."""
    settings = sync_settings(journal)
    if not settings.enabled or settings.folder is None:
        raise SyncError("Sync is not set up for this journal.")
    keys = Keys(settings.folder, journal.passphrase)
    with _transaction(journal) as connection:
        device = str(state(connection, "device"))
        _publish_snapshot(
            connection, settings.folder, device, keys, int(state(connection, "seq") or 0)
        )


def _publish_device(connection: Any, root: Path, device: str, keys: Keys) -> None:
    """This laptop's name, for the other laptops' status line (rewritten only when it changes)."""
    name = state(connection, "device_name") or "A laptop"
    if state(connection, "published_name") == f"{device}:{name}":
        return
    data = encode_file(
        _header(connection, device, "device", 0), {"name": name}, key=keys.key(device, create=True)
    )
    write_atomically(root / device / "device.pmosync", data)
    set_state(connection, "published_name", f"{device}:{name}")


def laptop_names(journal: Any) -> dict[str, str]:
    """The name of every laptop in the sync folder, by device id."""
    settings = sync_settings(journal)
    if settings.folder is None:
        return {}
    keys = Keys(settings.folder, journal.passphrase)
    names = {}
    for folder in device_folders(settings.folder):
        try:
            _, body = decode_file(
                (folder / "device.pmosync").read_bytes(), keys=keys, device=folder.name
            )
            names[folder.name] = str(body.get("name", "A laptop"))
        except (Unreadable, OSError, SyncError):
            names[folder.name] = "A laptop"
    return names
