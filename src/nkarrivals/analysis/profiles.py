"""Who arrives: the snapshots of MOU's cumulative profile tables in profiles.csv.

A snapshot is the rows sharing as_of, dimension and source_id. A complete snapshot has a
'total' row and every category of its dimension; a partial one gives only some categories.
Shares are computed here, never stored. Where a row is flagged as a published error
(its published total is not male + female), shares use male + female for it and say so in
the `corrected` column, so that a chart never passes the consistent value off as published.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from nkarrivals.data.schema import PARTIAL, PROFILE_CATEGORIES, PROFILE_GROUPS, PROFILE_TOTAL, PUBLISHED_ERROR

SNAPSHOT = ["as_of", "dimension", "source_id"]


def _flagged(notes: pd.Series, marker: str) -> pd.Series:
    return notes.fillna("").str.contains(marker, regex=False)


def snapshots(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per snapshot, in date order: as_of, dimension, source_id, complete (has a total
    row; validation ensures it then lists every category), partial, and which of male, female
    and total its total row gives (all False for a partial snapshot)."""
    rows = []
    for (as_of, dimension, source_id), group in profiles.groupby(SNAPSHOT, sort=True):
        total = group[group["category"] == PROFILE_TOTAL]
        rows.append(
            {
                "as_of": as_of,
                "dimension": dimension,
                "source_id": source_id,
                "complete": not total.empty,
                "partial": bool(_flagged(group["note"], PARTIAL).all()),
                **{
                    f"has_{c}": bool(not total.empty and pd.notna(total.iloc[0][c]))
                    for c in ("male", "female", "total")
                },
            }
        )
    return pd.DataFrame(rows)


def complete_snapshots(profiles: pd.DataFrame, dimension: str, index: pd.DataFrame | None = None) -> pd.DataFrame:
    """The complete snapshots of one dimension, oldest first. `index` is ``snapshots(profiles)``
    where the caller has it already."""
    table = snapshots(profiles) if index is None else index
    return table[(table["dimension"] == dimension) & table["complete"]].reset_index(drop=True)


def latest_complete(profiles: pd.DataFrame, dimension: str) -> tuple[str, str]:
    """(as_of, source_id) of the newest complete snapshot of `dimension`; ValueError if there is none."""
    table = complete_snapshots(profiles, dimension)
    if table.empty:
        raise ValueError(f"profiles.csv has no complete snapshot of {dimension!r} (only partial ones)")
    last = table.iloc[-1]
    return str(last["as_of"]), str(last["source_id"])


def profile_table(
    profiles: pd.DataFrame, dimension: str, as_of: str | None = None, source_id: str | None = None
) -> pd.DataFrame:
    """The categories of one complete snapshot, in the dimension's order, ready to draw.

    Defaults to the newest complete snapshot. Columns: category, male, female, total (as
    published), total_used (total, or male + female where the row is flagged as a published
    error and both are given), corrected (True where total_used is not the published total),
    share_pct (of total_used, in percent; NA where the snapshot has no totals), female_share_pct,
    and the published table total in the attribute ``table.attrs['table_total']``.
    """
    if as_of is None or source_id is None:
        as_of, source_id = latest_complete(profiles, dimension)
    rows = profiles[
        (profiles["as_of"] == as_of) & (profiles["dimension"] == dimension) & (profiles["source_id"] == source_id)
    ]
    if PROFILE_TOTAL not in set(rows["category"]):
        raise ValueError(f"snapshot {as_of} {dimension} ({source_id}) is not complete: it has no total row")
    order = {c: i for i, c in enumerate(PROFILE_CATEGORIES[dimension])}
    parts = rows[rows["category"].isin(order)].copy()
    parts = parts.sort_values("category", key=lambda s: s.map(order)).reset_index(drop=True)
    flagged = _flagged(parts["note"], PUBLISHED_ERROR) & parts["male"].notna() & parts["female"].notna()
    parts["total_used"] = parts["total"].where(~flagged, parts["male"] + parts["female"])
    parts["corrected"] = (flagged & (parts["total_used"] != parts["total"])).astype(bool)
    base = parts["total_used"].sum(min_count=len(parts))
    parts["share_pct"] = (parts["total_used"] / base * 100).astype("Float64")
    parts["female_share_pct"] = (parts["female"] / parts["total_used"] * 100).astype("Float64")
    table = parts[
        [
            "category",
            "male",
            "female",
            "total",
            "total_used",
            "corrected",
            "share_pct",
            "female_share_pct",
            "source_id",
            "note",
        ]
    ]
    total_row = rows[rows["category"] == PROFILE_TOTAL].iloc[0]
    table.attrs.update(
        as_of=as_of,
        dimension=dimension,
        source_id=source_id,
        table_total={c: None if pd.isna(total_row[c]) else int(total_row[c]) for c in ("male", "female", "total")},
    )
    return table


