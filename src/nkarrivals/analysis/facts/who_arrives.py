"""Facts of who arrives: MOU's cumulative profiles by age, occupation, education and province."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from nkarrivals.analysis import profiles
from nkarrivals.data import Dataset
from nkarrivals.data.schema import PROFILE_CATEGORIES, PUBLISHED_ERROR


@dataclass(frozen=True)
class ProfileSnapshot:
    """A complete snapshot of one dimension, read through profiles.profile_table."""

    as_of: str
    source_id: str
    column: str  # the column shares are taken of: 'total' where the snapshot gives totals, else 'male' or 'female'
    base: int  # that column summed over the categories (flagged published errors counted as male + female)
    largest: str  # the category with the most people in `column`
    largest_count: int
    largest_share_pct: float
    corrected: tuple[str, ...]  # categories whose published total was replaced by male + female for the shares
    female_share_pct: float | None  # women's share of the snapshot, where men and women are both given


@dataclass(frozen=True)
class CategoryChange:
    category: str
    before_pct: float  # share in the first complete snapshot
    after_pct: float  # share in the latest

    @property
    def change_points(self) -> float:
        return self.after_pct - self.before_pct


@dataclass(frozen=True)
class PartialFigure:
    """The largest single category a partial snapshot gives (named groups of provinces left out)."""

    as_of: str
    category: str
    total: int
    source_id: str


@dataclass(frozen=True)
class DimensionFacts:
    dimension: str
    snapshots: tuple[ProfileSnapshot, ...]  # complete snapshots, oldest first; empty for province
    partial: tuple[PartialFigure, ...]  # per date of a partial snapshot, oldest first
    compared_column: str | None  # the column the first and latest complete snapshots share, if any
    changes: tuple[CategoryChange, ...]  # every category, first against latest complete snapshot

    @property
    def first(self) -> ProfileSnapshot | None:
        return self.snapshots[0] if self.snapshots else None

    @property
    def latest(self) -> ProfileSnapshot | None:
        return self.snapshots[-1] if self.snapshots else None

    @property
    def largest_change(self) -> CategoryChange | None:
        """The category whose share moved most, in either direction."""
        return max(self.changes, key=lambda c: abs(c.change_points), default=None)


@dataclass(frozen=True)
class SeriesTop:
    """The largest category of one dimension among men, women or everyone, as the profile chart draws it."""

    dimension: str
    series: str  # 'men', 'women' or 'everyone'
    as_of: str
    category: str
    share_pct: float


@dataclass(frozen=True)
class PublishedError:
    """A row whose published total is not its men + women (kept as published in profiles.csv)."""

    as_of: str
    dimension: str
    category: str
    source_id: str
    published_total: int
    male: int
    female: int


@dataclass(frozen=True)
class AgeBand:
    """The two neighbouring age-at-arrival groups with the most people together, in the newest
    snapshot split by sex (men + women, the pyramid the profile chart draws)."""

    as_of: str
    source_id: str
    categories: tuple[str, str]
    low: int  # the youngest age of the first group
    high: int | None  # the oldest age of the second group; None for an open-ended group ('60 and over')
    people: int
    base: int  # men + women of every group
    share_pct: float
    men: int  # of every group
    women: int

    @property
    def women_share_pct(self) -> float:
        return self.women / self.base * 100


@dataclass(frozen=True)
class ArrivedBy:
    """Everyone who had arrived in South Korea by the end of a year (a sum of arrivals.csv)."""

    year: int
    people: int
    source_id: str  # the source of the row that ends the sum


@dataclass(frozen=True)
class OriginShare:
    """The largest province of the newest partial snapshot of province of origin, set against
    everyone who had arrived by the end of the year before its date and by the end of its year:
    the snapshot has no total, so its share is a derived range, not a published figure."""

    as_of: str
    category: str
    people: int
    source_id: str
    named: (
        pd.DataFrame
    )  # every province the snapshot names (groups left out), largest first: category, people, source_id
    before: ArrivedBy | None  # None where arrivals.csv cannot give the sum
    by: ArrivedBy | None

    @property
    def share_range_pct(self) -> tuple[float, float] | None:
        """(lowest, highest) share of everyone who had arrived at the snapshot's date, in percent."""
        if self.before is None or self.by is None:
            return None
        return self.people / self.by.people * 100, self.people / self.before.people * 100


