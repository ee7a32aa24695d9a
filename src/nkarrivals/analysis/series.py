"""Series derived from the validated tables: single years, buckets, shares, the COVID-19
period and the pre-COVID trend.

The facts each chart states are assembled from these in ``nkarrivals.analysis.facts``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nkarrivals.data.dates import decimal_year, year_end, year_start
from nkarrivals.data.schema import ONGOING


def _covers_one_year(arrivals: pd.DataFrame) -> pd.Series:
    # An open start ("~1998") compares as NA: it is a bucket.
    return (arrivals["first_year"] == arrivals["last_year"]).fillna(False).astype(bool)


def single_year_rows(arrivals: pd.DataFrame) -> pd.DataFrame:
    """The rows of arrivals.csv that cover exactly one year, as they are."""
    return arrivals[_covers_one_year(arrivals)]


def single_years(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Rows that cover exactly one year, indexed by that year."""
    return single_year_rows(arrivals).set_index("last_year").rename_axis("year")


def buckets(arrivals: pd.DataFrame) -> pd.DataFrame:
    """MOU's multi-year rows ("~1998", "1999–2001")."""
    return arrivals[~_covers_one_year(arrivals)]


def early_single_years(early_years: pd.DataFrame) -> pd.DataFrame:
    """early_years.csv indexed by year, in time order: single years inside MOU's multi-year rows,
    counted early and never revised (each lies inside one bucket; the data rules check it)."""
    return early_years.sort_values("year").set_index("year")


def inside_period(years, period: pd.Series):
    """Which of `years` (a Series or an Index of years) lie inside the period of the arrivals.csv
    row `period`; an open start ("~1998") holds every year up to its last."""
    first, last = period["first_year"], int(period["last_year"])
    return (years <= last) & (True if pd.isna(first) else years >= int(first))


def percent_change(before: float, after: float) -> float:
    return (after - before) / before * 100


def female_share(arrivals: pd.DataFrame) -> pd.Series:
    """Women's share of each single year's arrivals, in percent."""
    years = single_years(arrivals)
    return years["female"] / years["total"] * 100


def event_spans(events: pd.DataFrame) -> pd.DataFrame:
    """Events placed on the time axis, in decimal years, in time order.

    A period runs from where its start begins (`x_start`) to where its end finishes (`x_end`);
    a period still in force has no `x_end` and `ongoing` set. A one-off event sits at the middle
    of the span its date names (`x`), as do the starts of periods for point-like uses.
    """
    out = events.copy()
    is_period = out["end"].notna()
    out["is_period"] = is_period
    out["ongoing"] = out["end"] == ONGOING
    out["x"] = [decimal_year(d) for d in out["start"]]
    out["x_start"] = [
        year_start(d) if period else x for d, period, x in zip(out["start"], is_period, out["x"], strict=True)
    ]
    out["x_end"] = [
        year_end(e) if period and e != ONGOING else float("nan")
        for e, period in zip(out["end"], is_period, strict=True)
    ]
    return out.sort_values(["x_start", "label"], ignore_index=True)


@dataclass(frozen=True)
class Stage:
    """One stage of the COVID-19 closure: from `start` to `end` (None while it lasts)."""

    start: float
    end: float | None


def covid_periods(events: pd.DataFrame) -> pd.DataFrame:
    """The rows of events.csv behind the COVID-19 stages: the covid events that are periods."""
    return events[(events["category"] == "covid") & events["end"].notna()]


def covid_stages(events: pd.DataFrame) -> list[Stage]:
    """The COVID-19 periods in events.csv, in time order: the closure, then each easing."""
    periods = event_spans(covid_periods(events))
    if periods.empty:
        raise ValueError("events.csv has no COVID-19 period (category 'covid' with an end) to mark the closure")
    return [
        Stage(float(row["x_start"]), None if row["ongoing"] else float(row["x_end"])) for _, row in periods.iterrows()
    ]


def covid_start(events: pd.DataFrame) -> float:
    """When the COVID-19 closure began, in decimal years."""
    return covid_stages(events)[0].start


def last_year_before_covid(events: pd.DataFrame) -> int:
    """The last full calendar year before the COVID-19 closure began."""
    return int(covid_start(events)) - 1


@dataclass(frozen=True)
class Trend:
    """Exponential trend: log(arrivals) fitted linearly on year by least squares."""

    first_year: int
    last_year: int
    slope: float
    intercept: float

    @property
    def annual_change_pct(self) -> float:
        return (math.exp(self.slope) - 1) * 100

    def predict(self, years) -> np.ndarray:
        return np.exp(self.intercept + self.slope * np.asarray(years, dtype=float))


def fit_trend(totals: pd.Series, first_year: int, last_year: int) -> Trend:
    """The exponential trend of yearly `totals` (indexed by year) from `first_year` to `last_year`."""
    years = totals.loc[first_year:last_year]
    slope, intercept = np.polyfit(years.index.to_numpy(dtype=float), np.log(years.to_numpy(dtype=float)), 1)
    return Trend(first_year, last_year, float(slope), float(intercept))


def pre_covid_trend(arrivals: pd.DataFrame, events: pd.DataFrame) -> Trend:
    """Fit from the peak year to the last full year before the COVID-19 closure."""
    totals = single_years(arrivals)["total"]
    return fit_trend(totals, int(totals.idxmax()), last_year_before_covid(events))


