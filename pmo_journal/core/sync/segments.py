"""The sync folder: each laptop's own sub-folder of immutable files, written whole or not at all.

Layout::

    <folder>/<device id>/device.pmosync                  who the laptop is (its name)
    <folder>/<device id>/salt.json                       its key salt, when encrypted
    <folder>/<device id>/seg-<seq>-<random>.pmosync      operations, one file per round
    <folder>/<device id>/snap-<seq>-<random>.pmosync     a snapshot for new laptops

Only the laptop named by the sub-folder writes into it, and a file is written under a
temporary name and renamed when complete, so no file has two writers and a sync tool
never has to make a conflicted copy. Anything else in the folder (conflicted copies,
temporary files, desktop.ini, a file still arriving) doesn't match these names or fails
its checksum, and is left alone. When the journal is encrypted, every file's body is
sealed with AES-GCM under a key derived by scrypt from the passphrase and the writing
laptop's salt; the header, authenticated too, says only what the file is.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmo_journal.core.validation import JournalError

FORMAT = 1
MAGIC = b"PMOSYNC1\n"
DEVICE_FOLDER = re.compile(r"^[0-9a-f]{32}$")
DATA_FILE = re.compile(r"^(seg|snap)-(\d{10})-([0-9a-f]{8})\.pmosync$")
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class SyncError(JournalError):
    """Sync could not do what was asked; the journal is as it was."""


class WrongSyncPassphrase(SyncError):
    pass


@dataclass(frozen=True)
class DataFile:
    device: str
    name: str
    kind: str  # "seg" or "snap"
    seq: int
    path: Path


def device_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and DEVICE_FOLDER.match(p.name))


def data_files(root: Path) -> list[DataFile]:
    """Every segment and snapshot in the folder, by name alone (contents are checked on reading)."""
    found = []
    for folder in device_folders(root):
        for path in folder.iterdir():
            match = DATA_FILE.match(path.name)
            if match and path.is_file():
                found.append(DataFile(folder.name, path.name, match[1], int(match[2]), path))
    return found


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name, flush it to disk, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    try:
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


# ---------------------------------------------------------------- keys
class Keys:
    """The keys of every laptop in one folder, derived once per round from one passphrase."""

    def __init__(self, root: Path, passphrase: str | None) -> None:
        self.root = root
        self.passphrase = passphrase
        self._derived: dict[str, bytes] = {}

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    def _document(self, device: str) -> dict[str, Any] | None:
        path = self.root / device / "salt.json"
        try:
            document = json.loads(path.read_text("utf-8"))
            base64.b64decode(document["salt"])
            return dict(document)
        except (ValueError, KeyError, TypeError, OSError):
            return None

    def key(self, device: str, *, create: bool = False) -> bytes | None:
        """The key ``device`` seals its files with (None: not encrypted, or no salt yet).

        Raises :class:`WrongSyncPassphrase` when the passphrase is not the one that
        laptop uses: its salt file carries a check value of its key.
        """
        if self.passphrase is None:
            return None
        if device in self._derived:
            return self._derived[device]
        document = self._document(device)
        if document is None and not create:
            return None
        salt = base64.b64decode(document["salt"]) if document else secrets.token_bytes(16)
        key = _derive(self.passphrase, salt)
        check = hashlib.sha256(key + b"pmo-journal key check").hexdigest()
        if document is None:
            document = {
                "salt": base64.b64encode(salt).decode("ascii"),
                "kdf": "scrypt",
                **SCRYPT,
                "check": check,
            }
            write_atomically(self.root / device / "salt.json", json.dumps(document).encode())
        elif document.get("check") != check:
            raise WrongSyncPassphrase(
                "The passphrase is not the one the other laptops use for this sync folder; "
                "nothing was changed."
            )
        self._derived[device] = key
        return key


def _derive(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, **SCRYPT).derive(passphrase.encode("utf-8"))


# ---------------------------------------------------------------- files
def encode_file(header: dict[str, Any], body: dict[str, Any], *, key: bytes | None) -> bytes:
    payload = gzip.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"), mtime=0)
    header = {**header, "format": FORMAT, "encrypted": key is not None}
    if key is not None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(12)
        header["nonce"] = base64.b64encode(nonce).decode("ascii")
        header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
        payload = AESGCM(key).encrypt(nonce, payload, header_bytes)
    else:
        header["sha256"] = hashlib.sha256(payload).hexdigest()
        header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
    return MAGIC + header_bytes + b"\n" + payload


class Unreadable(Exception):
    """The file is incomplete or not ours: it is left alone (perhaps still arriving)."""


def read_header(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    if not data.startswith(MAGIC):
        raise Unreadable("not a sync file")
    header_bytes, _, payload = data[len(MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_bytes)
    except ValueError:
        raise Unreadable("broken header") from None
    if not isinstance(header, dict):
        raise Unreadable("broken header")
    return header, header_bytes, payload


def decode_file(data: bytes, *, keys: Keys, device: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and body of a sync file (Unreadable, or WrongSyncPassphrase)."""
    header, header_bytes, payload = read_header(data)
    if int(header.get("format", 0)) > FORMAT:
        raise SyncError(
            "Another laptop writes sync files in a newer format; update PMO Career Journal "
            "on this laptop to take its changes in."
        )
    if header.get("encrypted"):
        if not keys.encrypted:
            raise SyncError(
                "The other laptops' changes are encrypted, but this journal is not: encrypt "
                "it with the same passphrase to take them in."
            )
        key = keys.key(device)
        if key is None:
            raise Unreadable("no salt yet")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            nonce = base64.b64decode(header["nonce"])
            payload = AESGCM(key).decrypt(nonce, payload, header_bytes)
        except (InvalidTag, KeyError, ValueError):
            # The key is right (its check value matched): the file is incomplete or damaged.
            raise Unreadable("incomplete") from None
    else:
        if keys.encrypted:
            raise SyncError(
                "Another laptop publishes its changes unencrypted into this folder; "
                "encrypt that journal with the same passphrase before syncing."
            )
        if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
            raise Unreadable("incomplete")
    try:
        body = json.loads(gzip.decompress(payload))
    except (OSError, EOFError, ValueError):
        raise Unreadable("incomplete") from None
    if not isinstance(body, dict):
        raise Unreadable("not a sync file")
    return header, body
