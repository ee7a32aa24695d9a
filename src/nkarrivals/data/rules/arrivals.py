"""Rules of MOU's arrival counts: periods, quarters, half-years, early years and revisions, and how they add up."""

from __future__ import annotations

from collections import defaultdict

from nkarrivals.data.dates import today
from nkarrivals.data.problems import ParsedTable, Problem, Row
from nkarrivals.data.rules.common import _check_derived_explained, _check_parts_sum


def _check_arrivals(parsed: ParsedTable, problems: list[Problem]) -> None:
    _check_parts_sum(parsed, problems, optional=False)
    spans = []
    now = today()
    for row in parsed.rows:
        first, last, period = row.values["first_year"], row.values["last_year"], row.values["period"]
        if last is None:
            continue
        if last >= now.year:
            problems.append(
                Problem(
                    parsed.display,
                    f"has not ended (today is {now.isoformat()}): a year goes in once it is over; "
                    "put a published half-year in arrivals_halfyear.csv instead",
                    row.line,
                    "last_year",
                    row.raw["last_year"],
                )
            )
        if first is not None and first > last:
            problems.append(
                Problem(parsed.display, f"is after last_year {last}", row.line, "first_year", row.raw["first_year"])
            )
            continue
        if first is not None and first == last and period != str(last):
            problems.append(
                Problem(parsed.display, f"does not name its single year {last}", row.line, "period", str(period))
            )
        spans.append((last, first, row))
    spans.sort(key=lambda s: s[0])
    for position, (last, first, row) in enumerate(spans):
        if first is None and position != 0:
            problems.append(
                Problem(
                    parsed.display,
                    "is blank, but only the earliest period may be open-ended",
                    row.line,
                    "first_year",
                    "",
                )
            )
        if position == 0:
            continue
        previous_last, _, previous_row = spans[position - 1]
        start = first if first is not None else last
        if start <= previous_last:
            problems.append(
                Problem(
                    parsed.display,
                    f"period {row.values['period']} overlaps period {previous_row.values['period']} "
                    f"(line {previous_row.line})",
                    row.line,
                )
            )
        elif start > previous_last + 1:
            problems.append(Problem(parsed.display, f"gap: no period covers {previous_last + 1}–{start - 1}", row.line))


def _check_quarterly(parsed: ParsedTable, arrivals: ParsedTable | None, problems: list[Problem]) -> None:
    _check_parts_sum(parsed, problems, optional=True)
    _check_derived_explained(parsed, problems)
    now = today()
    for row in parsed.rows:
        year, quarter = row.values["year"], row.values["quarter"]
        # Compared as (year, month) rather than as a date, which ends at the year 9999.
        if year is not None and quarter is not None and (year, 3 * quarter - 2) > (now.year, now.month):
            problems.append(Problem(parsed.display, f"quarter {year} Q{quarter} has not started yet", row.line))
    if arrivals is None or not arrivals.readable:
        return
    annual = {r.values["last_year"]: r for r in arrivals.rows if r.values["first_year"] == r.values["last_year"]}
    by_year: dict[int, list[Row]] = defaultdict(list)
    for row in parsed.rows:
        if row.values["year"] is not None:
            by_year[row.values["year"]].append(row)
    for year, rows in sorted(by_year.items()):
        quarters = {r.values["quarter"] for r in rows}
        if quarters != {1, 2, 3, 4} or len(rows) != 4 or year not in annual:
            continue
        year_row = annual[year]
        for column in ("total", "male", "female"):
            parts = [r.values[column] for r in rows]
            if None in parts or year_row.values[column] is None:
                continue
            if sum(parts) != year_row.values[column]:
                problems.append(
                    Problem(
                        parsed.display,
                        f"the four quarters of {year} sum to {sum(parts)} in column '{column}', "
                        f"but {arrivals.display}:{year_row.line} gives {year_row.values[column]}",
                        max(r.line for r in rows),
                    )
                )


def _half_end(year: int, half: int) -> tuple[int, int, int]:
    """The day after a half-year ends, as (year, month, day): a tuple, not a date, because a
    broken year such as 9999 or 10**9 is past what a date can hold and must still be judged."""
    return (year, 7, 1) if half == 1 else (year + 1, 1, 1)


