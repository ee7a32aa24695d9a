"""One typed set of facts per chart, computed once from the data.

A chart's title, subtitle, note and alt text in each language, and the notebook
sentences about it, all format the same object, so no figure is computed twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from nkarrivals import abroad, analysis, fees, profiles
from nkarrivals.data import Dataset
from nkarrivals.schema import CPI_SERIES, PROFILE_CATEGORIES, PROFILE_GROUPS, PUBLISHED_ERROR


@dataclass(frozen=True)
class Period:
    """One row of arrivals.csv: MOU's period and its total."""

    first_year: int | None  # None for the open start "~1998"
    last_year: int
    total: int


@dataclass(frozen=True)
class YearAfter:
    """A year after the closure began, set against the last year before it."""

    year: int
    total: int
    change_from_pre_covid_pct: float


@dataclass(frozen=True)
class AnnualFacts:
    first_period: Period
    peak_year: int
    peak: int
    latest_year: int
    latest: int
    fall_from_peak_pct: float
    pre_covid_year: int
    pre_covid: int
    years_after: tuple[YearAfter, ...]  # the first two years from the closure on
    buckets: tuple[Period, ...]
    cumulative: int
    cumulative_male: int
    cumulative_female: int

    @property
    def change_peak_to_pre_covid_pct(self) -> float:
        return analysis.percent_change(self.peak, self.pre_covid)


def annual_facts(dataset: Dataset) -> AnnualFacts:
    arrivals = dataset.arrivals
    totals = analysis.single_years(arrivals)["total"]
    peak_year, latest_year = int(totals.idxmax()), int(totals.index.max())
    pre_year = analysis.last_year_before_covid(dataset.events)
    first = arrivals.iloc[0]
    after = tuple(YearAfter(year, int(totals[year]), analysis.percent_change(totals[pre_year], totals[year]))
                  for year in (pre_year + 1, pre_year + 2) if year in totals.index)
    return AnnualFacts(
        first_period=_period(first),
        peak_year=peak_year,
        peak=int(totals[peak_year]),
        latest_year=latest_year,
        latest=int(totals[latest_year]),
        fall_from_peak_pct=-analysis.percent_change(totals[peak_year], totals[latest_year]),
        pre_covid_year=pre_year,
        pre_covid=int(totals[pre_year]),
        years_after=after,
        buckets=tuple(_period(row) for _, row in analysis.buckets(arrivals).iterrows()),
        cumulative=int(arrivals["total"].sum()),
        cumulative_male=int(arrivals["male"].sum()),
        cumulative_female=int(arrivals["female"].sum()),
    )


def _period(row: pd.Series) -> Period:
    first = None if pd.isna(row["first_year"]) else int(row["first_year"])
    return Period(first, int(row["last_year"]), int(row["total"]))


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    total: int
    note: str


@dataclass(frozen=True)
class QuarterlyFacts:
    first: Quarter
    last: Quarter
    last_before_covid: Quarter  # the last quarter that ended before the closure began
    first_of_closure: Quarter  # the first quarter that began after it
    lowest: Quarter
    pre_covid_year: int
    pre_covid_low: int  # fewest and most arrivals in one quarter of that year
    pre_covid_high: int


def quarterly_facts(dataset: Dataset) -> QuarterlyFacts:
    quarterly = dataset.quarterly
    covid_start = analysis.covid_start(dataset.events)
    starts = analysis.quarter_start(quarterly)
    pre_year = analysis.last_year_before_covid(dataset.events)
    pre = quarterly.loc[quarterly["year"] == pre_year, "total"]
    return QuarterlyFacts(
        first=_quarter(quarterly.iloc[0]),
        last=_quarter(quarterly.iloc[-1]),
        last_before_covid=_quarter(quarterly[starts + 0.25 <= covid_start].iloc[-1]),
        first_of_closure=_quarter(quarterly[starts >= covid_start].iloc[0]),
        lowest=_quarter(quarterly.loc[quarterly["total"].idxmin()]),
        pre_covid_year=pre_year,
        pre_covid_low=int(pre.min()),
        pre_covid_high=int(pre.max()),
    )


