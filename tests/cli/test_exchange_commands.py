"""The export and import commands: formats, private entries, clear errors, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table
from tests.journal_template import JournalTemplate


@pytest.fixture
def filled(journal: Journal) -> Path:
    fill_every_table(journal)
    journal.close()
    return journal.path


def test_export_in_every_format(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert (
        cli.run(["export", "--db", str(filled), "--format", "json", "--out", str(out / "a.json")])
        == 0
    )
    assert capsys.readouterr().out.endswith(" are left out.\n")
    assert "Secret plans" not in (out / "a.json").read_text(encoding="utf-8")
    args = ["export", "--db", str(filled), "--format", "json", "--out", str(out / "b.json")]
    assert cli.run([*args, "--include-private"]) == 0
    assert "Secret plans" in (out / "b.json").read_text(encoding="utf-8")
    assert (
        cli.run(["export", "--db", str(filled), "--format", "csv", "--out", str(out / "csv")]) == 0
    )
    assert (out / "csv" / "skill_reflections.csv").exists()
    md = out / "journal.md"
    assert cli.run(["export", "--db", str(filled), "--format", "markdown", "--out", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# PMO Career Journal")


def test_import_merges_and_reports(
    filled: Path,
    journal_template: JournalTemplate,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    exported = tmp_path / "all.json"
    cli.run(
        [
            "export",
            "--db",
            str(filled),
            "--format",
            "json",
            "--out",
            str(exported),
            "--include-private",
        ]
    )
    target = journal_template.copy_to(tmp_path / "new" / "journal.db")
    capsys.readouterr()
    assert cli.run(["import", "--db", str(target), str(exported)]) == 0
    assert "added" in capsys.readouterr().out
    assert cli.run(["import", "--db", str(target), str(exported)]) == 0
    assert "0 added, 0 updated" in capsys.readouterr().out


def test_a_broken_import_is_one_line_and_changes_nothing(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    cli.run(["export", "--db", str(filled), "--format", "json", "--out", str(exported)])
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["mentor_sessions"][1]["date"] = "yesterday"
    exported.write_text(json.dumps(document), encoding="utf-8")
    before = dump(filled)
    capsys.readouterr()
    assert cli.run(["import", "--db", str(filled), str(exported)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mentor_sessions[1].date" in err
    assert dump(filled) == before


def test_a_jrnl_file_is_recognised(
    journal: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal.close()
    source = tmp_path / "jrnl.json"
    source.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {
                        "date": "2025-05-01",
                        "time": "08:00",
                        "title": "Led the retro.",
                        "body": "rating 3",
                        "tags": ["@collaborative-leadership"],
                        "starred": False,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert cli.run(["import", "--db", str(journal.path), str(source)]) == 0
    assert "1 added" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_export_into_a_missing_folder_is_one_plain_line(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "gone" / "export.out"
    assert cli.run(["export", "--db", str(filled), "--format", fmt, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"pmo-journal: The folder {out.parent} does not exist.\n"
    assert not out.parent.exists()


def test_export_onto_a_folder_names_the_folder_not_a_temporary_file(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "folder"
    out.mkdir()
    assert cli.run(["export", "--db", str(filled), "--format", "json", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert ".partial" not in err
    assert err == f"pmo-journal: {out} is a folder; name the file to write.\n"
    assert list(out.iterdir()) == []


def test_export_imported_into_a_new_journal_round_trips(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    fresh = tmp_path / "fresh.db"
    base = ["--format", "json", "--include-private", "--out"]
    assert cli.run(["export", "--db", str(filled), *base, str(first)]) == 0
    assert cli.run(["import", "--db", str(fresh), str(first)]) == 0
    assert "Imported first.json" in capsys.readouterr().out
    assert cli.run(["export", "--db", str(fresh), *base, str(second)]) == 0
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in (first, second)]
    for document in documents:
        document.pop("exported_at")
    assert documents[0] == documents[1]


def test_a_refused_import_creates_no_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert cli.run(["import", "--db", str(fresh), str(bad)]) == 1
    assert capsys.readouterr().err.startswith("pmo-journal: Nothing was imported:")
    assert not fresh.exists()


def test_a_refused_foreign_import_creates_no_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "jrnl.json"
    entry = {"date": "2025-02-30", "time": "09:00", "title": "x", "body": "", "tags": []}
    bad.write_text(json.dumps({"tags": {}, "entries": [entry]}), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert cli.run(["import", "--db", str(fresh), str(bad), "--format", "jrnl"]) == 1
    assert "entries[0]" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["jrnl.json"]


def test_csv_export_onto_a_file_says_it_needs_a_folder(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine", encoding="utf-8")
    assert cli.run(["export", "--db", str(filled), "--format", "csv", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"pmo-journal: {out} is a file; CSV export writes into a folder.\n"
    assert out.read_text(encoding="utf-8") == "mine"
