"""Evidence files: certificates, feedback emails and screenshots attached to entries and claims.

A file's bytes are stored once (keyed by their SHA-256) in ``evidenceblob``, however many
entries it is attached to; ``attachment`` rows name the file and its entry. Listing reads
only the attachment rows, never a file's bytes: those are read when a file is opened,
saved or exported.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import uuid as uuid_module
from pathlib import Path

from sqlmodel import Session, col, delete, func, select

from pmo_journal.core.disclosure import ATTACHMENT, Disclosure
from pmo_journal.core.models import (
    FILE_NAME_MAX,
    Attachment,
    AttachmentRead,
    EntryKind,
    EvidenceBlob,
    HelperAssignment,
    MentorSession,
    Note,
    PduClaim,
    SkillReflection,
)
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

MAX_FILE_BYTES = 25 * 1024 * 1024
PDU_CLAIM = "pdu_claim"
BLOB_NAMESPACE = uuid_module.UUID("b7f4f0d6-58a2-4c4b-9d43-7e1f5a0c2e61")
# What a file may be attached to: every entry kind, and a PDU claim.
OWNERS: dict[str, tuple[type[object], str]] = {
    EntryKind.MENTOR_SESSION.value: (MentorSession, "mentor session"),
    EntryKind.HELPER_ASSIGNMENT.value: (HelperAssignment, "helper assignment"),
    EntryKind.SKILL_REFLECTION.value: (SkillReflection, "skill reflection"),
    EntryKind.NOTE.value: (Note, "note"),
    PDU_CLAIM: (PduClaim, "PDU claim"),
}
_MEDIA_TYPES = {".msg": "application/vnd.ms-outlook", ".eml": "message/rfc822"}


def blob_uuid(sha256: str) -> str:
    """The uuid of a file's bytes: the same for the same content in every journal."""
    return str(uuid_module.uuid5(BLOB_NAMESPACE, sha256))


