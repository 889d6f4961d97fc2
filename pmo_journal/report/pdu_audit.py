"""PDU pages in the report's layout: the audit pack PDF and the progress report's PDU section.

The audit pack is what a PMI auditor files: who the holder is (name, PMI ID), the cycle,
the day it was prepared and the day its standing is as of; the standing against every rule,
each cap's excess under its own rule; totals per category, activity and Talent Triangle
side; then every listed claim with its evidence in words, claims without evidence flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice

from pmo_journal.core.models import PduCategory, PduClaimRead
from pmo_journal.core.pdus.audit import AuditClaims
from pmo_journal.core.pdus.rules import ClaimTally, LedgerSummary
from pmo_journal.core.services import pdus
from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.compose import grid, long_date, nowrap, plural, short_date, td, text_html
from pmo_journal.report.layout import PageFurniture, paint_document, text_document
from pmo_journal.report.options import Paper, ReportOptions
from pmo_journal.report.wording import figure, pdus_text, write_pdf

PRIVATE_MARK = " <span class='warning small'>(private)</span>"


def cycle_text(ledger: CycleLedger) -> str:
    cycle = ledger.cycle
    return (
        f"{escape(cycle.certification)} cycle {long_date(cycle.start_date)} – "
        f"{long_date(cycle.end_date)}"
    )


def _status(needed: float, *, excess: float = 0.0, maximum: bool = False) -> str:
    if excess:
        return f'<span class="down">{figure(excess)} not counted</span>'
    if needed:
        return f'<span class="down">{figure(needed)} needed</span>'
    return '<span class="up">within</span>' if maximum else '<span class="up">met</span>'


def requirements_html(ledger: CycleLedger) -> str:
    """Each rule beside what is claimed and counts toward it, with what is short or not
    counted; each cap's excess is shown on its own rule's row."""
    summary, rules = ledger.summary, ledger.rules

    def row(
        label: str, claimed: float, counted: float, rule: str, status: str, *, sub: bool = False
    ) -> list[str]:
        name = f"&nbsp;&nbsp;&nbsp;{escape(label)}" if sub else f"<b>{escape(label)}</b>"
        return [
            td(name),
            td(figure(claimed), "num"),
            td(figure(counted), "num"),
            td(rule, "num"),
            td(status),
        ]

    claimed_total = summary.education + summary.giving_back_claimed
    rows = [
        row(
            "Total",
            claimed_total,
            summary.total_counted,
            f"at least {figure(rules.total_required)}",
            _status(summary.total_needed),
        ),
        row(
            "Education",
            summary.education,
            summary.education,
            f"at least {figure(rules.education_minimum)}",
            _status(summary.education_needed),
        ),
    ]
    rows += [
        row(
            side.label,
            side.earned,
            side.earned,
            f"at least {figure(side.minimum)}",
            _status(side.needed),
            sub=True,
        )
        for side in summary.sides
    ]
    rows.append(
        row(
            "Giving Back",
            summary.giving_back_claimed,
            summary.giving_back_counted,
            f"at most {figure(rules.giving_back_maximum)}",
            _status(0, excess=summary.giving_back_cap_excess, maximum=True),
        )
    )
    for activity in rules.limited_activities():
        counted = summary.limited_counted.get(activity.key, 0.0)
        claimed = summary.limited_claimed.get(activity.key, 0.0)
        rows.append(
            row(
                activity.label,
                claimed,
                counted,
                f"at most {figure(activity.maximum or 0)}",
                _status(0, excess=claimed - counted, maximum=True),
                sub=True,
            )
        )
    return grid(
        [
            ("Requirement", "34%"),
            ("Claimed", "14%"),
            ("Counted", "14%"),
            ("Rule", "18%"),
            ("Status", "20%"),
        ],
        rows,
    )


def caps_html(summary: LedgerSummary) -> str:
    return "".join(f'<p class="caption">{escape(c)}</p>' for c in summary.caps_applied())


def progress_html(ledger: CycleLedger) -> str:
    """Caps applied, what is still needed and the pace, as short paragraphs."""
    summary, pace = ledger.summary, ledger.pace
    parts = [caps_html(summary)]
    if summary.complete:
        parts.append("<p><b>Every requirement is met.</b></p>")
    else:
        items = "".join(f"<li>{escape(line)}</li>" for line in summary.needs())
        parts.append(
            f"<p><b>At least {pdus_text(summary.still_needed)} still needed:</b></p>"
            f"<ul>{items}</ul>"
        )
    css = "warning" if pace.falls_short else "muted"
    words = pace.words(long_date)  # the core's sentence, its dates in the report's words
    # "Pace", then the sentence, which may hold a colon of its own ("On track: …").
    parts.append(f'<p class="{css}"><b>Pace</b> — {escape(words)}</p>')
    return "".join(parts)


def source_html(ledger: CycleLedger) -> str:
    rules = ledger.rules
    return (
        f'<p class="caption">Rules: {escape(rules.source)} Recorded on '
        f"{long_date(rules.recorded_on)}.</p>"
    )


def report_ledger(journal: Journal, options: ReportOptions) -> CycleLedger | None:
    """The cycle a progress report shows: the one holding the period's end (none when no
    cycle holds it: another cycle's totals would not describe the period)."""
    cycles = pdus.list_cycles(journal)
    chosen = next((c for c in cycles if c.start_date <= options.end <= c.end_date), None)
    if chosen is None:
        return None
    return pdus.cycle_ledger(journal, cycle_id=chosen.id, up_to=options.as_of)


