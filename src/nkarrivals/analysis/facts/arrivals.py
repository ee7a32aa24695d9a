"""Facts of the arrivals charts: annual totals, quarters, half-years, the recent quarters and half-years
together, men and women, the pre-COVID trend."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from nkarrivals import analysis
from nkarrivals.data import Dataset


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
    # The years since the latest COVID-19 stage began (the partial reopening), to the latest year:
    # their mean arrivals, and that mean as a share of the last year before the closure.
    since_year: int
    since_mean: float
    since_pct_of_pre_covid: float
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
    # The latest stage that began by the latest year: its first calendar year, to the latest.
    since_year = max(
        int(stage.start) for stage in analysis.covid_stages(dataset.events) if stage.start < latest_year + 1
    )
    since_mean = float(totals.loc[since_year:latest_year].mean())
    after = tuple(
        YearAfter(year, int(totals[year]), analysis.percent_change(totals[pre_year], totals[year]))
        for year in (pre_year + 1, pre_year + 2)
        if year in totals.index
    )
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
        since_year=since_year,
        since_mean=since_mean,
        since_pct_of_pre_covid=since_mean / totals[pre_year] * 100,
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
    return Quarter(
        int(row["year"]), int(row["quarter"]), int(row["total"]), "" if pd.isna(row["note"]) else str(row["note"])
    )


@dataclass(frozen=True)
class RecentPeriod:
    """One period of ``analysis.recent_periods``: a quarter, or a half-year published without its quarters."""

    year: int
    quarter: int | None
    half: int | None
    total: int
    per_quarter: float  # the height drawn: a half-year's average quarter
    start: float
    total_derived: bool


@dataclass(frozen=True)
class RecentFacts:
    periods: pd.DataFrame  # analysis.recent_periods: what the arrivals-recent chart draws, one row a bar
    first: RecentPeriod
    last: RecentPeriod
    before_year: int  # the last full year before the COVID-19 closure
    before_low: RecentPeriod  # its fewest and most arrivals in a quarter
    before_high: RecentPeriod
    reopened: RecentPeriod  # the first period that began after the partial reopening
    since_low: RecentPeriod  # the fewest and most arrivals per quarter from `reopened` on
    since_high: RecentPeriod
    lowest: RecentPeriod  # the quarter with the fewest arrivals (the first, if tied): the trough
    halves: tuple[RecentPeriod, ...]  # the half-years drawn whole
    computed_count: int  # periods whose total is a sum or difference of published figures

    @property
    def since_range(self) -> tuple[int, int]:
        """The range per quarter since the reopening in whole people, widened to hold a half-year's
        average (63.5 -> 63 at the bottom, 64 at the top)."""
        return math.floor(self.since_low.per_quarter), math.ceil(self.since_high.per_quarter)


def recent_facts(dataset: Dataset) -> RecentFacts:
    """What the arrivals-recent chart says: the range of quarters in the last full year before the
    closure against the range per quarter since the partial reopening, not one extreme quarter."""
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    quarters = periods[periods["quarter"].notna()]
    stages = analysis.covid_stages(dataset.events)
    if len(stages) < 2:
        raise ValueError("events.csv has no partial reopening (a second 'covid' period) to count 'since' from")
    before_year = analysis.last_year_before_covid(dataset.events)
    before = quarters[quarters["year"] == before_year]
    if before.empty:
        raise ValueError(f"the quarterly table has no quarter of {before_year}, the last full year before the closure")
    since = periods[periods["start"] >= stages[1].start]
    if since.empty:
        raise ValueError("no quarter or half-year began after the partial reopening")
    row = lambda index: _recent_period(periods.loc[index])  # noqa: E731 - a local shorthand
    return RecentFacts(
        periods=periods,
        first=row(periods.index[0]),
        last=row(periods.index[-1]),
        before_year=before_year,
        before_low=row(before["total"].idxmin()),
        before_high=row(before["total"].idxmax()),
        reopened=row(since.index[0]),
        since_low=row(since["per_quarter"].idxmin()),
        since_high=row(since["per_quarter"].idxmax()),
        lowest=row(quarters["total"].idxmin()),
        halves=tuple(row(index) for index in periods.index[periods["half"].notna()]),
        computed_count=int(periods["total_derived"].sum()),
    )


def _optional(value) -> int | None:
    """A whole number from a cell that may be blank."""
    return None if pd.isna(value) else int(value)


def _recent_period(row: pd.Series) -> RecentPeriod:
    return RecentPeriod(
        int(row["year"]),
        _optional(row["quarter"]),
        _optional(row["half"]),
        int(row["total"]),
        float(row["per_quarter"]),
        float(row["start"]),
        bool(row["total_derived"]),
    )


# The women's share of a year with fewer arrivals than this rests on so few people that one group
# moves it by many points: the chart draws it hollow, with the number of people beside it.
SMALL_BASE = 100
# The level the long-run claim about the women's share is measured against: the years with women
# above it. arrivals-by-sex's words call it "seven in ten" ("10명 중 7명"): change them together.
WOMEN_SHARE_MARK_PCT = 70.0


@dataclass(frozen=True)
class SexFacts:
    shares: pd.DataFrame  # by single year: male, female, total, female_share_pct, small_base, source_id
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
    small_base_years: tuple[int, ...]  # years with fewer than SMALL_BASE arrivals
    # The long run: from the first year of the longest run of years with women above
    # WOMEN_SHARE_MARK_PCT, to the latest year.
    run_first_year: int
    run_years: int  # years from run_first_year to last_year
    run_years_at_mark: int  # of them, the years above the mark
    run_years_below: tuple[int, ...]  # and the others
    run_low_year: int  # the lowest and highest share among those years above the mark
    run_low_pct: float
    run_high_year: int
    run_high_pct: float


def sex_shares(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Men, women and everyone per single year, with the women's share in percent (unrounded:
    ``analysis.female_share``), whether the year has fewer than SMALL_BASE arrivals, and the source."""
    years = analysis.single_years(arrivals)
    table = years[["male", "female", "total"]].copy()
    table["female_share_pct"] = analysis.female_share(arrivals)
    table["small_base"] = table["total"] < SMALL_BASE
    table["source_id"] = years["source_id"]
    return table