def column_shares(profiles: pd.DataFrame, dimension: str, as_of: str, source_id: str, column: str) -> pd.Series:
    """Each category's share of one column (male, female or total) of a complete snapshot, in
    percent, indexed by category; NA where that column is not given. Flagged published errors
    are counted as male + female in the total column, as in `profile_table`."""
    return shares_of(profile_table(profiles, dimension, as_of, source_id), column)


def shares_of(table: pd.DataFrame, column: str) -> pd.Series:
    """`column_shares` of a snapshot already read with `profile_table`."""
    return _percent(table.set_index("category")["total_used" if column == "total" else column])


def _percent(values: pd.Series) -> pd.Series:
    """Each value's share of their sum, in percent; NA throughout if any value is missing."""
    return (values / values.sum(min_count=len(values)) * 100).astype("Float64")


def partial_figures(profiles: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The figures of partial snapshots of one dimension (named groups excluded), in date order."""
    groups = set(PROFILE_GROUPS.get(dimension, {}))
    rows = profiles[
        (profiles["dimension"] == dimension) & _flagged(profiles["note"], PARTIAL) & ~profiles["category"].isin(groups)
    ]
    return rows.sort_values(["as_of", "source_id"], kind="stable").reset_index(drop=True)


SEX_SERIES = (("male", "men"), ("female", "women"))


def shares_by_sex_and_everyone(
    profiles: pd.DataFrame,
    dimension: str,
    index: pd.DataFrame | None = None,
    read: Callable[[str, str, str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """What a chart of one dimension draws: each category's share of men and of women in the
    newest complete snapshot that splits by sex, and of everyone in the newest complete
    snapshot with totals (which may be another, later one).

    Columns: category, series ('men', 'women', 'everyone'), as_of, people (the column's count;
    for everyone, total_used), share_pct (of that column, as ``column_shares``), source_id.
    A column a snapshot leaves blank gives no rows; a dimension without a complete snapshot
    gives an empty table. Rows follow the dimension's category order, series within each.
    `index` is ``snapshots(profiles)`` and `read(dimension, as_of, source_id)` gives
    ``profile_table``, where the caller has them already."""
    table = complete_snapshots(profiles, dimension, index)
    split = table[table["has_male"] | table["has_female"]]
    totals = table[table["has_total"]]
    picked = [(split.iloc[-1], column, series) for column, series in SEX_SERIES if not split.empty]
    picked += [(totals.iloc[-1], "total", "everyone")] if not totals.empty else []
    read = read or functools.cache(lambda d, a, s: profile_table(profiles, d, a, s))  # each snapshot read once
    rows = []
    for snapshot, column, series in picked:
        if not snapshot[f"has_{column}"]:
            continue
        as_of, source_id = str(snapshot["as_of"]), str(snapshot["source_id"])
        parts = read(dimension, as_of, source_id).set_index("category")
        people = parts["total_used" if column == "total" else column]
        shares = _percent(people)  # as column_shares
        for category in parts.index:
            rows.append(
                {
                    "category": category,
                    "series": series,
                    "as_of": as_of,
                    "people": int(people[category]),
                    "share_pct": float(shares[category]),
                    "source_id": source_id,
                }
            )
    columns = ["category", "series", "as_of", "people", "share_pct", "source_id"]
    out = pd.DataFrame(rows, columns=columns)
    order = {c: i for i, c in enumerate(PROFILE_CATEGORIES[dimension])}
    series_order = {"men": 0, "women": 1, "everyone": 2}
    return out.sort_values(
        ["category", "series"],
        key=lambda s: s.map(order if s.name == "category" else series_order),
        kind="stable",
        ignore_index=True,
    )


def age_span(category: str) -> tuple[int, int | None]:
    """The ages an age-at-arrival category covers: '20_29' -> (20, 29), '60_plus' -> (60, None)."""
    low, high = category.split("_")
    return int(low), None if high == "plus" else int(high)


def largest_neighbours(people: pd.Series) -> tuple[str, str]:
    """The two neighbouring categories of `people` (indexed by category, in the dimension's
    order) with the most people together; ties go to the younger pair."""
    pairs = people + people.shift(-1)
    first = int(pairs.to_numpy().argmax())  # the last pair is NaN and never the largest
    return str(people.index[first]), str(people.index[first + 1])


def arrived_by_end_of(arrivals: pd.DataFrame, year: int) -> tuple[int, str] | None:
    """Everyone who had arrived in South Korea by the end of `year`, and the source of the row
    that ends the sum: the total of arrivals.csv's rows (single years and MOU's periods) that end
    by then. None where the table does not reach `year` or a period runs across its end."""
    last = arrivals["last_year"].astype(int)
    first = arrivals["first_year"].fillna(arrivals["last_year"]).astype(int)
    if last.max() < year or ((first <= year) & (last > year)).any():
        return None
    upto = arrivals[last <= year]
    if upto.empty:
        return None
    return int(upto["total"].sum()), str(upto.loc[upto["last_year"].astype(int).idxmax(), "source_id"])
