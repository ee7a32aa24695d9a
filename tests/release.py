"""Build the next MOU release in a copy of data/, whatever the latest period in the data is.

Tests that add a period use these, so they keep passing after every real release: the
period added is the one after the latest in the copy, and the clock is set after both
that period's end and every date already in the data.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

_ISO_DAY = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _append(path: Path, values: list[object]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(values)


def latest_half(data_dir: Path) -> tuple[int, int]:
    return max((int(r["year"]), int(r["half"])) for r in _rows(data_dir / "arrivals_halfyear.csv"))


def latest_year(data_dir: Path) -> int:
    return max(int(r["last_year"]) for r in _rows(data_dir / "arrivals.csv"))


def next_half(data_dir: Path) -> tuple[int, int]:
    """The half-year after the latest period published: a half-year, or a whole year's second half."""
    year, half = max(latest_half(data_dir), (latest_year(data_dir), 2))
    return (year, 2) if half == 1 else (year + 1, 1)


def half_end(year: int, half: int) -> dt.date:
    return dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)


def latest_date_in(data_dir: Path) -> dt.date:
    """The latest full date written anywhere in the CSVs (a source's access date, an event)."""
    dates = []
    for path in data_dir.glob("*.csv"):
        for match in _ISO_DAY.finditer(path.read_text(encoding="utf-8")):
            try:
                dates.append(dt.date(*map(int, match.groups())))
            except ValueError:
                continue
    return max(dates)


def clock_after(data_dir: Path, day: dt.date) -> dt.date:
    """A 'today' no earlier than `day` and no earlier than anything the data already records."""
    return max(day, latest_date_in(data_dir))


def add_source(data_dir: Path, source_id: str, published: dt.date, accessed: dt.date) -> None:
    _append(
        data_dir / "sources.csv",
        [source_id, "Test publisher", "시험 발행처", "[Synthetic row for a test]", "https://example.org/",
         published.isoformat(), accessed.isoformat(), "en", ""],
    )  # fmt: skip


def add_next_half(data_dir: Path, male: int, female: int, note: str = "") -> tuple[int, int, dt.date]:
    """Append the half-year after the latest, with a synthetic source published the day after it
    ends; returns (year, half, a clock at which it validates)."""
    year, half = next_half(data_dir)
    published = half_end(year, half) + dt.timedelta(days=1)
    clock = clock_after(data_dir, published)
    source_id = f"TEST_H{half}_{year}"
    add_source(data_dir, source_id, published, clock)
    _append(
        data_dir / "arrivals_halfyear.csv", [year, half, male, female, male + female, "false", "false", source_id, note]
    )
    return year, half, clock


def year_figures(data_dir: Path, year: int, male: int, female: int) -> tuple[int, int]:
    """Men and women for `year` that hold the half-years of it already published, as the rules
    require: `male` and `female` more than one published half, exactly the sum of two."""
    halves = [r for r in _rows(data_dir / "arrivals_halfyear.csv") if int(r["year"]) == year]
    if len(halves) == 2:
        male, female = 0, 0
    return male + sum(int(r["male"] or 0) for r in halves), female + sum(int(r["female"] or 0) for r in halves)


def add_next_year(data_dir: Path, male: int, female: int) -> tuple[int, dt.date]:
    """Append the year after the latest in arrivals.csv, with a synthetic source published in the
    following January. Where half-years of that year are published, the year holds them, as the
    rules require (both halves: exactly their sum); returns (year, a clock at which it validates)."""
    year = latest_year(data_dir) + 1
    male, female = year_figures(data_dir, year, male, female)
    published = dt.date(year + 1, 1, 20)
    clock = clock_after(data_dir, published)
    source_id = f"TEST_{year}"
    add_source(data_dir, source_id, published, clock)
    _append(data_dir / "arrivals.csv", [year, year, year, male, female, male + female, source_id, ""])
    return year, clock


def year_not_yet_ended(data_dir: Path) -> tuple[int, dt.date]:
    """A year after the latest in arrivals.csv and a clock inside it, no earlier than any date in the data."""
    latest = latest_date_in(data_dir)
    year = max(latest_year(data_dir) + 1, latest.year)
    return year, max(latest, dt.date(year, 12, 4))