def _longest_run_start(at_mark: pd.Series) -> int:
    """The first year of the longest run of consecutive True years (the earliest, if tied)."""
    best_start, best_length, start, length = int(at_mark.index[0]), 0, None, 0
    for year, hit in at_mark.items():
        if hit:
            start, length = (int(year) if start is None else start), length + 1
            if length > best_length:
                best_start, best_length = start, length
        else:
            start, length = None, 0
    if best_length == 0:
        raise ValueError(f"no year has women above {WOMEN_SHARE_MARK_PCT:g}% of arrivals")
    return best_start


def sex_facts(dataset: Dataset) -> SexFacts:
    arrivals = dataset.arrivals
    shares = sex_shares(arrivals)
    share = shares["female_share_pct"]
    low, high, last = int(share.idxmin()), int(share.idxmax()), int(shares.index.max())
    total = int(arrivals["total"].sum())
    run_first = _longest_run_start(share > WOMEN_SHARE_MARK_PCT)
    run = share.loc[run_first:]
    at_mark = run[run > WOMEN_SHARE_MARK_PCT]
    return SexFacts(
        shares=shares,
        first_year=int(shares.index.min()),
        last_year=last,
        latest_year=int(arrivals["last_year"].max()),
        cumulative=total,
        women_share_pct=int(arrivals["female"].sum()) / total * 100,
        max_share_year=high,
        max_share_pct=float(share[high]),
        min_share_year=low,
        min_share_pct=float(share[low]),
        min_share_women=int(shares.loc[low, "female"]),
        min_share_men=int(shares.loc[low, "male"]),
        last_women=int(shares.loc[last, "female"]),
        last_men=int(shares.loc[last, "male"]),
        last_share_pct=float(share[last]),
        bucket_end=int(analysis.buckets(arrivals)["last_year"].max()),
        years_more_men=tuple(int(y) for y in shares.index[shares["male"] > shares["female"]]),
        small_base_years=tuple(int(y) for y in shares.index[shares["small_base"]]),
        run_first_year=run_first,
        run_years=len(run),
        run_years_at_mark=len(at_mark),
        run_years_below=tuple(int(year) for year in run.index[run <= WOMEN_SHARE_MARK_PCT]),
        run_low_year=int(at_mark.idxmin()),
        run_low_pct=float(at_mark.min()),
        run_high_year=int(at_mark.idxmax()),
        run_high_pct=float(at_mark.max()),
    )


