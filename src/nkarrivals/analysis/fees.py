"""Reported broker fees, in numbers: which reports are dated, their ranges in US dollars, the
rise per route segment between medians of reports, and the same amounts in constant dollars. The readable tables of them
are in ``output.tables``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkarrivals.data.schema import CPI_SERIES


def dated_fees(fees: pd.DataFrame) -> pd.DataFrame:
    """Fee reports that say which years they refer to, with a midpoint x."""
    dated = fees.dropna(subset=["period_start", "period_end"]).copy()
    dated["x"] = (dated["period_start"].astype(float) + dated["period_end"].astype(float) + 1) / 2
    return dated.sort_values(["x", "reported_on"], ignore_index=True)


def usd_range(row: pd.Series) -> tuple[float | None, float | None]:
    low = None if pd.isna(row["low_usd"]) else float(row["low_usd"])
    high = None if pd.isna(row["high_usd"]) else float(row["high_usd"])
    return low, high


def usd_midpoint(row: pd.Series) -> float:
    """Middle of a reported range in USD; the one bound where only one is given."""
    bounds = [v for v in usd_range(row) if v is not None]
    return sum(bounds) / len(bounds)


def cpi(rates: pd.DataFrame) -> pd.Series:
    """US CPI-U annual averages from rates.csv, indexed by year."""
    series = rates[rates["series"] == CPI_SERIES].set_index("year")["value"].astype(float).sort_index()
    if series.empty:
        raise ValueError(f"rates.csv has no {CPI_SERIES} rows; constant dollars need the US CPI-U")
    return series


def real_usd(fees: pd.DataFrame, rates: pd.DataFrame, base_year: int | None = None) -> pd.DataFrame:
    """Each report's low_usd and high_usd in US dollars of `base_year`, computed, never stored.

    A report's dollars are taken to be dollars of its `period_end` year, the same year whose
    exchange rate converted it (rates.csv), and are scaled by CPI-U(base_year) / CPI-U(period_end).
    `base_year` defaults to the latest year with a CPI-U in rates.csv. Reports that state no
    years (period_end blank) cannot be placed in a year's prices, so their real values are NA.

    Returns `fees` with four columns added: price_year (period_end), base_year, cpi_factor and
    low_real_usd / high_real_usd. Raises ValueError naming the year if rates.csv has no CPI-U
    for the base year or for any report's period_end.
    """
    index = cpi(rates)
    base = int(index.index.max()) if base_year is None else int(base_year)
    if base not in index.index:
        raise ValueError(
            f"rates.csv has no {CPI_SERIES} for the base year {base}; "
            f"it has {int(index.index.min())}–{int(index.index.max())}"
        )
    years = fees["period_end"]
    missing = sorted({int(y) for y in years.dropna() if int(y) not in index.index})
    if missing:
        raise ValueError(
            f"rates.csv has no {CPI_SERIES} for {', '.join(map(str, missing))}, the period_end of "
            f"fee reports; add the BLS annual average for each before computing constant dollars"
        )
    out = fees.copy()
    out["price_year"] = years
    out["base_year"] = base
    factor = pd.Series(
        [index[base] / index[int(y)] if pd.notna(y) else pd.NA for y in years], index=fees.index, dtype="Float64"
    )
    out["cpi_factor"] = factor
    out["low_real_usd"] = fees["low_usd"].astype("Float64") * factor
    out["high_real_usd"] = fees["high_usd"].astype("Float64") * factor
    return out


def in_dollars_of(amount: float, year: int, base_year: int, rates: pd.DataFrame) -> float:
    """`amount` US dollars of `year` in dollars of `base_year` (US CPI-U); ValueError if either CPI is missing."""
    index = cpi(rates)
    for needed in (year, base_year):
        if needed not in index.index:
            raise ValueError(f"rates.csv has no {CPI_SERIES} for {needed}")
    return float(amount * index[base_year] / index[year])


# --- the rise a headline may state: medians of reports in an early and a later cluster --------
#
# One report is never an anchor. A cluster is a span of at most CLUSTER_YEARS calendar years
# whose dated figures for one route segment number at least CLUSTER_FIGURES and come from at
# least CLUSTER_REPORTS reports (distinct source ids); a figure belongs to a span when every year
# it refers to lies inside it, so a figure for a whole decade never anchors a cluster. The early
# cluster is the one that starts first (the shortest, where several start in the same year); the
# later cluster the one that ends last (likewise). Each is summed up by the median of its
# figures' midpoints in US dollars (``usd_midpoint``: the middle of a range, the bound of a
# 'more than' or 'less than' figure). A bound on the far side of the median ('less than' below
# it, 'more than' above it) cannot move the median, whatever the true value.
CLUSTER_YEARS = 3
CLUSTER_FIGURES = 3
CLUSTER_REPORTS = 3


@dataclass(frozen=True)
class Cluster:
    """Dated figures for one route segment in the years first_year to last_year."""

    first_year: int
    last_year: int
    figures: pd.DataFrame  # rows of dated_fees, in their order

    @property
    def reports(self) -> int:
        """The reports the figures come from (one report may give several figures)."""
        return int(self.figures["source_id"].nunique())

    @property
    def median_usd(self) -> float:
        """The median of the figures' midpoints in US dollars."""
        return float(pd.Series([usd_midpoint(row) for _, row in self.figures.iterrows()]).median())

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


