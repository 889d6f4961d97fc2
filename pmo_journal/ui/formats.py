"""How every list, card and pane shows a date or a number — the locale's medium date
("2 Dec 2026", "Dec 2, 2026") and the locale's numbers, with thousands separators — and
the one wording of what Private means."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

NO_DATE = "—"
#: What Private means, in one sentence beside every Private box and in tooltips; the report,
#: prep sheet and export dialogs offer "Include private entries".
PRIVATE_MEANS = "Left out of reports and exports unless you include private entries."
# What a machine set to no locale at all ("C", "POSIX") reads: English with separators.
PLAIN_FALLBACK = "en_GB"


def _locale() -> QLocale:
    locale = QLocale()
    return QLocale(PLAIN_FALLBACK) if locale.language() == QLocale.Language.C else locale


@cache
def _medium_pattern(locale_name: str) -> str:
    """The locale's long date without the weekday, its month abbreviated: Qt has only a
    long and a short format, and the short one's two-digit year reads ambiguously."""
    long_format = QLocale(locale_name).dateFormat(QLocale.FormatType.LongFormat)
    without_weekday = re.sub(r"d{4}[,.\s]*", "", long_format).strip(" ,")
    return without_weekday.replace("MMMM", "MMM")


def show_date(value: dt.date | None, *, empty: str = NO_DATE) -> str:
    """A date in the locale's medium form, or ``empty``."""
    if value is None:
        return empty
    locale = _locale()
    return locale.toString(
        QDate(value.year, value.month, value.day), _medium_pattern(locale.name())
    )


def show_datetime(value: dt.datetime) -> str:
    """A moment (say, when a backup was taken): the medium date and the locale's short time."""
    local = value.astimezone() if value.tzinfo else value
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    time = _locale().toString(moment.time(), QLocale.FormatType.ShortFormat)
    return f"{show_date(local.date())} {time}"


def show_number(value: int) -> str:
    """A whole number with the locale's thousands separators ("25,000")."""
    return _locale().toString(value)


def show_decimal(value: float, *, places: int = 2) -> str:
    """A number with the locale's separators and at most ``places`` decimals, none trailing:
    1250 -> "1,250", 7.5 -> "7.5" ("1.250" and "7,5" in German)."""
    locale = _locale()
    text = locale.toString(float(value), "f", places)
    point = locale.decimalPoint()
    if point in text:
        text = text.rstrip("0").removesuffix(point)
    return text


def date_edit_format() -> str:
    """How a date field shows its date: the locale's medium date, as every list shows it
    (the field takes the month typed by name or by number)."""
    return _medium_pattern(_locale().name())


def show_day_month(value: dt.date) -> str:
    """A date in the locale's medium form without its year: "2 Dec", "Dec 2", "2. Dez."."""
    locale = _locale()
    # The year with what joins it: "d MMM yyyy", "MMM d, yyyy", "yyyy年M月d日", "yyyy. MMM d.".
    pattern = re.sub(r"[,.\s/-]*y+[.年년]?\s*", "", _medium_pattern(locale.name())).strip(" ,")
    return locale.toString(QDate(value.year, value.month, value.day), pattern)
