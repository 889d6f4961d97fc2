"""PMP renewal ledger: certification cycles, PDU claims and the cycle's summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from pmo_journal.core import clock
from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import (
    CertificationCycle,
    CertificationCycleCreate,
    CertificationCycleRead,
    EntryKind,
    HelperAssignment,
    MentorSession,
    Note,
    PduCategory,
    PduClaim,
    PduClaimCreate,
    PduClaimRead,
    PduClaimUpdate,
    utcnow,
)
from pmo_journal.core.pdus import rules as pdu_rules
from pmo_journal.core.pdus.rules import Claim, Cycle, LedgerSummary, Pace, PduRules, date_words
from pmo_journal.core.services.attachments import PDU_CLAIM, names_by_entry
from pmo_journal.core.services.rows import get_row
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError, validated

# --------------------------------------------------------------------------- cycles


def _cycle_read(session: Session, row: CertificationCycle) -> CertificationCycleRead:
    assert row.id is not None
    count = session.exec(
        select(func.count())
        .select_from(PduClaim)
        .where(PduClaim.deleted_at == None)  # noqa: E711
        .where(col(PduClaim.date) >= row.start_date, col(PduClaim.date) <= row.end_date)
    ).one()
    return CertificationCycleRead(
        id=row.id,
        uuid=row.uuid,
        certification=row.certification,
        start_date=row.start_date,
        end_date=row.end_date,
        current=row.current,
        claim_count=int(count),
    )


def _get_cycle(session: Session, cycle_id: int) -> CertificationCycle:
    return get_row(session, CertificationCycle, cycle_id, noun="certification cycle")


def _active_claims(session: Session) -> list[PduClaim]:
    return list(
        session.exec(
            select(PduClaim)
            .where(PduClaim.deleted_at == None)  # noqa: E711
            .order_by(col(PduClaim.date), col(PduClaim.id))
        )
    )


def _check_cycle(
    session: Session, data: CertificationCycleCreate, *, cycle_id: int | None, rules: PduRules
) -> None:
    latest_end = rules.default_cycle_end(data.start_date)
    if data.end_date > latest_end:
        raise EntryInvalid(
            {
                "end_date": f"A {rules.certification} cycle lasts {rules.cycle_years} years: "
                f"starting on {date_words(data.start_date)} it ends on "
                f"{date_words(latest_end)} at the latest."
            }
        )
    for other in session.exec(select(CertificationCycle)):
        if other.id != cycle_id and (
            other.start_date <= data.end_date and data.start_date <= other.end_date
        ):
            raise EntryInvalid(
                {
                    "start_date": f"This cycle overlaps the cycle from "
                    f"{date_words(other.start_date)} to {date_words(other.end_date)}."
                }
            )
    if cycle_id is not None:
        old = _get_cycle(session, cycle_id)
        stranded = [
            c
            for c in _active_claims(session)
            if old.start_date <= c.date <= old.end_date
            and not data.start_date <= c.date <= data.end_date
        ]
        if stranded:
            raise EntryInvalid(
                {
                    "start_date": f"{len(stranded)} claims (the first on "
                    f"{date_words(stranded[0].date)}) would fall outside the new dates; "
                    "move or delete them first."
                }
            )


def _make_current(session: Session, cycle_id: int) -> None:
    for row in session.exec(select(CertificationCycle)):
        row.current = row.id == cycle_id
        session.add(row)


def create_cycle(
    journal: Journal, *, data: CertificationCycleCreate | dict[str, object]
) -> CertificationCycleRead:
    """Add a cycle; the first cycle, or one marked current, becomes the current one."""
    checked = validated(CertificationCycleCreate, data)
    rules = pdu_rules.load_rules()
    with journal.session() as session:
        _check_cycle(session, checked, cycle_id=None, rules=rules)
        first = session.exec(select(func.count()).select_from(CertificationCycle)).one() == 0
        row = CertificationCycle(
            certification=checked.certification,
            start_date=checked.start_date,
            end_date=checked.end_date,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        if checked.current or first:
            _make_current(session, row.id)
        session.flush()
        return _cycle_read(session, row)


def update_cycle(
    journal: Journal, cycle_id: int, *, data: CertificationCycleCreate | dict[str, object]
) -> CertificationCycleRead:
    checked = validated(CertificationCycleCreate, data)
    rules = pdu_rules.load_rules()
    with journal.session() as session:
        row = _get_cycle(session, cycle_id)
        _check_cycle(session, checked, cycle_id=cycle_id, rules=rules)
        row.certification = checked.certification
        row.start_date = checked.start_date
        row.end_date = checked.end_date
        row.updated_at = utcnow()
        session.add(row)
        if checked.current:
            _make_current(session, cycle_id)
        session.flush()
        return _cycle_read(session, row)


def delete_cycle(journal: Journal, cycle_id: int) -> None:
    """Delete a cycle that holds no claims."""
    with journal.session() as session:
        row = _get_cycle(session, cycle_id)
        used = _cycle_read(session, row).claim_count
        if used:
            raise JournalError(
                f"The cycle from {date_words(row.start_date)} holds {used} claims, so it can't be "
                "deleted; delete or move the claims first."
            )
        was_current = row.current
        session.delete(row)
        session.flush()
        if was_current:
            latest = session.exec(
                select(CertificationCycle).order_by(col(CertificationCycle.start_date).desc())
            ).first()
            if latest is not None and latest.id is not None:
                _make_current(session, latest.id)


def list_cycles(journal: Journal) -> list[CertificationCycleRead]:
    """All cycles, newest first."""
    with journal.session() as session:
        rows = session.exec(
            select(CertificationCycle).order_by(col(CertificationCycle.start_date).desc())
        ).all()
        return [_cycle_read(session, row) for row in rows]


def get_cycle(journal: Journal, cycle_id: int) -> CertificationCycleRead:
    with journal.session() as session:
        return _cycle_read(session, _get_cycle(session, cycle_id))


def current_cycle(journal: Journal) -> CertificationCycleRead | None:
    with journal.session() as session:
        row = session.exec(
            select(CertificationCycle).where(CertificationCycle.current == True)  # noqa: E712
        ).first()
        return _cycle_read(session, row) if row is not None else None


def set_current_cycle(journal: Journal, cycle_id: int) -> CertificationCycleRead:
    with journal.session() as session:
        row = _get_cycle(session, cycle_id)
        assert row.id is not None
        _make_current(session, row.id)
        session.flush()
        return _cycle_read(session, row)


def find_cycle(journal: Journal, *, start: dt.date | None) -> CertificationCycleRead:
    """The cycle starting on ``start`` (or containing it); the current cycle for ``None``."""
    cycles = list_cycles(journal)
    if not cycles:
        raise JournalError("There is no certification cycle yet; add one in the PDU ledger.")
    if start is None:
        current = next((c for c in cycles if c.current), None)
        if current is None:
            raise JournalError("No cycle is marked current; name one with --cycle START.")
        return current
    for cycle in cycles:
        if cycle.start_date == start:
            return cycle
    for cycle in cycles:
        if cycle.start_date <= start <= cycle.end_date:
            return cycle
    starts = ", ".join(c.start_date.isoformat() for c in cycles)
    raise JournalError(f"No cycle starts on {start.isoformat()}; cycles start on: {starts}.")


# --------------------------------------------------------------------------- claims


def _claim_read(row: PduClaim, rules: PduRules) -> PduClaimRead:
    assert row.id is not None
    hours = row.ways_of_working + row.power_skills + row.business_acumen + row.giving_back_hours
    return PduClaimRead(
        id=row.id,
        uuid=row.uuid,
        date=row.date,
        category=PduCategory(row.category),
        activity=row.activity,
        activity_label=rules.activity_label(row.activity),
        hours=hours,
        ways_of_working=row.ways_of_working,
        power_skills=row.power_skills,
        business_acumen=row.business_acumen,
        provider=row.provider,
        description=row.description,
        evidence=row.evidence,
        source_kind=EntryKind(row.source_kind) if row.source_kind else None,
        source_id=row.source_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def check_claim(data: PduClaimCreate | dict[str, object]) -> dict[str, str]:
    """Every problem of a claim (field -> sentence), without touching the journal."""
    try:
        checked = validated(PduClaimCreate, data)
    except EntryInvalid as exc:
        return exc.problems
    return pdu_rules.claim_problems(
        category=checked.category,
        activity=checked.activity,
        hours=checked.hours,
        split={
            pdu_rules.WAYS_OF_WORKING: checked.ways_of_working,
            pdu_rules.POWER_SKILLS: checked.power_skills,
            pdu_rules.BUSINESS_ACUMEN: checked.business_acumen,
        },
        rules=pdu_rules.load_rules(),
    )


def _source_exists(session: Session, kind: EntryKind, entry_id: int) -> bool:
    row: MentorSession | HelperAssignment | Note | None
    if kind == EntryKind.MENTOR_SESSION:
        row = session.get(MentorSession, entry_id)
    elif kind == EntryKind.HELPER_ASSIGNMENT:
        row = session.get(HelperAssignment, entry_id)
    elif kind == EntryKind.NOTE:
        row = session.get(Note, entry_id)
    else:
        return False
    return row is not None and row.deleted_at is None


def _check_claim_in_journal(session: Session, data: PduClaimCreate, row: PduClaim | None) -> None:
    if not any(
        c.start_date <= data.date <= c.end_date for c in session.exec(select(CertificationCycle))
    ):
        raise EntryInvalid(
            {
                "date": f"No certification cycle covers {date_words(data.date)}; "
                "add that cycle first."
            }
        )
    if data.source_kind is None or data.source_id is None:
        return
    unchanged = row is not None and (row.source_kind, row.source_id) == (
        data.source_kind.value,
        data.source_id,
    )
    # A claim keeps its link when its entry is deleted later: the PDUs were still earned.
    if not unchanged and not _source_exists(session, data.source_kind, data.source_id):
        raise EntryInvalid({"source_id": "The linked journal entry no longer exists."})
    twin = session.exec(
        select(PduClaim)
        .where(PduClaim.deleted_at == None)  # noqa: E711
        .where(PduClaim.source_kind == data.source_kind.value)
        .where(PduClaim.source_id == data.source_id)
    ).first()
    if twin is not None and (row is None or twin.id != row.id):
        raise EntryInvalid(
            {
                "source_id": f"This {data.source_kind.label.lower()} is already claimed "
                f"(claim of {date_words(twin.date)})."
            }
        )


def _validated_claim(data: PduClaimCreate | dict[str, object]) -> PduClaimCreate:
    checked = validated(PduClaimCreate, data)
    problems = check_claim(checked)
    if problems:
        raise EntryInvalid(problems)
    return checked


def _fill(row: PduClaim, data: PduClaimCreate) -> None:
    education = data.category == PduCategory.EDUCATION
    row.date = data.date
    row.category = data.category
    row.activity = data.activity
    row.provider = data.provider
    row.description = data.description
    row.evidence = data.evidence
    row.ways_of_working = data.ways_of_working if education else 0.0
    row.power_skills = data.power_skills if education else 0.0
    row.business_acumen = data.business_acumen if education else 0.0
    row.giving_back_hours = 0.0 if education else data.hours
    row.source_kind = data.source_kind.value if data.source_kind else None
    row.source_id = data.source_id


def add_claim(journal: Journal, *, data: PduClaimCreate | dict[str, object]) -> PduClaimRead:
    checked = _validated_claim(data)
    with journal.session() as session:
        _check_claim_in_journal(session, checked, None)
        row = PduClaim(date=checked.date, category=checked.category, activity=checked.activity)
        _fill(row, checked)
        session.add(row)
        session.flush()
        return _claim_read(row, pdu_rules.load_rules())


def _get_claim(session: Session, claim_id: int) -> PduClaim:
    return get_row(session, PduClaim, claim_id, noun="PDU claim", deleted=False)


def update_claim(
    journal: Journal, claim_id: int, *, data: PduClaimCreate | dict[str, object]
) -> PduClaimRead:
    checked = PduClaimUpdate.model_validate(_validated_claim(data).model_dump())
    with journal.session() as session:
        row = _get_claim(session, claim_id)
        _check_claim_in_journal(session, checked, row)
        _fill(row, checked)
        row.updated_at = utcnow()
        session.add(row)
        session.flush()
        return _claim_read(row, pdu_rules.load_rules())


def delete_claim(journal: Journal, claim_id: int) -> None:
    """Delete a claim (kept out of every total; its journal entry can be suggested again)."""
    with journal.session() as session:
        row = _get_claim(session, claim_id)
        row.deleted_at = utcnow()
        session.add(row)


def get_claim(journal: Journal, claim_id: int) -> PduClaimRead:
    with journal.session() as session:
        return _claim_read(_get_claim(session, claim_id), pdu_rules.load_rules())


def list_claims(journal: Journal, *, cycle_id: int) -> list[PduClaimRead]:
    """The cycle's claims in date order (both cycle ends included)."""
    rules = pdu_rules.load_rules()
    with journal.session() as session:
        cycle = _get_cycle(session, cycle_id)
        files = names_by_entry(session, PDU_CLAIM)
        return [
            _claim_read(row, rules).model_copy(update={"file_names": files.get(row.id or 0, [])})
            for row in _active_claims(session)
            if cycle.start_date <= row.date <= cycle.end_date
        ]


