"""The PDU audit pack PDF and the progress report's PDU section, read back with pypdf."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core.pdus.audit import audit_claims, save_audit_files
from pmo_journal.core.services import attachments, pdus
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.report.build import build_report
from pmo_journal.report.options import ReportOptions, Section
from pmo_journal.report.pdu_audit import save_pdu_audit_pdf
from pmo_journal.report.render import save_report_pdf
from tests.report.pdf_text import all_text, page_texts

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def cycle(journal: Journal) -> int:
    cycle_id = pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    ).id
    claims = [
        (
            "2024-09-01",
            "education",
            "course_or_training",
            12,
            (8, 2, 2),
            "Agile PMO course",
            "Certificate PMO-4471",
        ),
        (
            "2025-03-01",
            "giving_back",
            "work_as_practitioner",
            10.5,
            (0, 0, 0),
            "Ran the portfolio review",
            "Letter from the PMO lead",
        ),
        (
            "2025-06-01",
            "giving_back",
            "volunteer",
            18,
            (0, 0, 0),
            "Chapter events team",
            "Chapter volunteer log",
        ),
    ]
    for day, category, activity, hours, (wow, ps, ba), description, evidence in claims:
        pdus.add_claim(
            journal,
            data={
                "date": dt.date.fromisoformat(day),
                "category": category,
                "activity": activity,
                "hours": hours,
                "ways_of_working": wow,
                "power_skills": ps,
                "business_acumen": ba,
                "description": description,
                "evidence": evidence,
            },
        )
    return cycle_id


def test_audit_pack_lists_every_claim_with_evidence(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    out = tmp_path / "audit.pdf"
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle, today=dt.date(2026, 11, 29))
    pages = save_pdu_audit_pdf(ledger, audit_claims(journal, ledger), out)
    texts = page_texts(out)
    assert pages == len(texts) >= 1
    assert texts[0].startswith("PDU audit pack · PMP 2024-06-01 – 2027-05-31")
    assert f"Page {pages} of {pages}" in texts[-1]
    text = all_text(out)
    for expected in (
        "PMP cycle 1 June 2024 – 31 May 2027",
        "Certificate PMO-4471",
        "Letter from the PMO lead",
        "Chapter volunteer log",
        "2025-03-01",
        # 10.5 practitioner hours: 8 count, the rest is over the limit
        "8 counted; 2.5 over the 8 PDU Work as a practitioner limit",
        "17 counted; 1 over the 25 PDU Giving Back maximum",
        "At least 23 PDUs still needed",
        "Continuing Certification Requirements",
    ):
        assert expected in text, expected


def test_audit_pack_into_a_missing_folder_is_one_clear_error(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle)
    with pytest.raises(JournalError, match="does not exist"):
        save_pdu_audit_pdf(
            ledger, audit_claims(journal, ledger), tmp_path / "missing" / "audit.pdf"
        )
    assert not (tmp_path / "missing").exists()


def _report(journal: Journal, tmp_path: Path, sections: frozenset[Section]) -> str:
    options = ReportOptions(
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
        sections=sections,
        prepared_on=dt.date(2026, 7, 1),
    )
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, options), out)
    return all_text(out)


def test_progress_report_has_an_optional_pdu_section(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    text = _report(journal, tmp_path, frozenset({Section.SUMMARY, Section.PDUS}))
    assert "PMP renewal (PDUs)" in text
    assert "3 claims summarised · as of 30 June 2026" in text
    assert "At least 23 PDUs still needed" in text
    assert "Giving Back is limited to 25 PDUs" in text
    # Totals only: the claims' own text stays in the audit pack.
    assert "Chapter volunteer log" not in text
    without = _report(journal, tmp_path, frozenset({Section.SUMMARY}))
    assert "PMP renewal" not in without


def test_no_cycle_no_pdu_section(journal: Journal, tmp_path: Path) -> None:
    assert "PMP renewal" not in _report(journal, tmp_path, frozenset(Section))


def test_audit_pack_lists_each_claims_files_and_writes_them_beside_it(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    course = pdus.cycle_ledger(journal, cycle_id=cycle).claims[0]
    for name, data in (("certificate.pdf", b"%PDF-1.4 cert"), ("receipt.png", b"\x89PNG r")):
        attachments.attach_bytes(
            journal, entry_kind="pdu_claim", entry_id=course.id, name=name, data=data
        )
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle, today=dt.date(2026, 11, 29))
    assert ledger.claims[0].file_names == ["certificate.pdf", "receipt.png"]
    claims = audit_claims(journal, ledger)
    save_pdu_audit_pdf(ledger, claims, tmp_path / "audit.pdf")
    assert "Files: certificate.pdf, receipt.png" in all_text(tmp_path / "audit.pdf")
    folder = tmp_path / "files"
    (folder / "2024-09-01 receipt.png").parent.mkdir()
    (folder / "2024-09-01 receipt.png").write_bytes(b"mine")
    written = save_audit_files(journal, claims, folder)
    # A file already in the folder is never overwritten.
    assert [p.name for p in written] == ["2024-09-01 certificate.pdf", "2024-09-01 receipt (2).png"]
    assert written[0].read_bytes() == b"%PDF-1.4 cert"
    assert (folder / "2024-09-01 receipt.png").read_bytes() == b"mine"