def _quarter(row: pd.Series) -> Quarter:
    return Quarter(int(row["year"]), int(row["quarter"]), int(row["total"]), "" if pd.isna(row["note"]) else str(row["note"]))


@dataclass(frozen=True)
class SexFacts:
    first_year: int
    last_year: int
    latest_year: int  # of the whole series, buckets included
    cumulative: int
    women_share_pct: float  # of all arrivals to latest_year
    max_share_year: int
    max_share_pct: float
    min_share_year: int
    min_share_pct: float
    min_share_women: int
    min_share_men: int
    last_women: int
    last_men: int
    last_share_pct: float
    bucket_end: int  # last year of MOU's multi-year totals, left out of this chart
    years_more_men: tuple[int, ...]


def sex_facts(dataset: Dataset) -> SexFacts:
    arrivals = dataset.arrivals
    years = analysis.single_years(arrivals)
    share = analysis.female_share(arrivals)
    low, high, last = int(share.idxmin()), int(share.idxmax()), int(years.index.max())
    total = int(arrivals["total"].sum())
    return SexFacts(
        first_year=int(years.index.min()), last_year=last, latest_year=int(arrivals["last_year"].max()),
        cumulative=total, women_share_pct=int(arrivals["female"].sum()) / total * 100,
        max_share_year=high, max_share_pct=float(share[high]),
        min_share_year=low, min_share_pct=float(share[low]),
        min_share_women=int(years.loc[low, "female"]), min_share_men=int(years.loc[low, "male"]),
        last_women=int(years.loc[last, "female"]), last_men=int(years.loc[last, "male"]),
        last_share_pct=float(share[last]),
        bucket_end=int(analysis.buckets(arrivals)["last_year"].max()),
        years_more_men=tuple(int(y) for y in years.index[years["male"] > years["female"]]),
    )


@dataclass(frozen=True)
class FeeFacts:
    first: pd.Series  # earliest dated report for crossing into China
    last: pd.Series  # latest dated report for crossing into China
    highest: pd.Series  # the report with the highest amount in US dollars
    lowest: pd.Series  # the report with the lowest amount in US dollars
    lowest_usd: float
    dated_count: int
    undated_count: int
    first_year: int  # span of the years the dated reports refer to
    last_year: int
    # Constant dollars (US CPI-U, fees.real_usd): every dated report in dollars of price_base_year.
    price_base_year: int  # the latest year with a CPI-U in rates.csv; name it in a chart's subtitle
    price_base_note: str  # rates.csv's caveat on that year's CPI-U ('' if none)
    real: pd.DataFrame  # the dated reports (as fees.dated_fees orders them) with low_real_usd, high_real_usd
    first_real: tuple[float | None, float | None]  # `first` in dollars of price_base_year (low, high)
    last_real: tuple[float | None, float | None]
    highest_real: pd.Series  # the report with the highest amount in constant dollars
    highest_real_usd: float
    lowest_real_usd: float

    @property
    def rise_times(self) -> float:
        """Latest over earliest report for crossing into China, middle of each range, in dollars of each year."""
        return fees.usd_midpoint(self.last) / fees.usd_midpoint(self.first)

    @property
    def rise_times_real(self) -> float:
        """The same rise in constant dollars."""
        return _midpoint(self.last_real) / _midpoint(self.first_real)


def _midpoint(bounds: tuple[float | None, float | None]) -> float:
    given = [b for b in bounds if b is not None]
    return sum(given) / len(given)


def fee_facts(dataset: Dataset) -> FeeFacts:
    reports, rates = dataset.broker_fees, dataset.rates
    dated = fees.dated_fees(reports)
    first, last = fees.fee_rise(reports, "nk_to_china")
    real = fees.real_usd(dated, rates)
    base = int(real["base_year"].iloc[0])
    base_note = rates[(rates["series"] == CPI_SERIES) & (rates["year"] == base)]["note"]
    real_max = real[["low_real_usd", "high_real_usd"]].max(axis=1)
    return FeeFacts(
        first=first, last=last,
        highest=dated.loc[dated[["low_usd", "high_usd"]].max(axis=1).idxmax()],
        lowest=dated.loc[dated[["low_usd", "high_usd"]].min(axis=1).idxmin()],
        lowest_usd=float(dated[["low_usd", "high_usd"]].min().min()),
        dated_count=len(dated), undated_count=len(reports) - len(dated),
        first_year=int(dated["period_start"].min()), last_year=int(dated["period_end"].max()),
        price_base_year=base,
        price_base_note="" if base_note.empty or pd.isna(base_note.iloc[0]) else str(base_note.iloc[0]),
        real=real,
        first_real=fees.real_range(first, rates, base), last_real=fees.real_range(last, rates, base),
        highest_real=real.loc[real_max.idxmax()],
        highest_real_usd=float(real_max.max()),
        lowest_real_usd=float(real[["low_real_usd", "high_real_usd"]].min().min()),
    )


