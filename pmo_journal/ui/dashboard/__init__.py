"""The growth dashboard: headline cards first, then charts of every skill over time."""

from __future__ import annotations

from pmo_journal.ui.dashboard.view import DashboardView

__all__ = ["DashboardView"]
