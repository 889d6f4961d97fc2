"""Command-line messages that say what is wrong: demo never fills the personal journal,
a backup aimed at a file, and a bad value exits 2 in every command."""

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


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--today", "2026-02-30"],
        ["demo", "--years", "many"],
    ],
)
def test_a_bad_value_exits_two_in_one_line(
    existing: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as leaving:
        cli.run([*argv, "--db", str(existing)])
    assert leaving.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"pmo-journal {argv[0]}: ")
