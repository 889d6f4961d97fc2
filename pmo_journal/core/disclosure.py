"""The one rule for what leaves the journal: which records an output may show, and how.

Every document and export (the progress report, the prep sheet, the PDU audit pack, the
JSON, CSV and Markdown exports, exported charts) builds one :class:`Disclosure` from what
the user chose (:class:`DisclosureChoice`) and reads through it; none decides on its own.
Sync is the exception: it carries the user's own journal to their own laptop.

What is private:

* an entry marked private, a goal marked private (and its milestones);
* a person marked private, and everything about them: the sessions with them (and those
  sessions' action items), the helper assignments they asked for, the notes naming them,
  evidence links to any of it, and the PDU claims drawn from any of it;
* a PDU claim drawn from a private entry, or naming a private person as its provider;
* an evidence file attached to anything private (its name and its bytes alike).

A private person's name is replaced in every text that leaves ("someone"); under
*anonymise* every person becomes a role-free pseudonym that stays the same within one
document ("Mentor A", "PMO leader B"), and no job title is shown.

Each record kind has one SQL condition saying it is private (``RECORD_KINDS``); the
sets of left-out ids and the aggregates behind charts both use it. A new entry kind adds
one :class:`KindRule` to ``ENTRY_KINDS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from pmo_journal.core.models import EntryKind, Relationship
from pmo_journal.core.name_finder import NameFinder
from pmo_journal.core.storage.db import Journal

PERSON = "person"
ACTION_ITEM = "action_item"
CAREER_GOAL = "career_goal"
MILESTONE = "milestone"
PDU_CLAIM = "pdu_claim"
ATTACHMENT = "attachment"
SOMEONE = "someone"
PRIVATE_PEOPLE = "(SELECT p.id FROM person p WHERE p.private = 1)"


@dataclass(frozen=True)
class DisclosureChoice:
    """What the user chose for one output."""

    include_private: bool = False
    anonymise: bool = False


@dataclass(frozen=True)
class KindRule:
    """How one kind of record is stored and when it is private.

    ``private_sql`` is a condition on the record's table, written with ``{t}`` for its
    alias; ``texts`` are the record's free-text fields, scrubbed of names on the way out.
    """

    table: str
    private_sql: str
    texts: tuple[str, ...] = ()
    date_column: str | None = None
    flag_column: str | None = "private"


ENTRY_KINDS: dict[str, KindRule] = {
    EntryKind.MENTOR_SESSION.value: KindRule(
        "mentorsession",
        f"({{t}}.private = 1 OR {{t}}.mentor_id IN {PRIVATE_PEOPLE})",
        ("topics", "decisions", "takeaways"),
        "date",
    ),
    EntryKind.HELPER_ASSIGNMENT.value: KindRule(
        "helperassignment",
        f"({{t}}.private = 1 OR {{t}}.leader_id IN {PRIVATE_PEOPLE})",
        ("title", "outcome", "feedback"),
        "start_date",
    ),
    EntryKind.SKILL_REFLECTION.value: KindRule(
        "skillreflection",
        "{t}.private = 1",
        ("situation", "action", "result", "learned", "next_step"),
        "date",
    ),
    EntryKind.NOTE.value: KindRule(
        "note",
        "({t}.private = 1 OR {t}.id IN (SELECT l.note_id FROM notepersonlink l "
        f"WHERE l.person_id IN {PRIVATE_PEOPLE}))",
        ("title", "text"),
        "date",
    ),
}


def _private_ids(kind: str, alias: str) -> str:
    rule = ENTRY_KINDS[kind]
    return f"(SELECT {alias}.id FROM {rule.table} {alias} WHERE {rule.private_sql.format(t=alias)})"


def _claim_sql() -> str:
    drawn = " OR ".join(
        f"({{t}}.source_kind = '{kind}' AND {{t}}.source_id IN {_private_ids(kind, 'e')})"
        for kind in ENTRY_KINDS
    )
    named = "lower(trim({t}.provider)) IN (SELECT lower(p.name) FROM person p WHERE p.private = 1)"
    return f"({drawn} OR {named})"


RECORD_KINDS: dict[str, KindRule] = {
    **ENTRY_KINDS,
    PERSON: KindRule("person", "{t}.private = 1", ("role", "organisation", "notes")),
    ACTION_ITEM: KindRule(
        "actionitem",
        f"{{t}}.session_id IN {_private_ids(EntryKind.MENTOR_SESSION.value, 's')}",
        ("text",),
        flag_column=None,
    ),
    CAREER_GOAL: KindRule("careergoal", "{t}.private = 1", ("target_role", "why")),
    MILESTONE: KindRule(
        "milestone",
        "{t}.goal_id IN (SELECT g.id FROM careergoal g WHERE g.private = 1)",
        ("title",),
        flag_column=None,
    ),
    PDU_CLAIM: KindRule(
        "pduclaim", _claim_sql(), ("provider", "description", "evidence"), flag_column=None
    ),
}


def _attachment_sql() -> str:
    """An evidence file goes where its entry or claim goes: attached to anything private,
    it stays (the claims naming a private person are added in :func:`disclosure_for`)."""
    owners = {kind: _private_ids(kind, "e") for kind in ENTRY_KINDS}
    claim = RECORD_KINDS[PDU_CLAIM].private_sql.format(t="c")
    owners[PDU_CLAIM] = f"(SELECT c.id FROM pduclaim c WHERE {claim})"
    tests = [
        f"({{t}}.entry_kind = '{kind}' AND {{t}}.entry_id IN {ids})" for kind, ids in owners.items()
    ]
    return "(" + " OR ".join(tests) + ")"


RECORD_KINDS[ATTACHMENT] = KindRule("attachment", _attachment_sql(), ("name",), flag_column=None)


def private_sql(kind: str, alias: str) -> str:
    """The SQL condition that a ``kind`` record (table alias ``alias``) is private."""
    return RECORD_KINDS[kind].private_sql.format(t=alias)


def public_sql(kind: str, alias: str, *, include_private: bool) -> str:
    """A condition to AND into a query: the records an output may count ("1" for all)."""
    return "1" if include_private else f"NOT {private_sql(kind, alias)}"


# --------------------------------------------------------------------------- the journal's facts


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    role: str
    relationship: Relationship
    private: bool


def _people(journal: Journal) -> list[PersonFacts]:
    return [
        PersonFacts(
            int(row["id"]),
            row["name"],
            row["role"] or "",
            Relationship(row["relationship"]),
            bool(row["private"]),
        )
        for row in journal.rows("SELECT id, name, role, relationship, private FROM person")
    ]


def _hidden_ids(journal: Journal, kind: str) -> frozenset[int]:
    rule = RECORD_KINDS[kind]
    sql = f"SELECT t.id FROM {rule.table} t WHERE {private_sql(kind, 't')}"
    return frozenset(int(row["id"]) for row in journal.rows(sql))


def _flagged_ids(journal: Journal, kind: str) -> frozenset[int]:
    table = ENTRY_KINDS[kind].table
    return frozenset(
        int(r["id"]) for r in journal.rows(f"SELECT id FROM {table} WHERE private = 1")
    )


def _letters(index: int) -> str:
    """A, B, …, Z, AA, AB, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --------------------------------------------------------------------------- what is left out


