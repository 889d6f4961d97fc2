"""The one clock: nothing else reads the date, and setting it moves every reader together."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core import clock
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid

PACKAGE = Path(__file__).resolve().parents[2] / "pmo_journal"
CLOCK = PACKAGE / "core" / "clock.py"
# What reads the machine's clock, by its last two names: called, or handed on uncalled
# (``default_factory=dt.date.today``).
READS_THE_CLOCK = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("time", "time"),
    ("time", "time_ns"),
}


def _clock_reads(source: str) -> list[int]:
    """The lines of ``source`` that ask the machine for the date or time themselves."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (name, node.attr) in READS_THE_CLOCK:
            lines.append(node.lineno)
    return sorted(lines)


def test_only_the_clock_module_reads_the_date_or_the_time() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != CLOCK
        for line in _clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "ask pmo_journal.core.clock for today or now instead"


def test_the_check_sees_every_way_of_asking() -> None:
    asking = (
        "import datetime as dt\nfrom datetime import date, datetime\n"
        "dt.date.today()\ndate.today()\ndt.datetime.now(dt.UTC)\ndatetime.today()\n"
        "datetime.datetime.utcnow()\nQDate.currentDate()\ntime.time()\nclock.today()\n"
        "self.date.text()\ntime.monotonic()\nfield(default_factory=dt.date.today)\n"
        "today: Callable[[], dt.date] = dt.date.today\nclock.today\n"
    )
    assert _clock_reads(asking) == [3, 4, 5, 6, 7, 8, 9, 13, 14]
    assert _clock_reads(CLOCK.read_text(encoding="utf-8"))


def test_a_set_clock_gives_that_day_and_runs_on() -> None:
    with clock.as_of(dt.date(2024, 2, 29)) as day:
        first = clock.now()
        second = clock.now()
        assert day == clock.today() == dt.date(2024, 2, 29)
        assert first.hour == 12 and first <= second
        assert abs(clock.utcnow() - clock.now().astimezone(dt.UTC)) < dt.timedelta(seconds=5)
        with clock.as_of(dt.datetime(2030, 1, 1, 23, 59)):
            assert clock.today() == dt.date(2030, 1, 1)
        assert clock.today() == dt.date(2024, 2, 29)


def test_backups_and_validation_follow_the_clock(journal: Journal) -> None:
    skill = list_skills(journal)[0].id
    day = dt.date(2031, 5, 4)
    with clock.as_of(day):
        assert "-20310504-" in backup.backup_journal(journal.path, reason="manual").name
        log_skill_reflection(
            journal, data={"date": day, "skill_id": skill, "rating": 3, "situation": "x"}
        )
    with clock.as_of(day - dt.timedelta(days=1)), pytest.raises(EntryInvalid, match="future"):
        log_skill_reflection(
            journal, data={"date": day, "skill_id": skill, "rating": 3, "situation": "x"}
        )
