"""Small faults of the adversarial run, each one clear line: a backups path that is a file,
a review period beyond the calendar a report can draw."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.storage.db import Journal


@pytest.fixture
def existing(journal: Journal) -> Path:
    journal.close()
    return journal.path


def test_a_backups_path_that_is_a_file_is_one_clear_line(
    existing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (existing.parent / "backups").write_text("not a folder", encoding="utf-8")
    assert cli.run(["backup", "--db", str(existing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "backups is a file, where the backups folder should be" in err


def test_a_review_period_beyond_the_calendar_is_refused_in_one_line(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    argv = ["report", "--db", str(existing), "--out", str(out)]
    assert cli.run([*argv, "--from", "0001-01-01", "--to", "9999-12-31"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "pmo-journal: A review period lies between 1900-01-01 and 2999-12-31; "
        "0001-01-01 to 9999-12-31 reaches beyond it.\n"
    )
    assert not out.exists()
