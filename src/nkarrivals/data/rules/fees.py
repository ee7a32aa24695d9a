"""Rules of broker fees and the rates that convert them: periods, amounts in US dollars, conversions."""

from __future__ import annotations

from nkarrivals.data.dates import parse_partial_date
from nkarrivals.data.problems import ParsedTable, Problem, Row
from nkarrivals.data.schema import CPI_SERIES, RATE_SERIES


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
                add(f"has no {CPI_SERIES} in rates.csv; constant dollars need the US CPI-U of period_end", "period_end")
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
            problems.append(
                Problem(display, f"{usd} must be given exactly when {amount} is", row.line, usd, row.raw[usd])
            )
            continue
        if v[amount] is None or v[usd] is None:
            continue
        if currency == "USD":
            if basis != "source":
                problems.append(
                    Problem(display, "must be 'source' for amounts already in USD", row.line, "usd_basis", basis)
                )
            elif v[usd] != v[amount]:
                problems.append(
                    Problem(
                        display,
                        f"must equal {amount} ({row.raw[amount]}) for amounts in USD",
                        row.line,
                        usd,
                        row.raw[usd],
                    )
                )
        elif basis == "converted":
            year = v["period_end"]
            if year is None:
                problems.append(
                    Problem(display, "needs period_end: conversion uses that year's rate", row.line, "usd_basis", basis)
                )
                continue
            if lookup is None:
                continue
            series = RATE_SERIES[currency]
            rate = lookup.get((year, series))
            if rate is None:
                problems.append(
                    Problem(display, f"no {series} rate for {year} in rates.csv", row.line, usd, row.raw[usd])
                )
                continue
            if rate == 0:
                continue  # reported on its line of rates.csv
            expected = round(v[amount] / rate, 2)
            if abs(v[usd] - expected) > 0.005:
                problems.append(
                    Problem(
                        display,
                        f"does not match {row.raw[amount]} {currency} at {rate:g} {series} ({year}) = {expected:.2f}",
                        row.line,
                        usd,
                        row.raw[usd],
                    )
                )


def _check_rates(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        if row.values["value"] == 0:
            problems.append(
                Problem(
                    parsed.display,
                    "must be above 0; no exchange rate or price index is 0",
                    row.line,
                    "value",
                    row.raw["value"],
                )
            )