def no_cycle_sentence(options: ReportOptions) -> str:
    """What the PDU section says when no cycle holds the period's end."""
    return (
        f"No PMP cycle in the journal holds {long_date(options.end)}, the end of this "
        "period, so no PDU totals are shown."
    )


def _as_of_text(options: ReportOptions) -> str:
    """The day the standing is counted on: the period's end, or, for a period that runs on
    past the day the report is prepared, that day, saying so."""
    if options.as_of == options.end:
        return f"as of {long_date(options.end)}"
    return (
        f"as of {long_date(options.as_of)}, the day this report was prepared "
        f"(the period runs on to {long_date(options.end)})"
    )


def pdu_section_html(ledger: CycleLedger | None, options: ReportOptions, note: str = "") -> str:
    """The progress report's optional PDU section: totals, not the claims themselves."""
    if ledger is None:
        return f"<h2>PMP renewal (PDUs)</h2><p>{escape(note)}</p>" if note else ""
    return (
        "<h2>PMP renewal (PDUs)</h2>"
        f'<p class="muted">{cycle_text(ledger)} · '
        f"{plural(ledger.summary.claims_in_cycle, 'claim')} summarised · "
        f"{_as_of_text(options)}</p>"
        f"{requirements_html(ledger)}{progress_html(ledger)}{source_html(ledger)}"
    )


# --------------------------------------------------------------------------- the audit pack


def totals_html(ledger: CycleLedger) -> str:
    """Every claim of the standing, per category and activity, with the Talent Triangle
    sides of Education: claims, PDUs claimed and counted."""
    summary, rules = ledger.summary, ledger.rules
    sides = [side.key for side in summary.sides]

    def counted(claim: PduClaimRead) -> float:
        return summary.tallies.get(claim.id, ClaimTally(counted=claim.hours)).counted

    def cells(
        label: str, claims: list[PduClaimRead], *, bold: bool = False, split: bool = True
    ) -> list[str]:
        name = f"<b>{escape(label)}</b>" if bold else f"&nbsp;&nbsp;&nbsp;{escape(label)}"
        side_cells = [
            td(figure(sum(getattr(c, key) for c in claims)) if split else "—", "num")
            for key in sides
        ]
        return [
            td(name),
            td(figure(len(claims)), "num"),
            td(figure(sum(c.hours for c in claims)), "num"),
            td(figure(sum(counted(c) for c in claims)), "num"),
            *side_cells,
        ]

    inside = [
        c for c in ledger.claims if ledger.cycle.start_date <= c.date <= ledger.cycle.end_date
    ]
    rows = []
    for category in PduCategory:
        of_category = [c for c in inside if c.category == category]
        education = category == PduCategory.EDUCATION
        rows.append(cells(category.label, of_category, bold=True, split=education))
        for activity in rules.activities_of(category):
            of_activity = [c for c in of_category if c.activity == activity.key]
            if of_activity:
                rows.append(cells(activity.label, of_activity, split=education))
    rows.append(cells("All claims", inside, bold=True))
    labels = {"ways_of_working": "Ways of Working", "power_skills": "Power Skills"}
    return grid(
        [
            ("Category and activity", "28%"),
            ("Claims", "9%"),
            ("Claimed", "11%"),
            ("Counted", "11%"),
            *[(labels.get(side.key, side.label), "13.6%") for side in summary.sides],
        ],
        rows,
    )


