"""A cycle's PDU ledger as plain text lines, for the ``pdus`` command and the report."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.pdus.rules import format_pdus
from pmo_journal.core.services import pdus
from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.core.storage.db import Journal


def _row(label: str, value: float, rule: str, note: str = "") -> str:
    return f"  {label:<26}{format_pdus(value):>7}  {rule:<6}  {note}".rstrip()


def ledger_lines(ledger: CycleLedger) -> list[str]:
    """Totals against the requirements, the caps applied, what is still needed, the pace."""
    summary, rules, cycle, pace = ledger.summary, ledger.rules, ledger.cycle, ledger.pace
    current = " (current)" if cycle.current else ""
    lines = [
        f"{cycle.label}{current}: {len(ledger.claims)} claims, as of {pace.as_of.isoformat()}",
        f"  {'':<26}{'counted':>7}  rule",
    ]

    def need(value: float) -> str:
        return f"{format_pdus(value)} needed" if value else "met"

    lines.append(
        _row(
            "Education",
            summary.education,
            f"≥ {format_pdus(rules.education_minimum)}",
            need(summary.education_needed),
        )
    )
    for side in summary.sides:
        lines.append(
            _row(
                f"  {side.label}", side.earned, f"≥ {format_pdus(side.minimum)}", need(side.needed)
            )
        )
    excess = summary.giving_back_excess
    lines.append(
        _row(
            "Giving Back",
            summary.giving_back_counted,
            f"≤ {format_pdus(rules.giving_back_maximum)}",
            f"{format_pdus(summary.giving_back_claimed)} claimed, {format_pdus(excess)} not counted"
            if excess
            else "",
        )
    )
    for activity in rules.limited_activities():
        claimed = summary.limited_claimed.get(activity.key, 0.0)
        lines.append(
            _row(
                f"  {activity.label}",
                summary.limited_counted.get(activity.key, 0.0),
                f"≤ {format_pdus(activity.maximum or 0)}",
                f"{format_pdus(claimed)} claimed" if claimed else "",
            )
        )
    lines.append(
        _row(
            "Total",
            summary.total_counted,
            f"≥ {format_pdus(rules.total_required)}",
            need(summary.total_needed),
        )
    )
    caps = summary.caps_applied()
    lines += ["", "Caps applied:"] + [f"  {c}" for c in caps or ["none."]]
    if summary.complete:
        lines += ["", "Still needed: nothing, every requirement is met."]
    else:
        lines += ["", f"Still needed: {format_pdus(summary.still_needed)} PDUs at least."]
        lines += [f"  {n}" for n in summary.needs()]
    lines += ["", f"Pace: {pace.message}"]
    if pace.falls_short:
        lines.append("Warning: at this pace the requirements are not met by the cycle end.")
    lines.append(f"Rules: {rules.source} Recorded on {rules.recorded_on.isoformat()}.")
    return lines


def ledger_text(journal: Journal, *, start: dt.date | None, today: dt.date | None = None) -> str:
    """The whole ``pdus`` output for the cycle starting on ``start`` (current when None)."""
    cycle = pdus.find_cycle(journal, start=start)
    return "\n".join(ledger_lines(pdus.cycle_ledger(journal, cycle_id=cycle.id, today=today)))
