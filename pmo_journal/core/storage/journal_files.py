"""Every file that belongs to a journal: the file itself, its companions, copies and leftovers.

Encryption must reach all of them, an export must never overwrite one, ``check`` reports
any that would give away an encrypted journal, and the leftovers of a killed command are
removed at open. One list, so no caller forgets a kind of file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from pmo_journal.core.storage.connect import has_sqlite_header, is_encrypted

# SQLite's own files beside the database, and the app's lock.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
# Half-written files a killed command leaves beside the journal: a conversion (encrypt,
# decrypt, re-key) and a restore. A killed backup leaves ``<backup>.partial``.
LEFTOVER_SUFFIXES = (".converting", ".restoring")
PARTIAL_SUFFIX = ".partial"


def journal_file(path: Path | str) -> Path:
    """The real journal file behind ``path``: ``~`` expanded and symbolic links resolved.

    Replacing a link with a new file would leave the real file behind, unencrypted or
    no longer written to; so every command works on the file the link points at.
    """
    path = Path(path).expanduser()
    if path.is_symlink():
        return path.resolve()
    return path.absolute() if not path.is_absolute() else path


def backups_folder(journal_path: Path) -> Path:
    """The ``backups`` folder next to a journal file."""
    return journal_path.parent / "backups"


def companions(journal_path: Path) -> list[Path]:
    """SQLite's -wal, -shm and -journal files and the lock, whether or not they exist."""
    return [Path(f"{journal_path}{suffix}") for suffix in COMPANION_SUFFIXES]


def leftovers(journal_path: Path) -> list[Path]:
    """Half-written files a killed conversion, restore or backup left behind (existing only)."""
    found = [p for s in LEFTOVER_SUFFIXES if (p := Path(f"{journal_path}{s}")).exists()]
    for leftover in list(found):
        found += [p for p in (Path(f"{leftover}-wal"), Path(f"{leftover}-shm")) if p.exists()]
    folder = backups_folder(journal_path)
    if folder.is_dir():
        prefix = f"{journal_path.stem}-"
        found += sorted(
            p
            for p in folder.iterdir()
            if p.name.startswith(prefix) and PARTIAL_SUFFIX in p.name and p.is_file()
        )
    return found


def damaged_copies(journal_path: Path) -> list[Path]:
    """The damaged files set aside beside the journal (``journal.damaged-….db``)."""
    pattern = re.compile(
        rf"^{re.escape(journal_path.stem)}\.damaged-\d{{8}}-\d{{6}}(?:-\d+)?"
        rf"{re.escape(journal_path.suffix)}$"
    )
    folder = journal_path.parent
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.match(p.name) and p.is_file())


def database_copies(journal_path: Path) -> list[Path]:
    """Every whole copy of the journal's data: its backups and its damaged copies."""
    from pmo_journal.core.storage.backup import list_backup_files

    return [*list_backup_files(journal_path), *damaged_copies(journal_path)]


def _with_their_logs(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        yield path
        for suffix in ("-wal", "-shm"):
            log = Path(f"{path}{suffix}")
            if log.exists():
                yield log


def belonging_files(journal_path: Path) -> list[Path]:
    """The journal and every existing file that belongs to it."""
    existing = [p for p in companions(journal_path) if p.exists()]
    return [
        journal_path,
        *existing,
        *leftovers(journal_path),
        *_with_their_logs(database_copies(journal_path)),
    ]


def is_plain_text(path: Path) -> bool:
    """Whether ``path`` holds readable data: an unencrypted database or a log of one.

    A WAL file of a plain database starts with its own magic number, not SQLite's header.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return False
    if path.name.endswith(("-wal",)):
        with path.open("rb") as handle:
            return handle.read(4) in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
    if path.name.endswith(("-shm", ".lock")):
        return False
    return has_sqlite_header(path)


def plaintext_files(journal_path: Path) -> list[Path]:
    """The files of an encrypted journal that can be read without its passphrase."""
    if not is_encrypted(journal_path):
        return []
    return [p for p in belonging_files(journal_path)[1:] if is_plain_text(p)]


def remove_leftovers(journal_path: Path) -> list[Path]:
    """Delete what killed commands left half-written; returns what was removed.

    Only call it while no other process is working on the journal (see ``journal_lock``).
    """
    removed = []
    for leftover in leftovers(journal_path):
        try:
            leftover.unlink()
        except FileNotFoundError:
            continue
        removed.append(leftover)
    return removed


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (links and case-insensitive names included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def _reads_as_text(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(64)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def looks_like_database(path: Path) -> bool:
    """An SQLite database, an SQLCipher one (whole pages of noise) or SQLite's log of one."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    if has_sqlite_header(path) or is_plain_text(path):
        return True
    return is_encrypted(path) and not _reads_as_text(path)


def _belongs(target: Path, journal_path: Path) -> bool:
    real = journal_file(journal_path)
    names = {real.name, *(f"{real.name}{s}" for s in (*COMPANION_SUFFIXES, *LEFTOVER_SUFFIXES))}
    if journal_file(target).parent == real.parent and journal_file(target).name in names:
        return True
    inside_backups = journal_file(target).parent == backups_folder(real)
    return inside_backups or any(same_file(target, p) for p in belonging_files(real))


def refuse_unsafe_output(
    target: Path, *, journal_path: Path | None = None, overwrite: bool = False
) -> None:
    """Raise unless ``target`` may be written: never a file of the journal, never a database,
    and an existing file only when ``overwrite`` says so."""
    from pmo_journal.core.validation import JournalError

    if journal_path is not None and _belongs(target, journal_path):
        raise JournalError(
            f"{target} belongs to the journal (the journal, a backup or one of its files); "
            "choose another file. Nothing was written."
        )
    if looks_like_database(target):
        raise JournalError(
            f"{target} is a database, not an export; choose another file. Nothing was written."
        )
    if target.exists() and not target.is_dir() and not overwrite:
        raise JournalError(
            f"{target} already exists; add --force to replace it, or choose another file. "
            "Nothing was written."
        )
