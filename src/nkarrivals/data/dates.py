"""Partial dates (YYYY, YYYY-MM or YYYY-MM-DD) and the day 'in the future' is judged against.

The lowest layer: the loaders, the rules and the analysis all read dates through here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re

PRECISIONS = ("day", "month", "year")
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}


def today() -> dt.date:
    """The date 'in the future' is judged against; NKARRIVALS_TODAY pins it for tests."""
    pinned = os.environ.get("NKARRIVALS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def parse_partial_date(text: str) -> tuple[dt.date, str] | None:
    """'2015-05' -> (date(2015, 5, 1), 'month'); None if it is not a real date."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return None
    parts = [p for p in match.groups() if p is not None]
    year, month, day = (int(p) for p in ([*parts, "1", "1"])[:3])
    try:
        return dt.date(year, month, day), _PRECISION_OF_PARTS[len(parts)]
    except ValueError:
        return None


def _parsed(text: str) -> tuple[dt.date, str]:
    parsed = parse_partial_date(text)
    if parsed is None:
        raise ValueError(f"not a date: {text!r}")
    return parsed


def last_day(text: str) -> dt.date:
    """The last day a partial date covers: '2023-08' -> 2023-08-31."""
    start, precision = _parsed(text)
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def _fraction_of_year(day: dt.date) -> float:
    days_in_year = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days_in_year


def year_start(text: str) -> float:
    """Where the span a partial date names begins, in decimal years: '2015-05' -> 2015.33."""
    return _fraction_of_year(_parsed(text)[0])


def year_end(text: str) -> float:
    """Where the span a partial date names ends, in decimal years: '2015' -> 2016.0."""
    return _fraction_of_year(last_day(text) + dt.timedelta(days=1))


def decimal_year(text: str) -> float:
    """Middle of the span a partial date names: '2015-05' -> 2015.37."""
    start, precision = _parsed(text)
    if precision == "year":
        return start.year + 0.5
    if precision == "month":
        return start.year + (start.month - 1) / 12 + 1 / 24
    days_in_year = 366 if calendar.isleap(start.year) else 365
    return start.year + (start.timetuple().tm_yday - 0.5) / days_in_year