def step_year(arrivals: pd.DataFrame, events: pd.DataFrame) -> int:
    """The year of the largest one-year fall, in percent, between the peak and the last year
    before the COVID-19 closure: the first year after the series stepped down (2012, from 2011)."""
    totals = single_years(arrivals)["total"]
    window = totals.loc[int(totals.idxmax()) : last_year_before_covid(events)]
    change = window.pct_change()
    change = change[window.index.to_series().diff() == 1]  # from one year to the next only
    if change.empty:
        raise ValueError("arrivals.csv has no two consecutive years between the peak and the COVID-19 closure")
    return int(change.idxmin())


def pre_covid_trends(arrivals: pd.DataFrame, events: pd.DataFrame) -> tuple[Trend, Trend]:
    """The trend before COVID-19 fitted over two windows that end in the last year before the
    closure: from the peak year, and from the year of the largest one-year fall (the step).
    Their spread shows how much the rate depends on where the fit starts."""
    totals = single_years(arrivals)["total"]
    last = last_year_before_covid(events)
    return pre_covid_trend(arrivals, events), fit_trend(totals, step_year(arrivals, events), last)


def trend_versus_actual(arrivals: pd.DataFrame, trend: Trend) -> pd.DataFrame:
    """Actual arrivals after the fit window against the trend's projection."""
    years = single_years(arrivals)
    after = years.loc[trend.last_year + 1 :, ["total"]].rename(columns={"total": "actual"})
    projected = trend.predict(after.index)
    after["trend"] = projected.round(0).astype(int)
    # Against the projection itself, not its rounding: far out, a projection under half a person
    # rounds to 0.
    after["actual_vs_trend_pct"] = (after["actual"] / projected - 1) * 100
    return after


def quarter_start(quarterly: pd.DataFrame) -> pd.Series:
    """Where each quarter begins, in decimal years."""
    return quarterly["year"] + (quarterly["quarter"] - 1) / 4


def half_start(halfyear: pd.DataFrame) -> pd.Series:
    """Where each half-year begins, in decimal years: H1 2019 -> 2019.0, H2 2019 -> 2019.5."""
    return halfyear["year"] + (halfyear["half"] - 1) / 2


def halfyear_series(halfyear: pd.DataFrame) -> pd.DataFrame:
    """The half-years in time order, ready to draw.

    Columns: year, half, start and end (decimal years; a bar spans start to end), male,
    female, total, derived, women's share in percent (NA where the split is not published),
    source_id and note. `derived` keeps the file's meaning: some number in the row was
    computed from other published figures.
    """
    out = halfyear.sort_values(["year", "half"], ignore_index=True)
    out = out[["year", "half", "male", "female", "total", "derived", "source_id", "note"]].copy()
    out.insert(2, "start", half_start(out).astype(float))
    out.insert(3, "end", out["start"] + 0.5)
    out["female_share_pct"] = (out["female"] / out["total"] * 100).astype("Float64")
    return out


def recent_periods(quarterly: pd.DataFrame, halfyear: pd.DataFrame) -> pd.DataFrame:
    """The quarters, and the half-years without them, as one series on a quarterly grid, in time
    order: what the arrivals-recent chart draws.

    Every quarter is kept, except that a half-year whose two quarters are not both in the
    quarterly table stands for itself (MOU's half-years since 2025): it is one period two quarters
    long, and a lone quarter inside it is left out, since the half counts it. Half-years whose
    quarters are both there add nothing and are left out.

    Columns: year, quarter (NA for a half-year), half (NA for a quarter), start and end (decimal
    years), quarters (how many quarters the period spans), total, per_quarter (the total over
    its quarters: a half-year's average quarter), total_derived (the total is a sum or
    difference of other published figures) and source_id.
    """
    quarters = quarterly.assign(half=pd.NA)
    quarters = quarters.assign(start=quarter_start(quarters).astype(float), quarters=1)
    quarter_half = list(zip(quarters["year"], (quarters["quarter"] + 1) // 2, strict=True))
    both = pd.Series(quarter_half).value_counts()
    whole = [
        (year, half) for year, half in zip(halfyear["year"], halfyear["half"], strict=True)
        if both.get((year, half), 0) < 2
    ]  # fmt: skip
    halves = halfyear[[key in whole for key in zip(halfyear["year"], halfyear["half"], strict=True)]]
    halves = halves.assign(quarter=pd.NA, start=half_start(halves).astype(float), quarters=2)
    quarters = quarters[[key not in whole for key in quarter_half]]
    columns = ["year", "quarter", "half", "start", "quarters", "total", "total_derived", "source_id"]
    out = pd.concat([quarters[columns], halves[columns]], ignore_index=True)
    out = out.astype({"quarter": "Int64", "half": "Int64", "quarters": int})
    out = out.sort_values("start", ignore_index=True)
    out.insert(out.columns.get_loc("start") + 1, "end", out["start"] + out["quarters"] / 4)
    out.insert(out.columns.get_loc("total") + 1, "per_quarter", out["total"] / out["quarters"])
    return out


def same_half(halfyear: pd.DataFrame, year: int, half: int) -> pd.Series | None:
    """The row for one half-year, or None if the file has no such half."""
    rows = halfyear[(halfyear["year"] == year) & (halfyear["half"] == half)]
    return None if rows.empty else rows.iloc[0]


def arrivals_by_sex(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Men, women and everyone per single year, with women's share in percent (one decimal)."""
    table = single_years(arrivals)[["male", "female", "total"]].copy()
    table["female_share_pct"] = female_share(arrivals).round(1)
    return table
