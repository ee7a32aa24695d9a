"""Rules of who arrives (profiles.csv) and of UNHCR's counts abroad."""

from __future__ import annotations

from collections import defaultdict

from nkarrivals.data.dates import today
from nkarrivals.data.problems import ParsedTable, Problem, Row
from nkarrivals.data.schema import (
    PARTIAL,
    PROFILE_CATEGORIES,
    PROFILE_GROUPS,
    PROFILE_TOTAL,
    PUBLISHED_ERROR,
    profile_vocabulary,
)


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
            problems.append(
                Problem(
                    display,
                    f"is not a category of dimension '{v['dimension']}'; expected one of: "
                    + ", ".join(profile_vocabulary(v["dimension"])),
                    row.line,
                    "category",
                    row.raw["category"],
                )
            )
            continue
        if all(v[c] is None for c in columns) and all(row.raw[c] == "" for c in columns):
            problems.append(
                Problem(display, "male, female and total are all blank; a row needs at least one figure", row.line)
            )
        elif (
            None not in (v["male"], v["female"], v["total"])
            and v["male"] + v["female"] != v["total"]
            and not _marked(row, PUBLISHED_ERROR)
        ):
            problems.append(
                Problem(
                    display,
                    f"does not equal male + female ({v['male']} + {v['female']} = {v['male'] + v['female']}); "
                    f"if the source prints it so, keep it and start a sentence of the note with '{PUBLISHED_ERROR}'",
                    row.line,
                    "total",
                    row.raw["total"],
                )
            )
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
                    problems.append(
                        Problem(
                            display,
                            f"{name} has no '{PROFILE_TOTAL}' row; a source that gives only "
                            f"some categories is marked '{PARTIAL}' in every row's note",
                            row.line,
                        )
                    )
        else:
            if partial:
                problems.append(
                    Problem(
                        display,
                        f"{name} has a '{PROFILE_TOTAL}' row, so its rows cannot be marked '{PARTIAL}'",
                        partial[0].line,
                    )
                )
            missing = [c for c in PROFILE_CATEGORIES[dimension] if c not in by_category]
            if missing:
                problems.append(
                    Problem(
                        display,
                        f"{name} has a '{PROFILE_TOTAL}' row but lacks categories: " + ", ".join(missing),
                        total.line,
                    )
                )
            else:
                parts = [by_category[c] for c in PROFILE_CATEGORIES[dimension]]
                excused = any(_marked(r, PUBLISHED_ERROR) for r in parts)
                for column in columns:
                    values = [r.values[column] for r in parts]
                    if None in values or total.values[column] is None or excused:
                        continue
                    if sum(values) != total.values[column]:
                        problems.append(
                            Problem(
                                display,
                                f"does not equal the sum of the categories of {name}, {sum(values)}",
                                total.line,
                                column,
                                total.raw[column],
                            )
                        )
        for group, members in PROFILE_GROUPS.get(dimension, {}).items():
            if group not in by_category or any(m not in by_category for m in members):
                continue
            for column in columns:
                values = [by_category[m].values[column] for m in members]
                given = by_category[group].values[column]
                if None in values or given is None or sum(values) == given:
                    continue
                problems.append(
                    Problem(
                        display,
                        f"does not equal {' + '.join(members)} in {name} "
                        f"({' + '.join(map(str, values))} = {sum(values)})",
                        by_category[group].line,
                        column,
                        by_category[group].raw[column],
                    )
                )


def _check_unhcr(parsed: ParsedTable, problems: list[Problem]) -> None:
    """No year that has not ended: UNHCR's figures are counts at the end of a year."""
    now = today()
    for row in parsed.rows:
        year = row.values["year"]
        if year is not None and year >= now.year:  # compared as years: a broken year may be past what a date holds
            problems.append(
                Problem(
                    parsed.display,
                    "has not ended yet; the counts are at the end of a year",
                    row.line,
                    "year",
                    row.raw["year"],
                )
            )
