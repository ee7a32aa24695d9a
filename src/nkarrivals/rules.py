"""Rules across rows and tables: sums, periods, reconciliations, conversions.

Each rule appends the Problems it finds and never raises, so one run lists them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from nkarrivals.dates import parse_partial_date, today, year_end, year_start
from nkarrivals.problems import ParsedTable, Problem, Row
from nkarrivals.schema import (
    CPI_SERIES,
    ONGOING,
    PARTIAL,
    PROFILE_CATEGORIES,
    PROFILE_GROUPS,
    PROFILE_TOTAL,
    PUBLISHED_ERROR,
    RATE_SERIES,
    profile_vocabulary,
)


def _check_primary_key(parsed: ParsedTable, problems: list[Problem]) -> None:
    key = parsed.table.primary_key
    if not key:
        return
    first_seen: dict[tuple, int] = {}
    for row in parsed.rows:
        value = tuple(row.raw[k] for k in key)
        if value in first_seen:
            shown = ", ".join(f"{k}={v}" for k, v in zip(key, value, strict=True))
            problems.append(Problem(parsed.display, f"duplicate {shown}; first on line {first_seen[value]}", row.line))
        else:
            first_seen[value] = row.line


def _check_foreign_keys(parsed: ParsedTable, source_ids: set[str] | None, problems: list[Problem]) -> None:
    if source_ids is None:
        return
    for fk in parsed.table.foreign_keys:
        for row in parsed.rows:
            value = row.values.get(fk.column)
            if value is not None and value not in source_ids:
                problems.append(Problem(parsed.display, f"is not an id in {fk.table}.csv", row.line, fk.column, str(value)))


def _check_parts_sum(parsed: ParsedTable, problems: list[Problem], *, optional: bool) -> None:
    for row in parsed.rows:
        male, female, total = (row.values[c] for c in ("male", "female", "total"))
        if optional and (male is None) != (female is None):
            problems.append(Problem(parsed.display, "male and female must both be given or both be blank", row.line))
            continue
        if None in (male, female, total):
            continue
        if male + female != total:
            problems.append(Problem(
                parsed.display, f"does not equal male + female ({male} + {female} = {male + female})",
                row.line, "total", row.raw["total"]))


def _check_arrivals(parsed: ParsedTable, problems: list[Problem]) -> None:
    _check_parts_sum(parsed, problems, optional=False)
    spans = []
    for row in parsed.rows:
        first, last, period = row.values["first_year"], row.values["last_year"], row.values["period"]
        if last is None:
            continue
        if last > today().year:
            problems.append(Problem(parsed.display, "is in the future", row.line, "last_year", row.raw["last_year"]))
        if first is not None and first > last:
            problems.append(Problem(parsed.display, f"is after last_year {last}", row.line, "first_year", row.raw["first_year"]))
            continue
        if first is not None and first == last and period != str(last):
            problems.append(Problem(parsed.display, f"does not name its single year {last}", row.line, "period", str(period)))
        spans.append((last, first, row))
    spans.sort(key=lambda s: s[0])
    for position, (last, first, row) in enumerate(spans):
        if first is None and position != 0:
            problems.append(Problem(parsed.display, "is blank, but only the earliest period may be open-ended", row.line, "first_year", ""))
        if position == 0:
            continue
        previous_last, _, previous_row = spans[position - 1]
        start = first if first is not None else last
        if start <= previous_last:
            problems.append(Problem(parsed.display, f"period {row.values['period']} overlaps period {previous_row.values['period']} (line {previous_row.line})", row.line))
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
                problems.append(Problem(
                    parsed.display,
                    f"the four quarters of {year} sum to {sum(parts)} in column '{column}', "
                    f"but {arrivals.display}:{year_row.line} gives {year_row.values[column]}",
                    max(r.line for r in rows)))


def _check_derived_explained(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        if row.values["derived"] and row.values["note"] is None:
            problems.append(Problem(parsed.display, "is empty, but derived is true: say which value was computed "
                                    "and how", row.line, "note", ""))


def _half_end(year: int, half: int) -> dt.date:
    """The day after a half-year ends."""
    return dt.date(year, 7, 1) if half == 1 else dt.date(year + 1, 1, 1)


def _check_halfyear(parsed: ParsedTable, quarterly: ParsedTable | None, arrivals: ParsedTable | None,
                    problems: list[Problem]) -> None:
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
        if _half_end(year, half) > now:
            problems.append(Problem(parsed.display, f"half-year {year} H{half} has not ended yet", row.line))
        halves[(year, half)] = row
    columns = ("total", "male", "female")
    if quarterly is not None and quarterly.readable:
        quarters = {(r.values["year"], r.values["quarter"]): r for r in quarterly.rows}
        for (year, half), row in sorted(halves.items()):
            pair = [quarters.get((year, 2 * half - 1)), quarters.get((year, 2 * half))]
            if None in pair:
                continue
            for column in columns:
                parts = [q.values[column] for q in pair]  # type: ignore[union-attr]
                if None in parts or row.values[column] is None or sum(parts) == row.values[column]:
                    continue
                lines = " and ".join(str(q.line) for q in pair)  # type: ignore[union-attr]
                problems.append(Problem(
                    parsed.display, f"does not equal the sum of its quarters in {quarterly.display} "
                    f"(lines {lines}: {parts[0]} + {parts[1]} = {sum(parts)})", row.line, column, row.raw[column]))
    if arrivals is None or not arrivals.readable:
        return
    annual = {r.values["last_year"]: r for r in arrivals.rows if r.values["first_year"] == r.values["last_year"]}
    for year in sorted({year for year, _ in halves}):
        if (year, 1) not in halves or (year, 2) not in halves or year not in annual:
            continue
        pair, year_row = (halves[(year, 1)], halves[(year, 2)]), annual[year]
        for column in columns:
            parts = [h.values[column] for h in pair]
            if None in parts or year_row.values[column] is None or sum(parts) == year_row.values[column]:
                continue
            problems.append(Problem(
                parsed.display, f"the two halves of {year} sum to {sum(parts)} in column '{column}', "
                f"but {arrivals.display}:{year_row.line} gives {year_row.values[column]}", pair[1].line))


def _rates_lookup(rates: ParsedTable | None) -> dict[tuple[int, str], float] | None:
    if rates is None or not rates.readable:
        return None
    return {(r.values["year"], r.values["series"]): r.values["value"] for r in rates.rows}


def _check_broker_fees(parsed: ParsedTable, rates: ParsedTable | None, problems: list[Problem]) -> None:
    lookup = _rates_lookup(rates)
    for row in parsed.rows:
        v = row.values

        def add(message: str, column: str | None = None, row: Row = row) -> None:
            value = None if column is None else row.raw[column]
            problems.append(Problem(parsed.display, message, row.line, column, value))

        if v["low"] is None and v["high"] is None and row.raw["low"] == row.raw["high"] == "":
            add("low and high are both blank; a report needs at least one amount")
        for low, high in (("low", "high"), ("low_usd", "high_usd")):
            if v[low] is not None and v[high] is not None and v[low] > v[high]:
                add(f"is greater than {high} ({row.raw[high]})", low)
        start, end = v["period_start"], v["period_end"]
        if (row.raw["period_start"] == "") != (row.raw["period_end"] == ""):
            add("period_start and period_end must both be given or both be blank")
        elif start is not None and end is not None:
            if start > end:
                add(f"is after period_end {end}", "period_start")
            reported = parse_partial_date(row.raw["reported_on"]) if v["reported_on"] else None
            if reported and end > reported[0].year:
                add(f"is after the year the figure was reported ({reported[0].year})", "period_end")
            if lookup is not None and (end, CPI_SERIES) not in lookup:
                add(f"has no {CPI_SERIES} in rates.csv; constant dollars need the US CPI-U of period_end",
                    "period_end")
        found: list[Problem] = []
        _check_usd(row, parsed.display, lookup, found)
        problems.extend(dict.fromkeys(found))  # a row-wide rule that both amounts break is reported once


def _check_usd(row: Row, display: str, lookup: dict | None, problems: list[Problem]) -> None:
    v = row.values
    currency, basis = v["currency"], v["usd_basis"]
    if currency is None or basis is None:
        return
    for amount, usd in (("low", "low_usd"), ("high", "high_usd")):
        if (row.raw[amount] == "") != (row.raw[usd] == ""):
            problems.append(Problem(display, f"{usd} must be given exactly when {amount} is", row.line, usd, row.raw[usd]))
            continue
        if v[amount] is None or v[usd] is None:
            continue
        if currency == "USD":
            if basis != "source":
                problems.append(Problem(display, "must be 'source' for amounts already in USD", row.line, "usd_basis", basis))
            elif v[usd] != v[amount]:
                problems.append(Problem(display, f"must equal {amount} ({row.raw[amount]}) for amounts in USD", row.line, usd, row.raw[usd]))
        elif basis == "converted":
            year = v["period_end"]
            if year is None:
                problems.append(Problem(display, "needs period_end: conversion uses that year's rate", row.line, "usd_basis", basis))
                continue
            if lookup is None:
                continue
            series = RATE_SERIES[currency]
            rate = lookup.get((year, series))
            if rate is None:
                problems.append(Problem(display, f"no {series} rate for {year} in rates.csv", row.line, usd, row.raw[usd]))
                continue
            if rate == 0:
                continue  # reported on its line of rates.csv
            expected = round(v[amount] / rate, 2)
            if abs(v[usd] - expected) > 0.005:
                problems.append(Problem(
                    display, f"does not match {row.raw[amount]} {currency} at {rate:g} {series} ({year}) = {expected:.2f}",
                    row.line, usd, row.raw[usd]))


def _check_rates(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        if row.values["value"] == 0:
            problems.append(Problem(parsed.display, "must be above 0; no exchange rate or price index is 0",
                                    row.line, "value", row.raw["value"]))


def _check_events(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        values = row.values

        def add(message: str, column: str, row: Row = row) -> None:
            problems.append(Problem(parsed.display, message, row.line, column, row.raw[column]))

        start, end = values["start"], values["end"]
        _check_precision(start, values["start_precision"], "start", add)
        if end is None or end == ONGOING:
            if values["end_precision"] is not None:
                add(f"must be blank when end is {'blank' if end is None else ONGOING!r}", "end_precision")
            if end is None and values["end_source_id"] is not None:
                add("must be blank for a one-off event (end is blank)", "end_source_id")
            continue
        if values["end_precision"] is None:
            add("is blank, but end is a date: say how precisely it is known", "end_precision")
        else:
            _check_precision(end, values["end_precision"], "end", add)
        if start is not None and parse_partial_date(start) and parse_partial_date(end):
            if year_start(start) >= year_end(end):
                add(f"is before start {start}", "end")


def _check_precision(date: str | None, precision: str | None, column: str, add) -> None:
    written = parse_partial_date(date) if date is not None else None
    if written and precision is not None and written[1] != precision:
        add(f"is written to {written[1]} precision but {column}_precision is '{precision}'", column)


def _check_revisions(parsed: ParsedTable, arrivals: ParsedTable | None, problems: list[Problem]) -> None:
    if arrivals is None or not arrivals.readable:
        return
    totals = {r.values["period"]: (r.values["total"], r.line) for r in arrivals.rows}
    for row in parsed.rows:
        period, revised = row.values["period"], row.values["revised_total"]
        if period is None:
            continue
        if period not in totals:
            problems.append(Problem(parsed.display, f"is not a period in {arrivals.display}", row.line, "period", period))
        elif revised is not None and totals[period][0] != revised:
            problems.append(Problem(
                parsed.display, f"does not match the total in {arrivals.display}:{totals[period][1]} ({totals[period][0]})",
                row.line, "revised_total", row.raw["revised_total"]))
        if row.values["superseded_total"] is not None and row.values["superseded_total"] == revised:
            problems.append(Problem(parsed.display, "equals revised_total; that is no revision", row.line, "superseded_total", row.raw["superseded_total"]))


def _check_early_years(parsed: ParsedTable, arrivals: ParsedTable | None, problems: list[Problem]) -> None:
    """Men and women both or neither and summing to the total; each year lies inside one MOU bucket,
    and the years never exceed their bucket, in each column that has figures."""
    _check_parts_sum(parsed, problems, optional=True)
    if arrivals is None or not arrivals.readable:
        return
    buckets = [r for r in arrivals.rows if r.values["first_year"] != r.values["last_year"] and r.values["last_year"] is not None]
    inside: dict[int, list[Row]] = defaultdict(list)
    for row in parsed.rows:
        year = row.values["year"]
        if year is None:
            continue
        home = next((i for i, b in enumerate(buckets)
                     if (b.values["first_year"] is None or b.values["first_year"] <= year) and year <= b.values["last_year"]), None)
        if home is None:
            problems.append(Problem(parsed.display, f"is not inside a multi-year period of {arrivals.display}",
                                    row.line, "year", row.raw["year"]))
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
                problems.append(Problem(
                    parsed.display, f"years in period {bucket.values['period']} sum to {total}{where}, which {rule} "
                    f"{label} {whole} ({arrivals.display}:{bucket.line})", max(r.line for r in rows)))


def _marked(row: Row, marker: str) -> bool:
    return row.values["note"] is not None and marker in row.values["note"]


def _check_profiles(parsed: ParsedTable, problems: list[Problem]) -> None:
    """Rows and snapshots of profiles.csv (a snapshot: the rows sharing as_of, dimension and source_id)."""
    display = parsed.display
    columns = ("male", "female", "total")
    snapshots: dict[tuple, list[Row]] = defaultdict(list)
    for row in parsed.rows:
        v = row.values
        if v["dimension"] is None or v["category"] is None:
            continue
        if v["category"] not in profile_vocabulary(v["dimension"]):
            problems.append(Problem(display, f"is not a category of dimension '{v['dimension']}'; expected one of: "
                                    + ", ".join(profile_vocabulary(v["dimension"])), row.line, "category",
                                    row.raw["category"]))
            continue
        if all(v[c] is None for c in columns) and all(row.raw[c] == "" for c in columns):
            problems.append(Problem(display, "male, female and total are all blank; a row needs at least one figure",
                                    row.line))
        elif None not in (v["male"], v["female"], v["total"]) and v["male"] + v["female"] != v["total"] \
                and not _marked(row, PUBLISHED_ERROR):
            problems.append(Problem(
                display, f"does not equal male + female ({v['male']} + {v['female']} = {v['male'] + v['female']}); "
                f"if the source prints it so, keep it and start a sentence of the note with '{PUBLISHED_ERROR}'",
                row.line, "total", row.raw["total"]))
        if v["as_of"] is not None and v["source_id"] is not None:
            snapshots[(v["as_of"], v["dimension"], v["source_id"])].append(row)
    for (as_of, dimension, source_id), rows in snapshots.items():
        name = f"snapshot {as_of} {dimension} ({source_id})"
        by_category = {r.values["category"]: r for r in rows}
        total = by_category.get(PROFILE_TOTAL)
        partial = [r for r in rows if _marked(r, PARTIAL)]
        if total is None:
            for row in rows:
                if not _marked(row, PARTIAL):
                    problems.append(Problem(display, f"{name} has no '{PROFILE_TOTAL}' row; a source that gives only "
                                            f"some categories is marked '{PARTIAL}' in every row's note", row.line))
        else:
            if partial:
                problems.append(Problem(display, f"{name} has a '{PROFILE_TOTAL}' row, so its rows cannot be "
                                        f"marked '{PARTIAL}'", partial[0].line))
            missing = [c for c in PROFILE_CATEGORIES[dimension] if c not in by_category]
            if missing:
                problems.append(Problem(display, f"{name} has a '{PROFILE_TOTAL}' row but lacks categories: "
                                        + ", ".join(missing), total.line))
            else:
                parts = [by_category[c] for c in PROFILE_CATEGORIES[dimension]]
                excused = any(_marked(r, PUBLISHED_ERROR) for r in parts)
                for column in columns:
                    values = [r.values[column] for r in parts]
                    if None in values or total.values[column] is None or excused:
                        continue
                    if sum(values) != total.values[column]:
                        problems.append(Problem(
                            display, f"does not equal the sum of the categories of {name}, {sum(values)}",
                            total.line, column, total.raw[column]))
        for group, members in PROFILE_GROUPS.get(dimension, {}).items():
            if group not in by_category or any(m not in by_category for m in members):
                continue
            for column in columns:
                values = [by_category[m].values[column] for m in members]
                given = by_category[group].values[column]
                if None in values or given is None or sum(values) == given:
                    continue
                problems.append(Problem(
                    display, f"does not equal {' + '.join(members)} in {name} "
                    f"({' + '.join(map(str, values))} = {sum(values)})", by_category[group].line, column,
                    by_category[group].raw[column]))


def _check_unhcr(parsed: ParsedTable, problems: list[Problem]) -> None:
    """No year that has not ended: UNHCR's figures are counts at the end of a year."""
    now = today()
    for row in parsed.rows:
        year = row.values["year"]
        if year is not None and dt.date(year + 1, 1, 1) > now:
            problems.append(Problem(parsed.display, "has not ended yet; the counts are at the end of a year",
                                    row.line, "year", row.raw["year"]))


