"""Rules across rows and tables: sums, periods, reconciliations, conversions.

Each rule appends the Problems it finds and never raises, so one run lists them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from nkarrivals.dates import parse_partial_date, today
from nkarrivals.problems import ParsedTable, Problem, Row
from nkarrivals.schema import RATE_SERIES


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
    now = today()
    for row in parsed.rows:
        year, quarter = row.values["year"], row.values["quarter"]
        if year is not None and quarter is not None and dt.date(year, 3 * quarter - 2, 1) > now:
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
            expected = round(v[amount] / rate, 2)
            if abs(v[usd] - expected) > 0.005:
                problems.append(Problem(
                    display, f"does not match {row.raw[amount]} {currency} at {rate:g} {series} ({year}) = {expected:.2f}",
                    row.line, usd, row.raw[usd]))


def _check_events(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        date, precision = row.values["date"], row.values["date_precision"]
        if date is None or precision is None:
            continue
        written = parse_partial_date(date)
        if written and written[1] != precision:
            problems.append(Problem(
                parsed.display, f"is written to {written[1]} precision but date_precision is '{precision}'",
                row.line, "date", date))


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
    """Each year lies inside one MOU bucket and the years never exceed their bucket."""
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
        total = sum(r.values["total"] for r in rows if r.values["total"] is not None)
        first = bucket.values["first_year"]
        complete = first is not None and {r.values["year"] for r in rows} == set(range(first, bucket.values["last_year"] + 1))
        if (complete and total != bucket.values["total"]) or total > bucket.values["total"]:
            rule = "must equal" if complete else "cannot exceed"
            problems.append(Problem(
                parsed.display, f"years in period {bucket.values['period']} sum to {total}, which {rule} its total "
                f"{bucket.values['total']} ({arrivals.display}:{bucket.line})", max(r.line for r in rows)))


# Tables each table's rules read besides itself (sources is always read).
DEPENDENCIES = {
    "early_years": ("arrivals",),
    "arrivals_quarterly": ("arrivals",),
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
        elif name == "early_years":
            _check_early_years(table, parsed.get("arrivals"), problems)
        elif name == "broker_fees":
            _check_broker_fees(table, parsed.get("rates"), problems)
        elif name == "events":
            _check_events(table, problems)
        elif name == "revisions":
            _check_revisions(table, parsed.get("arrivals"), problems)
