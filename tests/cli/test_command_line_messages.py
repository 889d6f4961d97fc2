"""Command-line messages that say what is wrong: demo never fills the personal journal,
a backup aimed at a file, a bad value exits 2 in every command, an import that is not JSON,
and an import that counts what its export counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.storage.db import Journal


@pytest.fixture
def existing(journal: Journal) -> Path:
    journal.close()
    return journal.path


def test_demo_without_db_refuses_and_touches_no_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.run(["demo", "--years", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db PATH is needed" in err
    assert "never into your own journal" in err
    assert list(tmp_path.rglob("*.db")) == []


def test_demo_with_db_before_the_command_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sample.db"
    assert cli.run(["--db", str(path), "demo", "--years", "1"]) == 0
    assert path.exists() and "sample journal" in capsys.readouterr().out


def test_a_backup_aimed_at_a_file_says_so(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aimed = tmp_path / "notes.txt"
    aimed.write_text("keep me", encoding="utf-8")
    assert cli.run(["backup", "--db", str(existing), "--to", str(aimed)]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"pmo-journal: {aimed} is a file, not a folder: name the folder the backup goes in.\n"
    )
    assert aimed.read_text(encoding="utf-8") == "keep me"


BAD_VALUES = {
    "demo: a date that does not exist": ["demo", "--today", "2026-02-30"],
    "demo: years in words": ["demo", "--years", "many"],
    "report: a date that does not exist": [
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-30",
        "--out",
        "r.pdf",
    ],
    "report: dates the wrong way round": [
        "report",
        "--from",
        "2026-06-30",
        "--to",
        "2026-01-01",
        "--out",
        "r.pdf",
    ],
    "report: not a PDF": ["report", "--from", "2026-01-01", "--to", "2026-06-30", "--out", "r.doc"],
    "report: paper": [
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        "r.pdf",
        "--paper",
        "a3",
    ],
    "prep-sheet: not a PDF": ["prep-sheet", "--mentor", "Sarah", "--out", "p.txt"],
    "pdus: a cycle that is not a date": ["pdus", "--cycle", "June 2024"],
    "pdus: files with no audit pack": ["pdus", "--with-files", "folder"],
    "pdus: audit pack not a PDF": ["pdus", "--audit-pack", "pack.csv"],
    "pdus: a PMI ID that is not a number": ["pdus", "--audit-pack", "p.pdf", "--pmi-id", "12ab"],
    "export: format": ["export", "--format", "xml", "--out", "x.xml"],
    "import: format": ["import", "--format", "csv", "x.csv"],
}


@pytest.mark.parametrize("argv", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_exits_two_in_one_line(
    existing: Path,
    tmp_path: Path,
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every command tells a wrong value on its command line the same way: one line naming
    the command, exit 2, and nothing opened, written or changed."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    before = existing.read_bytes()
    try:
        code = cli.run([*argv, "--db", str(existing)])
    except SystemExit as leaving:  # argparse's own refusals
        code = leaving.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"pmo-journal {argv[0]}: "), err
    assert err.rstrip().endswith(f"(see pmo-journal {argv[0]} --help)")
    assert existing.read_bytes() == before
    assert list(here.iterdir()) == []


def test_a_markdown_export_given_to_import_says_what_import_reads(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = tmp_path / "journal.md"
    markdown.write_text("# My journal\n\n## 2 December 2026\n", encoding="utf-8")
    before = existing.read_bytes()
    assert cli.run(["import", "--db", str(existing), str(markdown)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the file is not JSON" in err
    assert "Markdown and CSV exports are for reading and cannot be imported" in err
    assert "Expecting value" not in err
    assert existing.read_bytes() == before


def test_an_import_counts_what_the_export_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo holds readiness marks and the export counts them; the import into an empty
    journal tells the same total."""
    import re

    source, target, out = tmp_path / "source.db", tmp_path / "target.db", tmp_path / "all.json"
    assert cli.run(["demo", "--db", str(source), "--years", "2"]) == 0
    args = ["export", "--db", str(source), "--format", "json", "--include-private"]
    assert cli.run([*args, "--out", str(out)]) == 0
    exported = int(re.search(r"Exported (\d+) records", capsys.readouterr().out)[1])  # type: ignore[index]
    assert cli.run(["import", "--db", str(target), str(out)]) == 0
    told = capsys.readouterr().out
    counts = re.search(r"(\d+) added, (\d+) updated, (\d+) already there", told)
    assert counts is not None, told
    assert sum(int(n) for n in counts.groups()) == exported
