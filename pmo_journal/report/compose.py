"""Turns a report's document model into the HTML that the page layout prints."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from html import escape

from pmo_journal.core.models import GoalStatus
from pmo_journal.report.document import (
    STEADY_BELOW,
    Evidence,
    Highlight,
    ReportDocument,
    SkillChange,
)
from pmo_journal.report.options import LOGS, Section

EMPTY_PERIOD = (
    "Nothing was logged in this period — no mentor sessions, helper assignments or "
    "reflections. The figures below show where each skill stood at its end."
)
ACHIEVED, DROPPED = GoalStatus.ACHIEVED.label, GoalStatus.DROPPED.label


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
    """Hours in the quarter-hours they are entered in: 4.25, 4.5, 1,250 (never 4.2)."""
    text = f"{round(hours * 4) / 4:,.2f}"
    whole, fraction = text.split(".")
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def number(count: int) -> str:
    """A count with thousands separators: 1,250."""
    return f"{count:,}"


def level_text(level: float) -> str:
    """A level read from the trend: one decimal, 3.7."""
    return f"{level:.1f}"


PRIVATE_TAG = ' <span style="color: #8a3b12; font-size: 7.5pt; font-weight: 600;">[PRIVATE]</span>'


def private_tag(private: bool) -> str:
    """Marks, in the body, an entry printed only because private entries were asked for."""
    return PRIVATE_TAG if private else ""


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def evidence_html(evidence: Iterable[Evidence]) -> str:
    return "".join(
        f'<p><span class="evidence-label">{escape(item.label)}.</span> {text_html(item.text)}</p>'
        for item in evidence
    )


NUMERIC_HEADERS = {
    "Start",
    "End",
    "Change",
    "Reflections",
    "Hours",
    "Rating",
    "Sessions",
    "Assignments",
    "Mean rating",
    "Items done",
    "Ratings",
}


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
        # Qt drops the top margin of a document's first block, so a spacer line sets it;
        # the layout sizes it and the space above the foot note to fill exactly one page.
        '<p style="font-size: 1pt; margin-bottom: 200px;">&nbsp;</p>'
        '<p class="eyebrow">PMO CAREER JOURNAL</p>'
        '<h1 style="font-size: 30pt;">Progress report</h1>'
        '<p class="lead">Growth toward a role in the project management office</p>'
        f"{rule}{subject}"
        f'<table class="facts" cellspacing="0" cellpadding="3" style="margin-top: 16px;">'
        f"{rows}</table>"
        # The title page's largest top margin: the layout stretches it to reach the foot.
        f'<p class="muted small" style="margin-top: 300px;">{ABOUT}</p>{privacy}'
        '<p style="page-break-after: always;"></p>'
    )


def _change_html(change: SkillChange) -> str:
    delta = change.change
    if delta is None:
        return '<span class="same">—</span>'
    if abs(delta) < STEADY_BELOW:
        return '<span class="same">steady</span>'
    if delta > 0:
        return f'<span class="up">▲ +{delta:.1f}</span>'
    return f'<span class="down">▼ −{-delta:.1f}</span>'


def _ratings_html(change: SkillChange) -> str:
    if not change.reflections:
        return '<span class="muted">none in the period</span>'
    spread = (
        f"all {change.low}" if change.low == change.high else f"from {change.low} to {change.high}"
    )
    return f"{number(change.reflections)}<br><span class='muted small'>{spread}</span>"


def _figures_html(document: ReportDocument) -> str:
    s = document.summary
    raised = s.action_items_raised
    figures = [
        (number(s.sessions), f"mentor sessions with {plural(s.mentors, 'mentor')}"),
        (hours_text(s.assignment_hours), f"hours on {plural(s.assignments, 'helper assignment')}"),
        (number(s.reflections), "skill reflections"),
        (
            number(s.action_items_completed),
            f"action items completed ({number(raised)} agreed, "
            f"{number(s.action_items_open)} open at the end)",
        ),
    ]
    # Long figures (1,990.25) get a smaller size, so none wraps in its column.
    size = "" if max(len(value) for value, _label in figures) <= 6 else ' style="font-size: 16pt;"'
    cells = "".join(
        f'<td width="25%"><p class="figure"{size}>{value}</p>'
        f'<p class="figure-label">{escape(label)}</p></td>'
        for value, label in figures
    )
    return f'<table class="figures" width="100%" cellspacing="0"><tr>{cells}</tr></table>'


def own_words_html(document: ReportDocument) -> str:
    text = document.options.summary.strip()
    if not text:
        return ""
    return (
        "<h3>In my own words</h3>"
        f'<p style="font-size: 10.5pt; line-height: 140%;">{text_html(text)}</p>'
    )


def growth_table(document: ReportDocument) -> str:
    rows = [
        [
            td(
                escape(c.skill)
                + (" <span class='muted small'>(headline)</span>" if c.headline else "")
            ),
            td(level_text(c.start) if c.start is not None else "not rated", "num"),
            td(level_text(c.end) if c.end is not None else "not rated", "num"),
            td(_change_html(c), "num"),
            td(_ratings_html(c), "num"),
        ]
        for c in document.summary.skills
    ]
    table = grid(
        [
            ("Skill", "38%"),
            ("Start", "13%"),
            ("End", "13%"),
            ("Change", "16%"),
            ("Ratings", "20%"),
        ],
        rows,
    )
    return (
        "<h3>Growth by skill</h3>"
        + intro(
            "Levels from 1 to 5 against the written level descriptors, read from the rating "
            "trend: start is the mean self-rating over the 90 days before the period (or, with "
            "none there, over its first 90 days), end the mean over its last 90 days; each rests "
            "on at least three ratings where the period has them, so a single rating never "
            "decides the change. Ratings counts the self-ratings in the period and their range."
        )
        + table
    )


def _years_from(document: ReportDocument) -> str:
    """Says where the table starts when the years before held no entries."""
    first = int(document.years[0].label[:4])
    if first <= document.options.start.year:
        return ""
    return f" The table starts in {first}, the first year of the period with entries."


def years_table(document: ReportDocument) -> str:
    if not document.years:
        return ""
    rows = [
        [
            td(nowrap(escape(y.label))),
            td(number(y.sessions), "num"),
            td(number(y.assignments), "num"),
            td(hours_text(y.hours), "num"),
            td(number(y.reflections), "num"),
            td(level_text(y.mean_rating) if y.mean_rating is not None else "—", "num"),
            td(number(y.items_done), "num"),
        ]
        for y in document.years
    ]
    return (
        "<h3>Year by year</h3>"
        + intro(
            "Each year's entries; mean rating is the mean of the year's self-ratings across "
            "all skills; items done counts the action items completed that year."
            + _years_from(document)
        )
        + grid(
            [
                # Wide enough, with a narrower padding, for "2016 (1 Dec – 31 Dec)" and
                # each header on one line, on A4 too.
                ("Year", "23%"),
                ("Sessions", "11%"),
                ("Assignments", "15%"),
                ("Hours", "10%"),
                ("Reflections", "13.5%"),
                ("Mean rating", "14%"),
                ("Items done", "13.5%"),
            ],
            rows,
        ).replace('cellpadding="5"', 'cellpadding="3"', 1)
    )


def summary_section(document: ReportDocument) -> str:
    empty_note = f'<p class="note">{EMPTY_PERIOD}</p>' if document.is_empty else ""
    return (
        "<h2>Summary</h2>"
        f"{empty_note}"
        f"{_figures_html(document)}"
        f"{own_words_html(document)}"
        f"{growth_table(document)}"
        f"{years_table(document)}"
    )


def _no_ratings_note(skill: str) -> str:
    return f"No {skill[:1].lower() + skill[1:]} ratings in this period."


def charts_section(document: ReportDocument) -> str:
    if not document.charts:
        return ""
    parts = ["<h2>Skill growth</h2>"]
    unrated = [c.skill for c in document.summary.skills if c.headline and not c.reflections]
    for skill in unrated:
        parts.append(f'<p class="note">{escape(_no_ratings_note(skill))}</p>')
    for chart in document.charts:
        if not chart.rgba:
            parts.append(f'<p class="note">{escape(chart.note)}</p>')
            continue
        width = round(chart.width_in * 96)
        # Image and caption share one block, so a page never separates them.
        parts.append(
            f'<p align="center" style="line-height: 100%; margin-bottom: 14px;">'
            f'<img src="chart:{chart.key}" width="{width}"><br>'
            f'<span class="caption">{escape(chart.title)}</span></p>'
        )
    return "".join(parts)


def _achievement_html(item: Highlight, *, with_skill: bool) -> str:
    meta = [item.kind, short_date(item.date)]
    if item.status:
        meta.append(item.status)
    if with_skill and item.skill:
        meta.append(item.skill)
    detail = "".join(
        f"<br><span class='muted'>{escape(e.label)}: {text_html(e.text)}</span>"
        for e in item.evidence
    )
    return (
        f'<p style="margin-top: 6px;"><b>{text_html(item.title)}</b>{private_tag(item.private)}'
        f'<br><span class="kind">{escape(" · ".join(meta))}</span>{detail}</p>'
    )


def feedback_html(document: ReportDocument) -> str:
    parts = ["<h3>Feedback received</h3>"]
    if not document.feedback:
        parts.append(
            "<p class='note'>No feedback on helper assignments was recorded in this period.</p>"
        )
    for index, row in enumerate(document.feedback, start=1):
        source = " · ".join(
            part for part in (row.giver, f"on {row.assignment}", short_date(row.date)) if part
        )
        # The count of the rest ends the last quote's paragraph: a record the pagination
        # keeps whole, so the line never stands alone at the top of a page.
        more = (
            f"<br><span class='note'>…and {document.feedback_more:,} more in the journal.</span>"
            if document.feedback_more and index == len(document.feedback)
            else ""
        )
        parts.append(
            f'<p style="margin-top: 6px;">“{text_html(row.text)}”{private_tag(row.private)}'
            f'<br><span class="muted small">— {escape(source)}</span>{more}</p>'
        )
    return "".join(parts)


def highlights_section(document: ReportDocument) -> str:
    long = document.options.is_long
    parts = ["<h2>Top achievements</h2>"]
    parts.append(
        intro(
            "Starred entries and completed helper assignments, each titled by its result or "
            + ("outcome; the best of each year." if long else "outcome, grouped by skill.")
        )
    )
    if not document.highlights:
        parts.append(
            '<p class="note">No entries were starred and no helper assignment was completed '
            "in this period.</p>"
        )
    for group in document.highlights:
        parts.append(f"<h3>{escape(group.skill)}</h3>")
        parts.extend(_achievement_html(item, with_skill=long) for item in group.highlights)
    return "".join(parts) + feedback_html(document)


def sessions_section(document: ReportDocument) -> str:
    if not document.sessions:
        return "<h2>Mentor sessions</h2><p class='note'>No mentor sessions in this period.</p>"
    rows = [
        [
            td(nowrap(short_date(s.date))),
            td(
                escape(s.mentor) + f"<br><span class='muted small'>{escape(s.format)}, "
                f"{s.minutes} min</span>" + private_tag(s.private)
            ),
            td(text_html(s.topics) or "—"),
            td(text_html(s.takeaways) or "—"),
        ]
        for s in document.sessions
    ]
    return "<h2>Mentor sessions</h2>" + grid(
        # Wide enough for "12 Dec 2025" on one line, on A4 too.
        [("Date", "15%"), ("Mentor", "24%"), ("Topics", "26%"), ("Key takeaways", "35%")],
        rows,
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
                f"<b>{escape(a.title)}</b>{private_tag(a.private)}"
                f"<br><span class='muted small'>{escape(a.kind)}"
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
            td(escape(r.skill) + private_tag(r.private)),
            td(f"{r.rating}&nbsp;of&nbsp;5", "num"),
            td(_reflection_summary(r.evidence)),
        ]
        for r in document.reflections
    ]
    return "<h2>Reflections</h2>" + grid(
        [("Date", "15%"), ("Skill", "21%"), ("Rating", "10%"), ("Result and learning", "54%")],
        rows,
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
            td(text_html(item.text) + private_tag(item.private)),
            td(
                escape(item.mentor)
                + f"<br><span class='muted small'>{short_date(item.raised_on)}</span>"
            ),
            td(_item_status(item.done, item.due, end)),
        ]
        for item in document.action_items
    ]
    return "<h2>Action items</h2>" + grid(
        [("Action item", "51%"), ("Agreed with", "26%"), ("Status", "23%")], rows
    )


def _goal_block(goal_html: str) -> str:
    """A goal's facts in one borderless table row, so a page never splits them."""
    return (
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 6px;">'
        f"<tr><td>{goal_html}</td></tr></table>"
    )


