"""The audit pack's table: a cycle's claims with their evidence, and its CSV file.

The cycle's standing counts every claim; which claims are listed, and with what text, is
the disclosure rule's call: a claim drawn from private material is only summarised.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pmo_journal.core.disclosure import PDU_CLAIM, Disclosure, DisclosureChoice, disclosure_for
from pmo_journal.core.models import EntryKind, PduClaimRead
from pmo_journal.core.pdus.rules import ClaimTally, format_pdus, pdu_count
from pmo_journal.core.services.attachments import save_claim_files
from pmo_journal.core.services.helper_assignments import get_helper_assignment
from pmo_journal.core.services.mentor_sessions import get_mentor_session
from pmo_journal.core.services.notes import get_note
from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.core.services.reflections import get_skill_reflection
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

AUDIT_COLUMNS = (
    "Date",
    "Category",
    "Activity",
    "PDUs claimed",
    "PDUs counted",
    "Not counted",
    "Why not counted",
    "Ways of Working",
    "Power Skills",
    "Business Acumen",
    "Provider",
    "Description",
    "Evidence",
    "Journal entry",
)


@dataclass(frozen=True)
class AuditClaims:
    """The claims an audit pack lists (texts as they may be shown) and those it summarises.

    ``sources`` tells, in words, the journal entry each listed claim was drawn from (its
    date, kind, the person and the duration); ``private`` holds the listed claims drawn
    from private material (listed only because private entries were included).
    """

    listed: list[PduClaimRead]
    summarised: int = 0
    summarised_pdus: float = 0.0
    sources: dict[int, str] = field(default_factory=dict)
    private: frozenset[int] = frozenset()

    def source(self, claim: PduClaimRead) -> str:
        return self.sources.get(claim.id, "")

    def unevidenced(self) -> list[PduClaimRead]:
        """Listed claims with nothing an auditor could check: no evidence written, no file
        attached and no journal entry behind them."""
        return [
            claim
            for claim in self.listed
            if not claim.evidence.strip() and not claim.file_names and not self.source(claim)
        ]

    @property
    def note(self) -> str:
        """The sentence for the claims counted in the totals but not listed."""
        if not self.summarised:
            return ""
        claims = "1 claim" if self.summarised == 1 else f"{self.summarised} claims"
        return (
            f"{claims} summarised ({pdu_count(self.summarised_pdus)}): counted in the totals "
            "above; drawn from private entries, so not listed."
        )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def duration_words(minutes: int) -> str:
    """50 -> "50 minutes", 60 -> "1 hour", 90 -> "1 hour 30 minutes"."""
    hours, rest = divmod(max(minutes, 0), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("" if rest == 1 else "s"))
    return " ".join(parts)


def _hours_words(hours: float) -> str:
    return f"{format_pdus(hours)} hour" + ("" if hours == 1 else "s")


def _with(rule: Disclosure, person_id: int | None) -> str:
    name = rule.person(person_id)
    if not name:
        return ""
    role = rule.role(person_id)
    return f"{name} ({role})" if role else name


def _session_words(journal: Journal, entry_id: int, rule: Disclosure) -> str:
    entry = get_mentor_session(journal, entry_id)
    facts = [f"Mentor session on {_day(entry.date)}"]
    who = _with(rule, entry.mentor_id)
    if who:
        facts[0] += f" with {who}"
    facts += [duration_words(entry.duration_minutes), entry.format.label.lower()]
    return ", ".join(facts)


def _assignment_words(journal: Journal, entry_id: int, rule: Disclosure) -> str:
    entry = rule.record(EntryKind.HELPER_ASSIGNMENT, get_helper_assignment(journal, entry_id))
    when = _day(entry.start_date)
    if entry.end_date and entry.end_date != entry.start_date:
        when = f"{when} – {_day(entry.end_date)}"
    facts = [f"Helper assignment “{entry.title}”, {when}"]
    if entry.hours:
        facts.append(_hours_words(entry.hours))
    who = _with(rule, entry.leader_id)
    if who:
        facts.append(f"for {who}")
    facts.append(entry.status.label.lower())
    return ", ".join(facts)


def _reflection_words(journal: Journal, entry_id: int, rule: Disclosure) -> str:
    entry = get_skill_reflection(journal, entry_id)
    return f"Skill reflection on {entry.skill_name}, {_day(entry.date)}"


def _note_words(journal: Journal, entry_id: int, rule: Disclosure) -> str:
    entry = rule.record(EntryKind.NOTE, get_note(journal, entry_id))
    return f"Note “{entry.title}”, {_day(entry.date)}"


SOURCE_WORDS: dict[EntryKind, Callable[[Journal, int, Disclosure], str]] = {
    EntryKind.MENTOR_SESSION: _session_words,
    EntryKind.HELPER_ASSIGNMENT: _assignment_words,
    EntryKind.SKILL_REFLECTION: _reflection_words,
    EntryKind.NOTE: _note_words,
}


def source_words(journal: Journal, claim: PduClaimRead, rule: Disclosure) -> str:
    """The journal entry ``claim`` was drawn from, in words ("Mentor session on 20 June
    2025 with Margaret Okafor (Head of PMO), 1 hour, video call"); empty without one."""
    if claim.source_kind is None or claim.source_id is None:
        return ""
    if not rule.shows(claim.source_kind, claim.source_id):
        return ""
    try:
        return SOURCE_WORDS[claim.source_kind](journal, claim.source_id, rule)
    except JournalError:  # the entry was deleted since
        return f"{claim.source_kind.label} (since deleted from the journal)"


def audit_claims(
    journal: Journal, ledger: CycleLedger, *, choice: DisclosureChoice | None = None
) -> AuditClaims:
    """The ledger's claims as an audit pack with ``choice`` may show them."""
    choice = choice or DisclosureChoice()
    rule = disclosure_for(journal, choice)
    listed, summarised = rule.standing_claims(ledger.claims)
    shown_ids = {claim.id for claim in listed}
    private: frozenset[int] = frozenset()
    if choice.include_private:
        default = disclosure_for(journal, DisclosureChoice())
        private = frozenset(c.id for c in listed if not default.shows(PDU_CLAIM, c.id))
    return AuditClaims(
        listed=[
            rule.record(PDU_CLAIM, claim).model_copy(
                update={"file_names": [rule.text(name) for name in claim.file_names]}
            )
            for claim in listed
        ],
        summarised=summarised,
        summarised_pdus=sum(c.hours for c in ledger.claims if c.id not in shown_ids),
        sources={
            claim.id: words for claim in listed if (words := source_words(journal, claim, rule))
        },
        private=private,
    )


def files_folder(path: Path) -> Path:
    """The folder an audit pack's files go into, checked before anything is written: an
    existing folder, or a new one in an existing folder."""
    if path.exists() and not path.is_dir():
        raise JournalError(f"{path} is a file; name a folder for the claims' files.")
    if not path.exists() and not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    return path


def save_audit_files(
    journal: Journal, claims: AuditClaims, folder: Path, *, choice: DisclosureChoice | None = None
) -> list[Path]:
    """Write every file of the claims the audit pack lists into ``folder`` (made if need be),
    as the disclosure rule for ``choice`` lets them out; a failure leaves none behind."""
    rule = disclosure_for(journal, choice or DisclosureChoice())
    made = not files_folder(folder).exists()
    folder.mkdir(exist_ok=True)
    try:
        return save_claim_files(journal, [claim.id for claim in claims.listed], folder, rule=rule)
    except BaseException:
        if made:
            folder.rmdir()
        raise


def audit_rows(ledger: CycleLedger, claims: AuditClaims) -> list[list[str]]:
    """One row per listed claim, in date order, as the CSV and the PDF show them."""
    rows: list[list[str]] = []
    for claim in claims.listed:
        tally = ledger.summary.tallies.get(claim.id, ClaimTally(counted=claim.hours))
        source = claims.source(claim)
        rows.append(
            [
                claim.date.isoformat(),
                claim.category.label,
                claim.activity_label,
                format_pdus(claim.hours),
                format_pdus(tally.counted),
                format_pdus(tally.not_counted) if tally.not_counted else "",
                tally.reason,
                format_pdus(claim.ways_of_working),
                format_pdus(claim.power_skills),
                format_pdus(claim.business_acumen),
                claim.provider,
                claim.description,
                claim.evidence,
                source,
            ]
        )
    return rows


def write_audit_csv(ledger: CycleLedger, claims: AuditClaims, path: Path) -> Path:
    """Write the claims as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents).

    The file is written beside ``path`` first and then moved over it, so a failure never
    leaves half a file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".pdu-audit-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(AUDIT_COLUMNS)
            writer.writerows(audit_rows(ledger, claims))
            if claims.summarised:
                writer.writerow(
                    ["", "", "", format_pdus(claims.summarised_pdus), *[""] * 7, claims.note]
                )
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
