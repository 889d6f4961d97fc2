"""``demo`` and ``check`` through the real entry point, and every bad input as one clear line."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.storage.db import Journal

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-03-31"
# Everything but the skill catalogue, which each new journal seeds with fresh UUIDs.
DUMPED_TABLES = (
    "person",
    "mentorsession",
    "mentorsessionskilllink",
    "actionitem",
    "actionitemcarry",
    "helperassignment",
    "helperassignmentskilllink",
    "skillreflection",
    "careergoal",
    "milestone",
    "goalevidence",
    "certificationcycle",
    "pduclaim",
    "readinessmark",
)


def journal_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The program as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pmo_journal", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def dump(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        rows: list[tuple[object, ...]] = []
        for table in DUMPED_TABLES:
            rows += [(table, *row) for row in connection.execute(f"SELECT * FROM {table}")]
        return rows
    finally:
        connection.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (backups included) and its bytes."""
    return {
        str(item.relative_to(folder)): item.read_bytes()
        for item in sorted(folder.rglob("*"))
        if item.is_file()
    }


def assert_one_clear_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith("pmo-journal")


# --------------------------------------------------------------------------- the happy path


def test_demo_then_check_through_the_entry_point(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    made = journal_cli("demo", "--db", str(path), "--years", "1")
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    assert "sample journal" in made.stdout and "mentor sessions" in made.stdout

    checked = journal_cli("check", "--db", str(path))
    assert checked.returncode == 0, checked.stderr
    assert "ok — schema" in checked.stdout and "(current)" in checked.stdout


def test_demo_then_check_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "journal.db"
    assert cli.run(["demo", "--db", str(path), "--seed", "3", "--today", TODAY]) == 0
    assert cli.run(["--db", str(path), "check"]) == 0  # --db before the command works too
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Wrote a 2-year sample journal to {path}")
    connection = sqlite3.connect(path)
    entries = sum(
        connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("mentorsession", "helperassignment", "skillreflection")
    )
    connection.close()
    assert f"{entries} entries" in out[1]


def test_the_same_seed_writes_the_same_journal(tmp_path: Path) -> None:
    for name, seed in (("a", "11"), ("b", "11"), ("c", "12")):
        assert (
            cli.run(
                ["demo", "--db", str(tmp_path / f"{name}.db"), "--seed", seed, "--today", TODAY]
            )
            == 0
        )
    first, again, other = (dump(tmp_path / f"{name}.db") for name in "abc")
    assert len(first) > 300
    assert first == again
    assert first != other


def test_check_reports_an_older_schema_without_upgrading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    assert cli.run(["demo", "--db", str(path), "--years", "1"]) == 0
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.commit()
    connection.close()
    before = snapshot(tmp_path)
    assert cli.run(["check", "--db", str(path)]) == 0
    assert "schema 0001 (older" in capsys.readouterr().out
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- bad input


def make_journal(path: Path) -> None:
    assert cli.run(["demo", "--db", str(path), "--years", "1", "--today", TODAY]) == 0


def make_garbage(path: Path) -> None:
    path.write_bytes(b"Dear diary, today I met the PMO lead.\n" * 50)


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()


def make_damaged(path: Path) -> None:
    make_journal(path)
    with path.open("r+b") as handle:
        handle.seek(4096 * 20)
        handle.write(b"\xff" * 4096)


def make_unindexed(path: Path) -> None:
    make_journal(path)
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM entry_fts WHERE rowid IN (SELECT rowid FROM entry_fts LIMIT 3)")
    connection.commit()
    connection.close()


def make_broken_references(path: Path) -> None:
    make_journal(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE actionitem SET session_id = 99999 WHERE id = 1")
    connection.commit()
    connection.close()


def make_newer(path: Path) -> None:
    make_journal(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()


def make_encrypted(path: Path) -> None:
    from pmo_journal.core.storage.encryption import encrypt_journal

    make_journal(path)
    encrypt_journal(path, passphrase="correct horse battery staple")


SUBPROCESS_CASES = {
    "demo into a missing folder": (None, ["demo", "--db", "{tmp}/nowhere/j.db"], "does not exist"),
    "check a garbage file": (make_garbage, ["check", "--db", "{file}"], "not an SQLite database"),
    "a bad date": (None, ["demo", "--db", "{file}", "--today", "2026-02-30"], "YYYY-MM-DD"),
    "demo over a journal": (make_journal, ["demo", "--db", "{file}"], "already holds a journal"),
}
IN_PROCESS_CASES = {
    "demo over a garbage file": (make_garbage, ["demo", "--db", "{file}"], "not a PMO Career"),
    "check a missing file": (None, ["check", "--db", "{file}"], "There is no journal"),
    "check in a missing folder": (None, ["check", "--db", "{tmp}/nowhere/j.db"], "does not exist"),
    "check another app's database": (
        make_foreign_sqlite,
        ["check", "--db", "{file}"],
        "not a PMO Career Journal",
    ),
    "demo over another app's database": (
        make_foreign_sqlite,
        ["demo", "--db", "{file}"],
        "not a PMO Career Journal",
    ),
    "check a damaged journal": (make_damaged, ["check", "--db", "{file}"], "damaged"),
    "demo over a damaged journal": (make_damaged, ["demo", "--db", "{file}"], "already holds"),
    "check a stale search index": (make_unindexed, ["check", "--db", "{file}"], "search index"),
    "check broken references": (
        make_broken_references,
        ["check", "--db", "{file}"],
        "broken references",
    ),
    "check a newer journal": (make_newer, ["check", "--db", "{file}"], "newer version"),
    "check a folder": (None, ["check", "--db", "{tmp}"], "is a folder"),
    "demo over an encrypted journal": (make_encrypted, ["demo", "--db", "{file}"], "encrypted"),
    "demo ending in the future": (
        None,
        ["demo", "--db", "{file}", "--today", "2999-01-01"],
        "future",
    ),
}
USAGE_CASES = {
    "a date without dashes": (["demo", "--db", "{file}", "--today", "20260331"], "YYYY-MM-DD"),
    "a month that does not exist": (
        ["demo", "--db", "{file}", "--today", "2026-13-01"],
        "YYYY-MM-DD",
    ),
    "zero years": (["demo", "--db", "{file}", "--years", "0"], "from 1 to 30"),
    "years in words": (["demo", "--db", "{file}", "--years", "two"], "from 1 to 30"),
    "a seed in words": (["demo", "--db", "{file}", "--seed", "lucky"], "invalid int"),
    "an unknown option": (["check", "--db", "{file}", "--fix"], "unrecognized arguments"),
    "an unknown command": (["defrag", "--db", "{file}"], "invalid choice"),
}


def prepare(tmp_path: Path, make: object, args: list[str]) -> tuple[list[str], Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "journal.db"
    if callable(make):
        make(target)
    return [arg.format(tmp=folder, file=target) for arg in args], folder


@pytest.mark.parametrize("case", SUBPROCESS_CASES, ids=list(SUBPROCESS_CASES))
def test_bad_input_through_the_entry_point(tmp_path: Path, case: str) -> None:
    make, args, message = SUBPROCESS_CASES[case]
    argv, folder = prepare(tmp_path, make, args)
    before = snapshot(folder)
    result = journal_cli(*argv)
    assert result.returncode != 0
    assert_one_clear_line(result.stderr)
    assert message in result.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", IN_PROCESS_CASES, ids=list(IN_PROCESS_CASES))
def test_bad_input_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, args, message = IN_PROCESS_CASES[case]
    argv, folder = prepare(tmp_path, make, args)
    before = snapshot(folder)
    capsys.readouterr()
    assert cli.run(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_clear_line(captured.err)
    assert message in captured.err
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", USAGE_CASES, ids=list(USAGE_CASES))
def test_usage_mistakes_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    args, message = USAGE_CASES[case]
    argv, folder = prepare(tmp_path, None, args)
    with pytest.raises(SystemExit) as exited:
        cli.run(argv)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert_one_clear_line(captured.err)
    assert message in captured.err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("text", ["2026-03-31", "2024-02-29", "1999-12-31"])
def test_iso_dates_are_read(text: str) -> None:
    assert cli.iso_date(text) == dt.date.fromisoformat(text)


@pytest.mark.parametrize("text", ["", "2026-3-31", "20260331", "2023-02-29", "31/03/2026", "today"])
def test_other_dates_are_refused_with_the_format_to_use(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        cli.iso_date(text)


def test_the_app_starts_on_a_demo_journal_and_quits_after_loading(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    assert cli.run(["demo", "--db", str(path), "--years", "3"]) == 0
    started = subprocess.run(
        [sys.executable, "main.py", "--db", str(path), "--quit-after-load"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr


def test_a_closed_pipe_ends_the_command_quietly(journal: Journal) -> None:
    # `pmo-journal check … | head -0`: the reader is gone before anything is written.
    journal.close()
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmo_journal", "check", "--db", str(journal.path)],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 1