@dataclass(frozen=True)
class TrendFacts:
    """The trend before COVID-19, fitted over two windows (from the peak year, and from the year
    of the largest one-year fall), each set against the actual arrivals after it."""

    fits: tuple[analysis.Trend, ...]  # from the peak year first
    comparisons: tuple[pd.DataFrame, ...]  # actual against each fit, each year after the fits
    closure_year: int  # the first full year of the closure, where trend and count part most clearly
    latest_year: int
    fall_total: int  # from the peak to two years after the last pre-COVID year
    fall_before_covid: int
    fall_until: int

    @property
    def trend(self) -> analysis.Trend:
        """The fit from the peak year."""
        return self.fits[0]

    @property
    def comparison(self) -> pd.DataFrame:
        return self.comparisons[0]

    @property
    def annual_change_range_pct(self) -> tuple[float, float]:
        """The fits' yearly changes, in percent, lowest first (falls are negative)."""
        changes = [fit.annual_change_pct for fit in self.fits]
        return min(changes), max(changes)

    def gap_range_pct(self, year: int) -> tuple[float, float]:
        """Actual arrivals in `year` against each fit's projection, in percent, lowest first."""
        gaps = [float(comparison.loc[year, "actual_vs_trend_pct"]) for comparison in self.comparisons]
        return min(gaps), max(gaps)

    def trend_range(self, year: int) -> tuple[int, int]:
        """The fits' projections for `year`, lowest first."""
        values = [int(comparison.loc[year, "trend"]) for comparison in self.comparisons]
        return min(values), max(values)

    @property
    def share_of_fall_before_covid_pct(self) -> float:
        return self.fall_before_covid / self.fall_total * 100


def trend_facts(dataset: Dataset) -> TrendFacts:
    arrivals, events = dataset.arrivals, dataset.events
    fits = analysis.pre_covid_trends(arrivals, events)
    comparisons = tuple(analysis.trend_versus_actual(arrivals, fit) for fit in fits)
    first = comparisons[0]
    totals = analysis.single_years(arrivals)["total"]
    peak_fit = fits[0]
    until = peak_fit.last_year + 2
    return TrendFacts(
        fits=fits,
        comparisons=comparisons,
        closure_year=int(first.index[1] if len(first) > 1 else first.index[0]),
        latest_year=int(totals.index.max()),
        fall_total=int(totals[peak_fit.first_year] - totals[until]),
        fall_before_covid=int(totals[peak_fit.first_year] - totals[peak_fit.last_year]),
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
        first=_half(halves.iloc[0]),
        last=_half(last),
        lowest=_half(halves.loc[halves["total"].idxmin()]),
        highest=_half(halves.loc[halves["total"].idxmax()]),
        baseline=_half(baseline.iloc[0]),
        last_before_covid=_half(halves[starts + 0.5 <= stages[0].start].iloc[-1]),
        first_of_closure=_half(halves[starts >= stages[0].start].iloc[0]),
        first_after_reopening=None if after_reopening.empty else _half(after_reopening.iloc[0]),
        count=len(halves),
        derived_count=int(halves["derived"].sum()),
    )


def _half(row: pd.Series) -> Half:
    return Half(
        int(row["year"]),
        int(row["half"]),
        int(row["total"]),
        _optional(row["male"]),
        _optional(row["female"]),
        bool(row["derived"]),
        str(row["source_id"]),
        "" if pd.isna(row["note"]) else str(row["note"]),
    )