@dataclass(frozen=True)
class ProfileFacts:
    dimensions: tuple[DimensionFacts, ...]  # in the order of schema.PROFILE_CATEGORIES
    published_errors: tuple[str, ...]  # each flagged row, as 'as_of dimension category (source): what'
    errors: tuple[PublishedError, ...]  # the same rows, field by field
    # What the profile chart draws: per dimension with a complete snapshot, each category's share of
    # men and of women (newest snapshot split by sex) and of everyone (newest with totals), from
    # profiles.shares_by_sex_and_everyone, with a `dimension` column first.
    shares: pd.DataFrame
    # Per partial snapshot of province of origin, its provinces (named groups left out): as_of,
    # category, people, source_id, in date order.
    origin: pd.DataFrame
    tops: tuple[SeriesTop, ...]  # the largest category of each dimension and series in `shares`
    women_share_pct: float | None  # women's share of the newest complete snapshot that gives it
    women_share_as_of: str | None
    age_band: AgeBand | None  # None without a complete age snapshot split by sex
    origin_share: OriginShare | None  # None without a partial snapshot of province of origin

    def dimension(self, name: str) -> DimensionFacts:
        return next(d for d in self.dimensions if d.dimension == name)

    def top(self, dimension: str, series: str) -> SeriesTop | None:
        return next((t for t in self.tops if (t.dimension, t.series) == (dimension, series)), None)

    @property
    def largest_change(self) -> tuple[str, CategoryChange] | None:
        """(dimension, change) of the category whose share of one column moved most between the
        first and latest complete snapshots, over every dimension that has two."""
        moved = [(d.dimension, d.largest_change) for d in self.dimensions if d.largest_change is not None]
        return max(moved, key=lambda pair: abs(pair[1].change_points), default=None)


_SHARE_COLUMNS = ("total", "male", "female")


def profile_facts(dataset: Dataset) -> ProfileFacts:
    table = dataset.profiles
    index = profiles.snapshots(table)
    read = functools.cache(lambda d, as_of, source_id: profiles.profile_table(table, d, as_of, source_id))
    dimensions = []
    for dimension in PROFILE_CATEGORIES:
        complete = profiles.complete_snapshots(table, dimension, index)
        shots = tuple(_snapshot(read(dimension, row["as_of"], row["source_id"]), row) for _, row in complete.iterrows())
        compared: str | None = None
        changes: tuple[CategoryChange, ...] = ()
        if len(complete) >= 2:
            first, last = complete.iloc[0], complete.iloc[-1]
            compared = next((c for c in _SHARE_COLUMNS if first[f"has_{c}"] and last[f"has_{c}"]), None)
            if compared is not None:
                before = profiles.shares_of(read(dimension, first["as_of"], first["source_id"]), compared)
                after = profiles.shares_of(read(dimension, last["as_of"], last["source_id"]), compared)
                changes = tuple(CategoryChange(c, float(before[c]), float(after[c])) for c in before.index)
        dimensions.append(DimensionFacts(dimension, shots, _partial(table, dimension), compared, changes))
    flagged = table[table["note"].fillna("").str.contains(PUBLISHED_ERROR, regex=False)]
    errors = tuple(
        f"{r['as_of']} {r['dimension']} {r['category']} ({r['source_id']}): published total {r['total']}, "
        f"male + female {r['male'] + r['female']}"
        for _, r in flagged.iterrows()
    )
    rows = tuple(
        PublishedError(
            str(r["as_of"]),
            str(r["dimension"]),
            str(r["category"]),
            str(r["source_id"]),
            int(r["total"]),
            int(r["male"]),
            int(r["female"]),
        )
        for _, r in flagged.iterrows()
    )
    shares = pd.concat(
        [profiles.shares_by_sex_and_everyone(table, d, index, read).assign(dimension=d) for d in PROFILE_CATEGORIES],
        ignore_index=True,
    )
    shares = shares[["dimension", *shares.columns[:-1]]]
    tops = tuple(
        SeriesTop(
            str(d),
            str(series),
            str(group.loc[group["share_pct"].idxmax(), "as_of"]),
            str(group.loc[group["share_pct"].idxmax(), "category"]),
            float(group["share_pct"].max()),
        )
        for (d, series), group in shares.groupby(["dimension", "series"], sort=False)
    )
    origin = profiles.partial_figures(table, "province").dropna(subset=["total"])
    origin = origin.rename(columns={"total": "people"})[["as_of", "category", "people", "source_id"]]
    origin = origin.astype({"people": "int64"}).reset_index(drop=True)
    with_share = [s for d in dimensions for s in d.snapshots if s.female_share_pct is not None]
    newest = max(with_share, key=lambda s: s.as_of, default=None)
    return ProfileFacts(
        dimensions=tuple(dimensions),
        published_errors=errors,
        errors=rows,
        shares=shares,
        origin=origin,
        tops=tops,
        women_share_pct=None if newest is None else newest.female_share_pct,
        women_share_as_of=None if newest is None else newest.as_of,
        age_band=_age_band(shares[shares["dimension"] == "age_at_arrival"]),
        origin_share=_origin_share(origin, dataset.arrivals),
    )


