"""Review periods and the checks on a report's options."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core import clock
from pmo_journal.core.validation import JournalError
from pmo_journal.report.options import PeriodPreset, ReportOptions, months_before, preset_period


@pytest.mark.parametrize(
    ("preset", "today", "start"),
    [
        (PeriodPreset.QUARTER, dt.date(2026, 6, 30), dt.date(2026, 4, 1)),
        (PeriodPreset.QUARTER, dt.date(2026, 5, 31), dt.date(2026, 3, 1)),
        (PeriodPreset.HALF_YEAR, dt.date(2026, 8, 29), dt.date(2026, 2, 28)),
        (PeriodPreset.YEAR, dt.date(2024, 2, 29), dt.date(2023, 3, 1)),
    ],
)
def test_presets_end_today(preset: PeriodPreset, today: dt.date, start: dt.date) -> None:
    assert preset_period(preset, today=today) == (start, today)


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 2) == dt.date(2025, 11, 15)


def test_an_inverted_period_is_refused_in_words() -> None:
    with pytest.raises(JournalError, match=r"starts .* after it ends"):
        ReportOptions(start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1))


def test_a_report_is_prepared_on_the_clocks_today() -> None:
    with clock.as_of(dt.date(2031, 7, 4)):
        options = ReportOptions(start=dt.date(2031, 1, 1), end=dt.date(2031, 6, 30))
    assert options.prepared_on == dt.date(2031, 7, 4)
