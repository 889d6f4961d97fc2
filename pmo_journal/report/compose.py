"""Turns a report's document model into the HTML that the page layout prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from html import escape

from pmo_journal.report.document import (
    Evidence,
    ReportDocument,
    SkillChange,
)
from pmo_journal.report.options import Section

EMPTY_PERIOD = (
    "Nothing was logged in this period — no mentor sessions, helper assignments or "
    "reflections. That is fine: the figures below show where each skill stands, and the "
    "next report will have more to tell."
)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def period_text(start: dt.date, end: dt.date) -> str:
    return f"{long_date(start)} – {long_date(end)}"


def text_html(text: str) -> str:
    """User text, escaped, with its line breaks kept."""
    return escape(text).replace("\n", "<br>")


def hours_text(hours: float) -> str:
    return f"{hours:.0f}" if float(hours).is_integer() else f"{hours:.1f}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def evidence_html(evidence: Iterable[Evidence]) -> str:
    return "".join(
        f'<p><span class="evidence-label">{escape(item.label)}.</span> {text_html(item.text)}</p>'
        for item in evidence
    )


NUMERIC_HEADERS = {"Start", "End", "Change", "Reflections", "Hours", "Rating"}


def grid(headers: list[tuple[str, str]], rows: list[list[str]]) -> str:
    """A bordered table whose header row repeats on every page (``<thead>``)."""
    head = "".join(
        f'<th width="{width}" align="{"right" if label in NUMERIC_HEADERS else "left"}">'
        f"{escape(label)}</th>"
        for label, width in headers
    )
    stripe = ' bgcolor="#f7f9fb"'
    body = "".join(
        f"<tr{stripe if index % 2 else ''}>" + "".join(cells) + "</tr>"
        for index, cells in enumerate(rows)
    )
    return (
        '<table class="grid" width="100%" border="0.5" cellspacing="0" cellpadding="5">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def nowrap(text: str) -> str:
    """Keeps a short value (a date, a status) on one line inside a narrow column."""
    return text.replace(" ", "&nbsp;")


def intro(text: str) -> str:
    """A line introducing the table below it; an h6, so a page never separates the two."""
    return f"<h6>{escape(text)}</h6>"


def td(content: str, css: str = "") -> str:
    return f'<td class="{css}">{content}</td>' if css else f"<td>{content}</td>"


# --------------------------------------------------------------------------- sections


ABOUT = (
    "Drawn from the author's PMO career journal: mentor sessions, PMO helper assignments "
    "and skill reflections, each self-rating made against written level descriptors from "
    "1 (starting out) to 5 (shaping the organisation)."
)


def title_page(document: ReportDocument) -> str:
    options = document.options
    title = options.title
    facts = [("Review period", period_text(options.start, options.end))]
    if title.reviewer:
        facts.append(("Prepared for", escape(title.reviewer)))
    facts.append(("Prepared on", long_date(options.prepared_on)))
    rows = "".join(
        f'<tr><td class="label" width="150">{label}</td><td>{value}</td></tr>'
        for label, value in facts
    )
    privacy = (
        '<p class="warning">This report includes entries marked private.</p>'
        if options.include_private
        else '<p class="muted small">Entries marked private are not included.</p>'
    )
    if options.anonymise:
        privacy += (
            '<p class="muted small">People are named by role-free pseudonyms '
            "(Mentor A, PMO leader B).</p>"
        )
    subject = (
        f'<p class="subject">{escape(title.name)}</p>'
        + (f'<p class="subject-role">{escape(title.role)}</p>' if title.role else "")
        if title.name or title.role
        else ""
    )
    rule = (
        '<table width="70" cellspacing="0" cellpadding="0" style="margin-top: 18px; '
        'margin-bottom: 26px;"><tr><td style="background-color: #4f6d8f; font-size: 2pt;">'
        "&nbsp;</td></tr></table>"
    )
    return (
        # Qt drops the top margin of a document's first block, so a spacer line sets it.
        '<p style="font-size: 1pt; margin-bottom: 200px;">&nbsp;</p>'
        '<p class="eyebrow">PMO CAREER JOURNAL</p>'
        '<h1 style="font-size: 30pt;">Progress report</h1>'
        '<p class="lead">Growth toward a role in the project management office</p>'
        f"{rule}{subject}"
        f'<table class="facts" cellspacing="0" cellpadding="3" style="margin-top: 16px;">'
        f"{rows}</table>"
        f'<p class="muted small" style="margin-top: 300px;">{ABOUT}</p>{privacy}'
        '<p style="page-break-after: always;"></p>'
    )


def _change_html(change: SkillChange) -> str:
    delta = change.change
    if delta is None:
        return '<span class="same">—</span>'
    if delta > 0:
        return f'<span class="up">+{delta}</span>'
    if delta < 0:
        return f'<span class="down">−{-delta}</span>'
    return '<span class="same">no change</span>'


def summary_section(document: ReportDocument) -> str:
    s = document.summary
    figures = [
        (str(s.sessions), f"mentor sessions with {plural(s.mentors, 'mentor')}"),
        (hours_text(s.assignment_hours), f"hours on {plural(s.assignments, 'helper assignment')}"),
        (str(s.reflections), "skill reflections"),
        (str(s.action_items_completed), "action items completed"),
    ]
    cells = "".join(
        f'<td width="25%"><p class="figure">{value}</p><p class="figure-label">{escape(label)}'
        "</p></td>"
        for value, label in figures
    )
    empty_note = f'<p class="note">{EMPTY_PERIOD}</p>' if document.is_empty else ""
    rating = "{} of 5".format
    rows = [
        [
            td(
                escape(c.skill)
                + (" <span class='muted small'>(headline)</span>" if c.headline else "")
            ),
            td(rating(c.start) if c.start else "not rated", "num"),
            td(rating(c.end) if c.end else "not rated", "num"),
            td(_change_html(c), "num"),
            td(str(c.reflections), "num"),
        ]
        for c in s.skills
    ]
    table = grid(
        [
            ("Skill", "40%"),
            ("Start", "14%"),
            ("End", "14%"),
            ("Change", "14%"),
            ("Reflections", "18%"),
        ],
        rows,
    )
    return (
        "<h2>Summary</h2>"
        f"{empty_note}"
        f'<table class="figures" width="100%" cellspacing="0"><tr>{cells}</tr></table>'
        "<h3>Self-rating by skill</h3>"
        + intro(
            "Self-ratings from 1 to 5 against the written level descriptors. Start is the last "
            "rating before the period (or its first rating); end is the last one in it."
        )
        + table
    )


def charts_section(document: ReportDocument) -> str:
    if not document.charts:
        return ""
    parts = ["<h2>Skill growth</h2>"]
    for chart in document.charts:
        width = round(chart.width_in * 96)
        # Image and caption share one block, so a page never separates them.
        parts.append(
            f'<p align="center" style="line-height: 100%; margin-bottom: 14px;">'
            f'<img src="chart:{chart.key}" width="{width}"><br>'
            f'<span class="caption">{escape(chart.title)}</span></p>'
        )
    return "".join(parts)


def highlights_section(document: ReportDocument) -> str:
    parts = ["<h2>Highlights</h2>"]
    if not document.highlights:
        parts.append('<p class="note">No entries were starred in this period.</p>')
    for group in document.highlights:
        parts.append(f"<h3>{escape(group.skill)}</h3>")
        for item in group.highlights:
            parts.append(
                f'<p style="margin-top: 8px;"><span class="kind">{escape(item.kind.upper())}'
                f" · {short_date(item.date)}</span><br><b>{escape(item.title)}</b></p>"
                f"{evidence_html(item.evidence)}"
            )
    return "".join(parts)


def sessions_section(document: ReportDocument) -> str:
    if not document.sessions:
        return "<h2>Mentor sessions</h2><p class='note'>No mentor sessions in this period.</p>"
    rows = [
        [
            td(nowrap(short_date(s.date))),
            td(
                escape(s.mentor) + f"<br><span class='muted small'>{escape(s.format)}, "
                f"{s.minutes} min</span>"
            ),
            td(text_html(s.topics) or "—"),
            td(text_html(s.takeaways) or "—"),
        ]
        for s in document.sessions
    ]
    return "<h2>Mentor sessions</h2>" + grid(
        [("Date", "15%"), ("Mentor", "19%"), ("Topics", "29%"), ("Key takeaways", "37%")], rows
    )


def assignments_section(document: ReportDocument) -> str:
    if not document.assignments:
        return (
            "<h2>Helper assignments</h2><p class='note'>No helper assignments in this period.</p>"
        )
    rows = [
        [
            td(
                nowrap(short_date(a.start))
                + (f"<br>to&nbsp;{nowrap(short_date(a.end))}" if a.end and a.end != a.start else "")
            ),
            td(
                f"<b>{escape(a.title)}</b><br><span class='muted small'>{escape(a.kind)}"
                + (f" · for {escape(a.leader)}" if a.leader else "")
                + "</span>"
            ),
            td(hours_text(a.hours), "num"),
            td(nowrap(escape(a.status))),
            td(text_html(a.outcome) or "—"),
        ]
        for a in document.assignments
    ]
    total = hours_text(sum(a.hours for a in document.assignments))
    return (
        "<h2>Helper assignments</h2>"
        + intro(f"{plural(len(rows), 'assignment')}, {total} hours in all.")
        + grid(
            [
                ("Dates", "16%"),
                ("Assignment", "28%"),
                ("Hours", "9%"),
                ("Status", "12%"),
                ("Outcome / value delivered", "35%"),
            ],
            rows,
        )
    )


def _reflection_summary(evidence: list[Evidence]) -> str:
    """The result (or, failing that, the situation) and what was learned."""
    by_label = {item.label: item.text for item in evidence}
    lead = by_label.get("Result") or by_label.get("Situation") or by_label.get("Action", "")
    learned = by_label.get("Learned", "")
    html = text_html(lead)
    if learned:
        html += f"<br><span class='muted'>Learned: {text_html(learned)}</span>"
    return html or "—"


def reflections_section(document: ReportDocument) -> str:
    if not document.reflections:
        return "<h2>Reflections</h2><p class='note'>No skill reflections in this period.</p>"
    rows = [
        [
            td(nowrap(short_date(r.date))),
            td(escape(r.skill)),
            td(f"{r.rating}&nbsp;of&nbsp;5", "num"),
            td(_reflection_summary(r.evidence)),
        ]
        for r in document.reflections
    ]
    return (
        "<h2>Reflections</h2>"
        + grid(
            [("Date", "15%"), ("Skill", "21%"), ("Rating", "10%"), ("Result and learning", "54%")],
            rows,
        )
        + '<p class="caption">Starred reflections appear in full, with all their evidence, '
        "under Highlights.</p>"
    )


def _item_status(done: dt.date | None, due: dt.date | None, end: dt.date) -> str:
    if done is not None:
        return f"Done {short_date(done)}"
    if due is not None and due < end:
        return f'<span class="down">Overdue</span> (due {short_date(due)})'
    return f"Open (due {short_date(due)})" if due else "Open"


def action_items_section(document: ReportDocument) -> str:
    if not document.action_items:
        return "<h2>Action items</h2><p class='note'>No action items in this period.</p>"
    end = document.options.end
    rows = [
        [
            td(text_html(item.text)),
            td(
                escape(item.mentor)
                + f"<br><span class='muted small'>{short_date(item.raised_on)}</span>"
            ),
            td(_item_status(item.done, item.due, end)),
        ]
        for item in document.action_items
    ]
    return "<h2>Action items</h2>" + grid(
        [("Action item", "55%"), ("Agreed with", "22%"), ("Status", "23%")], rows
    )


def goals_section(document: ReportDocument) -> str:
    parts = ["<h2>Goals</h2>"]
    if not document.goals:
        parts.append("<p class='note'>No career goals are recorded yet.</p>")
    for goal in document.goals:
        done = sum(1 for _title, _due, finished in goal.milestones if finished)
        target = f", by {short_date(goal.target_date)}" if goal.target_date else ""
        parts.append(
            f"<h3>{escape(goal.target_role)}</h3>"
            f"<p class='muted'>{escape(goal.path)}{target} · {escape(goal.status)} · "
            f"{done} of {plural(len(goal.milestones), 'milestone')} done</p>"
        )
        if goal.why:
            parts.append(f"<p><span class='evidence-label'>Why.</span> {text_html(goal.why)}</p>")
        if goal.milestones:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{'✓ ' if finished else ''}{escape(title)}"
                    + (
                        f" <span class='muted small'>(due {short_date(due)})</span>"
                        if due and not finished
                        else ""
                    )
                    + "</li>"
                    for title, due, finished in goal.milestones
                )
                + "</ul>"
            )
    return "".join(parts)


def pdus_section(document: ReportDocument) -> str:
    # Imported here: the PDU pages build on this module's table helpers.
    from pmo_journal.report.pdu_audit import pdu_section_html

    return pdu_section_html(document.pdus)


def readiness_html(document: ReportDocument) -> str:
    if not document.readiness:
        return ""
    done = sum(1 for item in document.readiness if item.checked)
    items = "".join(
        f"<li>{'☑' if item.checked else '☐'} {escape(item.title)}</li>"
        for item in document.readiness
    )
    return (
        f"<h3>PMO readiness: {done} of {len(document.readiness)}</h3>"
        "<p class='muted small'>The “look before you leap” checklist, as of the end of the "
        f"period.</p><ul style='list-style-type: none;'>{items}</ul>"
    )


SECTIONS: dict[Section, Callable[[ReportDocument], str]] = {
    Section.SUMMARY: summary_section,
    Section.CHARTS: charts_section,
    Section.HIGHLIGHTS: highlights_section,
    Section.SESSIONS: sessions_section,
    Section.ASSIGNMENTS: assignments_section,
    Section.REFLECTIONS: reflections_section,
    Section.ACTION_ITEMS: action_items_section,
    Section.GOALS: lambda document: goals_section(document) + readiness_html(document),
    Section.PDUS: pdus_section,
}


def report_html(document: ReportDocument) -> str:
    """The whole report as HTML: a title page, then each chosen section in order."""
    body = [title_page(document)]
    if document.is_empty and not document.options.wants(Section.SUMMARY):
        body.append(f'<p class="note">{EMPTY_PERIOD}</p>')
    for section in Section:
        if document.options.wants(section):
            body.append(SECTIONS[section](document))
    return "<html><body>" + "".join(body) + "</body></html>"


def header_text(document: ReportDocument) -> str:
    options = document.options
    return f"Progress report · {period_text(options.start, options.end)}"