@dataclass(frozen=True)
class TrendFacts:
    trend: analysis.Trend
    comparison: pd.DataFrame  # actual against trend, each year after the fit
    closure_year: int  # the first full year of the closure, where trend and count part most clearly
    fall_total: int  # from the peak to two years after the last pre-COVID year
    fall_before_covid: int
    fall_until: int

    @property
    def share_of_fall_before_covid_pct(self) -> float:
        return self.fall_before_covid / self.fall_total * 100


def trend_facts(dataset: Dataset) -> TrendFacts:
    arrivals, events = dataset.arrivals, dataset.events
    trend = analysis.pre_covid_trend(arrivals, events)
    comparison = analysis.trend_versus_actual(arrivals, events)
    totals = analysis.single_years(arrivals)["total"]
    until = trend.last_year + 2
    return TrendFacts(
        trend=trend, comparison=comparison,
        closure_year=int(comparison.index[1] if len(comparison) > 1 else comparison.index[0]),
        fall_total=int(totals[trend.first_year] - totals[until]),
        fall_before_covid=int(totals[trend.first_year] - totals[trend.last_year]),
        fall_until=until,
    )


@dataclass(frozen=True)
class Half:
    """One row of arrivals_halfyear.csv."""

    year: int
    half: int
    total: int
    male: int | None
    female: int | None
    derived: bool  # some number in the row was computed (see note)
    source_id: str
    note: str

    @property
    def start(self) -> float:
        """Where the half-year begins, in decimal years."""
        return self.year + (self.half - 1) / 2

    @property
    def female_share_pct(self) -> float | None:
        return None if self.female is None else self.female / self.total * 100


@dataclass(frozen=True)
class HalfyearFacts:
    first: Half
    last: Half  # the latest half-year published
    lowest: Half  # the first of the fewest arrivals
    highest: Half
    baseline: Half  # the same half as `last`, in the series' first year
    last_before_covid: Half  # the last half-year that ended before the COVID-19 closure began
    first_of_closure: Half  # the first half-year that began after it
    first_after_reopening: Half | None  # the first half-year that began after the partial reopening
    count: int
    derived_count: int  # rows with a computed number in them

    @property
    def change_from_baseline_pct(self) -> float:
        """The latest half against the same half of the first year, in percent."""
        return analysis.percent_change(self.baseline.total, self.last.total)


def halfyear_facts(dataset: Dataset) -> HalfyearFacts:
    halves = dataset.halfyear
    starts = analysis.half_start(halves)
    stages = analysis.covid_stages(dataset.events)
    last = halves.iloc[-1]
    baseline = halves[(halves["year"] == halves["year"].min()) & (halves["half"] == last["half"])]
    after_reopening = halves[starts >= stages[1].start] if len(stages) > 1 else halves.iloc[0:0]
    return HalfyearFacts(
        first=_half(halves.iloc[0]), last=_half(last),
        lowest=_half(halves.loc[halves["total"].idxmin()]), highest=_half(halves.loc[halves["total"].idxmax()]),
        baseline=_half(baseline.iloc[0]),
        last_before_covid=_half(halves[starts + 0.5 <= stages[0].start].iloc[-1]),
        first_of_closure=_half(halves[starts >= stages[0].start].iloc[0]),
        first_after_reopening=None if after_reopening.empty else _half(after_reopening.iloc[0]),
        count=len(halves), derived_count=int(halves["derived"].sum()),
    )


