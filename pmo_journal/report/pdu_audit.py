"""PDU pages in the report's layout: the audit pack PDF and the progress report's PDU section."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice

from pmo_journal.core.models import PduCategory, PduClaimRead
from pmo_journal.core.pdus.audit import AuditClaims, audit_rows
from pmo_journal.core.pdus.rules import ClaimTally, format_pdus, pdu_count
from pmo_journal.core.services import pdus
from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.compose import (
    grid,
    long_date,
    nowrap,
    plural,
    td,
    text_html,
)
from pmo_journal.report.layout import PageFurniture, paint_document, text_document
from pmo_journal.report.options import Paper, ReportOptions
from pmo_journal.report.render import write_pdf_atomically


def cycle_text(ledger: CycleLedger) -> str:
    cycle = ledger.cycle
    return (
        f"{escape(cycle.certification)} cycle {long_date(cycle.start_date)} – "
        f"{long_date(cycle.end_date)}"
    )


def _status(needed: float, *, excess: float = 0.0) -> str:
    if excess:
        return f'<span class="down">{format_pdus(excess)} not counted</span>'
    if needed:
        return f'<span class="down">{format_pdus(needed)} needed</span>'
    return '<span class="up">met</span>'


def requirements_html(ledger: CycleLedger) -> str:
    """Each rule beside what counts toward it, with what is short or not counted."""
    summary, rules = ledger.summary, ledger.rules

    def row(label: str, counted: float, rule: str, status: str, *, sub: bool = False) -> list[str]:
        name = f"&nbsp;&nbsp;&nbsp;{escape(label)}" if sub else f"<b>{escape(label)}</b>"
        return [td(name), td(format_pdus(counted), "num"), td(rule, "num"), td(status)]

    rows = [
        row(
            "Total",
            summary.total_counted,
            f"at least {format_pdus(rules.total_required)}",
            _status(summary.total_needed),
        ),
        row(
            "Education",
            summary.education,
            f"at least {format_pdus(rules.education_minimum)}",
            _status(summary.education_needed),
        ),
    ]
    rows += [
        row(
            side.label,
            side.earned,
            f"at least {format_pdus(side.minimum)}",
            _status(side.needed),
            sub=True,
        )
        for side in summary.sides
    ]
    rows.append(
        row(
            "Giving Back",
            summary.giving_back_counted,
            f"at most {format_pdus(rules.giving_back_maximum)}",
            _status(0, excess=summary.giving_back_excess),
        )
    )
    for activity in rules.limited_activities():
        counted = summary.limited_counted.get(activity.key, 0.0)
        excess = summary.limited_claimed.get(activity.key, 0.0) - counted
        rows.append(
            row(
                activity.label,
                counted,
                f"at most {format_pdus(activity.maximum or 0)}",
                _status(0, excess=excess),
                sub=True,
            )
        )
    return grid(
        [("Requirement", "40%"), ("Counted", "16%"), ("Rule", "20%"), ("Status", "24%")], rows
    )


def progress_html(ledger: CycleLedger) -> str:
    """Caps applied, what is still needed and the pace, as short paragraphs."""
    summary, pace = ledger.summary, ledger.pace
    parts = [f'<p class="caption">{escape(c)}</p>' for c in summary.caps_applied()]
    if summary.complete:
        parts.append("<p><b>Every requirement is met.</b></p>")
    else:
        items = "".join(f"<li>{escape(line)}</li>" for line in summary.needs())
        parts.append(
            f"<p><b>At least {pdu_count(summary.still_needed)} still needed:</b></p>"
            f"<ul>{items}</ul>"
        )
    css = "warning" if pace.falls_short else "muted"
    parts.append(f'<p class="{css}">Pace: {escape(pace.message)}</p>')
    return "".join(parts)


def source_html(ledger: CycleLedger) -> str:
    rules = ledger.rules
    return (
        f'<p class="caption">Rules: {escape(rules.source)} Recorded on '
        f"{long_date(rules.recorded_on)}.</p>"
    )


def report_ledger(journal: Journal, options: ReportOptions) -> CycleLedger | None:
    """The cycle a progress report shows: the one holding the period's end, else the current."""
    cycles = pdus.list_cycles(journal)
    chosen = next((c for c in cycles if c.start_date <= options.end <= c.end_date), None)
    chosen = chosen or next((c for c in cycles if c.current), None)
    if chosen is None:
        return None
    return pdus.cycle_ledger(journal, cycle_id=chosen.id, up_to=options.as_of)


