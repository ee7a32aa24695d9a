"""Reported broker fees: which reports are dated, their ranges in US dollars, the rise
per route segment, and the same amounts in constant dollars."""

from __future__ import annotations

import pandas as pd

from nkarrivals.data.schema import CPI_SERIES
from nkarrivals.text import i18n


def fee_text(report: pd.Series, lang: str, approx: bool = False) -> str:
    """A report's amount as the source gave it, with its value in US dollars: exact (tables),
    or with approx (titles, alt texts) rounded to two significant figures and marked 'about'
    where we converted it. A dollar value the source gave itself is shown as given."""
    low, high = (None if pd.isna(report[c]) else float(report[c]) for c in ("low", "high"))
    low_usd, high_usd = usd_range(report)
    converted = approx and report["usd_basis"] == "converted"
    return i18n.fee_amount(low, high, str(report["currency"]), low_usd, high_usd, lang, approx=converted)


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


def fee_changes_by_route(fees: pd.DataFrame) -> pd.DataFrame:
    """For each route segment, its earliest and latest dated report and the change."""
    rows = []
    for route, reports in dated_fees(fees)["route"].value_counts(sort=False).items():
        if reports < 2:
            continue
        first, last = fee_rise(fees, route)
        rows.append(
            {
                "route": i18n.text(f"route_{route}", "en"),
                "reports": reports,
                "earliest": f"{fee_text(first, 'en')} ({_years(first)}; {first['source_id']})",
                "latest": f"{fee_text(last, 'en')} ({_years(last)}; {last['source_id']})",
                "times_higher": round(usd_midpoint(last) / usd_midpoint(first), 1),
            }
        )
    return pd.DataFrame(rows)


def _years(row: pd.Series) -> str:
    start, end = int(row["period_start"]), int(row["period_end"])
    return str(end) if start == end else f"{start}–{end}"


def real_fee_table(fees: pd.DataFrame, rates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every dated report in the dollars of its year and in dollars of the latest CPI-U year
    (``real_usd``), readable: years, route, as reported, the two dollar amounts, the CPI-U
    factor and who reported it. Dollar amounts are written to the dollar."""
    real = real_usd(dated_fees(fees), rates)
    base = int(real["base_year"].iloc[0])
    publisher = sources.set_index("id")["publisher"]

    def dollars(low, high) -> str:
        return i18n.usd_range(None if pd.isna(low) else float(low), None if pd.isna(high) else float(high), "en")

    return pd.DataFrame(
        {
            "years": [_years(r) for _, r in real.iterrows()],
            "route": [i18n.text(f"route_{r}", "en") for r in real["route"]],
            "as reported": [fee_text(r, "en") for _, r in real.iterrows()],
            "US dollars of its year": [dollars(r["low_usd"], r["high_usd"]) for _, r in real.iterrows()],
            "CPI-U factor": [f"{factor:.3f}" for factor in real["cpi_factor"]],
            f"US dollars of {base}": [dollars(r["low_real_usd"], r["high_real_usd"]) for _, r in real.iterrows()],
            "source": [publisher[s].split(" (")[0] for s in real["source_id"]],
        }
    )


def fee_table(fees: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every report, readable: years, route, amount as reported, USD, who reported it."""
    publisher = sources.set_index("id")["publisher"]
    table = pd.DataFrame(
        {
            "years": [_years(r) if not pd.isna(r["period_start"]) else "not stated" for _, r in fees.iterrows()],
            "route": [i18n.text(f"route_{r}", "en") for r in fees["route"]],
            "as reported": [fee_text(r, "en") for _, r in fees.iterrows()],
            "reported on": fees["reported_on"],
            "source": [publisher[s].split(" (")[0] for s in fees["source_id"]],
        }
    )
    # Dated reports in time order; those that state no years at the end.
    order = fees["period_end"].astype("Float64").fillna(10_000).to_numpy().argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)
