"""Rules of events.csv: precision as written, ends after starts, blanks where there is no end, and an
alleged event's Korean label that says so."""

from __future__ import annotations

from nkarrivals.data.dates import parse_partial_date, year_end, year_start
from nkarrivals.data.problems import ParsedTable, Problem, Row
from nkarrivals.data.schema import ONGOING


def _check_events(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        values = row.values

        def add(message: str, column: str, row: Row = row) -> None:
            problems.append(Problem(parsed.display, message, row.line, column, row.raw[column]))

        if values["status"] == "alleged" and "의혹" not in (values["label_ko"] or ""):
            add("must say 의혹 for an alleged event: the Korean strip adds nothing to its label", "label_ko")
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
        dated = start is not None and parse_partial_date(start) and parse_partial_date(end)
        if dated and year_start(start) >= year_end(end):
            add(f"is before start {start}", "end")


def _check_precision(date: str | None, precision: str | None, column: str, add) -> None:
    written = parse_partial_date(date) if date is not None else None
    if written and precision is not None and written[1] != precision:
        add(f"is written to {written[1]} precision but {column}_precision is '{precision}'", column)