def pdu_section_html(ledger: CycleLedger | None) -> str:
    """The progress report's optional PDU section: totals, not the claims themselves."""
    if ledger is None:
        return ""
    return (
        "<h2>PMP renewal (PDUs)</h2>"
        f'<p class="muted">{cycle_text(ledger)} · '
        f"{plural(ledger.summary.claims_in_cycle, 'claim')} summarised · as of "
        f"{long_date(ledger.pace.as_of)}</p>"
        f"{requirements_html(ledger)}{progress_html(ledger)}{source_html(ledger)}"
    )


def _split(claim: PduClaimRead) -> str:
    if claim.category != PduCategory.EDUCATION:
        return ""
    parts = (
        ("WoW", claim.ways_of_working),
        ("PS", claim.power_skills),
        ("BA", claim.business_acumen),
    )
    return "<br>".join(f"{n}&nbsp;{format_pdus(v)}" for n, v in parts if v)


def claims_html(ledger: CycleLedger, claims: AuditClaims) -> str:
    summarised = f"<p class='note'>{escape(claims.note)}</p>" if claims.summarised else ""
    if not claims.listed:
        return summarised or "<p class='note'>No claims in this cycle yet.</p>"
    rows = []
    for claim, cells in zip(claims.listed, audit_rows(ledger, claims), strict=True):
        tally = ledger.summary.tallies.get(claim.id, ClaimTally(counted=claim.hours))
        note = _split(claim)
        if tally.not_counted:
            # Only Giving Back is capped, and it has no split: the note takes that cell.
            note = (
                f"<span class='down'>{format_pdus(tally.counted)} counted; "
                f"{format_pdus(tally.not_counted)} {escape(tally.reason)}</span>"
            )
        provider = f"<br><span class='muted small'>{escape(claim.provider)}</span>"
        source = f"<br><span class='muted small'>{escape(cells[-1])}</span>" if cells[-1] else ""
        rows.append(
            [
                td(nowrap(claim.date.isoformat())),
                td(
                    f"{escape(claim.activity_label)}<br><span class='muted small'>"
                    f"{escape(claim.category.label)}</span>"
                ),
                td(format_pdus(claim.hours), "num"),
                td(note, "small"),
                td(text_html(claim.description) + (provider if claim.provider else "")),
                td((text_html(claim.evidence) or "—") + source),
            ]
        )
    return summarised + grid(
        [
            ("Date", "13%"),
            ("Activity", "15%"),
            ("PDUs", "7%"),
            ("Split / counted", "17%"),
            ("Description / provider", "26%"),
            ("Evidence", "22%"),
        ],
        rows,
    )


@dataclass(frozen=True)
class AuditTitle:
    """Who the audit pack is for PMI: the holder's name and PMI ID, both optional."""

    name: str = ""
    pmi_id: str = ""

    def html(self) -> str:
        facts = [escape(self.name)] if self.name else []
        if self.pmi_id:
            facts.append(f"PMI ID {escape(self.pmi_id)}")
        return f'<p class="lead">{" · ".join(facts)}</p>' if facts else ""


def audit_html(ledger: CycleLedger, claims: AuditClaims, title: AuditTitle | None = None) -> str:
    """The audit pack: the cycle's standing, then every listed claim with its evidence."""
    return (
        "<html><body>"
        '<p class="eyebrow">PMO CAREER JOURNAL</p>'
        "<h1>PDU audit pack</h1>"
        f"{(title or AuditTitle()).html()}"
        f'<p class="lead">{cycle_text(ledger)}</p>'
        f"{requirements_html(ledger)}{progress_html(ledger)}"
        f"<h2>Claims and evidence</h2>{claims_html(ledger, claims)}"
        f"{source_html(ledger)}"
        "</body></html>"
    )


def save_pdu_audit_pdf(
    ledger: CycleLedger,
    claims: AuditClaims,
    path: Path,
    *,
    paper: Paper = Paper.A4,
    title: AuditTitle | None = None,
) -> int:
    """Write the audit pack for ``ledger``'s cycle as a PDF; returns the number of pages."""
    cycle = ledger.cycle
    header = (
        f"PDU audit pack · {cycle.certification} {cycle.start_date.isoformat()} – "
        f"{cycle.end_date.isoformat()}"
    )
    furniture = PageFurniture(header, "")

    def paint(device: QPagedPaintDevice) -> int:
        return paint_document(text_document(audit_html(ledger, claims, title)), device, furniture)

    return write_pdf_atomically(path, paint, paper=paper, title=header)
