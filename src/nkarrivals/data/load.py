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
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from nkarrivals import paths
from nkarrivals.data import rules
from nkarrivals.data.dates import parse_partial_date, today
from nkarrivals.data.problems import DataValidationError, ParsedTable, Problem, Row
from nkarrivals.data.schema import (
    BOOLEAN,
    DATE,
    INTEGER,
    NUMBER,
    ONGOING,
    PARTIAL_DATE,
    PERIOD_END,
    TABLES,
    Field,
    Table,
)
from nkarrivals.files import display_path as _display_path

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Whole numbers are held as 64-bit integers: anything beyond is reported, not overflowed.
_LARGEST_WHOLE = 2**63 - 1


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
        # Length first: Python refuses to convert text of more than 4300 digits.
        if len(text.lstrip("-").lstrip("0")) > len(str(_LARGEST_WHOLE)) or abs(int(text)) > _LARGEST_WHOLE:
            return None, f"is too large; a whole number here lies within ±{_LARGEST_WHOLE}"
        value = int(text)
    elif spec.kind == NUMBER:
        if not _DECIMAL.fullmatch(text):
            return None, "is not a number (digits, one '.' for decimals, no thousands separators)"
        value = float(text)
        if not math.isfinite(value):
            return None, "is too large to hold as a number"
    elif spec.kind == BOOLEAN:
        if text not in ("true", "false"):
            return None, "is not 'true' or 'false'"
        value = text == "true"
    elif spec.kind == DATE:
        try:
            # Only YYYY-MM-DD: fromisoformat also reads week dates such as 2025-W01-1.
            value = dt.date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else None
        except ValueError:
            value = None
        if value is None:
            return None, "is not a valid date (YYYY-MM-DD)"
        if value > today():
            return None, "is in the future"
    elif spec.kind == PERIOD_END and text == ONGOING:
        value = text
    elif spec.kind in (PARTIAL_DATE, PERIOD_END):
        parsed = parse_partial_date(text)
        if parsed is None:
            also = " or 'ongoing'" if spec.kind == PERIOD_END else ""
            return None, f"is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD){also}"
        if parsed[0] > today():
            return None, "is in the future"
        value = text
    else:
        value = text
    if spec.minimum is not None and value < spec.minimum:  # type: ignore[operator]  # a bound is only declared on numeric fields
        rule = (
            "is negative; counts cannot be below 0" if spec.minimum == 0 else f"is below the minimum {spec.minimum:g}"
        )
        return None, rule
    if spec.maximum is not None and value > spec.maximum:  # type: ignore[operator]  # a bound is only declared on numeric fields
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
    try:
        raw_bytes = path.read_bytes()
    except OSError as err:
        problems.append(Problem(display, f"cannot be read: {err.strerror or err}"))
        return parsed
    try:
        # utf-8-sig: accept the byte-order mark Excel writes.
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw_bytes[: err.start].count(b"\n") + 1
        problems.append(
            Problem(display, f"byte {err.start}: not valid UTF-8 ({raw_bytes[err.start : err.start + 1]!r})", line)
        )
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    first_line = 1
    try:
        for record in reader:
            records.append((first_line, record))  # a quoted cell may span lines: a record is where it starts
            first_line = reader.line_num + 1
    except csv.Error as err:
        # Point at the line the broken record starts on: an unclosed quote runs to the end of the file.
        start = first_line
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
            problems.append(
                Problem(display, f"unknown column '{name}'; expected only: {', '.join(expected)}", header_line)
            )
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
        broken_columns = set()
        for name in expected:
            value, broken = _parse_cell(specs[name], raw[name])
            if broken:
                problems.append(Problem(display, broken, line, name, raw[name]))
                broken_columns.add(name)
            values[name] = value
        parsed.rows.append(Row(line, values, raw, frozenset(broken_columns)))
    return parsed


def folder_problem(data_dir: Path, names: tuple[str, ...] = tuple(TABLES)) -> Problem | None:
    """What is wrong with `data_dir` as a whole: not there, not a folder, or none of the named tables' CSVs in it."""
    display = _display_path(data_dir)
    filenames = [TABLES[name].filename for name in names]
    try:
        if not data_dir.exists():
            return Problem(display, "data folder not found")
        if not data_dir.is_dir():
            return Problem(display, "is a file, not a data folder")
        if not any((data_dir / filename).exists() for filename in filenames):
            return Problem(display, f"holds none of the data files ({', '.join(filenames)}); is it the data folder?")
    except OSError as err:  # a folder this user may not look into
        return Problem(display, f"data folder cannot be read: {err.strerror or err}")
    return None


def check_data_dir(data_dir: Path | None = None) -> Path:
    """`data_dir` (default: the package's data/) if it is a folder holding the CSVs; DataValidationError otherwise."""
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    problem = folder_problem(data_dir)
    if problem is not None:
        raise DataValidationError([problem])
    return data_dir


def _parse(names: tuple[str, ...], data_dir: Path | None) -> tuple[dict[str, ParsedTable], list[Problem]]:
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    wanted = ["sources"]
    for name in names:
        for dependency in (*rules.DEPENDENCIES.get(name, ()), name):
            if dependency not in wanted:
                wanted.append(dependency)
    problem = folder_problem(data_dir, tuple(wanted))
    if problem is not None:
        return {}, [problem]
    problems: list[Problem] = []
    parsed = {name: _read_table(TABLES[name], data_dir, problems) for name in wanted}
    rules.check(parsed, problems)
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return parsed, problems


_PANDAS_TYPES = {INTEGER: "Int64", NUMBER: "Float64", BOOLEAN: "boolean", DATE: "datetime64[s]"}


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


def load_records(*names: str, data_dir: Path | None = None) -> list[list[dict[str, Any]]]:
    """The named tables as lists of parsed rows (one dict of values per row, None where blank),
    validated as load_tables validates them, without building DataFrames: for a quick read."""
    parsed, problems = _parse(names, data_dir)
    if problems:
        raise DataValidationError(problems)
    return [[row.values for row in parsed[name].rows] for name in names]


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
    halfyear: pd.DataFrame
    profiles: pd.DataFrame
    unhcr: pd.DataFrame
    broker_fees: pd.DataFrame
    events: pd.DataFrame
    surveillance_scale: pd.DataFrame
    sources: pd.DataFrame
    rates: pd.DataFrame
    revisions: pd.DataFrame
    early_years: pd.DataFrame


def load_dataset(data_dir: Path | None = None) -> Dataset:
    tables = dict(zip(TABLES, load_tables(*TABLES, data_dir=data_dir), strict=True))
    return Dataset(
        arrivals=tables["arrivals"].sort_values("last_year", ignore_index=True),
        quarterly=tables["arrivals_quarterly"].sort_values(["year", "quarter"], ignore_index=True),
        halfyear=tables["arrivals_halfyear"].sort_values(["year", "half"], ignore_index=True),
        profiles=tables["profiles"],
        unhcr=tables["unhcr_dprk_origin"].sort_values(["year", "country_of_asylum"], ignore_index=True),
        broker_fees=tables["broker_fees"],
        events=tables["events"].sort_values(["start", "label"], ignore_index=True),
        surveillance_scale=tables["surveillance_scale"].sort_values("year", ignore_index=True),
        sources=tables["sources"],
        rates=tables["rates"],
        revisions=tables["revisions"],
        early_years=tables["early_years"],
    )
