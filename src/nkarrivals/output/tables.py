"""Readable tables for the notebooks: every fee report, the same in constant dollars, the rise
per route segment between medians of reports, and every event, in English words. The numbers
come from ``analysis``."""

from __future__ import annotations

import pandas as pd

from nkarrivals.analysis import fees
from nkarrivals.analysis.series import event_spans
from nkarrivals.text import i18n


def fee_changes_by_route(fee_reports: pd.DataFrame) -> pd.DataFrame:
    """For each route segment, the rise between the median of its early and of its later cluster
    of reports (``fees.fee_clusters``), or why there is none: the rule the headlines follow."""

    def cluster_text(cluster: fees.Cluster) -> str:
        years = i18n.period_label(cluster.first_year, cluster.last_year, "en")
        median = i18n.usd(round(cluster.median_usd), "en")
        return f"{years}: median {median} of {len(cluster.figures)} figures from {cluster.reports} reports"

    rows = [
        {
            "route": i18n.text(f"route_{route}", "en"),
            "dated_figures": count,
            "early": cluster_text(rise.early) if rise else "",
            "later": cluster_text(rise.later) if rise else "",
            "times_higher": round(rise.times, 1) if rise else None,
        }
        for route, count, rise in fees.fee_changes(fee_reports)
    ]
    return pd.DataFrame(rows)


def _years(row: pd.Series) -> str:
    start, end = int(row["period_start"]), int(row["period_end"])
    return str(end) if start == end else f"{start}–{end}"


def real_fee_table(fee_reports: pd.DataFrame, rates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every dated report in the dollars of its year and in dollars of the latest CPI-U year
    (``real_usd``), readable: years, route, as reported, the two dollar amounts, the CPI-U
    factor and who reported it. Dollar amounts are written to the dollar."""
    real = fees.real_usd(fees.dated_fees(fee_reports), rates)
    base = int(real["base_year"].iloc[0])
    publisher = sources.set_index("id")["publisher"]

    def dollars(low, high) -> str:
        return i18n.usd_range(None if pd.isna(low) else float(low), None if pd.isna(high) else float(high), "en")

    return pd.DataFrame(
        {
            "years": [_years(r) for _, r in real.iterrows()],
            "route": [i18n.text(f"route_{r}", "en") for r in real["route"]],
            "as reported": [i18n.fee_text(r, "en") for _, r in real.iterrows()],
            "US dollars of its year": [dollars(r["low_usd"], r["high_usd"]) for _, r in real.iterrows()],
            "CPI-U factor": [f"{factor:.3f}" for factor in real["cpi_factor"]],
            f"US dollars of {base}": [dollars(r["low_real_usd"], r["high_real_usd"]) for _, r in real.iterrows()],
            "source": [publisher[s].split(" (")[0] for s in real["source_id"]],
        }
    )


def fee_table(fee_reports: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every report, readable: years, route, amount as reported, USD, who reported it."""
    publisher = sources.set_index("id")["publisher"]
    table = pd.DataFrame(
        {
            "years": [_years(r) if not pd.isna(r["period_start"]) else "not stated" for _, r in fee_reports.iterrows()],
            "route": [i18n.text(f"route_{r}", "en") for r in fee_reports["route"]],
            "as reported": [i18n.fee_text(r, "en") for _, r in fee_reports.iterrows()],
            "reported on": fee_reports["reported_on"],
            "source": [publisher[s].split(" (")[0] for s in fee_reports["source_id"]],
        }
    )
    # Dated reports in time order; those that state no years at the end.
    order = fee_reports["period_end"].astype("Float64").fillna(10_000).to_numpy().argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)


def events_table(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every event and period in date order, readable: when, what, how sure, who reported it."""
    publisher = sources.set_index("id")["publisher"]
    spans = event_spans(events)
    return pd.DataFrame(
        {
            "when": [
                i18n.date_span(r["start"], None if pd.isna(r["end"]) else r["end"], "en") for _, r in spans.iterrows()
            ],
            "category": spans["category"],
            "event": spans["label"],
            "status": spans["status"],
            "reported on": spans["reported_on"].fillna(""),
            "source": [f"{publisher[s]} ({s})" for s in spans["source_id"]],
        }
    )
