"""Figures derived from the validated tables: peaks, changes, shares, trends.

Everything a chart title, an alt text or a notebook sentence states is computed
here, so a data update changes the words along with the bars.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nkarrivals.data import parse_partial_date


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


def percent_change(before: float, after: float) -> float:
    return (after - before) / before * 100


@dataclass(frozen=True)
class KeyFigures:
    peak_year: int
    peak: int
    latest_year: int
    latest: int
    fall_from_peak_pct: float
    last_pre_covid_year: int
    last_pre_covid: int
    cumulative: int
    cumulative_male: int
    cumulative_female: int


def key_figures(arrivals: pd.DataFrame, events: pd.DataFrame) -> KeyFigures:
    years = single_years(arrivals)
    peak_year = int(years["total"].idxmax())
    latest_year = int(years.index.max())
    pre_covid_year = int(covid_period(events)[0]) - 1
    return KeyFigures(
        peak_year=peak_year,
        peak=int(years.loc[peak_year, "total"]),
        latest_year=latest_year,
        latest=int(years.loc[latest_year, "total"]),
        fall_from_peak_pct=-percent_change(years.loc[peak_year, "total"], years.loc[latest_year, "total"]),
        last_pre_covid_year=pre_covid_year,
        last_pre_covid=int(years.loc[pre_covid_year, "total"]),
        cumulative=int(arrivals["total"].sum()),
        cumulative_male=int(arrivals["male"].sum()),
        cumulative_female=int(arrivals["female"].sum()),
    )


def decimal_year(date_text: str) -> float:
    """Middle of the period a partial date names: '2015-05' -> 2015.37."""
    parsed = parse_partial_date(date_text)
    if parsed is None:
        raise ValueError(f"not a date: {date_text!r}")
    start, precision = parsed
    if precision == "year":
        return start.year + 0.5
    month_start = start.year + (start.month - 1) / 12
    if precision == "month":
        return month_start + 1 / 24
    days_in_year = 366 if calendar.isleap(start.year) else 365
    return start.year + (start.timetuple().tm_yday - 0.5) / days_in_year


def event_positions(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    out["x"] = [decimal_year(d) for d in events["date"]]
    return out.sort_values("x", ignore_index=True)


def covid_period(events: pd.DataFrame) -> tuple[float, float]:
    """From the first to the last dated COVID-19 event (border shut to reopening)."""
    covid = event_positions(events[events["category"] == "covid"])
    if covid.empty:
        raise ValueError("events.csv has no 'covid' events to mark the COVID-19 period")
    return float(covid["x"].min()), float(covid["x"].max())


def female_share(arrivals: pd.DataFrame) -> pd.Series:
    years = single_years(arrivals)
    return years["female"] / years["total"] * 100


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


def pre_covid_trend(arrivals: pd.DataFrame, events: pd.DataFrame) -> Trend:
    """Fit from the peak year to the last full year before the COVID-19 closure."""
    figures = key_figures(arrivals, events)
    years = single_years(arrivals).loc[figures.peak_year:figures.last_pre_covid_year, "total"]
    slope, intercept = np.polyfit(years.index.to_numpy(dtype=float), np.log(years.to_numpy(dtype=float)), 1)
    return Trend(figures.peak_year, figures.last_pre_covid_year, float(slope), float(intercept))


def trend_versus_actual(arrivals: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Actual arrivals after the fit window against the trend's projection."""
    trend = pre_covid_trend(arrivals, events)
    years = single_years(arrivals)
    after = years.loc[trend.last_year + 1:, ["total"]].rename(columns={"total": "actual"})
    after["trend"] = trend.predict(after.index).round(0).astype(int)
    after["actual_vs_trend_pct"] = (after["actual"] / after["trend"] - 1) * 100
    return after


def fall_split(arrivals: pd.DataFrame, events: pd.DataFrame, until: int) -> dict[str, float]:
    """How much of the fall from the peak to `until` came before the COVID-19 closure."""
    figures = key_figures(arrivals, events)
    years = single_years(arrivals)["total"]
    total_fall = years[figures.peak_year] - years[until]
    before = years[figures.peak_year] - years[figures.last_pre_covid_year]
    return {
        "total_fall": float(total_fall),
        "fall_before_covid": float(before),
        "share_before_covid_pct": float(before / total_fall * 100),
    }


def dated_fees(fees: pd.DataFrame) -> pd.DataFrame:
    """Fee reports that say which years they refer to, with a midpoint x."""
    dated = fees.dropna(subset=["period_start", "period_end"]).copy()
    dated["x"] = (dated["period_start"].astype(float) + dated["period_end"].astype(float) + 1) / 2
    return dated.sort_values(["x", "reported_on"], ignore_index=True)


