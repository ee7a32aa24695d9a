"""The numeric claims of the article this project grew from, checked against the data.

The claims are the article's words; every verdict is computed from the dataset, so a
change in the data changes the verdict.
"""

from __future__ import annotations

import pandas as pd

from nkarrivals.analysis import buckets, single_years
from nkarrivals.analysis.fees import cpi, in_dollars_of
from nkarrivals.data import Dataset

ARTICLE_SOURCE = "RFA_2023_06"


def article_claims(dataset: Dataset) -> pd.DataFrame:
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

    checks.append(
        (
            "More than 1,000 North Koreans arrived each year between 2001 and 2019",
            f"{mou_span.index.min()}–{mou_span.index.max()}: lowest {mou_span.min():,} in {mou_span.idxmin()}. "
            + "; ".join(shown(y, v) for y, v in below.items()),
            "Holds"
            if below.empty
            else f"Holds for {int(span.index[~span.index.isin(below.index)].min())}–2019, not for "
            + ", ".join(str(y) for y in below.index),
            "MOU_STATS_CN; HANKYUNG_2002",
        )
    )
    peak_year = int(years.idxmax())
    revisions = dataset.revisions.set_index("period")["superseded_total"]
    first_release = (
        f" (revised; first released as {revisions[str(peak_year)]:,})" if str(peak_year) in revisions.index else ""
    )
    checks.append(
        (
            "Arrivals peaked at 2,914 in 2009",
            f"Peak {years.max():,} in {peak_year}{first_release}",
            "Holds" if (peak_year, years.max()) == (2009, 2914) else "Does not hold",
            "MOU_STATS_CN; MOU_RELEASE_2012",
        )
    )
    checks.append(
        (
            "Arrivals dropped to 229 in 2020",
            f"2020: {years[2020]:,}",
            "Holds" if years[2020] == 229 else "Does not hold",
            str(arrivals.set_index("last_year").loc[2020, "source_id"]),
        )
    )
    double = years.loc[[2021, 2022]]
    checks.append(
        (
            "Then to double digits in 2021 and 2022",
            "; ".join(f"{y}: {v:,}" for y, v in double.items()),
            "Holds" if double.between(10, 99).all() else "Does not hold",
            "; ".join(arrivals.set_index("last_year").loc[[2021, 2022], "source_id"]),
        )
    )
    claim = fees[(fees["source_id"] == ARTICLE_SOURCE) & fees["period_end"].notna()].iloc[0]
    others = fees[(fees["period_end"] == claim["period_end"]) & (fees["source_id"] != ARTICLE_SOURCE)]
    amounts = list(others["low_usd"].dropna()) + list(others["high_usd"].dropna())
    low, high = min(amounts), max(amounts)
    inside = low <= claim["low_usd"] and claim["high_usd"] <= high
    checks.append(
        (
            "Broker fees to get through China rose from about $2,000 to $10,000–15,000",
            f"Other reports for {int(claim['period_end'])}: from {low:,.0f} to {high:,.0f} US dollars, "
            f"for different route segments ({', '.join(sorted(set(others['source_id'])))})",
            "A single report; within the range of other reports for the same year"
            if inside
            else "A single report; outside the range of other reports for the same year",
            ARTICLE_SOURCE,
        )
    )
    checks.append(_fee_claim_in_constant_dollars(fees, dataset.rates, claim))
    return pd.DataFrame(checks, columns=["claim", "what the data say", "verdict", "source"])


def _fee_claim_in_constant_dollars(
    fees: pd.DataFrame, rates: pd.DataFrame, claim: pd.Series
) -> tuple[str, str, str, str]:
    """The article's fee claim restated in dollars of the latest CPI year.

    The claim has two amounts. '$10,000–15,000' is dated: its row in broker_fees.csv refers to
    `period_end` (2023). 'About $2,000' is not: the article says only 'before facial recognition
    technology was so prevalent', and its row has no years. The assumption made explicit here:
    the earlier amount refers to some year before the dated one for which rates.csv has a CPI,
    so it is given as a range over those years, from the year before the dated figure back to the
    earliest CPI year. Nothing is stored; change rates.csv and the row follows.
    """
    index = cpi(rates)
    base = int(index.index.max())
    now_year = int(claim["period_end"])
    earlier = fees[(fees["source_id"] == ARTICLE_SOURCE) & fees["period_end"].isna()]
    was = float(earlier.iloc[0]["high_usd"])
    first_cpi, last_before = int(index.index.min()), now_year - 1
    now_low, now_high = (in_dollars_of(float(claim[c]), now_year, base, rates) for c in ("low_usd", "high_usd"))
    was_low, was_high = (in_dollars_of(was, year, base, rates) for year in (last_before, first_cpi))
    nominal = (claim["low_usd"] / was, claim["high_usd"] / was)
    real = (now_low / was_high, now_high / was_low)
    return (
        f"Broker fees to get through China rose from about ${was:,.0f} to "
        f"${claim['low_usd']:,.0f}–{claim['high_usd']:,.0f}, restated in {base} dollars (US CPI-U)",
        f"${claim['low_usd']:,.0f}–{claim['high_usd']:,.0f} in {now_year} is ${now_low:,.0f}–{now_high:,.0f} "
        f"in {base} dollars. The article does not say when it cost about ${was:,.0f}; assuming a year from "
        f"{first_cpi} (the first year of CPI-U in rates.csv) to {last_before}, that is "
        f"${was_low:,.0f}–{was_high:,.0f} in {base} dollars",
        f"A rise of {real[0]:.1f} to {real[1]:.1f} times in constant dollars, against {nominal[0]:.1f} to "
        f"{nominal[1]:.1f} times in the dollars of each year",
        f"{ARTICLE_SOURCE}; BLS_CPIU",
    )
