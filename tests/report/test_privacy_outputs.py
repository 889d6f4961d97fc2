"""Every output of one journal with private material planted everywhere, read back as text.

Default: no output holds a word of a private entry, a private person or a claim drawn
from them. Anonymised: no output holds any part of anyone's name or role. Private
included: the private material is there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pmo_journal.core.charts.dashboard import build_dashboard_figures, export_chart
from pmo_journal.core.charts.figures import figure_text
from pmo_journal.core.disclosure import DisclosureChoice
from pmo_journal.core.exchange.json_export import export_json
from pmo_journal.core.exchange.readable import export_csv, export_markdown
from pmo_journal.core.pdus.audit import audit_claims, write_audit_csv
from pmo_journal.core.services import pdus
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.options import ReportOptions
from pmo_journal.report.pdu_audit import save_pdu_audit_pdf
from pmo_journal.report.prep_sheet import build_prep_sheet, save_prep_sheet_pdf
from pmo_journal.report.render import save_report_pdf
from tests.privacy_journal import (
    PERIOD,
    PREPARED_ON,
    PRIVATE_MARKERS,
    PRIVATE_NAME_PARTS,
    PRIVATE_NOTE_MARKERS,
    PRIVATE_ROLES,
    PUBLIC_FILE,
    PUBLIC_MARKERS,
    PUBLIC_NAME_PARTS,
    PUBLIC_ROLES,
    PrivacyJournal,
    fill_privacy_journal,
)
from tests.report.pdf_text import all_text

pytestmark = pytest.mark.usefixtures("qapp")

DEFAULT = DisclosureChoice()
INCLUDED = DisclosureChoice(include_private=True)
ANONYMISED = DisclosureChoice(anonymise=True)
ANONYMISED_ALL = DisclosureChoice(include_private=True, anonymise=True)
CHART_KEYS = ("headline-0", "headline-1", "other-skills", "radar", "activity", "cadence")

Output = Callable[[PrivacyJournal, Path, DisclosureChoice], str]


def report_pdf(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    options = ReportOptions(
        start=PERIOD[0],
        end=PERIOD[1],
        include_private=choice.include_private,
        anonymise=choice.anonymise,
        prepared_on=PREPARED_ON,
        appendix=True,
    )
    out = folder / "report.pdf"
    save_report_pdf(build_report(planted.journal, options), out)
    return all_text(out)


def prep_sheet_pdf(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    sheet = build_prep_sheet(planted.journal, planted.sarah, today=PREPARED_ON, choice=choice)
    out = folder / "prep.pdf"
    save_prep_sheet_pdf(sheet, out, paper=ReportOptions(*PERIOD).paper)
    return all_text(out)


def _claims(planted: PrivacyJournal, choice: DisclosureChoice):  # type: ignore[no-untyped-def]
    ledger = pdus.cycle_ledger(planted.journal, cycle_id=planted.cycle, today=PREPARED_ON)
    return ledger, audit_claims(planted.journal, ledger, choice=choice)


def audit_pack_pdf(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    ledger, claims = _claims(planted, choice)
    out = folder / "audit.pdf"
    save_pdu_audit_pdf(ledger, claims, out)
    return all_text(out)


def audit_csv(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    ledger, claims = _claims(planted, choice)
    return write_audit_csv(ledger, claims, folder / "claims.csv").read_text(encoding="utf-8-sig")


def json_file(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    out = folder / "journal.json"
    export_json(planted.journal, out, include_private=choice.include_private)
    return out.read_text(encoding="utf-8")


def csv_files(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    written = export_csv(planted.journal, folder / "csv", include_private=choice.include_private)
    return "\n".join(path.read_text(encoding="utf-8-sig") for path in written)


def markdown_file(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    out = folder / "journal.md"
    return export_markdown(planted.journal, out, include_private=choice.include_private).read_text(
        encoding="utf-8"
    )


def chart_svgs(planted: PrivacyJournal, folder: Path, choice: DisclosureChoice) -> str:
    texts = []
    for key in CHART_KEYS:
        path = export_chart(
            planted.journal,
            key,
            folder / f"{key}.svg",
            fmt="svg",
            since=PERIOD[0],
            until=PERIOD[1],
            today=PREPARED_ON,
            choice=choice,
        )
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


EVERY_OUTPUT: dict[str, Output] = {
    "report": report_pdf,
    "prep sheet": prep_sheet_pdf,
    "audit pack": audit_pack_pdf,
    "audit CSV": audit_csv,
    "JSON export": json_file,
    "CSV export": csv_files,
    "Markdown export": markdown_file,
    "charts": chart_svgs,
}
# The outputs that offer --anonymise (exports and the audit pack name people by design).
ANONYMISING = ("report", "prep sheet")
# Private material the prep sheet for the public mentor could hold at all.
PREP_SHEET_PRIVATE = ("wrenfield", "halloway")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivacyJournal]:
    journal = Journal.open(tmp_path_factory.mktemp("planted") / "journal.db")
    yield fill_privacy_journal(journal)
    journal.close()


def found(text: str, words: tuple[str, ...]) -> list[str]:
    folded = text.casefold()
    return [word for word in words if word.casefold() in folded]


@pytest.mark.parametrize("output", EVERY_OUTPUT)
def test_by_default_nothing_private_leaves(
    planted: PrivacyJournal, tmp_path: Path, output: str
) -> None:
    text = EVERY_OUTPUT[output](planted, tmp_path, DEFAULT)
    assert text.strip()
    private = PRIVATE_MARKERS + PRIVATE_NOTE_MARKERS + PRIVATE_NAME_PARTS + PRIVATE_ROLES
    assert found(text, private) == []


@pytest.mark.parametrize("output", ANONYMISING)
@pytest.mark.parametrize("choice", [ANONYMISED, ANONYMISED_ALL], ids=["anonymised", "with private"])
def test_anonymised_outputs_name_nobody(
    planted: PrivacyJournal, tmp_path: Path, output: str, choice: DisclosureChoice
) -> None:
    text = EVERY_OUTPUT[output](planted, tmp_path, choice)
    every_name = PUBLIC_NAME_PARTS + PRIVATE_NAME_PARTS + PUBLIC_ROLES + PRIVATE_ROLES
    assert found(text, every_name) == []
    assert not re.search(r"\bMark\b|\bMARK\b", text)
    assert re.search(r"Mentor [A-Z]\b", text)


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("report", (*PRIVATE_MARKERS[:-3], "saltmarsh", "gildersleeve", "Xenia Blackwood-Quist")),
        ("prep sheet", PREP_SHEET_PRIVATE),
        (
            "audit pack",
            ("quillfeather", "wrenfield", "ravenscourt", "pembrook", "Xenia Blackwood-Quist"),
        ),
        ("audit CSV", ("quillfeather", "wrenfield", "ravenscourt")),
        (
            "JSON export",
            (*PRIVATE_MARKERS, *PRIVATE_NOTE_MARKERS, "Lindqvist's notes", "Ingrid Lindqvist"),
        ),
        ("CSV export", (*PRIVATE_MARKERS[:8], *PRIVATE_NOTE_MARKERS[:3], "Xenia Blackwood-Quist")),
        (
            "Markdown export",
            (*PRIVATE_MARKERS[:8], *PRIVATE_NOTE_MARKERS[:3], "Xenia Blackwood-Quist"),
        ),
    ],
)
def test_with_private_included_the_private_material_is_there(
    planted: PrivacyJournal, tmp_path: Path, output: str, expected: tuple[str, ...]
) -> None:
    text = " ".join(EVERY_OUTPUT[output](planted, tmp_path, INCLUDED).split())
    assert found(text, expected) == list(expected)


@pytest.mark.parametrize("output", ["report", "JSON export", "Markdown export"])
def test_public_material_still_leaves(planted: PrivacyJournal, tmp_path: Path, output: str) -> None:
    text = " ".join(EVERY_OUTPUT[output](planted, tmp_path, DEFAULT).split())
    assert found(text, PUBLIC_MARKERS) == list(PUBLIC_MARKERS)
    assert "Sarah Okafor" in text
    if output != "report":
        assert PUBLIC_FILE in text
    # The note naming private people keeps its public words, the names replaced.
    assert "Someone's view on someone's" in text


def test_report_counts_leave_private_material_out(planted: PrivacyJournal, tmp_path: Path) -> None:
    public = report_pdf(planted, tmp_path, DEFAULT)
    assert "1 mentor sessions with 1 mentor" in public or "mentor session with 1 mentor" in public
    everything = report_pdf(planted, tmp_path, INCLUDED)
    assert "3 mentor sessions with 2 mentors" in everything


def test_pdu_standing_counts_private_claims_without_their_text(
    planted: PrivacyJournal, tmp_path: Path
) -> None:
    ledger, public = _claims(planted, DEFAULT)
    _, everything = _claims(planted, INCLUDED)
    assert len(public.listed) + public.summarised == len(ledger.claims) == len(everything.listed)
    assert public.summarised == planted.private_claims and everything.summarised == 0
    text = " ".join(audit_pack_pdf(planted, tmp_path, DEFAULT).split())
    assert f"{planted.private_claims} claims summarised" in text
    # The totals are the same whichever claims are listed: the standing is not misstated.
    total = f"{ledger.summary.total_counted:g}"
    assert re.search(rf"Total {re.escape(total)}\b", text)
    report = " ".join(report_pdf(planted, tmp_path, DEFAULT).split())
    assert f"{len(ledger.claims)} claims summarised" in report


def test_the_screen_still_shows_the_private_mentor(planted: PrivacyJournal) -> None:
    # The dashboard is the user's own screen; only what leaves goes through the rule.
    figures = build_dashboard_figures(
        planted.journal, since=PERIOD[0], until=PERIOD[1], today=PREPARED_ON
    )
    assert any("Xenia" in text for text in figure_text(figures.cadence))


def test_a_prep_sheet_about_a_private_mentor_is_refused_unless_private_is_included(
    planted: PrivacyJournal,
) -> None:
    from pmo_journal.core.validation import JournalError

    with pytest.raises(JournalError, match="marked private"):
        build_prep_sheet(planted.journal, planted.xenia, today=PREPARED_ON)
    sheet = build_prep_sheet(planted.journal, planted.xenia, today=PREPARED_ON, choice=INCLUDED)
    assert sheet.last_topics == "Leaving Northwind quillfeather"
    assert sheet.last_session == dt.date(2026, 3, 5)
