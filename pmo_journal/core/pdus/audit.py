"""The audit pack's table: a cycle's claims with their evidence, and its CSV file."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from pmo_journal.core.pdus.rules import ClaimTally, format_pdus
from pmo_journal.core.services.pdus import CycleLedger

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


def audit_rows(ledger: CycleLedger) -> list[list[str]]:
    """One row per claim, in date order, as the CSV and the PDF show them."""
    rows: list[list[str]] = []
    for claim in ledger.claims:
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


def write_audit_csv(ledger: CycleLedger, path: Path) -> Path:
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
            writer.writerows(audit_rows(ledger))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
