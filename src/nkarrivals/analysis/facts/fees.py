"""Facts of the broker-fee charts, in dollars of each year and in constant dollars."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkarrivals.analysis import fees
from nkarrivals.data import Dataset
from nkarrivals.data.schema import CPI_SERIES


@dataclass(frozen=True)
class FeeFacts:
    first: pd.Series  # earliest dated report for crossing into China
    last: pd.Series  # latest dated report for crossing into China
    highest: pd.Series  # the report with the highest amount in US dollars
    lowest: pd.Series  # the report with the lowest amount in US dollars
    lowest_usd: float
    dated_count: int  # figures (rows of broker_fees.csv) that say which years they refer to
    undated_count: int
    report_count: int  # the reports the figures come from (distinct source ids); one report may give several
    first_year: int  # span of the years the dated reports refer to
    last_year: int
    # Constant dollars (US CPI-U, fees.real_usd): every dated report in dollars of price_base_year.
    price_base_year: int  # the latest year with a CPI-U in rates.csv; name it in a chart's subtitle
    price_base_note: str  # rates.csv's caveat on that year's CPI-U ('' if none)
    real: pd.DataFrame  # the dated reports (as fees.dated_fees orders them) with low_real_usd, high_real_usd
    first_real: tuple[float | None, float | None]  # `first` in dollars of price_base_year (low, high)
    last_real: tuple[float | None, float | None]
    highest_real: pd.Series  # the report with the highest amount in constant dollars
    highest_real_usd: float
    lowest_real_usd: float

    @property
    def figure_count(self) -> int:
        """Every reported figure, dated or not."""
        return self.dated_count + self.undated_count

    @property
    def rise_times(self) -> float:
        """Latest over earliest report for crossing into China, middle of each range, in dollars of each year."""
        return fees.usd_midpoint(self.last) / fees.usd_midpoint(self.first)

    @property
    def rise_times_real(self) -> float:
        """The same rise in constant dollars."""
        return _midpoint(self.last_real) / _midpoint(self.first_real)


def _midpoint(bounds: tuple[float | None, float | None]) -> float:
    given = [b for b in bounds if b is not None]
    return sum(given) / len(given)


def fee_facts(dataset: Dataset) -> FeeFacts:
    reports, rates = dataset.broker_fees, dataset.rates
    dated = fees.dated_fees(reports)
    first, last = fees.fee_rise(reports, "nk_to_china")
    real = fees.real_usd(dated, rates)
    base = int(real["base_year"].iloc[0])
    base_note = rates[(rates["series"] == CPI_SERIES) & (rates["year"] == base)]["note"]
    real_max = real[["low_real_usd", "high_real_usd"]].max(axis=1)
    return FeeFacts(
        first=first,
        last=last,
        highest=dated.loc[dated[["low_usd", "high_usd"]].max(axis=1).idxmax()],
        lowest=dated.loc[dated[["low_usd", "high_usd"]].min(axis=1).idxmin()],
        lowest_usd=float(dated[["low_usd", "high_usd"]].min().min()),
        dated_count=len(dated),
        undated_count=len(reports) - len(dated),
        report_count=int(reports["source_id"].nunique()),
        first_year=int(dated["period_start"].min()),
        last_year=int(dated["period_end"].max()),
        price_base_year=base,
        price_base_note="" if base_note.empty or pd.isna(base_note.iloc[0]) else str(base_note.iloc[0]),
        real=real,
        first_real=fees.real_range(first, rates, base),
        last_real=fees.real_range(last, rates, base),
        highest_real=real.loc[real_max.idxmax()],
        highest_real_usd=float(real_max.max()),
        lowest_real_usd=float(real[["low_real_usd", "high_real_usd"]].min().min()),
    )