def _check_halfyear(
    parsed: ParsedTable, quarterly: ParsedTable | None, arrivals: ParsedTable | None, problems: list[Problem]
) -> None:
    """Men and women both or neither and summing to the total; no half before it has ended; a derived
    half says how; halves equal their two quarters and the two halves their year, in every column
    where all the figures are given."""
    _check_parts_sum(parsed, problems, optional=True)
    _check_derived_explained(parsed, problems)
    now = today()
    halves: dict[tuple[int, int], Row] = {}
    for row in parsed.rows:
        year, half = row.values["year"], row.values["half"]
        if year is None or half is None:
            continue
        if _half_end(year, half) > (now.year, now.month, now.day):
            problems.append(Problem(parsed.display, f"half-year {year} H{half} has not ended yet", row.line))
        halves[(year, half)] = row
    columns = ("total", "male", "female")
    if quarterly is not None and quarterly.readable:
        quarters = {(r.values["year"], r.values["quarter"]): r for r in quarterly.rows}
        for (year, half), row in sorted(halves.items()):
            first, second = quarters.get((year, 2 * half - 1)), quarters.get((year, 2 * half))
            if first is None or second is None:
                continue
            pair = (first, second)
            for column in columns:
                parts = [q.values[column] for q in pair]
                if None in parts or row.values[column] is None or sum(parts) == row.values[column]:
                    continue
                lines = " and ".join(str(q.line) for q in pair)
                problems.append(
                    Problem(
                        parsed.display,
                        f"does not equal the sum of its quarters in {quarterly.display} "
                        f"(lines {lines}: {parts[0]} + {parts[1]} = {sum(parts)})",
                        row.line,
                        column,
                        row.raw[column],
                    )
                )
    if arrivals is None or not arrivals.readable:
        return
    annual = {r.values["last_year"]: r for r in arrivals.rows if r.values["first_year"] == r.values["last_year"]}
    for (year, _half), row in sorted(halves.items()):
        year_row = annual.get(year)
        if year_row is None:
            continue
        for column in columns:
            part, whole = row.values[column], year_row.values[column]
            if part is not None and whole is not None and part > whole:
                problems.append(
                    Problem(
                        parsed.display,
                        f"is more than the whole year {year} in {arrivals.display}:{year_row.line} ({whole})",
                        row.line,
                        column,
                        row.raw[column],
                    )
                )
    for year in sorted({year for year, _ in halves}):
        if (year, 1) not in halves or (year, 2) not in halves or year not in annual:
            continue
        both, year_row = (halves[(year, 1)], halves[(year, 2)]), annual[year]
        for column in columns:
            parts = [h.values[column] for h in both]
            if None in parts or year_row.values[column] is None or sum(parts) == year_row.values[column]:
                continue
            problems.append(
                Problem(
                    parsed.display,
                    f"the two halves of {year} sum to {sum(parts)} in column '{column}', "
                    f"but {arrivals.display}:{year_row.line} gives {year_row.values[column]}",
                    both[1].line,
                )
            )


def _check_revisions(parsed: ParsedTable, arrivals: ParsedTable | None, problems: list[Problem]) -> None:
    if arrivals is None or not arrivals.readable:
        return
    totals = {r.values["period"]: (r.values["total"], r.line) for r in arrivals.rows}
    for row in parsed.rows:
        period, revised = row.values["period"], row.values["revised_total"]
        if period is None:
            continue
        if period not in totals:
            problems.append(
                Problem(parsed.display, f"is not a period in {arrivals.display}", row.line, "period", period)
            )
        elif revised is not None and totals[period][0] is not None and totals[period][0] != revised:
            problems.append(
                Problem(
                    parsed.display,
                    f"does not match the total in {arrivals.display}:{totals[period][1]} ({totals[period][0]})",
                    row.line,
                    "revised_total",
                    row.raw["revised_total"],
                )
            )
        if row.values["superseded_total"] is not None and row.values["superseded_total"] == revised:
            problems.append(
                Problem(
                    parsed.display,
                    "equals revised_total; that is no revision",
                    row.line,
                    "superseded_total",
                    row.raw["superseded_total"],
                )
            )


def _check_early_years(parsed: ParsedTable, arrivals: ParsedTable | None, problems: list[Problem]) -> None:
    """Men and women both or neither and summing to the total; each year lies inside one MOU bucket,
    and the years never exceed their bucket, in each column that has figures."""
    _check_parts_sum(parsed, problems, optional=True)
    if arrivals is None or not arrivals.readable:
        return
    buckets = [
        r
        for r in arrivals.rows
        if r.values["first_year"] != r.values["last_year"] and r.values["last_year"] is not None
    ]
    inside: dict[int, list[Row]] = defaultdict(list)
    for row in parsed.rows:
        year = row.values["year"]
        if year is None:
            continue
        home = next(
            (
                i
                for i, b in enumerate(buckets)
                if (b.values["first_year"] is None or b.values["first_year"] <= year) and year <= b.values["last_year"]
            ),
            None,
        )
        if home is None:
            problems.append(
                Problem(
                    parsed.display,
                    f"is not inside a multi-year period of {arrivals.display}",
                    row.line,
                    "year",
                    row.raw["year"],
                )
            )
        else:
            inside[home].append(row)
    for index, rows in inside.items():
        bucket = buckets[index]
        first = bucket.values["first_year"]
        years = {r.values["year"] for r in rows}
        # Every year of the bucket is there: counted, not listed (a bucket may be absurdly long).
        all_years = first is not None and len(years) == bucket.values["last_year"] - first + 1
        for column in ("total", "male", "female"):
            values = [r.values[column] for r in rows if r.values[column] is not None]
            whole = bucket.values[column]
            if not values or whole is None:
                continue
            total = sum(values)
            complete = all_years and len(values) == len(rows)
            if (complete and total != whole) or total > whole:
                rule = "must equal" if complete else "cannot exceed"
                label = "its total" if column == "total" else f"its {column}"
                where = "" if column == "total" else f" in column '{column}'"
                problems.append(
                    Problem(
                        parsed.display,
                        f"years in period {bucket.values['period']} sum to {total}{where}, which {rule} "
                        f"{label} {whole} ({arrivals.display}:{bucket.line})",
                        max(r.line for r in rows),
                    )
                )
