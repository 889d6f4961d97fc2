"""Claims the journal suggests, as a list: what, when, how many PDUs, and any warning."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QGuiApplication

from pmo_journal.core.pdus.rules import load_rules, pdu_count
from pmo_journal.core.services.pdu_suggestions import PduSuggestion
from pmo_journal.ui.career.look import due_soon_color
from pmo_journal.ui.formats import show_date

Index = QModelIndex | QPersistentModelIndex


def suggestion_text(suggestion: PduSuggestion) -> str:
    claim = suggestion.claim
    activity = load_rules().activity_label(claim.activity)
    flag = "  ⚠" if suggestion.warning else ""
    return (
        f"{show_date(claim.date)}  {suggestion.title}\n"
        f"{pdu_count(claim.hours)} · {claim.category.label} / {activity}{flag}"
    )


class SuggestionListModel(QAbstractListModel):
    """Unclaimed journal entries of the cycle; ``suggestion_at(row)`` for the Claim button."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PduSuggestion] = []

    def set_rows(self, suggestions: Sequence[PduSuggestion]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self.endResetModel()

    def suggestion_at(self, row: int) -> PduSuggestion:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        suggestion = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return suggestion_text(suggestion)
        if role == Qt.ItemDataRole.ToolTipRole:
            return suggestion.warning or suggestion.claim.evidence
        if role == Qt.ItemDataRole.ForegroundRole and suggestion.warning:
            return QBrush(due_soon_color(QGuiApplication.palette()))
        return None
