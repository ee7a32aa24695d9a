"""Load the CSVs in data/ as typed DataFrames, validating them on every load.

Every loader raises :class:`DataValidationError` listing every problem it finds,
one per line, in the form ``data/arrivals.csv:14: column 'total': '2,914' is
not a whole number``. Nothing is coerced silently: a value either parses under
its column's rule or is reported with its file, line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nkarrivals import paths
from nkarrivals.schema import (
    BOOLEAN,
    DATE,
    INTEGER,
    NUMBER,
    PARTIAL_DATE,
    RATE_SERIES,
    TABLES,
    Field,
    Table,
)

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_PRECISION_OF_PARTS = {1: "year", 2: "month", 3: "day"}


@dataclass(frozen=True)
class Problem:
    """One broken rule, located as precisely as the rule allows."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is None:
            return f"{where}: {self.message}"
        if self.value is None:
            return f"{where}: column '{self.column}': {self.message}"
        return f"{where}: column '{self.column}': '{self.value}' {self.message}"


class DataValidationError(ValueError):
    """Raised by every loader; lists all problems found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([header, *map(str, self.problems)]))


@dataclass
class _Row:
    line: int
    values: dict[str, object]
    raw: dict[str, str]


@dataclass
class _ParsedTable:
    table: Table
    display: str
    rows: list[_Row]
    readable: bool  # False when the header is too broken to check rows against it


def today() -> dt.date:
    """The date 'in the future' is judged against; tests may pin it."""
    pinned = os.environ.get("NKARRIVALS_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_partial_date(text: str) -> tuple[dt.date, str] | None:
    """'2015-05' -> (date(2015, 5, 1), 'month'); None if not a real date."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        return None
    parts = [p for p in match.groups() if p is not None]
    year, month, day = (int(p) for p in (parts + ["1", "1"])[:3])
    try:
        return dt.date(year, month, day), _PRECISION_OF_PARTS[len(parts)]
    except ValueError:
        return None


def _parse_cell(spec: Field, text: str) -> tuple[object, str | None]:
    """Return (value, None) or (None, rule broken)."""
    if text == "":
        return (None, "is empty; a value is required") if spec.required else (None, None)
    if text != text.strip():
        return None, "has leading or trailing spaces"
    value: object
    if spec.kind == INTEGER:
        if not _WHOLE_NUMBER.fullmatch(text):
            return None, "is not a whole number"
        value = int(text)
    elif spec.kind == NUMBER:
        if not _DECIMAL.fullmatch(text):
            return None, "is not a number (digits, one '.' for decimals, no thousands separators)"
        value = float(text)
    elif spec.kind == BOOLEAN:
        if text not in ("true", "false"):
            return None, "is not 'true' or 'false'"
        value = text == "true"
    elif spec.kind == DATE:
        try:
            value = dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            value = None
        if value is None:
            return None, "is not a valid date (YYYY-MM-DD)"
        if value > today():
            return None, "is in the future"
    elif spec.kind == PARTIAL_DATE:
        parsed = parse_partial_date(text)
        if parsed is None:
            return None, "is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"
        if parsed[0] > today():
            return None, "is in the future"
        value = text
    else:
        value = text
    if spec.minimum is not None and value < spec.minimum:  # type: ignore[operator]
        rule = "is negative; counts cannot be below 0" if spec.minimum == 0 else f"is below the minimum {spec.minimum:g}"
        return None, rule
    if spec.maximum is not None and value > spec.maximum:  # type: ignore[operator]
        return None, f"is above the maximum {spec.maximum:g}"
    if spec.enum is not None and value not in spec.enum:
        return None, "is not one of: " + ", ".join(spec.enum)
    if spec.pattern is not None and not re.fullmatch(spec.pattern, text):
        return None, f"does not match the pattern {spec.pattern}"
    if spec.max_length is not None and len(text) > spec.max_length:
        return None, f"is longer than {spec.max_length} characters"
    return value, None


