"""Reported broker fees: which reports are dated, their ranges in US dollars, the rise
per route segment, and the same amounts in constant dollars."""

from __future__ import annotations

import pandas as pd

from nkarrivals import i18n


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


def fee_changes_by_route(fees: pd.DataFrame) -> pd.DataFrame:
    """For each route segment, its earliest and latest dated report and the change."""
    rows = []
    for route, reports in dated_fees(fees)["route"].value_counts(sort=False).items():
        if reports < 2:
            continue
        first, last = fee_rise(fees, route)
        rows.append({
            "route": i18n.text(f"route_{route}", "en"),
            "reports": reports,
            "earliest": f"{fee_text(first, 'en')} ({_years(first)}; {first['source_id']})",
            "latest": f"{fee_text(last, 'en')} ({_years(last)}; {last['source_id']})",
            "times_higher": round(usd_midpoint(last) / usd_midpoint(first), 1),
        })
    return pd.DataFrame(rows)


def _years(row: pd.Series) -> str:
    start, end = int(row["period_start"]), int(row["period_end"])
    return str(end) if start == end else f"{start}–{end}"


def fee_table(fees: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every report, readable: years, route, amount as reported, USD, who reported it."""
    publisher = sources.set_index("id")["publisher"]
    table = pd.DataFrame({
        "years": [_years(r) if not pd.isna(r["period_start"]) else "not stated" for _, r in fees.iterrows()],
        "route": [i18n.text(f"route_{r}", "en") for r in fees["route"]],
        "as reported": [fee_text(r, "en") for _, r in fees.iterrows()],
        "reported on": fees["reported_on"],
        "source": [publisher[s].split(" (")[0] for s in fees["source_id"]],
    })
    # Dated reports in time order; those that state no years at the end.
    order = fees["period_end"].astype("Float64").fillna(10_000).to_numpy().argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)