def _number(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@dataclass(frozen=True)
class LeftOut:
    """What an output leaves out, counted for the sentence the dialogs show."""

    entries: int = 0
    goals: int = 0
    people: int = 0
    included: bool = False

    def _parts(self) -> list[str]:
        parts = []
        if self.entries:
            parts.append(_number(self.entries, "private entry", "private entries"))
        if self.goals:
            parts.append(_number(self.goals, "private goal", "private goals"))
        if self.people:
            people = _number(self.people, "private person", "private people")
            parts.append(f"everything about {people}")
        return parts

    def sentence(self) -> str:
        """E.g. "3 private entries and everything about 1 private person are left out."""
        parts = self._parts()
        if not parts:
            return "Nothing is marked private."
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        if self.included:
            return f"Included although private: {listed}. Read it before you share it."
        singular = len(parts) == 1 and (self.people > 0 or self.entries + self.goals == 1)
        return f"{listed[:1].upper()}{listed[1:]} {'is' if singular else 'are'} left out."


# --------------------------------------------------------------------------- the rule


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


Record = TypeVar("Record", bound=_HasId)
Model = TypeVar("Model", bound=BaseModel)


@dataclass
class Disclosure:
    """The rule for one output (one document): built by :func:`disclosure_for`."""

    choice: DisclosureChoice
    people: dict[int, PersonFacts]
    hidden: Mapping[str, frozenset[int]]
    flagged: Mapping[str, frozenset[int]] = field(default_factory=dict)
    _finder: NameFinder = field(init=False)
    _pseudonyms: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        named = [
            (p.id, p.name)
            for p in self.people.values()
            if self.choice.anonymise or self._person_hidden(p.id)
        ]
        self._finder = NameFinder(named)

    # ---------------------------------------------------------------- records
    def shows(self, kind: str, record_id: int | None) -> bool:
        """Whether the ``kind`` record ``record_id`` may leave the journal."""
        return record_id is None or record_id not in self.hidden.get(kind, frozenset())

    def keep(self, kind: str, records: Iterable[Record]) -> list[Record]:
        """The records of ``kind`` that may leave, in their order."""
        return [record for record in records if self.shows(kind, record.id)]

    def shows_link(self, kind: str | None, record_id: int | None) -> bool:
        """Whether a link to an entry (goal evidence, a claim's source) may be shown."""
        return kind is None or kind not in RECORD_KINDS or self.shows(kind, record_id)

    # ---------------------------------------------------------------- texts
    def text(self, value: str) -> str:
        """``value`` as it may be shown: hidden people's names replaced."""
        return self._finder.replace(value, self._stand_in) if value else value

    def fields(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` (a record's fields) with the kind's free texts as they may be shown."""
        out = dict(data)
        for name in RECORD_KINDS[kind].texts:
            if isinstance(out.get(name), str):
                out[name] = self.text(out[name])
        if kind == PERSON and "id" in out and self.choice.anonymise:
            out.update(name=self.person(out["id"]), role="", organisation="")
        return out

    def record(self, kind: str, model: Model) -> Model:
        """A read model of ``kind`` with its free texts as they may be shown."""
        texts = {name: getattr(model, name) for name in RECORD_KINDS[kind].texts}
        scrubbed = {name: self.text(value) for name, value in texts.items() if value}
        return model.model_copy(update=scrubbed)

    # ---------------------------------------------------------------- people
    def _person_hidden(self, person_id: int) -> bool:
        return person_id in self.hidden.get(PERSON, frozenset())

    def _stand_in(self, person_id: int) -> str:
        return SOMEONE if self._person_hidden(person_id) else self.pseudonym(person_id)

    def pseudonym(self, person_id: int) -> str:
        """The person's role-free name in this document: Mentor A, PMO leader B, …"""
        if person_id not in self._pseudonyms:
            person = self.people[person_id]
            letter = _letters(len(self._pseudonyms))
            self._pseudonyms[person_id] = f"{person.relationship.label} {letter}"
        return self._pseudonyms[person_id]

    def person(self, person_id: int | None, *, fallback: str = "") -> str:
        """How a person is named: their name, a pseudonym, or "someone" when private."""
        if person_id is None or person_id not in self.people:
            return self.text(fallback)
        if self._person_hidden(person_id):
            return SOMEONE
        if self.choice.anonymise:
            return self.pseudonym(person_id)
        return self.people[person_id].name

    def role(self, person_id: int | None) -> str:
        """A person's job title, or nothing where it could identify them."""
        person = self.people.get(person_id) if person_id is not None else None
        if person is None or self.choice.anonymise or self._person_hidden(person.id):
            return ""
        return person.role

    def mentions_hidden(self, value: str) -> bool:
        """Whether ``value`` names a person this output must not name."""
        return bool(self._finder.mentions(value)) if value else False

    def claim_warning(self, kind: str, entry_id: int) -> str:
        """What the claim editor says when a claim is pre-filled from private material."""
        if self.shows(kind, entry_id):
            return ""
        flagged = entry_id in self.flagged.get(kind, frozenset())
        what = "a private entry" if flagged else "an entry about a private person"
        return (
            f"Pre-filled from {what}: the progress report and the exports leave this claim "
            "out, and the audit pack counts its PDUs without its text, unless you include "
            "private entries."
        )

    # ---------------------------------------------------------------- PDU standing
    def standing_claims(self, claims: Iterable[Record]) -> tuple[list[Record], int]:
        """PDU standing counts every claim; only these claims' text may be shown.

        Returns the claims that may be listed and how many more are only summarised.
        """
        claims = list(claims)
        shown = self.keep(PDU_CLAIM, claims)
        return shown, len(claims) - len(shown)


def _claims_naming(journal: Journal, finder: NameFinder) -> set[int]:
    rows = journal.rows("SELECT id, provider FROM pduclaim WHERE provider != ''")
    return {int(row["id"]) for row in rows if finder.mentions(row["provider"])}


def _files_of_claims(journal: Journal, claims: frozenset[int]) -> frozenset[int]:
    rows = journal.rows("SELECT id, entry_id FROM attachment WHERE entry_kind = 'pdu_claim'")
    return frozenset(int(row["id"]) for row in rows if row["entry_id"] in claims)


def private_ids(journal: Journal, kind: str) -> frozenset[int]:
    """The ids of the ``kind`` records that are private (to mark them where included)."""
    return _hidden_ids(journal, kind)


def disclosure_for(journal: Journal, choice: DisclosureChoice) -> Disclosure:
    """The rule for one output of ``journal``, as the user chose it."""
    people = {person.id: person for person in _people(journal)}
    hidden: dict[str, frozenset[int]] = {}
    flagged: dict[str, frozenset[int]] = {}
    if not choice.include_private:
        hidden = {kind: _hidden_ids(journal, kind) for kind in RECORD_KINDS}
        private = NameFinder((p.id, p.name) for p in people.values() if p.private)
        hidden[PDU_CLAIM] = hidden[PDU_CLAIM] | _claims_naming(journal, private)
        hidden[ATTACHMENT] = hidden[ATTACHMENT] | _files_of_claims(journal, hidden[PDU_CLAIM])
        flagged = {kind: _flagged_ids(journal, kind) for kind in ENTRY_KINDS}
    return Disclosure(choice, people, hidden, flagged)


def left_out(
    journal: Journal,
    choice: DisclosureChoice,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> LeftOut:
    """What an output with ``choice`` leaves out (entries dated ``since``..``until``)."""
    dates = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }
    entries = 0
    for rule in ENTRY_KINDS.values():
        where = [f"t.{rule.flag_column} = 1", "t.deleted_at IS NULL"]
        if since is not None:
            where.append(f"t.{rule.date_column} >= :since")
        if until is not None:
            where.append(f"t.{rule.date_column} <= :until")
        sql = f"SELECT COUNT(*) AS n FROM {rule.table} t WHERE {' AND '.join(where)}"
        entries += int(journal.rows(sql, dates)[0]["n"])
    goals = journal.rows(
        "SELECT COUNT(*) AS n FROM careergoal WHERE private = 1 AND deleted_at IS NULL"
    )[0]["n"]
    people = journal.rows("SELECT COUNT(*) AS n FROM person WHERE private = 1")[0]["n"]
    return LeftOut(entries, int(goals), int(people), included=choice.include_private)