def _half(row: pd.Series) -> Half:
    def optional(value) -> int | None:
        return None if pd.isna(value) else int(value)

    return Half(int(row["year"]), int(row["half"]), int(row["total"]), optional(row["male"]), optional(row["female"]),
                bool(row["derived"]), str(row["source_id"]), "" if pd.isna(row["note"]) else str(row["note"]))


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
        shots = tuple(_snapshot(read(dimension, row["as_of"], row["source_id"]), row)
                      for _, row in complete.iterrows())
        compared, changes = None, ()
        if len(complete) >= 2:
            first, last = complete.iloc[0], complete.iloc[-1]
            compared = next((c for c in _SHARE_COLUMNS if first[f"has_{c}"] and last[f"has_{c}"]), None)
            if compared is not None:
                before = profiles.shares_of(read(dimension, first["as_of"], first["source_id"]), compared)
                after = profiles.shares_of(read(dimension, last["as_of"], last["source_id"]), compared)
                changes = tuple(CategoryChange(c, float(before[c]), float(after[c])) for c in before.index)
        dimensions.append(DimensionFacts(dimension, shots, _partial(table, dimension), compared, changes))
    flagged = table[table["note"].fillna("").str.contains(PUBLISHED_ERROR, regex=False)]
    errors = tuple(f"{r['as_of']} {r['dimension']} {r['category']} ({r['source_id']}): published total {r['total']}, "
                   f"male + female {r['male'] + r['female']}" for _, r in flagged.iterrows())
    rows = tuple(PublishedError(str(r["as_of"]), str(r["dimension"]), str(r["category"]), str(r["source_id"]),
                                int(r["total"]), int(r["male"]), int(r["female"])) for _, r in flagged.iterrows())
    shares = pd.concat([profiles.shares_by_sex_and_everyone(table, d, index, read).assign(dimension=d)
                        for d in PROFILE_CATEGORIES], ignore_index=True)
    shares = shares[["dimension", *shares.columns[:-1]]]
    tops = tuple(SeriesTop(str(d), str(series), str(group.loc[group["share_pct"].idxmax(), "as_of"]),
                           str(group.loc[group["share_pct"].idxmax(), "category"]), float(group["share_pct"].max()))
                 for (d, series), group in shares.groupby(["dimension", "series"], sort=False))
    origin = profiles.partial_figures(table, "province").dropna(subset=["total"])
    origin = origin.rename(columns={"total": "people"})[["as_of", "category", "people", "source_id"]]
    with_share = [s for d in dimensions for s in d.snapshots if s.female_share_pct is not None]
    newest = max(with_share, key=lambda s: s.as_of, default=None)
    return ProfileFacts(
        dimensions=tuple(dimensions), published_errors=errors, errors=rows, shares=shares,
        origin=origin.astype({"people": "int64"}).reset_index(drop=True), tops=tops,
        women_share_pct=None if newest is None else newest.female_share_pct,
        women_share_as_of=None if newest is None else newest.as_of,
    )