def _read_table(table: Table, data_dir: Path, problems: list[Problem]) -> _ParsedTable:
    path = data_dir / table.filename
    display = _display_path(path)
    parsed = _ParsedTable(table, display, [], readable=False)
    if not path.is_file():
        problems.append(Problem(display, "file not found"))
        return parsed
    raw_bytes = path.read_bytes()
    try:
        # utf-8-sig: accept the byte-order mark Excel writes.
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw_bytes[: err.start].count(b"\n") + 1
        problems.append(Problem(display, f"byte {err.start}: not valid UTF-8 ({raw_bytes[err.start:err.start + 1]!r})", line))
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = [(reader.line_num, record) for record in reader]
    except csv.Error as err:
        problems.append(Problem(display, f"malformed CSV: {err}", reader.line_num))
        return parsed
    if not records:
        problems.append(Problem(display, "file is empty; expected a header line", 1))
        return parsed
    header_line, header = records[0]
    start = len(problems)
    expected = table.columns
    for name in header:
        if name not in expected:
            problems.append(Problem(display, f"unknown column '{name}'; expected only: {', '.join(expected)}", header_line))
    for name in expected:
        if name not in header:
            problems.append(Problem(display, f"missing column '{name}'", header_line))
    for name in {n for n in header if header.count(n) > 1}:
        problems.append(Problem(display, f"column '{name}' appears more than once", header_line))
    if len(problems) > start:
        return parsed
    parsed.readable = True
    specs = {f.name: f for f in table.fields}
    for line, record in records[1:]:
        if record == []:
            problems.append(Problem(display, "blank line", line))
            continue
        if len(record) != len(header):
            problems.append(Problem(display, f"has {len(record)} fields; the header has {len(header)}", line))
            continue
        raw = dict(zip(header, record, strict=True))
        values: dict[str, object] = {}
        for name in expected:
            value, broken = _parse_cell(specs[name], raw[name])
            if broken:
                problems.append(Problem(display, broken, line, name, raw[name]))
            values[name] = value
        parsed.rows.append(_Row(line, values, raw))
    return parsed


# ---------------------------------------------------------------------------
# Rules across rows and tables. Each appends Problems and never raises.


def _check_primary_key(parsed: _ParsedTable, problems: list[Problem]) -> None:
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


def _check_foreign_keys(parsed: _ParsedTable, source_ids: set[str] | None, problems: list[Problem]) -> None:
    if source_ids is None:
        return
    for fk in parsed.table.foreign_keys:
        for row in parsed.rows:
            value = row.values.get(fk.column)
            if value is not None and value not in source_ids:
                problems.append(Problem(parsed.display, f"is not an id in {fk.table}.csv", row.line, fk.column, str(value)))


def _check_parts_sum(parsed: _ParsedTable, problems: list[Problem], *, optional: bool) -> None:
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


def _check_arrivals(parsed: _ParsedTable, problems: list[Problem]) -> None:
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


def _check_quarterly(parsed: _ParsedTable, arrivals: _ParsedTable | None, problems: list[Problem]) -> None:
    _check_parts_sum(parsed, problems, optional=True)
    now = today()
    for row in parsed.rows:
        year, quarter = row.values["year"], row.values["quarter"]
        if year is not None and quarter is not None and dt.date(year, 3 * quarter - 2, 1) > now:
            problems.append(Problem(parsed.display, f"quarter {year} Q{quarter} has not started yet", row.line))
    if arrivals is None or not arrivals.readable:
        return
    annual = {r.values["last_year"]: r for r in arrivals.rows if r.values["first_year"] == r.values["last_year"]}
    by_year: dict[int, list[_Row]] = defaultdict(list)
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


def _rates_lookup(rates: _ParsedTable | None) -> dict[tuple[int, str], float] | None:
    if rates is None or not rates.readable:
        return None
    return {(r.values["year"], r.values["series"]): r.values["value"] for r in rates.rows}


def _check_broker_fees(parsed: _ParsedTable, rates: _ParsedTable | None, problems: list[Problem]) -> None:
    lookup = _rates_lookup(rates)
    for row in parsed.rows:
        v = row.values

        def add(message: str, column: str | None = None, row: _Row = row) -> None:
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
        _check_usd(row, parsed.display, lookup, problems)


def _check_usd(row: _Row, display: str, lookup: dict | None, problems: list[Problem]) -> None:
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