# --------------------------------------------------------------------------- the cycle at a glance


@dataclass(frozen=True)
class CycleLedger:
    """Everything the PDU screen, the CLI and the audit pack show about one cycle."""

    cycle: CertificationCycleRead
    claims: list[PduClaimRead]
    summary: LedgerSummary
    pace: Pace

    @property
    def rules(self) -> PduRules:
        return self.summary.rules


def as_rule_claim(claim: PduClaimRead) -> Claim:
    giving_back = claim.hours if claim.category == PduCategory.GIVING_BACK else 0.0
    return Claim(
        id=claim.id,
        date=claim.date,
        category=claim.category,
        activity=claim.activity,
        ways_of_working=claim.ways_of_working,
        power_skills=claim.power_skills,
        business_acumen=claim.business_acumen,
        giving_back=giving_back,
    )


def cycle_ledger(
    journal: Journal,
    *,
    cycle_id: int,
    today: dt.date | None = None,
    up_to: dt.date | None = None,
) -> CycleLedger:
    """A cycle's claims, totals with caps applied, what is still needed and the pace.

    With ``up_to``, the standing as it was on that day: only claims dated up to it count,
    and the pace is judged on it.
    """
    rules = pdu_rules.load_rules()
    cycle = get_cycle(journal, cycle_id)
    claims = list_claims(journal, cycle_id=cycle_id)
    if up_to is not None:
        claims = [claim for claim in claims if claim.date <= up_to]
        today = up_to
    span = Cycle(cycle.start_date, cycle.end_date)
    rule_claims = [as_rule_claim(c) for c in claims]
    summary = pdu_rules.summarise(rule_claims, span, rules=rules)
    done_on = pdu_rules.completion_date(rule_claims, span, rules=rules)
    pace = pdu_rules.pace(summary, today=today or clock.today(), completed_on=done_on)
    return CycleLedger(cycle=cycle, claims=claims, summary=summary, pace=pace)


# --------------------------------------------------------------------------- use cases


def save_cycle(
    journal: Journal, *, cycle_id: int | None, data: CertificationCycleCreate
) -> Outcome[CertificationCycleRead]:
    """Add a certification cycle (``cycle_id`` None) or save the edits to one."""
    if cycle_id is None:
        saved = create_cycle(journal, data=data)
    else:
        saved = update_cycle(journal, cycle_id, data=data)
    return Outcome(saved, Changes(claims=True))


def make_cycle_current(journal: Journal, *, cycle_id: int) -> Outcome[CertificationCycleRead]:
    return Outcome(set_current_cycle(journal, cycle_id), Changes(claims=True))


def save_claim(
    journal: Journal, *, claim_id: int | None, data: PduClaimCreate
) -> Outcome[PduClaimRead]:
    """Add a PDU claim (``claim_id`` None) or save the edits to one."""
    if claim_id is None:
        saved = add_claim(journal, data=data)
    else:
        saved = update_claim(journal, claim_id, data=data)
    return Outcome(saved, Changes(claims=True))


def remove_claim(journal: Journal, *, claim_id: int) -> Changes:
    delete_claim(journal, claim_id)
    return Changes(claims=True)