# Tables each table's rules read besides itself (sources is always read).
DEPENDENCIES = {
    "early_years": ("arrivals",),
    "arrivals_quarterly": ("arrivals",),
    "arrivals_halfyear": ("arrivals", "arrivals_quarterly"),
    "broker_fees": ("rates",),
    "revisions": ("arrivals",),
}


def check(parsed: dict[str, ParsedTable], problems: list[Problem]) -> None:
    """Apply every rule to the readable tables in `parsed`."""
    sources = parsed["sources"]
    source_ids = {r.values["id"] for r in sources.rows} if sources.readable else None
    for name, table in parsed.items():
        if not table.readable:
            continue
        _check_primary_key(table, problems)
        _check_foreign_keys(table, source_ids, problems)
        if name == "arrivals":
            _check_arrivals(table, problems)
        elif name == "arrivals_quarterly":
            _check_quarterly(table, parsed.get("arrivals"), problems)
        elif name == "arrivals_halfyear":
            _check_halfyear(table, parsed.get("arrivals_quarterly"), parsed.get("arrivals"), problems)
        elif name == "profiles":
            _check_profiles(table, problems)
        elif name == "unhcr_dprk_origin":
            _check_unhcr(table, problems)
        elif name == "early_years":
            _check_early_years(table, parsed.get("arrivals"), problems)
        elif name == "broker_fees":
            _check_broker_fees(table, parsed.get("rates"), problems)
        elif name == "rates":
            _check_rates(table, problems)
        elif name == "events":
            _check_events(table, problems)
        elif name == "revisions":
            _check_revisions(table, parsed.get("arrivals"), problems)