def _check_events(parsed: _ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        date, precision = row.values["date"], row.values["date_precision"]
        if date is None or precision is None:
            continue
        written = parse_partial_date(date)
        if written and written[1] != precision:
            problems.append(Problem(
                parsed.display, f"is written to {written[1]} precision but date_precision is '{precision}'",
                row.line, "date", date))


def _check_revisions(parsed: _ParsedTable, arrivals: _ParsedTable | None, problems: list[Problem]) -> None:
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


def _check_early_years(parsed: _ParsedTable, arrivals: _ParsedTable | None, problems: list[Problem]) -> None:
    """Each year lies inside one MOU bucket and the years never exceed their bucket."""
    if arrivals is None or not arrivals.readable:
        return
    buckets = [r for r in arrivals.rows if r.values["first_year"] != r.values["last_year"] and r.values["last_year"] is not None]
    inside: dict[int, list[_Row]] = defaultdict(list)
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


# Tables each table's rules need besides itself (sources is always read).
_NEEDS = {
    "early_years": ("arrivals",),
    "arrivals_quarterly": ("arrivals",),
    "broker_fees": ("rates",),
    "revisions": ("arrivals",),
}


def _parse(names: tuple[str, ...], data_dir: Path | None) -> tuple[dict[str, _ParsedTable], list[Problem]]:
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    wanted = ["sources"]
    for name in names:
        for dependency in (*_NEEDS.get(name, ()), name):
            if dependency not in wanted:
                wanted.append(dependency)
    problems: list[Problem] = []
    parsed = {name: _read_table(TABLES[name], data_dir, problems) for name in wanted}
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
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return parsed, problems


_PANDAS_TYPES = {INTEGER: "Int64", NUMBER: "Float64", BOOLEAN: "boolean", DATE: "datetime64[ns]"}


def _to_frame(parsed: _ParsedTable) -> pd.DataFrame:
    columns = {}
    for spec in parsed.table.fields:
        values = [row.values[spec.name] for row in parsed.rows]
        dtype = _PANDAS_TYPES.get(spec.kind, "str")
        if spec.kind == INTEGER and spec.required:
            dtype = "int64"
        if spec.kind == DATE:
            values = [pd.Timestamp(v) if v is not None else pd.NaT for v in values]
        columns[spec.name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(columns)


def _load(*names: str, data_dir: Path | None = None) -> list[pd.DataFrame]:
    parsed, problems = _parse(names, data_dir)
    if problems:
        raise DataValidationError(problems)
    return [_to_frame(parsed[name]) for name in names]


def validate(data_dir: Path | None = None) -> tuple[dict[str, int], list[Problem]]:
    """Check every table. Returns (rows per table, problems)."""
    parsed, problems = _parse(tuple(TABLES), data_dir)
    return {name: len(t.rows) for name, t in parsed.items()}, problems


def load_sources(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("sources", data_dir=data_dir)[0]


def load_arrivals(data_dir: Path | None = None) -> pd.DataFrame:
    """MOU arrivals per published period, earliest first."""
    return _load("arrivals", data_dir=data_dir)[0].sort_values("last_year", ignore_index=True)


def load_quarterly(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("arrivals_quarterly", data_dir=data_dir)[0].sort_values(["year", "quarter"], ignore_index=True)


def load_broker_fees(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("broker_fees", data_dir=data_dir)[0]


def load_rates(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("rates", data_dir=data_dir)[0]


def load_events(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("events", data_dir=data_dir)[0]


def load_early_years(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("early_years", data_dir=data_dir)[0]


def load_revisions(data_dir: Path | None = None) -> pd.DataFrame:
    return _load("revisions", data_dir=data_dir)[0]


@dataclass(frozen=True)
class Dataset:
    """All tables, validated together in one pass."""

    arrivals: pd.DataFrame
    quarterly: pd.DataFrame
    broker_fees: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    rates: pd.DataFrame
    revisions: pd.DataFrame
    early_years: pd.DataFrame

    def source(self, source_id: str) -> pd.Series:
        return self.sources.set_index("id").loc[source_id]


def load_dataset(data_dir: Path | None = None) -> Dataset:
    arrivals, quarterly, fees, events, sources, rates, revisions, early = _load(
        "arrivals", "arrivals_quarterly", "broker_fees", "events", "sources", "rates", "revisions", "early_years",
        data_dir=data_dir)
    return Dataset(
        arrivals=arrivals.sort_values("last_year", ignore_index=True),
        quarterly=quarterly.sort_values(["year", "quarter"], ignore_index=True),
        broker_fees=fees,
        events=events,
        sources=sources,
        rates=rates,
        revisions=revisions,
        early_years=early,
    )
