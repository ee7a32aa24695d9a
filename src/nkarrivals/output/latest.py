"""The latest MOU figures in the data, with their sources: what a journalist quotes.

``nkarrivals latest`` prints them, and ``nkarrivals validate`` ends with them. They are read
from four tables only (arrivals, half-years, quarters, sources), so the command costs little
more than loading pandas.

MOU's publishing cadence is a small table here: when it usually announces each kind of
period. It turns "the data stop at H2 2025" into what a reader needs: which period comes
next, and when MOU usually publishes it. No sentence depends on today's date, so the
notebooks that print it stay the same from day to day.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkarrivals.text import i18n

# When MOU usually announces each period (translation keys of the months), from the
# announcements the data cite: H1 2024 on 23 July 2024 (KBSWORLD_2024_07), H1 2025 in
# August 2025 (YONHAP_2025_08); the year 2023 on 18 January 2024 (SEDAILY_2024_01), 2024
# on 4 February 2025 (SEDAILY_2025), 2025 on 20 January 2026, corrected on 4 February
# (THEFACT_2026, NEWSIS_2026). The second half comes with the year.
MOU_CADENCE = {1: "cadence_july_august", 2: "cadence_january_february"}


@dataclass(frozen=True)
class Figure:
    """One published period: its figures and the source they come from."""

    period: str  # as the language writes it: "2025", "H2 2025", "Q2 2025"
    total: int
    male: int | None
    female: int | None
    derived: bool  # computed from other published figures; the note says how
    note: str
    source_id: str
    publisher: str
    published: str
    url: str


@dataclass(frozen=True)
class Latest:
    year: Figure
    half: Figure | None
    quarter: Figure | None
    cumulative: int
    cumulative_male: int | None
    cumulative_female: int | None
    cumulative_to: str  # the last period the cumulative total includes
    latest_period: str  # the latest period published: a half-year, or a year with no half-years
    next_half: str  # the half-year after the latest published
    next_half_expected: str  # when MOU usually publishes it


Record = dict[str, Any]  # a validated row: whole numbers, text or None, as its schema says


def _figure(row: Record, period: str, sources: dict[object, Record], lang: str) -> Figure:
    source = sources[row["source_id"]]
    return Figure(
        period=period,
        total=int(row["total"]),
        male=row["male"],
        female=row["female"],
        derived=bool(row.get("derived")),
        note=str(row["note"] or ""),
        source_id=str(row["source_id"]),
        publisher=str(source["publisher_ko"] if lang == "ko" else source["publisher"]),
        published=str(source["published"]),
        url=str(source["url"]),
    )


def _sum(rows: list[Record], column: str) -> int | None:
    """The column's total, or None where any row leaves it blank."""
    values = [row[column] for row in rows]
    return None if None in values else sum(values)


def latest_figures(lang: str = "en", data_dir: Path | None = None) -> Latest:
    """The latest year, half-year and quarter, and the cumulative total, from validated data.
    Read as plain rows: `nkarrivals latest` costs little more than loading pandas."""
    from nkarrivals.data import load_records

    i18n.check_language(lang)
    arrivals, halves, quarters, source_rows = load_records(
        "arrivals", "arrivals_halfyear", "arrivals_quarterly", "sources", data_dir=data_dir
    )
    sources = {row["id"]: row for row in source_rows}
    year_row = max(arrivals, key=lambda r: r["last_year"])
    last_year = int(year_row["last_year"])
    year = _figure(year_row, i18n.year_label(last_year, lang), sources, lang)
    half = quarter = None
    # The latest period covered: the latest half-year, or the latest year's second half if later.
    covered, covered_label = (last_year, 2), year.period
    if halves:
        row = max(halves, key=lambda r: (r["year"], r["half"]))
        when = (int(row["year"]), int(row["half"]))
        half = _figure(row, i18n.half_label(*when, lang), sources, lang)
        if when >= covered:
            covered, covered_label = when, half.period
    next_year, next_half = (covered[0], 2) if covered[1] == 1 else (covered[0] + 1, 1)
    if quarters:
        row = max(quarters, key=lambda r: (r["year"], r["quarter"]))
        quarter = _figure(row, i18n.quarter_label(int(row["year"]), int(row["quarter"]), lang), sources, lang)
    # Half-years published after the latest year add to MOU's cumulative count.
    later = [row for row in halves if row["year"] > last_year]
    parts = arrivals + later
    male, female = _sum(parts, "male"), _sum(parts, "female")
    split = male is not None and female is not None
    return Latest(
        year=year,
        half=half,
        quarter=quarter,
        cumulative=sum(row["total"] for row in parts),  # a total is required in every row
        cumulative_male=male if split else None,
        cumulative_female=female if split else None,
        cumulative_to=half.period if later and half is not None else year.period,
        latest_period=covered_label,
        next_half=i18n.half_label(next_year, next_half, lang),
        next_half_expected=i18n.text(MOU_CADENCE[next_half], lang),
    )


def by_sex(total: int, male: int | None, female: int | None, lang: str) -> str:
    """'223 (25 men, 198 women)', or '223' where the split is not published."""
    if male is None or female is None:
        return i18n.count(total, lang)
    return i18n.text("latest_by_sex", lang, total=i18n.count(total, lang), male=i18n.count(male, lang),
                     female=i18n.count(female, lang))  # fmt: skip


def next_release(latest: Latest, lang: str) -> str:
    """'The latest period published is H2 2025; MOU usually publishes H1 2026 in July or August.'"""
    return i18n.text(
        "latest_next_half", lang, last=latest.latest_period, next=latest.next_half, expected=latest.next_half_expected
    )


def summary(latest: Latest, lang: str) -> str:
    """The figures, one per line, each followed by its source."""
    lines = [i18n.text("latest_heading", lang)]
    for kind, figure in (
        ("latest_year", latest.year),
        ("latest_half", latest.half),
        ("latest_quarter", latest.quarter),
    ):
        if figure is None:
            continue
        derived = i18n.text("latest_derived", lang) if figure.derived else ""
        lines.append(
            i18n.text(kind, lang, period=figure.period, figures=by_sex(figure.total, figure.male, figure.female, lang))
            + derived
        )
        lines.append(
            i18n.text("latest_source", lang, publisher=figure.publisher, published=figure.published, url=figure.url)
        )
    cumulative = by_sex(latest.cumulative, latest.cumulative_male, latest.cumulative_female, lang)
    lines.append(i18n.text("latest_cumulative", lang, period=latest.cumulative_to, figures=cumulative))
    lines.append(next_release(latest, lang))
    return "\n".join(lines)
