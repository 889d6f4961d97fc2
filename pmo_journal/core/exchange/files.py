"""Evidence files in the JSON export: attachment records, and each file's bytes once, base64.

The bytes are the document's last list, ``files``, and are streamed: the export writes
the rest of the document, then reads and writes one file at a time, so exporting a
journal with hundreds of megabytes of files never holds more than one of them in memory.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from sqlalchemy import insert, select, update

from pmo_journal.core.disclosure import ATTACHMENT, Disclosure
from pmo_journal.core.exchange import schema
from pmo_journal.core.models import Attachment, EvidenceBlob
from pmo_journal.core.services.attachments import MAX_FILE_BYTES, blob_uuid

FILES_TAIL = '  "files": []\n}'
UuidOf = Callable[[str | None, int | None], str | None]


def attachment_records(
    connection: Any, entry_uuid: UuidOf, rule: Disclosure
) -> list[schema.AttachmentRecord]:
    """The attachments the disclosure rule lets out, of the entries the export holds (no
    bytes read); their names as the rule lets them be shown."""
    table = Attachment.__table__  # type: ignore[attr-defined]
    blobs = EvidenceBlob.__table__  # type: ignore[attr-defined]
    rows = connection.execute(
        select(table, blobs.c.sha256).join(blobs, blobs.c.id == table.c.blob_id)
    ).mappings()
    records = []
    for row in rows:
        owner = entry_uuid(row["entry_kind"], row["entry_id"])
        if owner is None or not rule.shows(ATTACHMENT, row["id"]):
            continue
        records.append(
            schema.AttachmentRecord.model_validate(
                {
                    **{k: v for k, v in row.items() if k not in {"id", "blob_id", "entry_id"}},
                    "entry_uuid": owner,
                    "name": rule.text(row["name"]),
                }
            )
        )
    return sorted(records, key=lambda record: record.uuid)


def _file_record(connection: Any, sha256: str) -> dict[str, str]:
    blobs = EvidenceBlob.__table__  # type: ignore[attr-defined]
    data = connection.execute(select(blobs.c.data).where(blobs.c.sha256 == sha256)).scalar_one()
    return {"sha256": sha256, "data_base64": base64.b64encode(data).decode("ascii")}


def named_hashes(document: dict[str, Any]) -> list[str]:
    """The hashes of the files the document's attachments name, sorted."""
    return sorted({record["sha256"] for record in document["attachments"]})


def file_records(connection: Any, document: dict[str, Any]) -> list[dict[str, str]]:
    """Every file the document names, in memory (for small documents; exports stream)."""
    return [_file_record(connection, sha256) for sha256 in named_hashes(document)]


def _file_chunks(connection: Any, hashes: list[str]) -> Iterator[str]:
    for position, sha256 in enumerate(hashes):
        text = json.dumps(_file_record(connection, sha256), indent=2)
        yield ("    " + text.replace("\n", "\n    ")) + ("," if position < len(hashes) - 1 else "")
        yield "\n"


#: How many pieces of the encoded document are joined into one write.
WRITE_PIECES = 4096


def _encoded(document: dict[str, Any]) -> Iterator[str]:
    """``document`` as indented JSON, in pieces of about :data:`WRITE_PIECES` tokens: the
    text is the same as ``json.dumps(document, ensure_ascii=False, indent=2)``'s, but the
    whole of it (and the millions of small strings it is joined from) is never in memory
    at once; at 100,000 entries that halved the export's peak memory."""
    tokens = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(document)
    while batch := list(itertools.islice(tokens, WRITE_PIECES)):
        yield "".join(batch)


def write_document(handle: IO[str], document: dict[str, Any], connection: Any) -> None:
    """Write ``document`` as JSON, streaming the bytes of the files its attachments name."""
    hashes = named_hashes(document)
    held = ""  # the end of the text so far, which is FILES_TAIL when the files follow
    for piece in _encoded({**document, "files": []}):
        text = held + piece
        cut = max(len(text) - len(FILES_TAIL), 0) if hashes else len(text)
        handle.write(text[:cut])
        held = text[cut:]
    if not hashes:
        handle.write("\n")
        return
    assert held == FILES_TAIL, "files must be the document's last, empty list"
    handle.write('  "files": [\n')
    for chunk in _file_chunks(connection, hashes):
        handle.write(chunk)
    handle.write("  ]\n}\n")


# --------------------------------------------------------------------------- import


def _decoded(record: schema.FileRecord) -> bytes | None:
    try:
        return base64.b64decode(record.data_base64, validate=True)
    except (binascii.Error, ValueError):
        return None


def file_problems(document: schema.Document, known_hashes: set[str]) -> list[str]:
    """Files whose bytes don't match their hash or are too large; attachments without bytes."""
    problems: list[str] = []
    sizes: dict[str, int] = {}
    for index, record in enumerate(document.files):
        where = f"files[{index}]"
        data = _decoded(record)
        if data is None:
            problems.append(f"{where}.data_base64: is not base64")
        elif hashlib.sha256(data).hexdigest() != record.sha256:
            problems.append(f"{where}: the bytes do not match their sha256 (the file is damaged)")
        elif len(data) > MAX_FILE_BYTES:
            problems.append(f"{where}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        else:
            sizes[record.sha256] = len(data)
    for index, attachment in enumerate(document.attachments):
        where = f"attachments[{index}]"
        if attachment.sha256 not in sizes and attachment.sha256 not in known_hashes:
            problems.append(f"{where}.sha256: no file in the export has these bytes")
        elif attachment.sha256 in sizes and sizes[attachment.sha256] != attachment.size:
            problems.append(f"{where}.size: the file holds {sizes[attachment.sha256]} bytes")
    return problems


def known_hashes(connection: Any) -> set[str]:
    blobs = EvidenceBlob.__table__  # type: ignore[attr-defined]
    return {row.sha256 for row in connection.execute(select(blobs.c.sha256))}


def write_files(
    connection: Any, document: schema.Document, entry_id: Callable[[str, str], int]
) -> dict[str, int]:
    """Add the bytes the journal lacks and the attachments (new, or newer than the journal's).

    Returns how many attachments were added, updated and already there.
    """
    blobs = EvidenceBlob.__table__  # type: ignore[attr-defined]
    have = known_hashes(connection)
    for file in document.files:
        if file.sha256 not in have:
            data = _decoded(file)
            assert data is not None  # checked by file_problems
            connection.execute(
                insert(blobs).values(
                    uuid=blob_uuid(file.sha256), sha256=file.sha256, size=len(data), data=data
                )
            )
            have.add(file.sha256)
    blob_ids = {
        row.sha256: row.id for row in connection.execute(select(blobs.c.id, blobs.c.sha256))
    }
    table = Attachment.__table__  # type: ignore[attr-defined]
    existing = {
        row.uuid: (row.id, row.updated_at)
        for row in connection.execute(select(table.c.id, table.c.uuid, table.c.updated_at))
    }
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    for record in document.attachments:
        row = {
            **record.model_dump(exclude={"entry_uuid", "sha256"}),
            "entry_id": entry_id(record.entry_kind, record.entry_uuid),
            "blob_id": blob_ids[record.sha256],
        }
        if record.uuid not in existing:
            connection.execute(insert(table).values(**row))
            counts["added"] += 1
        elif record.updated_at > existing[record.uuid][1]:
            connection.execute(
                update(table).where(table.c.id == existing[record.uuid][0]).values(**row)
            )
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
