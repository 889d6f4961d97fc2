"""``prep-sheet`` and ``pdus --audit-pack``: PDFs through the disclosure rule, one clear line
for a mentor name that is unknown or could mean several."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_journal.cli import run
from pmo_journal.core.storage.db import Journal
from tests.privacy_journal import (
    PRIVATE_MARKERS,
    PRIVATE_NAME_PARTS,
    PRIVATE_NOTE_MARKERS,
    fill_privacy_journal,
)
from tests.report.pdf_text import all_text

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("planted") / "journal.db"
    with Journal.open(path) as journal:
        fill_privacy_journal(journal)
    yield path


def leaked(text: str) -> list[str]:
    folded = text.casefold()
    words = PRIVATE_MARKERS + PRIVATE_NOTE_MARKERS + PRIVATE_NAME_PARTS
    return [w for w in words if w.casefold() in folded]


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_prep_sheet_by_part_of_a_name(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "prep.pdf"
    assert (
        run(["prep-sheet", "--db", str(planted_db), "--mentor", "okafor", "--out", str(out)]) == 0
    )
    assert f"Wrote {out} (1 page) for Sarah Okafor." in capsys.readouterr().out
    text = all_text(out)
    assert "Next session with Sarah Okafor" in text
    assert leaked(text) == []


def test_prep_sheet_anonymised(planted_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "prep.pdf"
    args = ["prep-sheet", "--db", str(planted_db), "--mentor", "Sarah Okafor", "--out", str(out)]
    assert run([*args, "--anonymise", "--paper", "letter"]) == 0
    text = all_text(out)
    assert "Next session with Mentor A" in text
    assert "Sarah" not in text and "Okafor" not in text and "Enterprise PMO" not in text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Zed",
            "No mentor is called “Zed”; the journal's mentors: Sarah Okafor, "
            "Xenia Blackwood-Quist.",
        ),
        (
            "a",
            "“a” could mean several mentors: Sarah Okafor, Xenia Blackwood-Quist; "
            "give the full name.",
        ),
        (
            "Xenia",
            "Xenia Blackwood-Quist is marked private, so a prep sheet about them is "
            "printed only with private entries included.",
        ),
    ],
)
def test_a_mentor_it_cannot_print_for_is_one_line_and_no_file(
    planted_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    message: str,
) -> None:
    out = tmp_path / "prep.pdf"
    assert run(["prep-sheet", "--db", str(planted_db), "--mentor", name, "--out", str(out)]) == 1
    assert one_error_line(capsys) == f"pmo-journal: {message}\n"
    assert not out.exists()


def test_a_private_mentor_with_private_included(planted_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "prep.pdf"
    args = ["prep-sheet", "--db", str(planted_db), "--mentor", "Xenia", "--out", str(out)]
    assert run([*args, "--include-private"]) == 0
    assert "quillfeather" in all_text(out)


@pytest.mark.parametrize(
    "extra", [["--paper", "a3"], ["--out", "sheet.txt"]], ids=["paper", "not a pdf"]
)
def test_bad_values(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    base = ["prep-sheet", "--db", str(planted_db), "--mentor", "Sarah"]
    args = [*base, "--out", str(tmp_path / "p.pdf"), *extra]
    if extra[0] == "--paper":
        with pytest.raises(SystemExit) as exit_code:
            run(args)
        assert exit_code.value.code == 2
    else:
        assert run(args) == 2
        assert "should end in .pdf" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_audit_pack_summarises_private_claims(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit.pdf"
    args = ["pdus", "--db", str(planted_db), "--audit-pack", str(out)]
    assert run([*args, "--name", "Alex Morgan", "--pmi-id", "1234567"]) == 0
    assert "2 claims listed, 3 summarised" in capsys.readouterr().out
    text = " ".join(all_text(out).split())
    assert "Alex Morgan · PMI ID 1234567" in text
    assert "3 claims summarised" in text
    assert leaked(text) == []


def test_audit_pack_with_private_claims(planted_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.pdf"
    args = ["pdus", "--db", str(planted_db), "--audit-pack", str(out), "--include-private"]
    assert run([*args, "--paper", "letter"]) == 0
    text = all_text(out)
    assert "quillfeather" in text and "ravenscourt" in text and "summarised" not in text


def test_audit_pack_with_files_writes_the_listed_claims_files_beside_it(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, folder = tmp_path / "audit.pdf", tmp_path / "certificates"
    args = ["pdus", "--db", str(planted_db), "--audit-pack", str(out), "--with-files", str(folder)]
    assert run(args) == 0
    assert f"Wrote 1 file of the listed claims into {folder}." in capsys.readouterr().out
    # The receipt attached to a claim drawn from a private session stays in the journal.
    assert [p.name for p in folder.iterdir()] == ["2026-04-15 webinar certificate.pdf"]
    assert (folder / "2026-04-15 webinar certificate.pdf").read_bytes() == b"c"
    assert "Files: webinar certificate.pdf" in all_text(out)
    everything = tmp_path / "everything"
    assert run([*args[:-1], str(everything), "--include-private"]) == 0
    assert sorted(p.name for p in everything.iterdir()) == [
        "2026-03-05 pembrook receipt.pdf",
        "2026-04-15 webinar certificate.pdf",
    ]


@pytest.mark.parametrize(
    ("with_files", "message"),
    [
        (["--with-files", "{tmp}/audit.pdf.txt"], "is a file; name a folder"),
        (["--with-files", "{tmp}/missing/files"], "does not exist"),
    ],
)
def test_audit_pack_refuses_a_bad_files_folder_before_writing(
    planted_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    with_files: list[str],
    message: str,
) -> None:
    (tmp_path / "audit.pdf.txt").write_text("mine", encoding="utf-8")
    out = tmp_path / "audit.pdf"
    extra = [part.format(tmp=tmp_path) for part in with_files]
    assert run(["pdus", "--db", str(planted_db), "--audit-pack", str(out), *extra]) == 1
    assert message in one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.pdf.txt"]


def test_with_files_needs_an_audit_pack(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["pdus", "--db", str(planted_db), "--with-files", str(tmp_path)]) == 2
    assert "--with-files goes with --audit-pack" in one_error_line(capsys)


def test_export_says_what_it_left_out(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "journal.md"
    args = ["export", "--db", str(planted_db), "--format", "markdown", "--out", str(out)]
    assert run(args) == 0
    said = capsys.readouterr().out
    assert said.endswith(
        "4 private entries, 1 private goal and everything about 3 private people are left out.\n"
    )


def test_the_report_command_imports_its_charts_before_qt(planted_db: Path, tmp_path: Path) -> None:
    """Once PySide6 is imported, its import hook reads the source of every module imported
    after it; the command imports matplotlib's (about 300) before Qt, and still writes the
    report and leaves at once."""
    import os
    import subprocess
    import sys

    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pmo_journal", "report", "--db",
         str(planted_db), "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.stat().st_size > 0
    order = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    assert order.index("matplotlib.figure") < order.index("PySide6.QtCore")
