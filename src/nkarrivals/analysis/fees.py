"""Reported broker fees, in numbers: which reports are dated, their ranges in US dollars, the
rise per route segment, and the same amounts in constant dollars. The readable tables of them
are in ``output.tables``."""

from __future__ import annotations

import pandas as pd

from nkarrivals.data.schema import CPI_SERIES


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


def real_range(report: pd.Series, rates: pd.DataFrame, base_year: int) -> tuple[float | None, float | None]:
    """A dated report's (low, high) in US dollars of `base_year`, None where the report gives no such bound."""
    low, high = usd_range(report)
    year = int(report["period_end"])

    def real(value: float | None) -> float | None:
        return None if value is None else in_dollars_of(value, year, base_year, rates)

    return real(low), real(high)


def fee_changes(fees: pd.DataFrame) -> list[tuple[str, int, pd.Series, pd.Series, float]]:
    """For each route segment with two dated reports or more: the route, the number of dated
    reports, the earliest and the latest, and how many times the latest is (midpoints in USD)."""
    changes = []
    for route, reports in dated_fees(fees)["route"].value_counts(sort=False).items():
        if reports < 2:
            continue
        first, last = fee_rise(fees, route)
        changes.append((str(route), int(reports), first, last, usd_midpoint(last) / usd_midpoint(first)))
    return changes
