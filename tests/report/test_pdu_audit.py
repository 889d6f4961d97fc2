"""The PDU audit pack PDF and the progress report's PDU section, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmo_journal.core.pdus.audit import audit_claims, save_audit_files
from pmo_journal.core.services import attachments, pdus
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.report.build import build_report
from pmo_journal.report.options import Paper, ReportOptions, Section
from pmo_journal.report.pdu_audit import AuditTitle, save_pdu_audit_pdf
from pmo_journal.report.render import save_report_pdf
from tests.report.pdf_text import all_text, page_size_points, page_texts

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

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
    assert texts[0].startswith("PDU audit pack PMP 1 Jun 2024 – 31 May 2027")
    assert f"Page {pages} of {pages}" in texts[-1]
    text = all_text(out)
    for expected in (
        "Certification PMP cycle 1 June 2024 – 31 May 2027",
        "Standing as of 29 November 2026 (3 claims listed)",
        "Certificate PMO-4471",
        "Letter from the PMO lead",
        "Chapter volunteer log",
        "1 Mar 2025",
        # 10.5 practitioner hours: 8 count, the rest is over the limit
        "8 counted; 2.5 over the 8 PDU Work as a practitioner limit",
        "17 counted; 1 over the 25 PDU Giving Back maximum",
        "Continuing Certification Requirements",
    ):
        assert expected in text, expected
    assert not ISO_DATE.search(text)


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


# --------------------------------------------------------------------------- an auditor's pack


def _text(journal: Journal, tmp_path: Path, cycle: int, **options: object) -> str:
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle, today=dt.date(2026, 11, 29))
    out = tmp_path / "audit.pdf"
    choice = options.pop("choice", None)
    claims = audit_claims(journal, ledger, choice=choice)  # type: ignore[arg-type]
    save_pdu_audit_pdf(ledger, claims, out, **options)  # type: ignore[arg-type]
    return all_text(out)


def test_who_when_and_the_pdf_metadata(journal: Journal, cycle: int, tmp_path: Path) -> None:
    title = AuditTitle(name="Alex Morgan", pmi_id="1234567", prepared_on=dt.date(2026, 12, 1))
    for paper in Paper:
        text = _text(journal, tmp_path, cycle, paper=paper, title=title)
        assert text.startswith("PDU audit pack · Alex Morgan · PMI ID 1234567")
        assert "Holder Alex Morgan PMI ID 1234567" in text
        assert "Standing as of 29 November 2026" in text
        assert "Prepared on 1 December 2026" in text
        width, height = page_size_points(tmp_path / "audit.pdf")
        assert (round(width), round(height)) == ((595, 842) if paper == Paper.A4 else (612, 792))
    info = PdfReader(tmp_path / "audit.pdf").metadata
    assert info is not None
    assert info.title == "PDU audit pack — PMP cycle 1 June 2024 – 31 May 2027"
    assert info.author == "Alex Morgan"
    assert info.subject == (
        "PDU claims and evidence of Alex Morgan · PMI ID 1234567 for the PMP cycle "
        "1 June 2024 – 31 May 2027, as of 29 November 2026"
    )
    untitled = _text(journal, tmp_path, cycle)
    assert "Holder not given PMI ID not given" in untitled


def test_each_caps_excess_is_under_its_own_rule(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    text = _text(journal, tmp_path, cycle)
    # 10.5 practitioner + 18 volunteer = 28.5 claimed; the practitioner limit leaves out 2.5
    # and the Giving Back maximum 1 more: 25 count.
    assert "Giving Back 28.5 25 at most 25 1 not counted" in text
    assert "Work as a practitioner 10.5 8 at most 8 2.5 not counted" in text
    assert "Total 40.5 37 at least 60 23 needed" in text


def test_totals_per_category_activity_and_side(
    journal: Journal, cycle: int, tmp_path: Path
) -> None:
    text = _text(journal, tmp_path, cycle)
    assert "Education 1 12 12 8 2 2" in text
    assert "Course or training 1 12 12 8 2 2" in text
    assert "Giving Back 2 28.5 25 — — —" in text
    assert "Volunteer 1 18 17 — — —" in text
    assert "All claims 3 40.5 37 8 2 2" in text


def test_evidence_in_words_and_claims_without_evidence_flagged(
    journal: Journal, tmp_path: Path
) -> None:
    from pmo_journal.core.models import Relationship
    from pmo_journal.core.services.mentor_sessions import log_mentor_session
    from pmo_journal.core.services.people import create_person

    cycle_id = pdus.create_cycle(
        journal, data={"start_date": dt.date(2025, 6, 1), "end_date": dt.date(2028, 5, 31)}
    ).id
    mentor = create_person(
        journal,
        data={"name": "Ines Carvalho", "role": "PMO director", "relationship": Relationship.MENTOR},
    )
    session = log_mentor_session(
        journal,
        data={
            "date": dt.date(2025, 7, 10),
            "mentor_id": mentor.id,
            "duration_minutes": 90,
            "topics": "Intake board",
        },
    )
    base = {"category": "education", "activity": "informal_learning", "power_skills": 1.5}
    pdus.add_claim(
        journal,
        data={
            **base,
            "date": dt.date(2025, 7, 10),
            "description": "Mentor session: intake board",
            "hours": 1.5,
            "source_kind": "mentor_session",
            "source_id": session.id,
        },
    )
    pdus.add_claim(
        journal,
        data={
            "date": dt.date(2026, 5, 25),
            "category": "giving_back",
            "activity": "give_presentation",
            "hours": 2,
            "description": "Talk at the chapter",
        },
    )
    text = _text(journal, tmp_path, cycle_id)
    assert (
        "From the journal: Mentor session on 10 July 2025 with Ines Carvalho (PMO director), "
        "1 hour 30 minutes, video call." in text
    )
    assert "#" not in text.split("Claims and evidence", 1)[1]  # no database numbers
    assert "1 claim has no evidence recorded" in text
    assert "25 May 2026 · Give a presentation · 2 PDUs" in text
    assert "Talk at the chapter No evidence recorded" in text


def test_private_claims_stay_out_or_are_marked(journal: Journal, tmp_path: Path) -> None:
    from pmo_journal.core.disclosure import DisclosureChoice
    from tests.privacy_journal import PRIVATE_MARKERS, PRIVATE_NAME_PARTS, fill_privacy_journal

    planted = fill_privacy_journal(journal)
    words = [w.casefold() for w in (*PRIVATE_MARKERS, *PRIVATE_NAME_PARTS)]
    hidden = _text(journal, tmp_path, planted.cycle).casefold()
    assert [w for w in words if w in hidden] == []
    assert "(private)" not in hidden
    shown = _text(journal, tmp_path, planted.cycle, choice=DisclosureChoice(include_private=True))
    assert "Private entries included: claims drawn from them are marked (private)." in shown
    assert shown.count("(private)") == planted.private_claims + 1
    assert "ravenscourt" in shown.casefold()


@pytest.mark.parametrize("paper", list(Paper))
def test_the_widest_dates_and_headers_stay_on_one_line(
    journal: Journal, cycle: int, tmp_path: Path, paper: Paper
) -> None:
    for day in ("2025-11-29", "2026-09-30", "2025-08-28"):
        pdus.add_claim(
            journal,
            data={
                "date": dt.date.fromisoformat(day),
                "category": "education",
                "activity": "online_or_digital_media",
                "hours": 1.5,
                "ways_of_working": 0.5,
                "power_skills": 0.5,
                "business_acumen": 0.5,
                "description": "Webinar: PMOs that contribute to strategy",
                "evidence": "Certificate of completion.",
            },
        )
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle, today=dt.date(2026, 11, 29))
    out = tmp_path / "audit.pdf"
    save_pdu_audit_pdf(ledger, audit_claims(journal, ledger), out, paper=paper)
    text = all_text(out)
    for whole in ("29 Nov 2025", "30 Sep 2026", "28 Aug 2025", "PDUs"):
        assert whole in text, whole
