"""Exports for people rather than programs: CSV files for a spreadsheet, one Markdown document.

Both are built from the JSON document, so they leave out exactly what it leaves out
(private entries unless asked for); entries in the bin are left out too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmo_journal.core.exchange.json_export import build_document, write_atomically
from pmo_journal.core.models import (
    AssignmentKind,
    AssignmentStatus,
    Relationship,
    SessionFormat,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.journal_files import refuse_unsafe_output
from pmo_journal.core.validation import JournalError

# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The files a CSV export writes into its folder, one per kind (see ``_csv_tables``).
CSV_NAMES = ("mentor_sessions", "action_items", "helper_assignments", "skill_reflections", "people")


@dataclass(frozen=True)
class _Names:
    people: dict[str, str]
    skills: dict[str, str]
    sessions: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, document: dict[str, Any]) -> _Names:
        return cls(
            {p["uuid"]: p["name"] for p in document["people"]},
            {s["uuid"]: s["name"] for s in document["skills"]},
            {s["uuid"]: s for s in document["mentor_sessions"]},
        )

    def skill_list(self, uuids: list[str]) -> str:
        return "; ".join(self.skills.get(u, "?") for u in uuids)


def _live(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if not row.get("deleted_at")]


def _yes(value: bool) -> str:
    return "yes" if value else ""


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


Columns = list[tuple[str, Callable[[dict[str, Any]], object]]]


def _csv_tables(document: dict[str, Any]) -> dict[str, tuple[Columns, list[dict[str, Any]]]]:
    names = _Names.of(document)
    flags: Columns = [
        ("Starred", lambda r: _yes(r["starred"])),
        ("Private", lambda r: _yes(r["private"])),
    ]
    return {
        "mentor_sessions": (
            [
                ("Date", lambda r: r["date"]),
                ("Mentor", lambda r: names.people.get(r["mentor_uuid"], "")),
                ("Minutes", lambda r: r["duration_minutes"]),
                ("Format", lambda r: SessionFormat(r["format"]).label),
                ("Topics", lambda r: r["topics"]),
                ("PMO decisions discussed", lambda r: r["decisions"]),
                ("Key takeaways", lambda r: r["takeaways"]),
                ("Skills", lambda r: names.skill_list(r["skill_uuids"])),
                ("Next session", lambda r: r["next_session_date"]),
                *flags,
            ],
            _live(document["mentor_sessions"]),
        ),
        "action_items": (
            [
                ("Session date", lambda r: names.sessions[r["session_uuid"]]["date"]),
                (
                    "Mentor",
                    lambda r: names.people.get(names.sessions[r["session_uuid"]]["mentor_uuid"]),
                ),
                ("Action item", lambda r: r["text"]),
                ("Due", lambda r: r["due_date"]),
                ("Done", lambda r: r["done_date"]),
                ("Carried into", lambda r: "; ".join(c["carried_on"] for c in r["carries"])),
            ],
            [r for r in document["action_items"] if r["session_uuid"] in names.sessions],
        ),
        "helper_assignments": (
            [
                ("Start", lambda r: r["start_date"]),
                ("End", lambda r: r["end_date"]),
                ("Title", lambda r: r["title"]),
                ("Kind", lambda r: AssignmentKind(r["kind"]).label),
                ("PMO leader", lambda r: names.people.get(r["leader_uuid"] or "", "")),
                ("Hours", lambda r: r["hours"]),
                ("Status", lambda r: AssignmentStatus(r["status"]).label),
                ("Outcome / value delivered", lambda r: r["outcome"]),
                ("Feedback received", lambda r: r["feedback"]),
                ("Skills", lambda r: names.skill_list(r["skill_uuids"])),
                *flags,
            ],
            _live(document["helper_assignments"]),
        ),
        "skill_reflections": (
            [
                ("Date", lambda r: r["date"]),
                ("Skill", lambda r: names.skills.get(r["skill_uuid"], "")),
                ("Self-rating", lambda r: r["rating"]),
                ("Situation", lambda r: r["situation"]),
                ("Action", lambda r: r["action"]),
                ("Result", lambda r: r["result"]),
                ("What I learned", lambda r: r["learned"]),
                ("Next step", lambda r: r["next_step"]),
                *flags,
            ],
            _live(document["skill_reflections"]),
        ),
        "people": (
            [
                ("Name", lambda r: r["name"]),
                ("Role", lambda r: r["role"]),
                ("Organisation", lambda r: r["organisation"]),
                ("Relationship", lambda r: Relationship(r["relationship"]).label),
                ("Meets every (days)", lambda r: r["cadence_days"]),
                ("Notes", lambda r: r["notes"]),
            ],
            document["people"],
        ),
    }


def _sort_key(row: dict[str, Any]) -> tuple[str, str]:
    return (
        str(row.get("date") or row.get("start_date") or row.get("name") or ""),
        row.get("uuid", ""),
    )


def export_csv(
    journal: Journal, folder: Path, *, include_private: bool = False, overwrite: bool = False
) -> list[Path]:
    """One UTF-8 CSV file per entry kind in ``folder`` (with a BOM, so spreadsheets detect it).

    Existing CSV files of an earlier export are replaced only when ``overwrite`` says so.
    """
    if folder.exists() and not folder.is_dir():
        raise JournalError(f"{folder} is a file; CSV export writes into a folder.")
    for name in CSV_NAMES:
        refuse_unsafe_output(folder / f"{name}.csv", journal_path=journal.path, overwrite=overwrite)
    folder.mkdir(parents=True, exist_ok=True)
    document = build_document(journal, include_private=include_private)
    written = []
    for name, (columns, rows) in _csv_tables(document).items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([title for title, _value in columns])
        for row in sorted(rows, key=_sort_key):
            writer.writerow([_cell(value(row)) for _title, value in columns])
        path = folder / f"{name}.csv"
        write_atomically(path, "\ufeff" + buffer.getvalue())
        written.append(path)
    return written


# --------------------------------------------------------------------------- markdown


def _section(title: str, text: str) -> list[str]:
    return [f"**{title}:** {text.strip()}", ""] if text and text.strip() else []


def _entries(document: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    names = _Names.of(document)
    items: dict[str, list[dict[str, Any]]] = {}
    for item in document["action_items"]:
        items.setdefault(item["session_uuid"], []).append(item)
    found: list[tuple[str, str, list[str]]] = []
    for r in _live(document["mentor_sessions"]):
        body = [
            *_section("Topics", r["topics"]),
            *_section("PMO decisions discussed", r["decisions"]),
            *_section("Key takeaways", r["takeaways"]),
            *_section("Skills", names.skill_list(r["skill_uuids"])),
        ]
        body += [
            f"- [{'x' if i['done_date'] else ' '}] {i['text']}" for i in items.get(r["uuid"], [])
        ]
        heading = f"Mentor session with {names.people.get(r['mentor_uuid'], '?')}"
        found.append((r["date"], heading + (" ★" if r["starred"] else ""), body))
    for r in _live(document["helper_assignments"]):
        body = [
            f"*{AssignmentKind(r['kind']).label} · {AssignmentStatus(r['status']).label} · "
            f"{r['hours']:g} h*",
            "",
            *_section("Outcome / value delivered", r["outcome"]),
            *_section("Feedback received", r["feedback"]),
            *_section("Skills", names.skill_list(r["skill_uuids"])),
        ]
        found.append(
            (
                r["start_date"],
                f"Helper assignment: {r['title']}" + (" ★" if r["starred"] else ""),
                body,
            )
        )
    for r in _live(document["skill_reflections"]):
        body = [
            f"*Self-rating {r['rating']}/5*",
            "",
            *_section("Situation", r["situation"]),
            *_section("Action", r["action"]),
            *_section("Result", r["result"]),
            *_section("What I learned", r["learned"]),
            *_section("Next step", r["next_step"]),
        ]
        skill = names.skills.get(r["skill_uuid"], "?")
        found.append((r["date"], f"Reflection on {skill}" + (" ★" if r["starred"] else ""), body))
    return sorted(found, key=lambda entry: entry[0])


def markdown_text(document: dict[str, Any]) -> str:
    lines = ["# PMO Career Journal", ""]
    month = ""
    for date, heading, body in _entries(document):
        day = dt.date.fromisoformat(date)
        this_month = day.strftime("%B %Y")
        if this_month != month:
            month = this_month
            lines += [f"## {month}", ""]
        lines += [f"### {day.isoformat()} · {heading}", "", *body]
        if lines[-1] != "":
            lines.append("")
    if len(lines) == 2:
        lines += ["*No entries yet.*", ""]
    return "\n".join(lines)


def export_markdown(
    journal: Journal, out: Path, *, include_private: bool = False, overwrite: bool = False
) -> Path:
    """One readable Markdown document, entries grouped by month, oldest first."""
    refuse_unsafe_output(out, journal_path=journal.path, overwrite=overwrite)
    write_atomically(out, markdown_text(build_document(journal, include_private=include_private)))
    return out
