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
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nkarrivals import paths, rules
from nkarrivals.dates import parse_partial_date, today
from nkarrivals.problems import DataValidationError, ParsedTable, Problem, Row
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


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


def _read_table(table: Table, data_dir: Path, problems: list[Problem]) -> ParsedTable:
    path = data_dir / table.filename
    display = _display_path(path)
    parsed = ParsedTable(table, display, [], readable=False)
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
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
    except csv.Error as err:
        # Point at the line the broken record starts on: an unclosed quote runs to the end of the file.
        start = records[-1][0] + 1 if records else 1
        spans = f" (in the record starting on this line and running to line {reader.line_num})"
        problems.append(Problem(display, f"malformed CSV: {err}" + (spans if reader.line_num > start else ""), start))
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
        parsed.rows.append(Row(line, values, raw))
    return parsed


def _parse(names: tuple[str, ...], data_dir: Path | None) -> tuple[dict[str, ParsedTable], list[Problem]]:
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    wanted = ["sources"]
    for name in names:
        for dependency in (*rules.DEPENDENCIES.get(name, ()), name):
            if dependency not in wanted:
                wanted.append(dependency)
    problems: list[Problem] = []
    parsed = {name: _read_table(TABLES[name], data_dir, problems) for name in wanted}
    rules.check(parsed, problems)
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return parsed, problems


_PANDAS_TYPES = {INTEGER: "Int64", NUMBER: "Float64", BOOLEAN: "boolean", DATE: "datetime64[ns]"}


def _to_frame(parsed: ParsedTable) -> pd.DataFrame:
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


def load_tables(*names: str, data_dir: Path | None = None) -> list[pd.DataFrame]:
    """The named tables, validated with everything their rules need; DataValidationError otherwise."""
    parsed, problems = _parse(names, data_dir)
    if problems:
        raise DataValidationError(problems)
    return [_to_frame(parsed[name]) for name in names]


def validate(data_dir: Path | None = None) -> tuple[dict[str, int], list[Problem]]:
    """Check every table. Returns (rows per table, problems)."""
    parsed, problems = _parse(tuple(TABLES), data_dir)
    return {name: len(t.rows) for name, t in parsed.items()}, problems


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


def load_dataset(data_dir: Path | None = None) -> Dataset:
    arrivals, quarterly, fees, events, sources, rates, revisions, early = load_tables(
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
