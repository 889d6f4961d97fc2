"""jrnl and Day One JSON exports, mapped onto our entry kinds (see "Your data" in the README).

A free-form entry becomes:
- a **skill reflection** when it names one of the journal's skills (a tag such as
  ``@strategic-thinking`` or the skill's name in its title) *and* a self-rating
  (``rating: 3``, ``3/5`` or a ``@rating-3`` tag): the whole text is its situation;
- otherwise a **mentor session** when a tag names one of the journal's mentors
  (``@ada-lovelace``): the title is its topics and the body its takeaways;
- otherwise it is not imported, and the summary lists it, because inventing a rating
  or a mentor would put made-up points on the growth charts.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any

from pmo_journal.core.exchange import schema
from pmo_journal.core.exchange.json_import import (
    ImportRefused,
    ImportSummary,
    refuse_oversized_lists,
)
from pmo_journal.core.models import (
    MentorSessionBase,
    Relationship,
    SkillReflectionBase,
    utcnow,
)
from pmo_journal.core.services import people, skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, validated

FOREIGN_NAMESPACE = uuid_module.UUID("0c3b5f7e-2a41-4d8c-b1f2-8e6a9d4c7b30")
RATING = re.compile(
    r"(?:\b(?:self-)?rating\s*[:=-]?\s*|\b)([1-5])\s*/\s*5\b|\brating\s*[:=-]?\s*([1-5])\b", re.I
)
TAG_IN_TEXT = re.compile(r"[@#]([\w-]+)")
# Day One escapes Markdown punctuation ("1\. item"); any other backslash is the user's own.
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


@dataclass(frozen=True)
class FreeEntry:
    """One entry of another app, reduced to what the mapping needs."""

    index: int
    uuid: str
    when: dt.datetime
    updated: dt.datetime
    title: str
    body: str
    tags: list[str]
    starred: bool


def _normal(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lstrip("@#")).casefold()


def _problem(index: int, field: str, text: str) -> ImportRefused:
    return ImportRefused([f"entries[{index}].{field}: {text}"])


def _text(entry: dict[str, Any], index: int, key: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise _problem(index, key, "must be text")
    return value


def _tags(entry: dict[str, Any], index: int) -> list[str]:
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise _problem(index, "tags", "must be a list of text")
    return tags


def _entries_list(raw: Any, app: str) -> list[Any]:
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise ImportRefused([f'the file is not a {app} JSON export (no "entries" list)'])
    refuse_oversized_lists(raw, ("entries",))
    return raw["entries"]


def read_jrnl(raw: Any) -> list[FreeEntry]:
    """Entries of ``jrnl --export json``: date, time, title, body, tags, starred."""
    found = []
    for index, entry in enumerate(_entries_list(raw, "jrnl")):
        if not isinstance(entry, dict):
            raise _problem(index, "date", "the entry is not an object")
        date, time = _text(entry, index, "date"), _text(entry, index, "time") or "00:00"
        try:
            when = dt.datetime.fromisoformat(f"{date}T{time}")
        except ValueError:
            raise _problem(index, "date", f"{date} {time} is not a real date and time") from None
        title, body = _text(entry, index, "title"), _text(entry, index, "body")
        key = f"jrnl|{date}|{time}|{title}|{body}"
        found.append(
            FreeEntry(
                index,
                str(uuid_module.uuid5(FOREIGN_NAMESPACE, key)),
                when,
                when,
                title,
                body,
                _tags(entry, index) + TAG_IN_TEXT.findall(f"{title} {body}"),
                entry.get("starred") is True,
            )
        )
    return found


def _day_one_time(entry: dict[str, Any], index: int, key: str) -> dt.datetime:
    text = _text(entry, index, key)
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _problem(index, key, f"{text!r} is not a real date and time") from None


def read_day_one(raw: Any) -> list[FreeEntry]:
    """Entries of a Day One JSON export: uuid, creationDate, text, tags, starred."""
    found = []
    for index, entry in enumerate(_entries_list(raw, "Day One")):
        if not isinstance(entry, dict):
            raise _problem(index, "creationDate", "the entry is not an object")
        when = _day_one_time(entry, index, "creationDate")
        updated = _day_one_time(entry, index, "modifiedDate") if "modifiedDate" in entry else when
        text = MARKDOWN_ESCAPE.sub(r"\1", _text(entry, index, "text"))
        title, _newline, body = text.strip().partition("\n")
        raw_uuid = _text(entry, index, "uuid")
        try:
            entry_uuid = str(uuid_module.UUID(hex=raw_uuid)) if raw_uuid else ""
        except ValueError:
            raise _problem(index, "uuid", "is not a Day One uuid") from None
        found.append(
            FreeEntry(
                index,
                entry_uuid or str(uuid_module.uuid5(FOREIGN_NAMESPACE, f"dayone|{when}|{text}")),
                when,
                updated,
                title.lstrip("# ").strip(),
                body.strip(),
                _tags(entry, index) + TAG_IN_TEXT.findall(text),
                entry.get("starred") is True,
            )
        )
    return found


def _rating(entry: FreeEntry) -> int | None:
    for tag in entry.tags:
        match = re.fullmatch(r"rating[\s_-]*([1-5])", _normal(tag))
        if match:
            return int(match.group(1))
    match = RATING.search(f"{entry.title}\n{entry.body}")
    if match:
        return int(match.group(1) or match.group(2))
    return None


def _checked(model: type[Any], data: dict[str, Any], index: int) -> None:
    try:
        validated(model, data)
    except EntryInvalid as invalid:
        raise ImportRefused(
            [
                f"entries[{index}].{name or 'text'}: {text}"
                for name, text in invalid.problems.items()
            ]
        ) from None


def map_entries(
    journal: Journal, entries: list[FreeEntry], *, app: str
) -> tuple[schema.Document, list[str]]:
    """Our document for ``entries``, plus a line for each entry that maps onto nothing."""
    skill_by_name = {_normal(s.name): s for s in skills.list_skills(journal, include_archived=True)}
    mentors = {
        _normal(p.name): p
        for p in people.list_people(journal, include_archived=True)
        if p.relationship == Relationship.MENTOR
    }
    reflections, sessions, left_out = [], [], []
    first_of: dict[str, int] = {}
    for entry in entries:
        if entry.uuid in first_of:
            left_out.append(
                f"entries[{entry.index}] ({entry.when.date()} {entry.title[:40]!r}): "
                f"the same entry as entries[{first_of[entry.uuid]}]"
            )
            continue
        first_of[entry.uuid] = entry.index
        tags = {_normal(tag) for tag in entry.tags}
        skill = next((skill_by_name[t] for t in tags if t in skill_by_name), None)
        skill = skill or next(
            (s for n, s in skill_by_name.items() if n in _normal(entry.title)), None
        )
        rating = _rating(entry)
        mentor = next((mentors[t] for t in tags if t in mentors), None)
        text = f"{entry.title}\n\n{entry.body}".strip()
        common = {
            "uuid": entry.uuid,
            "created_at": entry.when,
            "updated_at": entry.updated,
            "date": entry.when.date(),
            "starred": entry.starred,
        }
        if skill is not None and rating is not None:
            data = {"skill_id": 0, "rating": rating, "situation": text, **common}
            _checked(SkillReflectionBase, data, entry.index)
            record = {k: v for k, v in data.items() if k != "skill_id"}
            reflections.append(
                schema.SkillReflectionRecord.model_validate({**record, "skill_uuid": skill.uuid})
            )
        elif mentor is not None:
            data = {"mentor_id": 0, "topics": entry.title, "takeaways": entry.body, **common}
            _checked(MentorSessionBase, data, entry.index)
            record = {k: v for k, v in data.items() if k != "mentor_id"}
            sessions.append(
                schema.MentorSessionRecord.model_validate({**record, "mentor_uuid": mentor.uuid})
            )
        else:
            left_out.append(
                f"entries[{entry.index}] ({entry.when.date()} {entry.title[:40]!r}): "
                "names no skill with a rating and no mentor"
            )
    document = schema.Document(
        format=schema.FORMAT_NAME,
        version=schema.FORMAT_VERSION,
        exported_at=utcnow(),
        schema_revision=f"{app} import",
        skill_reflections=reflections,
        mentor_sessions=sessions,
    )
    return document, left_out


def import_foreign(journal: Journal, raw: Any, *, app: str, **options: Any) -> ImportSummary:
    """Import a jrnl (``app="jrnl"``) or Day One (``app="dayone"``) JSON export."""
    from pmo_journal.core.exchange.json_import import import_document

    entries = read_jrnl(raw) if app == "jrnl" else read_day_one(raw)
    document, left_out = map_entries(journal, entries, app=app)
    summary = ImportSummary(not_imported=left_out)
    return import_document(journal, document, summary=summary, **options)
