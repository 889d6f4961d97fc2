"""Evidence files: attached to entries and claims, kept once per content, read only on demand."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.exchange.readable import export_csv, markdown_text
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import attachments, notes, timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError, NotFound


def _note(journal: Journal, title: str = "Feedback") -> int:
    return notes.log_note(journal, data={"date": dt.date(2026, 3, 4), "title": title}).id


def _blob_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM evidenceblob").fetchone()[0])
    finally:
        connection.close()


def test_a_file_is_attached_listed_read_and_saved(journal: Journal, tmp_path: Path) -> None:
    note_id = _note(journal)
    source = tmp_path / "feedback.eml"
    source.write_bytes(b"From: lin@example.com\r\n\r\nGreat minutes!")
    attached = attachments.attach_file(
        journal, entry_kind=EntryKind.NOTE.value, entry_id=note_id, source=source
    )
    assert (attached.name, attached.media_type, attached.size) == (
        "feedback.eml",
        "message/rfc822",
        source.stat().st_size,
    )
    assert attachments.list_attachments(journal, "note", note_id) == [attached]
    assert attachments.file_bytes(journal, attached.id) == source.read_bytes()
    copy = attachments.save_copy(journal, attached.id, tmp_path / "out.eml")
    assert copy.read_bytes() == source.read_bytes()
    folder = tmp_path / "folder"
    folder.mkdir()
    assert attachments.save_copy(journal, attached.id, folder) == folder / "feedback.eml"


def test_identical_files_are_stored_once_and_removed_with_their_last_use(
    journal: Journal,
) -> None:
    first, second = _note(journal), _note(journal, "Second")
    data = b"%PDF-1.4 certificate"
    one = attachments.attach_bytes(
        journal, entry_kind="note", entry_id=first, name="cert.pdf", data=data
    )
    two = attachments.attach_bytes(
        journal, entry_kind="note", entry_id=second, name="copy.pdf", data=data
    )
    assert one.sha256 == two.sha256 and _blob_count(journal.path) == 1
    with pytest.raises(JournalError, match="already attached here"):
        attachments.attach_bytes(journal, entry_kind="note", entry_id=first, name="x", data=data)
    attachments.remove_attachment(journal, one.id)
    assert _blob_count(journal.path) == 1
    attachments.remove_attachment(journal, two.id)
    assert _blob_count(journal.path) == 0
    with pytest.raises(NotFound):
        attachments.file_bytes(journal, two.id)


def test_a_file_past_the_limit_is_refused_with_its_size(journal: Journal, tmp_path: Path) -> None:
    note_id = _note(journal)
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    with pytest.raises(JournalError) as refused:
        attachments.attach_file(journal, entry_kind="note", entry_id=note_id, source=big)
    assert str(refused.value) == "scan.pdf is 30.0 MB; an evidence file can be at most 25 MB."
    assert attachments.list_attachments(journal, "note", note_id) == []
    assert _blob_count(journal.path) == 0


def test_files_attach_only_to_entries_and_claims_that_exist(journal: Journal) -> None:
    with pytest.raises(NotFound, match="no note with id 7"):
        attachments.attach_bytes(journal, entry_kind="note", entry_id=7, name="a.png", data=b"x")
    with pytest.raises(JournalError, match="can't be attached to a person"):
        attachments.attach_bytes(journal, entry_kind="person", entry_id=1, name="a", data=b"x")


def test_csv_and_markdown_name_the_files(journal: Journal, tmp_path: Path) -> None:
    note_id = _note(journal, "Course")
    for name in ("slides.pdf", "notes.docx"):
        attachments.attach_bytes(
            journal, entry_kind="note", entry_id=note_id, name=name, data=name.encode()
        )
    [csv_file] = [p for p in export_csv(journal, tmp_path / "csv") if p.name == "notes.csv"]
    rows = list(csv.DictReader(csv_file.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["Files"] == "slides.pdf; notes.docx"
    text = markdown_text(build_document(journal))
    assert "**Files:** slides.pdf; notes.docx" in text


def test_a_damaged_stored_file_is_reported_not_opened(journal: Journal) -> None:
    note_id = _note(journal)
    attached = attachments.attach_bytes(
        journal, entry_kind="note", entry_id=note_id, name="cert.pdf", data=b"%PDF original"
    )
    connection = sqlite3.connect(journal.path)
    with connection:
        connection.execute("UPDATE evidenceblob SET data = ?", (b"%PDF tampered",))
    connection.close()
    with pytest.raises(JournalError, match=r"stored copy of cert\.pdf is damaged"):
        attachments.file_bytes(journal, attached.id)


def _bytes_read_while(path: Path, use: Callable[[Journal], object]) -> int:
    """Bytes this process reads (``rchar``) while opening the journal and using it."""
    io = Path("/proc/self/io")
    if not io.exists():
        pytest.skip("needs Linux's /proc/self/io")

    def rchar() -> int:
        line = next(x for x in io.read_text().splitlines() if x.startswith("rchar:"))
        return int(line.split()[1])

    before = rchar()
    with Journal.open(path, auto_backup=False) as journal:
        use(journal)
    return rchar() - before


def test_opening_and_searching_never_read_the_files_bytes(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        note_id = _note(journal, "Certificate for the intake course")
        attachments.attach_bytes(
            journal,
            entry_kind="note",
            entry_id=note_id,
            name="big.bin",
            data=b"x" * (4 * 1024 * 1024),
        )
    read = _bytes_read_while(
        journal_path,
        lambda journal: (
            timeline.list_timeline(journal, TimelineFilter(text="intake")),
            notes.get_note(journal, note_id),
            attachments.list_attachments(journal, "note", note_id),
        ),
    )
    assert read < 1024 * 1024, read