def fee_rise(fees: pd.DataFrame, route: str) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest dated report for one route segment."""
    dated = dated_fees(fees[fees["route"] == route])
    return dated.iloc[0], dated.iloc[-1]


def usd_range(row: pd.Series) -> tuple[float | None, float | None]:
    low = None if pd.isna(row["low_usd"]) else float(row["low_usd"])
    high = None if pd.isna(row["high_usd"]) else float(row["high_usd"])
    return low, high


def source_publishers(sources: pd.DataFrame, source_ids) -> list[str]:
    """Publishers of the given sources, in first-cited order, without reprint notes."""
    table = sources.set_index("id")
    names: list[str] = []
    for source_id in source_ids:
        name = str(table.loc[source_id, "publisher"]).split(" (")[0]
        if name not in names:
            names.append(name)
    return names


def usd_midpoint(row: pd.Series) -> float:
    """Middle of a reported range in USD; the one bound where only one is given."""
    bounds = [v for v in usd_range(row) if v is not None]
    return sum(bounds) / len(bounds)


def fee_changes_by_route(fees: pd.DataFrame) -> pd.DataFrame:
    """For each route segment, its earliest and latest dated report and the change."""
    from nkarrivals import i18n

    rows = []
    for route, reports in dated_fees(fees)["route"].value_counts(sort=False).items():
        if reports < 2:
            continue
        first, last = fee_rise(fees, route)
        rows.append({
            "route": i18n.text(f"route_{route}", "en"),
            "reports": reports,
            "earliest": f"{i18n.fee_amount(first, 'en')} ({_years(first)}; {first['source_id']})",
            "latest": f"{i18n.fee_amount(last, 'en')} ({_years(last)}; {last['source_id']})",
            "times_higher": round(usd_midpoint(last) / usd_midpoint(first), 1),
        })
    return pd.DataFrame(rows)


def _years(row: pd.Series) -> str:
    start, end = int(row["period_start"]), int(row["period_end"])
    return str(end) if start == end else f"{start}–{end}"


def fee_table(fees: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every report, readable: years, route, amount as reported, USD, who reported it."""
    from nkarrivals import i18n

    publisher = sources.set_index("id")["publisher"]
    table = pd.DataFrame({
        "years": [_years(r) if not pd.isna(r["period_start"]) else "not stated" for _, r in fees.iterrows()],
        "route": [i18n.text(f"route_{r}", "en") for r in fees["route"]],
        "as reported": [i18n.fee_amount(r, "en") for _, r in fees.iterrows()],
        "reported on": fees["reported_on"],
        "source": [publisher[s].split(" (")[0] for s in fees["source_id"]],
    })
    # Dated reports in time order; those that state no years at the end.
    order = fees["period_end"].astype("Float64").fillna(10_000).to_numpy().argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)


ARTICLE_SOURCE = "RFA_2023_06"


def article_claims(dataset) -> pd.DataFrame:
    """The numeric claims of the article this project grew from, checked against the data.

    The claims are the article's words; everything said about them comes from `dataset`.
    """
    arrivals, fees = dataset.arrivals, dataset.broker_fees
    years = single_years(arrivals)["total"]
    early = dataset.early_years.set_index("year")["total"]
    # Single-year figures, MOU's where it has them and the 2002 report's inside its buckets.
    yearly = pd.concat([early[~early.index.isin(years.index)], years]).sort_index()
    checks = []

    span = yearly.loc[2001:2019]
    below = span[span <= 1000]
    mou_span = years.loc[2002:2019]
    bucket_of = {}  # year -> the MOU bucket it hides in
    for _, row in buckets(arrivals).dropna(subset=["first_year"]).iterrows():
        for year in range(int(row["first_year"]), int(row["last_year"]) + 1):
            bucket_of[year] = row["period"]

    def shown(year: int, value: int) -> str:
        if year in bucket_of:
            return f"{year}: {value:,} (single-year figure; MOU publishes only the {bucket_of[year]} total)"
        return f"{year}: {value:,}"

    checks.append((
        "More than 1,000 North Koreans arrived each year between 2001 and 2019",
        f"{mou_span.index.min()}–{mou_span.index.max()}: lowest {mou_span.min():,} in {mou_span.idxmin()}. "
        + "; ".join(shown(y, v) for y, v in below.items()),
        "Holds" if below.empty else f"Holds for {int(span.index[~span.index.isin(below.index)].min())}–2019, not for "
        + ", ".join(str(y) for y in below.index),
        "MOU_STATS_CN; HANKYUNG_2002",
    ))
    peak_year = int(years.idxmax())
    revisions = dataset.revisions.set_index("period")["superseded_total"]
    first_release = (f" (revised; first released as {revisions[str(peak_year)]:,})"
                     if str(peak_year) in revisions.index else "")
    checks.append((
        "Arrivals peaked at 2,914 in 2009",
        f"Peak {years.max():,} in {peak_year}{first_release}",
        "Holds" if (peak_year, years.max()) == (2009, 2914) else "Does not hold",
        "MOU_STATS_CN; MOU_RELEASE_2012",
    ))
    checks.append((
        "Arrivals dropped to 229 in 2020",
        f"2020: {years[2020]:,}",
        "Holds" if years[2020] == 229 else "Does not hold",
        str(arrivals.set_index("last_year").loc[2020, "source_id"]),
    ))
    double = years.loc[[2021, 2022]]
    checks.append((
        "Then to double digits in 2021 and 2022",
        "; ".join(f"{y}: {v:,}" for y, v in double.items()),
        "Holds" if double.between(10, 99).all() else "Does not hold",
        "; ".join(arrivals.set_index("last_year").loc[[2021, 2022], "source_id"]),
    ))
    claim = fees[(fees["source_id"] == ARTICLE_SOURCE) & fees["period_end"].notna()].iloc[0]
    others = fees[(fees["period_end"] == claim["period_end"]) & (fees["source_id"] != ARTICLE_SOURCE)]
    amounts = list(others["low_usd"].dropna()) + list(others["high_usd"].dropna())
    low, high = min(amounts), max(amounts)
    inside = low <= claim["low_usd"] and claim["high_usd"] <= high
    checks.append((
        "Broker fees to get through China rose from about $2,000 to $10,000–15,000",
        f"Other reports for {int(claim['period_end'])}: from {low:,.0f} to {high:,.0f} US dollars, "
        f"for different route segments ({', '.join(sorted(set(others['source_id'])))})",
        "A single report; within the range of other reports for the same year" if inside
        else "A single report; outside the range of other reports for the same year",
        ARTICLE_SOURCE,
    ))
    return pd.DataFrame(checks, columns=["claim", "what the data say", "verdict", "source"])
