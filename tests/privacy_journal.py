"""One journal with a marker word in every private place, for checking every output.

Built through the services, as a user would fill it: a private mentor and a session with
her (with an action item), a private person who led an assignment, a private session
with a public mentor, a private reflection, assignment and goal, PDU claims drawn from
private sessions (through the suggestion path) or naming a private person, goal evidence
linked to private entries, and public notes that name the private people with titles,
possessives, capitals, initials and line breaks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo_journal.core import clock
from pmo_journal.core.models import AssignmentStatus, EntryKind, EvidenceRef, Relationship
from pmo_journal.core.services import pdu_suggestions, pdus
from pmo_journal.core.services.goals import create_goal
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
PREPARED_ON = dt.date(2026, 7, 15)

# Words that appear only in private places: none may leave unless private is included.
PRIVATE_MARKERS = (
    "quillfeather",  # topics of the session with the private mentor
    "thornbury",  # its takeaways
    "marchbank",  # its action item
    "wrenfield",  # a private session with a public mentor
    "halloway",  # that session's action item
    "marlowgate",  # a private reflection
    "brackenridge",  # a private helper assignment
    "osterholm",  # an assignment led by a private person
    "halvorsen",  # a private goal
    "pennyworth",  # its milestone
    "ravenscourt",  # a PDU claim naming a private person as provider
    "Northwind",  # where the private mentor is from
)
PRIVATE_NAME_PARTS = (
    "Xenia",
    "Blackwood",
    "Quist",
    "Ingrid",
    "Lindqvist",
    "Zoë",
    "Fitzgerald",
    "Quinn",
    "Z. F.-Q.",
)
PRIVATE_ROLES = ("Outplacement coach", "Talent recruiter", "Headhunter")
PUBLIC_NAME_PARTS = ("Sarah", "Okafor", "Ellison")  # "Mark" is checked as a word
PUBLIC_ROLES = ("Head of the Enterprise PMO", "Portfolio director")
PUBLIC_MARKERS = ("Portfolio intake funnel criteria", "Quarterly portfolio metrics pack")

NAMING_NOTE = (
    "Ms Blackwood-Quist's view on XENIA's\nexit plan; Dr Lindqvist said LINDQVIST agrees, "
    "Lindqvist's notes too. Z. F.-Q. and Xenia\nBlackwood-\nQuist called. Sarah agreed; "
    "mark the date."
)


@dataclass(frozen=True)
class PrivacyJournal:
    journal: Journal
    sarah: int
    xenia: int
    cycle: int
    private_claims: int  # claims drawn from private material


def _claim_suggested(journal: Journal, cycle: int, kind: EntryKind, entry_id: int) -> None:
    suggestion = next(
        s
        for s in pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
        if (s.source_kind, s.source_id) == (kind, entry_id)
    )
    pdus.add_claim(journal, data=suggestion.claim)


def _people(journal: Journal) -> dict[str, int]:
    def person(name: str, role: str, relationship: Relationship, **extra: object) -> int:
        data = {"name": name, "role": role, "relationship": relationship, **extra}
        return create_person(journal, data=data).id

    return {
        "sarah": person("Sarah Okafor", "Head of the Enterprise PMO", Relationship.MENTOR),
        "mark": person("Mark Ellison", "Portfolio director", Relationship.PMO_LEADER),
        "xenia": person(
            "Xenia Blackwood-Quist",
            "Outplacement coach",
            Relationship.MENTOR,
            organisation="Northwind Careers",
            private=True,
        ),
        "ingrid": person("Ingrid Lindqvist", "Talent recruiter", Relationship.PEER, private=True),
        "zoe": person("Zoë Fitzgerald-Quinn", "Headhunter", Relationship.PEER, private=True),
    }


def _sessions(journal: Journal, people: dict[str, int], skill: int) -> dict[str, int]:
    def session(day: dt.date, mentor: str, **data: object) -> int:
        return log_mentor_session(
            journal, data={"date": day, "mentor_id": people[mentor], "skill_ids": [skill], **data}
        ).id

    return {
        "public": session(
            dt.date(2026, 2, 10),
            "sarah",
            topics="Portfolio intake funnel criteria",
            decisions="Mark Ellison will chair the intake board.",
            takeaways=NAMING_NOTE,
            starred=True,
            new_action_items=[{"text": "Draft the intake scorecard"}],
        ),
        "with_private_mentor": session(
            dt.date(2026, 3, 5),
            "xenia",
            topics="Leaving Northwind quillfeather",
            takeaways="thornbury severance terms",
            starred=True,
            new_action_items=[{"text": "Update the CV marchbank"}],
        ),
        "private": session(
            dt.date(2026, 4, 12),
            "sarah",
            topics="wrenfield reorganisation",
            private=True,
            new_action_items=[{"text": "Ask about halloway"}],
        ),
    }


def _entries(journal: Journal, people: dict[str, int], skill: int) -> dict[str, int]:
    def reflection(day: dt.date, result: str, **extra: object) -> int:
        data = {"date": day, "skill_id": skill, "rating": 3, "result": result, **extra}
        return log_skill_reflection(journal, data=data).id

    def assignment(title: str, day: dt.date, **extra: object) -> int:
        data = {
            "title": title,
            "start_date": day,
            "end_date": day,
            "hours": 4.0,
            "status": AssignmentStatus.DONE,
            "for_own_employer": False,
            **extra,
        }
        return log_helper_assignment(journal, data=data).id

    return {
        "private_reflection": reflection(
            dt.date(2026, 3, 20), "marlowgate offer weighed", private=True, starred=True
        ),
        "public_reflection": reflection(
            dt.date(2026, 5, 2), "Led the RAID review; Dr Lindqvist's advice helped", starred=True
        ),
        "private_assignment": assignment("brackenridge audit", dt.date(2026, 2, 1), private=True),
        "led_by_private": assignment(
            "osterholm metrics", dt.date(2026, 3, 1), leader_id=people["ingrid"]
        ),
        "public_assignment": assignment(
            "Quarterly portfolio metrics pack",
            dt.date(2026, 5, 20),
            leader_id=people["mark"],
            outcome="Mark approved it; Zoë's template was reused.",
            starred=True,
        ),
    }


def _goals(journal: Journal, sessions: dict[str, int], entries: dict[str, int]) -> None:
    # Set at the period's start: a report shows the goals as they stood at its end.
    with clock.as_of(PERIOD[0]):
        _set_goals(journal, sessions, entries)


def _set_goals(journal: Journal, sessions: dict[str, int], entries: dict[str, int]) -> None:
    create_goal(
        journal,
        data={
            "target_role": "Chief of Staff",
            "why": "halvorsen exit route",
            "private": True,
            "milestones": [{"title": "pennyworth conversation"}],
        },
    )
    create_goal(
        journal,
        data={
            "target_role": "PMO analyst",
            "why": "Grow into the PMO",
            "milestones": [{"title": "Shadow Mark at the portfolio board"}],
            "evidence": [
                EvidenceRef(kind=EntryKind.MENTOR_SESSION, id=sessions["with_private_mentor"]),
                EvidenceRef(kind=EntryKind.SKILL_REFLECTION, id=entries["private_reflection"]),
                EvidenceRef(kind=EntryKind.MENTOR_SESSION, id=sessions["public"]),
            ],
        },
    )


def _claims(journal: Journal, sessions: dict[str, int]) -> int:
    cycle = pdus.create_cycle(
        journal,
        data={"start_date": dt.date(2025, 6, 1), "end_date": dt.date(2028, 5, 31), "current": True},
    ).id
    for key in ("public", "with_private_mentor", "private"):
        _claim_suggested(journal, cycle, EntryKind.MENTOR_SESSION, sessions[key])
    manual = {
        "category": "education",
        "activity": "course_or_training",
        "hours": 2.0,
        "power_skills": 2.0,
    }
    pdus.add_claim(
        journal,
        data={
            **manual,
            "date": dt.date(2026, 3, 15),
            "provider": "Zoë Fitzgerald-Quinn",
            "description": "ravenscourt negotiation workshop",
        },
    )
    pdus.add_claim(
        journal,
        data={
            **manual,
            "date": dt.date(2026, 4, 15),
            "provider": "PMI",
            "description": "Chapter webinar on benefits realisation",
            "evidence": "Certificate PMO-4471",
        },
    )
    return cycle


def fill_privacy_journal(journal: Journal) -> PrivacyJournal:
    skill = next(s.id for s in list_skills(journal) if s.name == "Strategic thinking")
    people = _people(journal)
    sessions = _sessions(journal, people, skill)
    entries = _entries(journal, people, skill)
    _goals(journal, sessions, entries)
    cycle = _claims(journal, sessions)
    return PrivacyJournal(journal, people["sarah"], people["xenia"], cycle, private_claims=3)