def _age_band(ages: pd.DataFrame) -> AgeBand | None:
    """The largest two neighbouring age groups among men + women (`ages`: the age rows of `shares`)."""
    split = ages[ages["series"].isin(["men", "women"])]
    if split.empty:
        return None
    people = split.groupby("category", sort=False)["people"].sum()  # in the dimension's order
    by_sex = split.groupby("series")["people"].sum()
    first, second = profiles.largest_neighbours(people)
    low, high = profiles.age_span(first)[0], profiles.age_span(second)[1]
    together = int(people[first] + people[second])
    return AgeBand(
        as_of=str(split["as_of"].iloc[0]),
        source_id=str(split["source_id"].iloc[0]),
        categories=(first, second),
        low=low,
        high=high,
        people=together,
        base=int(people.sum()),
        share_pct=float(together / people.sum() * 100),
        men=int(by_sex.get("men", 0)),
        women=int(by_sex.get("women", 0)),
    )


def _origin_share(origin: pd.DataFrame, arrivals: pd.DataFrame) -> OriginShare | None:
    """The largest province of the newest partial snapshot (`origin`, as ProfileFacts.origin)."""
    if origin.empty:
        return None
    newest = origin[origin["as_of"] == origin["as_of"].max()]
    named = newest.sort_values("people", ascending=False, kind="stable").reset_index(drop=True)
    top = named.iloc[0]
    year = int(str(top["as_of"])[:4])

    def arrived(end_of: int) -> ArrivedBy | None:
        found = profiles.arrived_by_end_of(arrivals, end_of)
        return None if found is None else ArrivedBy(end_of, *found)

    return OriginShare(
        as_of=str(top["as_of"]),
        category=str(top["category"]),
        people=int(top["people"]),
        source_id=str(top["source_id"]),
        named=named[["category", "people", "source_id"]],
        before=arrived(year - 1),
        by=arrived(year),
    )


def _snapshot(parts: pd.DataFrame, row: pd.Series) -> ProfileSnapshot:
    """The facts of one complete snapshot (`row` of profiles.snapshots), read with profile_table as `parts`."""
    column = next(c for c in _SHARE_COLUMNS if row[f"has_{c}"])
    values = parts.set_index("category")["total_used" if column == "total" else column]
    largest = str(values.idxmax())
    base = int(values.sum())
    women = parts["female"].sum(min_count=len(parts))
    return ProfileSnapshot(
        as_of=str(row["as_of"]),
        source_id=str(row["source_id"]),
        column=column,
        base=base,
        largest=largest,
        largest_count=int(values[largest]),
        largest_share_pct=float(values[largest] / base * 100),
        corrected=tuple(parts.loc[parts["corrected"], "category"]),
        female_share_pct=None if pd.isna(women) or column != "total" else float(women / base * 100),
    )


def _partial(table: pd.DataFrame, dimension: str) -> tuple[PartialFigure, ...]:
    figures = profiles.partial_figures(table, dimension).dropna(subset=["total"])
    out = []
    for as_of, rows in figures.groupby("as_of", sort=True):
        top = rows.loc[rows["total"].idxmax()]
        out.append(PartialFigure(str(as_of), str(top["category"]), int(top["total"]), str(top["source_id"])))
    return tuple(out)
