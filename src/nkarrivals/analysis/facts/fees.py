"""Facts of the broker-fee charts: the rise a headline states (medians of reports in an early
and a later cluster, ``fees.fee_clusters``), the same in constant dollars, what inflation added
over those years, and the arrivals over the same years."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkarrivals.analysis import fees
from nkarrivals.analysis.series import single_years
from nkarrivals.data import Dataset
from nkarrivals.data.schema import CPI_SERIES

# The route segment the headlines are about: the one with most dated figures, and the only one
# whose reports form an early and a later cluster that do not overlap.
HEADLINE_ROUTE = "nk_to_china"


@dataclass(frozen=True)
class FeeFacts:
    rise: fees.FeeRise  # HEADLINE_ROUTE's early and later cluster, in dollars of each year
    rise_real: fees.FeeRise  # the same clusters in dollars of price_base_year
    highest: pd.Series  # the report with the highest amount in US dollars
    lowest: pd.Series  # the report with the lowest amount in US dollars
    dated_count: int  # figures (rows of broker_fees.csv) that say which years they refer to
    undated_count: int
    report_count: int  # the reports the figures come from (distinct source ids); one report may give several
    first_year: int  # span of the years the dated reports refer to
    last_year: int
    # US consumer prices (CPI-U) from the early cluster's first year to the later cluster's last:
    # the fees are drawn in dollars of each year, so the note says what inflation added.
    price_rise_pct: float
    # Constant dollars (US CPI-U, fees.real_usd): every dated report in dollars of price_base_year.
    price_base_year: int  # the latest year with a CPI-U in rates.csv
    price_base_note: str  # rates.csv's caveat on that year's CPI-U ('' if none)
    real: pd.DataFrame  # the dated reports (as fees.dated_fees orders them) with low_real_usd, high_real_usd
    highest_real: pd.Series  # the report with the highest amount in constant dollars
    highest_real_usd: float

    @property
    def figure_count(self) -> int:
        """Every reported figure, dated or not."""
        return self.dated_count + self.undated_count

    @property
    def price_years(self) -> tuple[int, int]:
        """The years price_rise_pct runs between."""
        return self.rise.early.first_year, self.rise.later.last_year


def fee_facts(dataset: Dataset) -> FeeFacts:
    reports, rates = dataset.broker_fees, dataset.rates
    dated = fees.dated_fees(reports)
    rise = fees.fee_clusters(reports, HEADLINE_ROUTE)
    if rise is None:
        raise ValueError(
            f"broker_fees.csv has no early and later cluster of {HEADLINE_ROUTE} figures "
            f"({fees.CLUSTER_FIGURES} figures from {fees.CLUSTER_REPORTS} reports within "
            f"{fees.CLUSTER_YEARS} years each): no rise can be stated"
        )
    real = fees.real_usd(dated, rates)
    in_real = real.assign(low_usd=real["low_real_usd"].astype(float), high_usd=real["high_real_usd"].astype(float))
    rise_real = fees.fee_clusters(in_real, HEADLINE_ROUTE)
    assert rise_real is not None  # the same figures, scaled: the same clusters
    base = int(real["base_year"].iloc[0])
    base_note = rates[(rates["series"] == CPI_SERIES) & (rates["year"] == base)]["note"]
    real_max = real[["low_real_usd", "high_real_usd"]].max(axis=1)
    return FeeFacts(
        rise=rise,
        rise_real=rise_real,
        highest=dated.loc[dated[["low_usd", "high_usd"]].max(axis=1).idxmax()],
        lowest=dated.loc[dated[["low_usd", "high_usd"]].min(axis=1).idxmin()],
        dated_count=len(dated),
        undated_count=len(reports) - len(dated),
        report_count=int(reports["source_id"].nunique()),
        first_year=int(dated["period_start"].min()),
        last_year=int(dated["period_end"].max()),
        price_rise_pct=fees.price_rise(rates, rise.early.first_year, rise.later.last_year),
        price_base_year=base,
        price_base_note="" if base_note.empty or pd.isna(base_note.iloc[0]) else str(base_note.iloc[0]),
        real=real,
        highest_real=real.loc[real_max.idxmax()],
        highest_real_usd=float(real_max.max()),
    )


@dataclass(frozen=True)
class ArrivalsAndFeesFacts:
    """Arrivals and the headline route's fees over the same years: a co-movement, not a cause."""

    fees: FeeFacts
    arrivals_early: float  # mean arrivals a year over the early cluster's years (MOU's totals)
    arrivals_later: float  # likewise over the later cluster's years

    @property
    def arrivals_ratio(self) -> float:
        """Later over early mean arrivals."""
        return self.arrivals_later / self.arrivals_early

    @property
    def arrivals_fall_pct(self) -> float:
        """How far the later mean arrivals fell below the early mean, in percent."""
        return (1 - self.arrivals_ratio) * 100


def arrivals_and_fees_facts(dataset: Dataset) -> ArrivalsAndFeesFacts:
    found = fee_facts(dataset)
    yearly = single_years(dataset.arrivals)["total"].astype(float)
    return ArrivalsAndFeesFacts(
        fees=found,
        arrivals_early=fees.mean_over(yearly, found.rise.early.years),
        arrivals_later=fees.mean_over(yearly, found.rise.later.years),
    )