def _snapshot(parts: pd.DataFrame, row: pd.Series) -> ProfileSnapshot:
    """The facts of one complete snapshot (`row` of profiles.snapshots), read with profile_table as `parts`."""
    column = next(c for c in _SHARE_COLUMNS if row[f"has_{c}"])
    values = parts.set_index("category")["total_used" if column == "total" else column]
    largest = str(values.idxmax())
    base = int(values.sum())
    women = parts["female"].sum(min_count=len(parts))
    return ProfileSnapshot(
        as_of=str(row["as_of"]), source_id=str(row["source_id"]), column=column, base=base,
        largest=largest, largest_count=int(values[largest]), largest_share_pct=float(values[largest] / base * 100),
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


@dataclass(frozen=True)
class Host:
    """A country of asylum at its peak: the most DPRK-origin refugees + asylum-seekers it held at a year's end."""

    country: str  # ISO 3166 alpha-3
    peak_year: int
    peak: int
    peak_refugees: int  # of which refugees
    peak_asylum_seekers: int
    latest: int  # in the table's latest year; 0 if it had none


@dataclass(frozen=True)
class Window:
    """UNHCR's DPRK-origin refugees + asylum-seekers abroad (end-of-year stock) and MOU's arrivals in South
    Korea (flow during the year), each from first_year to last_year."""

    first_year: int
    last_year: int
    abroad_first: int
    abroad_last: int
    abroad_change_pct: float
    arrivals_first: int
    arrivals_last: int
    arrivals_change_pct: float


@dataclass(frozen=True)
class ProtectionAbroadFacts:
    first_year: int
    latest_year: int
    peak_year: int  # most refugees + asylum-seekers abroad at a year's end
    peak: int
    peak_refugees: int
    peak_asylum_seekers: int
    refugees_peak_year: int  # most refugees alone
    refugees_peak: int
    latest: int
    latest_refugees: int
    latest_asylum_seekers: int
    latest_countries: int
    countries: int  # countries of asylum in any year
    top_hosts: tuple[Host, ...]  # the five largest peaks
    since_arrivals_peak: Window  # from the year of most arrivals in South Korea to the latest year in both
    since_pre_covid: Window  # from the last full year before the COVID-19 closure
    rose_as_arrivals_fell: tuple[int, ...]  # years when the number abroad rose from the year before and arrivals fell
    comparison: pd.DataFrame  # per year in both: refugees, asylum_seekers, both, arrivals
    missing_years: tuple[int, ...]  # years from first_year to latest_year with no DPRK row in UNHCR's table
    totals: pd.DataFrame  # abroad.yearly_totals: refugees, asylum_seekers, both, countries per year
    hosts_by_year: pd.DataFrame  # refugees + asylum-seekers per year in each of top_hosts (abroad.by_country)


def protection_abroad_facts(dataset: Dataset) -> ProtectionAbroadFacts:
    totals = abroad.yearly_totals(dataset.unhcr)
    hosts = abroad.host_countries(dataset.unhcr)
    both = abroad.abroad_and_arrivals(dataset.unhcr, dataset.arrivals)
    peak_year, latest_year = int(totals["both"].idxmax()), int(totals.index.max())
    arrivals_peak = int(analysis.single_years(dataset.arrivals)["total"].idxmax())
    last_common = int(both.index.max())
    changes = abroad.year_on_year(both)
    rose = tuple(int(y) for y in changes.index[changes["rose_as_arrivals_fell"].fillna(False)])
    return ProtectionAbroadFacts(
        first_year=int(totals.index.min()), latest_year=latest_year,
        peak_year=peak_year, peak=int(totals.loc[peak_year, "both"]),
        peak_refugees=int(totals.loc[peak_year, "refugees"]),
        peak_asylum_seekers=int(totals.loc[peak_year, "asylum_seekers"]),
        refugees_peak_year=int(totals["refugees"].idxmax()), refugees_peak=int(totals["refugees"].max()),
        latest=int(totals.loc[latest_year, "both"]), latest_refugees=int(totals.loc[latest_year, "refugees"]),
        latest_asylum_seekers=int(totals.loc[latest_year, "asylum_seekers"]),
        latest_countries=int(totals.loc[latest_year, "countries"]),
        countries=int(dataset.unhcr["country_of_asylum"].nunique()),
        top_hosts=tuple(Host(str(r["country_of_asylum"]), int(r["peak_year"]), int(r["peak"]), int(r["peak_refugees"]),
                             int(r["peak_asylum_seekers"]), int(r["latest"])) for _, r in hosts.head(5).iterrows()),
        since_arrivals_peak=_window(both, arrivals_peak, last_common),
        since_pre_covid=_window(both, analysis.last_year_before_covid(dataset.events), last_common),
        rose_as_arrivals_fell=rose,
        comparison=both,
        missing_years=tuple(y for y in range(int(totals.index.min()), latest_year + 1) if y not in totals.index),
        totals=totals,
        hosts_by_year=abroad.by_country(dataset.unhcr)[list(hosts["country_of_asylum"].head(5))],
    )


def _window(table: pd.DataFrame, first_year: int, last_year: int) -> Window:
    change = abroad.change_between(table, first_year, last_year)
    return Window(first_year, last_year, change["abroad_first"], change["abroad_last"], change["abroad_change_pct"],
                  change["arrivals_first"], change["arrivals_last"], change["arrivals_change_pct"])
