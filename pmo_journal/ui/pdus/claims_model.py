"""The claims table of a cycle: one row per claim, with what counts of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QGuiApplication

from pmo_journal.core.models import PduCategory, PduClaimRead
from pmo_journal.core.pdus.rules import ClaimTally, format_pdus
from pmo_journal.ui.career.look import warning_color
from pmo_journal.ui.formats import show_date
from pmo_journal.ui.table_model import Index, RowsTableModel

DATE, CATEGORY, ACTIVITY, PDUS, COUNTED, DESCRIPTION, SPLIT, EVIDENCE = range(8)
HEADERS = (
    "Date",
    "Category",
    "Activity",
    "PDUs",
    "Counted",
    "Description",
    "Triangle split",
    "Evidence",
)


def description_tip(claim: PduClaimRead) -> str:
    """The description with the split and evidence, for a table that has no room for them."""
    lines = [claim.description]
    split = split_text(claim)
    if split:
        lines.append(f"Triangle split: {split}")
    if claim.evidence:
        lines.append(f"Evidence: {claim.evidence}")
    return "\n\n".join(lines)


def split_text(claim: PduClaimRead) -> str:
    """ "WoW 1 · PS 0.5 · BA 0" for Education, "" for Giving Back."""
    if claim.category != PduCategory.EDUCATION:
        return ""
    parts = (
        ("WoW", claim.ways_of_working),
        ("PS", claim.power_skills),
        ("BA", claim.business_acumen),
    )
    return " · ".join(f"{name} {format_pdus(value)}" for name, value in parts if value)


class ClaimTableModel(RowsTableModel[PduClaimRead]):
    """Claims of one cycle; ``claim_at(row)`` gives the read model behind a row."""

    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._tallies: Mapping[int, ClaimTally] = {}

    def set_rows(
        self, rows: Sequence[PduClaimRead], tallies: Mapping[int, ClaimTally] | None = None
    ) -> None:
        self._tallies = dict(tallies or {})
        super().set_rows(list(rows))

    def claim_at(self, row: int) -> PduClaimRead:
        return self.row_at(row)

    def row_of(self, claim_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == claim_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        claim = self._rows[index.row()]
        tally = self._tallies.get(claim.id, ClaimTally(counted=claim.hours))
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(claim, tally, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COUNTED and tally.not_counted:
                return f"{format_pdus(tally.not_counted)} not counted: {tally.reason}."
            if column == DESCRIPTION:
                return description_tip(claim)
            if column == EVIDENCE:
                return claim.evidence
            if column == ACTIVITY:  # the Category column gives way on a narrow ledger
                return f"{claim.category.label}: {claim.activity_label}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COUNTED and tally.not_counted:
            return QBrush(warning_color(QGuiApplication.palette()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PDUS, COUNTED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(claim: PduClaimRead, tally: ClaimTally, column: int) -> str | None:
        if column == DATE:
            return show_date(claim.date)
        if column == CATEGORY:
            return claim.category.label
        if column == ACTIVITY:
            return claim.activity_label
        if column == PDUS:
            return format_pdus(claim.hours)
        if column == COUNTED:
            return format_pdus(tally.counted)
        if column == SPLIT:
            return split_text(claim)
        if column == DESCRIPTION:
            return claim.description.splitlines()[0] if claim.description else ""
        if column == EVIDENCE:
            return claim.evidence.splitlines()[0] if claim.evidence else ""
        return None