def goals_section(document: ReportDocument) -> str:
    end = document.options.end
    parts = ["<h2>Goals for the next period</h2>"]
    # The next period's goals are those still ahead; one reached is said in a line, and a
    # dropped one is left out.
    ahead = [g for g in document.goals if g.status not in (ACHIEVED, DROPPED)]
    reached = [g for g in document.goals if g.status == ACHIEVED]
    if not ahead:
        parts.append(
            "<p class='note'>No career goals ahead were recorded by the end of the period.</p>"
        )
    for goal in ahead:
        done = sum(1 for _title, _due, finished in goal.milestones if finished)
        target = f", by {long_date(goal.target_date)}" if goal.target_date else ""
        block = [
            f"<p class='muted'>{escape(goal.path)}{target} · {escape(goal.status)} · "
            f"{done} of {plural(len(goal.milestones), 'milestone')} done</p>"
        ]
        if goal.why:
            block.append(f"<p><span class='evidence-label'>Why.</span> {text_html(goal.why)}</p>")
        upcoming = [(title, due) for title, due, finished in goal.milestones if not finished]
        if upcoming:
            block.append("<p><span class='evidence-label'>Next milestones.</span></p><ul>")
            for title, due in upcoming:
                when = ""
                if due is not None:
                    late = "overdue, " if due < end else ""
                    when = f" <span class='muted small'>({late}due {short_date(due)})</span>"
                block.append(f"<li>{escape(title)}{when}</li>")
            block.append("</ul>")
        parts.append(
            f"<h3>{escape(goal.target_role)}{private_tag(goal.private)}</h3>"
            + _goal_block("".join(block))
        )
    if reached:
        names = ", ".join(f"{escape(g.target_role)}{private_tag(g.private)}" for g in reached)
        parts.append(f"<p><span class='evidence-label'>Goals reached.</span> {names}.</p>")
    return "".join(parts)


