"""The ``pdus`` command: totals, caps applied and what is still needed, or one clear line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.cli import run
from pmo_journal.core.services import pdus
from pmo_journal.core.storage.db import Journal


def _claim(
    journal: Journal, day: dt.date, category: str, activity: str, hours: float, **split: float
) -> None:
    pdus.add_claim(
        journal,
        data={
            "date": day,
            "category": category,
            "activity": activity,
            "hours": hours,
            "description": "Claimed for the test",
            **split,
        },
    )


@pytest.fixture
def ledger_db(journal_path: Path) -> Path:
    with Journal.open(journal_path) as journal:
        pdus.create_cycle(
            journal, data={"start_date": dt.date(2021, 6, 1), "end_date": dt.date(2024, 5, 31)}
        )
        pdus.create_cycle(
            journal,
            data={
                "start_date": dt.date(2024, 6, 1),
                "end_date": dt.date(2027, 5, 31),
                "current": True,
            },
        )
        _claim(
            journal,
            dt.date(2024, 6, 1),
            "education",
            "course_or_training",
            12,
            ways_of_working=8,
            power_skills=2,
            business_acumen=2,
        )
        _claim(journal, dt.date(2025, 3, 1), "giving_back", "work_as_practitioner", 10.5)
        _claim(journal, dt.date(2025, 6, 1), "giving_back", "volunteer", 18)
        _claim(
            journal,
            dt.date(2022, 1, 1),
            "education",
            "reading",
            40,
            ways_of_working=10,
            power_skills=15,
            business_acumen=15,
        )
        _claim(journal, dt.date(2022, 2, 1), "giving_back", "volunteer", 20)
    return journal_path


def test_prints_the_current_cycle(ledger_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["pdus", "--db", str(ledger_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PMP 2024-06-01 – 2027-05-31 (current): 3 claims")
    assert "  Education                      12  ≥ 35    23 needed" in out
    assert "    Power Skills                  2  ≥ 8     6 needed" in out
    assert "  Giving Back                    25  ≤ 25    28.5 claimed, 3.5 not counted" in out
    assert "    Work as a practitioner        8  ≤ 8     10.5 claimed" in out
    assert "  Total                          37  ≥ 60    23 needed" in out
    assert (
        "Work as a practitioner is limited to 8 PDUs: 2.5 of 10.5 claimed are not counted." in out
    )
    assert "Giving Back is limited to 25 PDUs: 1 PDU beyond that is not counted." in out
    assert "Still needed: 23 PDUs at least." in out
    assert "Continuing Certification Requirements" in out


def test_names_a_cycle_by_its_start(ledger_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["pdus", "--db", str(ledger_db), "--cycle", "2021-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PMP 2021-06-01 – 2024-05-31: 2 claims, as of 2024-05-31")
    assert "  Total                          60  ≥ 60    met" in out
    assert "Caps applied:\n  none." in out
    assert "Still needed: nothing, every requirement is met." in out
    assert "Pace: Requirements met on 1 February 2022." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--cycle", "2019-01-01"],
            "pmo-journal: No cycle starts on 2019-01-01; "
            "cycles start on: 2024-06-01, 2021-06-01.\n",
        ),
    ],
)
def test_bad_cycle_is_one_line(
    ledger_db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(["pdus", "--db", str(ledger_db), *args]) == 1
    captured = capsys.readouterr()
    assert captured.err == message
    assert captured.out == ""


def test_a_journal_without_cycles_says_so(
    journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["pdus", "--db", str(journal_path)]) == 1
    assert capsys.readouterr().err == (
        "pmo-journal: There is no certification cycle yet; add one in the PDU ledger.\n"
    )


def test_a_missing_journal_is_one_line_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.db"
    assert run(["pdus", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"pmo-journal: There is no journal at {missing}.\n"
    assert not missing.exists()


# --------------------------------------------------------------------------- --audit-pack


@pytest.mark.usefixtures("qapp")
def test_audit_pack_names_the_holder_given_or_remembered(
    ledger_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    from pmo_journal.core.services.holder import remember_holder
    from tests.report.pdf_text import all_text, page_size_points

    out = tmp_path / "audit.pdf"
    args = ["pdus", "--db", str(ledger_db), "--audit-pack", str(out)]
    assert run([*args, "--paper", "letter", "--name", "Alex Morgan", "--pmi-id", "1234567"]) == 0
    assert f"Wrote {out} (" in capsys.readouterr().out
    text = all_text(out)
    assert "Holder Alex Morgan PMI ID 1234567" in text
    assert tuple(round(side) for side in page_size_points(out)) == (612, 792)
    info = PdfReader(out).metadata
    assert info is not None and info.author == "Alex Morgan"
    # Without the options, the name and PMI ID remembered in the journal.
    with Journal.open(ledger_db, auto_backup=False) as journal:
        remember_holder(journal, name="Sam Rivera", pmi_id="7654321")
    assert run(args) == 0
    assert "Holder Sam Rivera PMI ID 7654321" in all_text(out)
    assert tuple(round(side) for side in page_size_points(out)) == (595, 842)  # A4 by default
    assert run([*args, "--name", "", "--pmi-id", ""]) == 0
    assert "Holder not given PMI ID not given" in all_text(out)


@pytest.mark.usefixtures("qapp")
def test_a_bad_pmi_id_is_one_line_and_writes_nothing(
    ledger_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "audit.pdf"
    args = ["pdus", "--db", str(ledger_db), "--audit-pack", str(out), "--pmi-id", "12ab"]
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "A PMI ID is a number" in err
    assert not out.exists() and not list(tmp_path.glob("*.pdf*"))