@dataclass(frozen=True)
class FeeRise:
    """The change in one route segment's fees between its early and its later cluster."""

    route: str
    early: Cluster
    later: Cluster

    @property
    def times(self) -> float:
        """How many times the early median the later median is."""
        return self.later.median_usd / self.early.median_usd


def _in_span(dated: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    starts, ends = dated["period_start"].astype(int), dated["period_end"].astype(int)
    return dated[(starts >= first) & (ends <= last)]


def _cluster(dated: pd.DataFrame, first: int, last: int) -> Cluster | None:
    figures = _in_span(dated, first, last)
    if len(figures) < CLUSTER_FIGURES or figures["source_id"].nunique() < CLUSTER_REPORTS:
        return None
    return Cluster(first, last, figures)


def fee_clusters(fees: pd.DataFrame, route: str) -> FeeRise | None:
    """The early and the later cluster of `route`'s dated figures (see CLUSTER_YEARS above),
    or None when the route has no two clusters that do not overlap. `fees` may carry other
    dollars (constant ones) in low_usd and high_usd. The clusters' figures keep their index
    labels in ``dated_fees(fees)``."""
    dated = dated_fees(fees)
    dated = dated[dated["route"] == route]
    if dated.empty:
        return None
    years = sorted({int(y) for y in dated["period_start"]} | {int(y) for y in dated["period_end"]})
    widths = range(CLUSTER_YEARS)
    early = next(
        (c for start in years for w in widths if (c := _cluster(dated, start, start + w)) is not None),
        None,
    )
    later = next(
        (c for end in reversed(years) for w in widths if (c := _cluster(dated, end - w, end)) is not None),
        None,
    )
    if early is None or later is None or later.first_year <= early.last_year:
        return None
    return FeeRise(route, early, later)


def mean_over(series: pd.Series, years: list[int]) -> float:
    """The mean of a yearly series (indexed by year) over `years`; KeyError naming any year it lacks."""
    missing = [year for year in years if year not in series.index]
    if missing:
        raise KeyError(f"no figure for {', '.join(map(str, missing))}")
    return float(series.loc[years].mean())


def price_rise(rates: pd.DataFrame, first_year: int, last_year: int) -> float:
    """How much US consumer prices (CPI-U) rose from first_year to last_year, in percent."""
    return in_dollars_of(100.0, first_year, last_year, rates) - 100.0


def fee_changes(fees: pd.DataFrame) -> list[tuple[str, int, FeeRise | None]]:
    """For each route segment with dated figures, in the order they first appear: the route,
    its number of dated figures, and its rise between clusters (None where it has no two)."""
    counts = dated_fees(fees)["route"].value_counts(sort=False)
    return [(str(route), int(count), fee_clusters(fees, str(route))) for route, count in counts.items()]