def media_type_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    guessed = _MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0]
    return guessed or "application/octet-stream"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def describe_size(size: int) -> str:
    """A file size for people: bytes, KB or MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return megabytes(size)


def check_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise JournalError(
            f"{name} is {megabytes(size)}; an evidence file can be at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
        )


def _check_owner(session: Session, entry_kind: str, entry_id: int) -> None:
    if entry_kind not in OWNERS:
        raise JournalError(f"Files can't be attached to a {entry_kind}.")
    table, noun = OWNERS[entry_kind]
    get_row(session, table, entry_id, noun=noun, deleted=False)


def _clean_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip()
    if not base or base in {".", ".."}:
        raise JournalError("An evidence file needs a name.")
    if len(base) > FILE_NAME_MAX:
        stem, suffix = os.path.splitext(base)
        base = stem[: FILE_NAME_MAX - len(suffix)] + suffix
    return base


def store_blob(session: Session, data: bytes) -> int:
    """The id of the stored copy of ``data``: the existing one when the same bytes are kept."""
    sha256 = hashlib.sha256(data).hexdigest()
    found = session.exec(select(EvidenceBlob.id).where(EvidenceBlob.sha256 == sha256)).first()
    if found is not None:
        return found
    blob = EvidenceBlob(uuid=blob_uuid(sha256), sha256=sha256, size=len(data), data=data)
    session.add(blob)
    session.flush()
    assert blob.id is not None
    # Not kept in the session: its bytes must not linger in memory.
    session.expunge(blob)
    return blob.id


def _read(session: Session, row: Attachment) -> AttachmentRead:
    sha256 = session.exec(select(EvidenceBlob.sha256).where(EvidenceBlob.id == row.blob_id)).one()
    return AttachmentRead.model_validate({**row.model_dump(), "sha256": sha256})


def attach_bytes(
    journal: Journal, *, entry_kind: str, entry_id: int, name: str, data: bytes
) -> AttachmentRead:
    """Attach ``data`` as the file ``name`` to an entry or PDU claim."""
    name = _clean_name(name)
    check_size(name, len(data))
    with journal.session() as session:
        _check_owner(session, entry_kind, entry_id)
        blob_id = store_blob(session, data)
        twin = session.exec(
            select(Attachment).where(
                Attachment.entry_kind == entry_kind,
                Attachment.entry_id == entry_id,
                Attachment.blob_id == blob_id,
            )
        ).first()
        if twin is not None:
            raise JournalError(f"{name} is already attached here (as {twin.name}).")
        row = Attachment(
            entry_kind=entry_kind,
            entry_id=entry_id,
            blob_id=blob_id,
            name=name,
            media_type=media_type_of(name),
            size=len(data),
        )
        session.add(row)
        session.flush()
        return _read(session, row)


def attach_file(
    journal: Journal, *, entry_kind: str, entry_id: int, source: Path
) -> AttachmentRead:
    """Attach the file at ``source``; a file past the size limit is refused before reading."""
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise JournalError(f"{source} is not a file.")
        check_size(source.name, size)
        data = source.read_bytes()
    except OSError as error:
        raise JournalError(f"{source} can't be read: {error.strerror or error}.") from None
    return attach_bytes(
        journal, entry_kind=entry_kind, entry_id=entry_id, name=source.name, data=data
    )


def list_attachments(journal: Journal, entry_kind: str, entry_id: int) -> list[AttachmentRead]:
    """The files attached to one entry or claim, in the order they were added (no bytes)."""
    with journal.session() as session:
        rows = session.exec(
            select(Attachment, EvidenceBlob.sha256)
            .join(EvidenceBlob, col(EvidenceBlob.id) == col(Attachment.blob_id))
            .where(Attachment.entry_kind == entry_kind, Attachment.entry_id == entry_id)
            .order_by(col(Attachment.created_at), col(Attachment.id))
        ).all()
        return [
            AttachmentRead.model_validate({**row.model_dump(), "sha256": sha256})
            for row, sha256 in rows
        ]


def names_by_entry(session: Session, entry_kind: str) -> dict[int, list[str]]:
    """The names of the files attached to each entry of one kind, in one query (no bytes)."""
    rows = session.exec(
        select(Attachment.entry_id, Attachment.name)
        .where(Attachment.entry_kind == entry_kind)
        .order_by(col(Attachment.created_at), col(Attachment.id))
    ).all()
    found: dict[int, list[str]] = {}
    for entry_id, name in rows:
        found.setdefault(entry_id, []).append(name)
    return found


def attachments_of_kind(journal: Journal, entry_kind: str) -> dict[int, list[AttachmentRead]]:
    """Every file attached to entries of one kind, by entry id (no bytes)."""
    with journal.session() as session:
        rows = session.exec(
            select(Attachment, EvidenceBlob.sha256)
            .join(EvidenceBlob, col(EvidenceBlob.id) == col(Attachment.blob_id))
            .where(Attachment.entry_kind == entry_kind)
            .order_by(col(Attachment.created_at), col(Attachment.id))
        ).all()
        found: dict[int, list[AttachmentRead]] = {}
        for row, sha256 in rows:
            read = AttachmentRead.model_validate({**row.model_dump(), "sha256": sha256})
            found.setdefault(read.entry_id, []).append(read)
        return found


def file_bytes(journal: Journal, attachment_id: int) -> bytes:
    """The content of one attached file: the only call that reads a file's bytes.

    The bytes are checked against their SHA-256, so a damaged file is reported, not opened.
    """
    with journal.session() as session:
        row = get_row(session, Attachment, attachment_id, noun="evidence file")
        data, sha256 = session.exec(
            select(EvidenceBlob.data, EvidenceBlob.sha256).where(EvidenceBlob.id == row.blob_id)
        ).one()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise JournalError(
            f"The stored copy of {row.name} is damaged; restore a backup to get it back."
        )
    return bytes(data)


def save_copy(journal: Journal, attachment_id: int, target: Path) -> Path:
    """Write a copy of an attached file to ``target`` (a file path, or a folder to put it in)."""
    with journal.session() as session:
        name = get_row(session, Attachment, attachment_id, noun="evidence file").name
    if target.is_dir():
        target = target / name
    if not target.parent.is_dir():
        raise JournalError(f"The folder {target.parent} does not exist.")
    data = file_bytes(journal, attachment_id)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise JournalError(f"{target} can't be written: {error.strerror or error}.") from None
    return target


def remove_attachment(journal: Journal, attachment_id: int) -> None:
    """Detach a file; its bytes go too once nothing else is attached to them."""
    with journal.session() as session:
        row = get_row(session, Attachment, attachment_id, noun="evidence file")
        blob_id = row.blob_id
        session.delete(row)
        session.flush()
        others = session.exec(
            select(func.count()).select_from(Attachment).where(Attachment.blob_id == blob_id)
        ).one()
        if not others:
            session.exec(delete(EvidenceBlob).where(col(EvidenceBlob.id) == blob_id))


def save_claim_files(
    journal: Journal, claim_ids: list[int], folder: Path, *, rule: Disclosure
) -> list[Path]:
    """Write a copy of every file attached to the claims into ``folder`` (for an audit pack),
    the files and names ``rule`` lets out.

    Each copy is named after its claim's date and its own name; the same name twice gets
    a number, so no certificate overwrites another (nor a file already in the folder).
    """
    if not folder.is_dir():
        raise JournalError(f"The folder {folder} does not exist.")
    with journal.session() as session:
        rows = session.exec(
            select(col(Attachment.id), col(Attachment.name), col(PduClaim.date))
            .join(PduClaim, col(PduClaim.id) == col(Attachment.entry_id))
            .where(Attachment.entry_kind == PDU_CLAIM, col(Attachment.entry_id).in_(claim_ids))
            .order_by(col(PduClaim.date), col(Attachment.id))
        ).all()
    written: list[Path] = []
    for attachment_id, stored_name, date in rows:
        if not rule.shows(ATTACHMENT, attachment_id):
            continue
        name = rule.text(stored_name)
        target = folder / f"{date.isoformat()} {name}"
        number = 2
        while target.exists() or target in written:
            stem, suffix = os.path.splitext(name)
            target = folder / f"{date.isoformat()} {stem} ({number}){suffix}"
            number += 1
        assert attachment_id is not None
        try:
            written.append(save_copy(journal, attachment_id, target))
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    return written