def pdus_section(document: ReportDocument) -> str:
    # Imported here: the PDU pages build on this module's table helpers.
    from pmo_journal.report.pdu_audit import pdu_section_html

    return sentence_dates(pdu_section_html(document.pdus, document.options, document.pdu_note))


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def sentence_dates(html: str) -> str:
    """Dates in sentences as a reader says them: "7 March 2027", never 2027-03-07."""

    def spoken(match: re.Match[str]) -> str:
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return long_date(day)

    return ISO_DATE.sub(spoken, html)


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
    Section.HIGHLIGHTS: highlights_section,
    Section.GOALS: lambda document: goals_section(document) + readiness_html(document),
    Section.CHARTS: charts_section,
    Section.PDUS: pdus_section,
    Section.SESSIONS: sessions_section,
    Section.ASSIGNMENTS: assignments_section,
    Section.REFLECTIONS: reflections_section,
    Section.ACTION_ITEMS: action_items_section,
}

APPENDIX = (
    '<h1 style="font-size: 18pt; page-break-before: always;">Appendix: the full logs</h1>'
    '<p class="muted">Every entry of the period, oldest first.</p>'
)


def report_html(document: ReportDocument) -> str:
    """The whole report as HTML: a title page, then each chosen section in order, the full
    logs (when asked for) in an appendix."""
    body = [title_page(document)]
    if document.is_empty and not document.options.wants(Section.SUMMARY):
        body.append(f'<p class="note">{EMPTY_PERIOD}</p>')
    appendix_started = False
    for section in Section:
        if not document.options.wants(section):
            continue
        if section in LOGS and not appendix_started:
            body.append(APPENDIX)
            appendix_started = True
        body.append(SECTIONS[section](document))
    return "<html><body>" + "".join(body) + "</body></html>"


def header_text(document: ReportDocument) -> str:
    options = document.options
    return f"Progress report · {period_text(options.start, options.end)}"