def _split(claim: PduClaimRead) -> str:
    if claim.category != PduCategory.EDUCATION:
        return ""
    parts = (
        ("WoW", claim.ways_of_working),
        ("PS", claim.power_skills),
        ("BA", claim.business_acumen),
    )
    return "<br>".join(f"{n}&nbsp;{figure(v)}" for n, v in parts if v)


NO_EVIDENCE = "<span class='down'>No evidence recorded</span>"


def _evidence(claim: PduClaimRead, claims: AuditClaims) -> str:
    parts = [text_html(claim.evidence)] if claim.evidence.strip() else []
    source = claims.source(claim)
    if source:
        parts.append(f"<span class='small'>From the journal: {escape(source)}.</span>")
    if claim.file_names:
        parts.append(f"<span class='small'>Files: {escape(', '.join(claim.file_names))}</span>")
    return "<br>".join(parts) or NO_EVIDENCE


def unevidenced_html(claims: AuditClaims) -> str:
    missing = claims.unevidenced()
    if not missing:
        return ""
    which = "".join(
        f"<li>{long_date(c.date)} · {escape(c.activity_label)} · {pdus_text(c.hours)}</li>"
        for c in missing
    )
    verb = "has" if len(missing) == 1 else "have"
    return (
        f"<p class='warning'>{plural(len(missing), 'claim')} {verb} no evidence recorded "
        f"(no evidence written, no file attached, no journal entry behind it):</p><ul>{which}</ul>"
    )


def claims_html(ledger: CycleLedger, claims: AuditClaims) -> str:
    summarised = f"<p class='note'>{escape(claims.note)}</p>" if claims.summarised else ""
    if not claims.listed:
        return summarised or "<p class='note'>No claims in this cycle.</p>"
    rows = []
    for claim in claims.listed:
        tally = ledger.summary.tallies.get(claim.id, ClaimTally(counted=claim.hours))
        note = _split(claim)
        if tally.not_counted:
            # Only Giving Back is capped, and it has no split: the note takes that cell.
            note = (
                f"<span class='down'>{figure(tally.counted)} counted; "
                f"{figure(tally.not_counted)} {escape(tally.reason)}</span>"
            )
        provider = f"<br><span class='muted small'>{escape(claim.provider)}</span>"
        mark = PRIVATE_MARK if claim.id in claims.private else ""
        rows.append(
            [
                td(nowrap(short_date(claim.date))),
                td(
                    f"{escape(claim.activity_label)}<br><span class='muted small'>"
                    f"{escape(claim.category.label)}</span>{mark}"
                ),
                td(figure(claim.hours), "num"),
                td(note, "small"),
                td(text_html(claim.description) + (provider if claim.provider else "")),
                td(_evidence(claim, claims)),
            ]
        )
    return (
        summarised
        + unevidenced_html(claims)
        + grid(
            [
                # Wide enough for "30 Sep 2025" and "PDUs" on one line, on A4 too.
                ("Date", "15%"),
                ("Activity", "15%"),
                ("PDUs", "8%"),
                ("Split / counted", "14%"),
                ("Description / provider", "21%"),
                ("Evidence", "27%"),
            ],
            rows,
        )
    )


