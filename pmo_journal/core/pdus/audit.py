"""The audit pack's table: a cycle's claims with their evidence, and its CSV file.

The cycle's standing counts every claim; which claims are listed, and with what text, is
the disclosure rule's call: a claim drawn from private material is only summarised.
"""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pmo_journal.core.disclosure import PDU_CLAIM, DisclosureChoice, disclosure_for
from pmo_journal.core.models import PduClaimRead
from pmo_journal.core.pdus.rules import ClaimTally, format_pdus, pdu_count
from pmo_journal.core.services.attachments import save_claim_files
from pmo_journal.core.services.pdus import CycleLedger
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
    """The claims an audit pack lists (texts as they may be shown) and those it summarises."""

    listed: list[PduClaimRead]
    summarised: int = 0
    summarised_pdus: float = 0.0

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


def audit_claims(
    journal: Journal, ledger: CycleLedger, *, choice: DisclosureChoice | None = None
) -> AuditClaims:
    """The ledger's claims as an audit pack with ``choice`` may show them."""
    rule = disclosure_for(journal, choice or DisclosureChoice())
    listed, summarised = rule.standing_claims(ledger.claims)
    shown_ids = {claim.id for claim in listed}
    return AuditClaims(
        listed=[
            rule.record(PDU_CLAIM, claim).model_copy(
                update={"file_names": [rule.text(name) for name in claim.file_names]}
            )
            for claim in listed
        ],
        summarised=summarised,
        summarised_pdus=sum(c.hours for c in ledger.claims if c.id not in shown_ids),
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
        source = (
            f"{claim.source_kind.label} #{claim.source_id}" if claim.source_kind is not None else ""
        )
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
