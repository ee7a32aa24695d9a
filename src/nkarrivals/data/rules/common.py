"""Rules every table, or several tables, share: keys, men + women = total, derived rows explained (a
row with a computed total among them)."""

from __future__ import annotations

from nkarrivals.data.problems import ParsedTable, Problem


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
                problems.append(
                    Problem(parsed.display, f"is not an id in {fk.table}.csv", row.line, fk.column, str(value))
                )


def _check_parts_sum(parsed: ParsedTable, problems: list[Problem], *, optional: bool) -> None:
    for row in parsed.rows:
        if row.broken & {"male", "female", "total"}:
            continue  # one typo, one message: its own
        male, female, total = (row.values[c] for c in ("male", "female", "total"))
        if optional and (male is None) != (female is None):
            problems.append(Problem(parsed.display, "male and female must both be given or both be blank", row.line))
            continue
        if None in (male, female, total):
            continue
        if male + female != total:
            problems.append(
                Problem(
                    parsed.display,
                    f"does not equal male + female ({male} + {female} = {male + female})",
                    row.line,
                    "total",
                    row.raw["total"],
                )
            )


def _check_derived_explained(parsed: ParsedTable, problems: list[Problem]) -> None:
    for row in parsed.rows:
        if row.values["derived"] and row.values["note"] is None:
            problems.append(
                Problem(
                    parsed.display,
                    "is empty, but derived is true: say which value was computed and how",
                    row.line,
                    "note",
                    "",
                )
            )
        if row.values["total_derived"] and row.values["derived"] is False:
            problems.append(
                Problem(
                    parsed.display,
                    "says the total was computed, but derived is false: a row with a computed total is derived",
                    row.line,
                    "total_derived",
                    row.raw["total_derived"],
                )
            )