@dataclass(frozen=True)
class AuditTitle:
    """Who the audit pack is for PMI: the holder's name and PMI ID, both optional, and the
    day it is prepared (the standing is as of the ledger's own day)."""

    name: str = ""
    pmi_id: str = ""
    prepared_on: dt.date | None = None

    def holder(self) -> str:
        facts = [self.name] if self.name else []
        if self.pmi_id:
            facts.append(f"PMI ID {self.pmi_id}")
        return " · ".join(facts)


def _facts_html(ledger: CycleLedger, claims: AuditClaims, title: AuditTitle) -> str:
    listed = plural(len(claims.listed), "claim") + " listed"
    if claims.summarised:
        listed += f", {claims.summarised} summarised"
    facts = [
        ("Holder", escape(title.name) if title.name else "not given"),
        ("PMI ID", escape(title.pmi_id) if title.pmi_id else "not given"),
        ("Certification", cycle_text(ledger)),
        ("Standing as of", f"{long_date(ledger.pace.as_of)} ({listed})"),
    ]
    if title.prepared_on is not None:
        facts.append(("Prepared on", long_date(title.prepared_on)))
    rows = "".join(
        f"<tr><td class='label' width='26%'>{label}</td><td>{value}</td></tr>"
        for label, value in facts
    )
    return f"<table class='facts' width='100%' cellspacing='0'>{rows}</table>"


def audit_html(ledger: CycleLedger, claims: AuditClaims, title: AuditTitle | None = None) -> str:
    """The audit pack: who and when, the cycle's standing and totals, then every listed
    claim with its evidence."""
    title = title or AuditTitle()
    private = (
        "<p class='warning'>Private entries included: claims drawn from them are marked "
        "(private).</p>"
        if claims.private
        else ""
    )
    return (
        "<html><body>"
        '<p class="eyebrow">PMO CAREER JOURNAL</p>'
        "<h1>PDU audit pack</h1>"
        f"{_facts_html(ledger, claims, title)}"
        f"{private}"
        "<h2>Standing against PMI's requirements</h2>"
        f"{requirements_html(ledger)}{caps_html(ledger.summary)}"
        "<h2>Totals by category and activity</h2>"
        f"{totals_html(ledger)}"
        f"<h2>Claims and evidence</h2>{claims_html(ledger, claims)}"
        f"{source_html(ledger)}"
        "</body></html>"
    )


def _cycle_dates(ledger: CycleLedger) -> str:
    cycle = ledger.cycle
    return f"{cycle.certification} {short_date(cycle.start_date)} – {short_date(cycle.end_date)}"


def save_pdu_audit_pdf(
    ledger: CycleLedger,
    claims: AuditClaims,
    path: Path,
    *,
    paper: Paper = Paper.A4,
    title: AuditTitle | None = None,
) -> int:
    """Write the audit pack for ``ledger``'s cycle as a PDF; returns the number of pages."""
    title = title or AuditTitle()
    holder = title.holder()
    header = " · ".join(part for part in ("PDU audit pack", holder) if part)
    furniture = PageFurniture(header, _cycle_dates(ledger))
    subject = (
        f"PDU claims and evidence{' of ' + holder if holder else ''} for the "
        f"{ledger.cycle.certification} cycle {long_date(ledger.cycle.start_date)} – "
        f"{long_date(ledger.cycle.end_date)}, as of {long_date(ledger.pace.as_of)}"
    )

    def paint(device: QPagedPaintDevice) -> int:
        return paint_document(text_document(audit_html(ledger, claims, title)), device, furniture)

    return write_pdf(
        path,
        paint,
        paper=paper,
        title=f"PDU audit pack — {ledger.cycle.certification} cycle "
        f"{long_date(ledger.cycle.start_date)} – {long_date(ledger.cycle.end_date)}",
        author=title.name or "PMO Career Journal",
        subject=subject,
    )
