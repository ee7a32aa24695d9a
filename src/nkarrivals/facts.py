"""One typed set of facts per chart, computed once from the data.

A chart's title, subtitle, note and alt text in each language, and the notebook
sentences about it, all format the same object, so no figure is computed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkarrivals import analysis, fees
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


def fee_facts(dataset: Dataset) -> FeeFacts:
    reports = dataset.broker_fees
    dated = fees.dated_fees(reports)
    first, last = fees.fee_rise(reports, "nk_to_china")
    return FeeFacts(
        first=first, last=last,
        highest=dated.loc[dated[["low_usd", "high_usd"]].max(axis=1).idxmax()],
        lowest=dated.loc[dated[["low_usd", "high_usd"]].min(axis=1).idxmin()],
        lowest_usd=float(dated[["low_usd", "high_usd"]].min().min()),
        dated_count=len(dated), undated_count=len(reports) - len(dated),
        first_year=int(dated["period_start"].min()), last_year=int(dated["period_end"].max()),
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
