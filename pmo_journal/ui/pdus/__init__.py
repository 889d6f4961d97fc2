"""The PDU ledger screen for PMP renewal and its editors."""

from __future__ import annotations

from pmo_journal.ui.pdus.view import PduView

__all__ = ["PduView"]
