"""An export never lands on the journal, a backup or any database, nor replaces a file unasked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.exchange import json_export, readable
from pmo_journal.core.services import people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError


@pytest.fixture
def written(journal: Journal) -> Journal:
    people.create_person(journal, data={"name": "Ada"})
    return journal


def _exports(journal: Journal, out: Path, *, overwrite: bool = False) -> list[object]:
    return [
        lambda: json_export.export_json(journal, out, overwrite=overwrite),
        lambda: readable.export_markdown(journal, out, overwrite=overwrite),
    ]


def test_an_export_over_the_journal_itself_is_refused_even_when_forced(written: Journal) -> None:
    before = written.path.read_bytes()
    for export in _exports(written, written.path, overwrite=True):
        with pytest.raises(JournalError, match="belongs to the journal"):
            export()  # type: ignore[operator]
    assert written.path.read_bytes() == before


def test_an_export_over_a_backup_its_log_or_its_lock_is_refused(written: Journal) -> None:
    taken = backup.backup_journal(written.path)
    kept = taken.read_bytes()
    for target in (taken, Path(f"{written.path}-wal"), Path(f"{written.path}.lock")):
        for export in _exports(written, target, overwrite=True):
            with pytest.raises(JournalError, match="belongs to the journal"):
                export()  # type: ignore[operator]
    assert taken.read_bytes() == kept


def test_an_export_over_any_other_database_is_refused(written: Journal, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "report.md"
    other.parent.mkdir()
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = other.read_bytes()
    for export in _exports(written, other, overwrite=True):
        with pytest.raises(JournalError, match="is a database"):
            export()  # type: ignore[operator]
    assert other.read_bytes() == before


def test_an_existing_file_is_replaced_only_when_asked(written: Journal, tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text("my own notes", encoding="utf-8")
    with pytest.raises(JournalError, match="already exists; add --force"):
        readable.export_markdown(written, out)
    assert out.read_text(encoding="utf-8") == "my own notes"
    readable.export_markdown(written, out, overwrite=True)
    assert "Ada" in out.read_text(encoding="utf-8") or out.read_text(encoding="utf-8")


def test_csv_files_of_an_earlier_export_are_replaced_only_when_asked(
    written: Journal, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    readable.export_csv(written, folder)
    with pytest.raises(JournalError, match="already exists"):
        readable.export_csv(written, folder)
    assert len(readable.export_csv(written, folder, overwrite=True)) == 5


def test_the_command_refuses_the_journal_as_out_in_one_line(
    written: Journal, capsys: pytest.CaptureFixture[str]
) -> None:
    written.close()
    path = written.path
    before = path.read_bytes()
    code = cli.run(["export", "--db", str(path), "--format", "markdown", "--out", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "belongs to the journal" in err
    assert path.read_bytes() == before
    with Journal.open(path) as journal:
        assert [p.name for p in people.list_people(journal)] == ["Ada"]


def test_the_command_replaces_an_earlier_export_with_force(
    written: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written.close()
    out = tmp_path / "export.json"
    args = ["export", "--db", str(written.path), "--format", "json", "--out", str(out)]
    assert cli.run(args) == 0
    assert cli.run(args) == 1
    assert "add --force" in capsys.readouterr().err
    assert cli.run([*args, "--force"]) == 0
