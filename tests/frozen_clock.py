"""The day that tests counting days from "today" take as today (see ``frozen_today``)."""

from __future__ import annotations

import datetime as dt

FROZEN_TODAY = dt.date(2026, 6, 15)
