"""``pmo-journal report``: the PDF from the command line, and one clear line for bad input."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmo_journal import cli
from tests.journal_template import JournalTemplate
from tests.report.conftest import KnownJournal
from tests.report.pdf_text import all_text, page_texts

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("qapp")


def report_args(
    db: Path, out: Path, *extra: str, start: str = "2026-01-01", end: str = "2026-06-30"
) -> list[str]:
    return ["report", "--db", str(db), "--from", start, "--to", end, "--out", str(out), *extra]


def test_the_command_needs_no_display(known_journal: KnownJournal, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmo_journal",
            *report_args(known_journal.path, out, "--paper", "letter", "--appendix"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Wrote {out}" in result.stdout
    texts = page_texts(out)
    assert f"Page 2 of {len(texts)}" in texts[1]
    assert known_journal.inside_topic in "\n".join(texts)
    assert known_journal.private_text not in "\n".join(texts)  # private stays out by default
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)


def test_private_entries_with_the_flag(known_journal: KnownJournal, tmp_path: Path) -> None:
    out = tmp_path / "review.pdf"
    assert cli.run(report_args(known_journal.path, out, "--include-private", "--appendix")) == 0
    assert known_journal.private_text in all_text(out)


def test_an_empty_period_is_said_and_still_written(
    known_journal: KnownJournal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.pdf"
    args = report_args(known_journal.path, out, start="2031-01-01", end="2031-03-31")
    assert cli.run(args) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "No entries fall between 2031-01-01 and 2031-03-31 (private ones left out): "
        "the report still has every section you chose, with counts of zero and nothing "
        "to quote.",
        f"Wrote {out} ({len(page_texts(out))} pages).",
    ]
    text = all_text(out)
    assert "Growth by skill" in text
    assert "0 mentor sessions" in text or "No mentor sessions" in text
    assert cli.run(report_args(known_journal.path, out)) == 0  # a period with entries
    assert capsys.readouterr().out.splitlines() == [f"Wrote {out} ({len(page_texts(out))} pages)."]


def unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes anywhere it can chmod; /proc refuses even root
        return Path("/proc/1")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def not_a_journal(tmp_path: Path) -> Path:
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    return other


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("inverted", "after it ends"),
        ("bad-date", "is not a date; write it as YYYY-MM-DD"),
        ("missing-folder", "does not exist"),
        ("unwritable-folder", "can't be written to"),
        ("text-file-db", "not a PMO Career Journal file"),
        ("other-sqlite-db", "not a PMO Career Journal file"),
        ("no-db", "There is no journal"),
        ("not-pdf", "should end in .pdf"),
    ],
)
def test_bad_input_is_one_line_and_leaves_no_file(
    known_journal: KnownJournal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    expected: str,
) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    existing = out_folder / "review.pdf"
    existing.write_bytes(b"an earlier report")
    db, out = known_journal.path, existing
    start, end = "2026-01-01", "2026-06-30"
    if case == "inverted":
        start, end = end, start
    elif case == "bad-date":
        end = "2026-02-30"
    elif case == "missing-folder":
        out = tmp_path / "nowhere" / "review.pdf"
    elif case == "unwritable-folder":
        out = unwritable_folder(tmp_path) / "review.pdf"
    elif case == "text-file-db":
        db = tmp_path / "notes.txt"
        db.write_text("not a database, just notes\n" * 20)
    elif case == "other-sqlite-db":
        db = not_a_journal(tmp_path)
    elif case == "no-db":
        db = tmp_path / "missing.db"
    elif case == "not-pdf":
        out = out_folder / "review.docx"
    before = sorted(p.name for p in out_folder.iterdir())

    try:
        code = cli.run(report_args(db, out, start=start, end=end))
    except SystemExit as leaving:  # argparse's refusal of a date that does not exist
        code = leaving.code

    captured = capsys.readouterr()
    assert code == (2 if case in {"inverted", "bad-date", "not-pdf"} else 1)
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert expected in lines[0]
    assert sorted(p.name for p in out_folder.iterdir()) == before
    assert existing.read_bytes() == b"an earlier report"
    assert not out.exists() or out == existing


def test_an_encrypted_journal_needs_its_passphrase(
    journal_template: JournalTemplate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.report.conftest import fill_known_journal

    db = tmp_path / "secret.db"
    with journal_template.open(db) as journal:
        known = fill_known_journal(journal)
    monkeypatch.setenv("PMO_JOURNAL_PASSPHRASE", "correct horse")
    assert cli.run(["encrypt", "--db", str(db)]) == 0
    out = tmp_path / "review.pdf"
    assert cli.run(report_args(db, out, "--appendix")) == 0
    assert known.inside_topic in all_text(out)

    out.unlink()
    monkeypatch.delenv("PMO_JOURNAL_PASSPHRASE")
    capsys.readouterr()
    assert cli.run(report_args(db, out)) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not out.exists()
