"""Where else: UNHCR's DPRK-origin refugees and asylum-seekers in other countries, set
against the arrivals in South Korea.

UNHCR's figures are stocks: the people recognised as refugees, or waiting for a decision
on their asylum claim, at the end of each year. MOU's arrivals are a flow: the people who
arrived in South Korea during the year. The two are compared here by their change over the
same years, never added together. South Korea is never a country of asylum in UNHCR's
table (see data/README.md).
"""

from __future__ import annotations

import pandas as pd

from nkarrivals.analysis import percent_change, single_years


def yearly_totals(unhcr: pd.DataFrame) -> pd.DataFrame:
    """Per year: refugees, asylum_seekers, both (their sum) and countries (of asylum, with
    at least one of the two), indexed by year. A year absent from UNHCR's table (1997) is
    absent here too, not zero."""
    table = unhcr.groupby("year")[["refugees", "asylum_seekers"]].sum()
    table["both"] = table["refugees"] + table["asylum_seekers"]
    table["countries"] = unhcr.groupby("year")["country_of_asylum"].nunique()
    return table.astype("int64")


def by_country(unhcr: pd.DataFrame) -> pd.DataFrame:
    """Refugees + asylum-seekers per year (rows) and country of asylum (columns), 0 where a
    country has no row that year."""
    both = unhcr.assign(both=unhcr["refugees"] + unhcr["asylum_seekers"])
    return both.pivot(index="year", columns="country_of_asylum", values="both").fillna(0).astype("int64")


def by_country_split(unhcr: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Refugees, asylum-seekers and both at the end of each year of UNHCR's table in each of
    `countries`, one row per country and year (countries in the order given): 0 where a country
    has no row in a year the table has, as in `by_country`."""
    years = sorted(unhcr["year"].unique())
    grid = pd.MultiIndex.from_product([countries, years], names=["country_of_asylum", "year"])
    table = unhcr.set_index(["country_of_asylum", "year"])[["refugees", "asylum_seekers"]]
    table = table.reindex(grid, fill_value=0).astype("int64").reset_index()
    table["both"] = table["refugees"] + table["asylum_seekers"]
    return table[["country_of_asylum", "year", "refugees", "asylum_seekers", "both"]]


def first_fall(totals: pd.DataFrame) -> int | None:
    """The first year after the peak of `yearly_totals` whose total was below it (the year the
    fall began); None if the peak is the latest year."""
    peak_year = int(totals["both"].idxmax())
    after = totals.loc[totals.index > peak_year, "both"]
    below = after[after < totals.loc[peak_year, "both"]]
    return None if below.empty else int(below.index[0])


def host_countries(unhcr: pd.DataFrame) -> pd.DataFrame:
    """Every country of asylum, ranked by its peak: the most DPRK-origin refugees + asylum-seekers
    it held at the end of any one year. Columns: country_of_asylum, peak_year, peak,
    peak_refugees, peak_asylum_seekers, latest (in the table's latest year; 0 if absent).

    Ranked by peak, not by a sum over years: the figures are end-of-year stocks, so adding
    years would count the same people again each year. Ties go to the earlier year, then
    the country code."""
    both = unhcr.assign(both=unhcr["refugees"] + unhcr["asylum_seekers"])
    peaks = both.sort_values(["country_of_asylum", "both", "year"], ascending=[True, False, True])
    peaks = peaks.drop_duplicates("country_of_asylum")
    latest_year = int(unhcr["year"].max())
    latest = both[both["year"] == latest_year].set_index("country_of_asylum")["both"]
    table = pd.DataFrame(
        {
            "country_of_asylum": peaks["country_of_asylum"],
            "peak_year": peaks["year"],
            "peak": peaks["both"],
            "peak_refugees": peaks["refugees"],
            "peak_asylum_seekers": peaks["asylum_seekers"],
            # No row in the latest year is not zero: UNHCR leaves out counts of 1 to 4.
            "latest": peaks["country_of_asylum"].map(latest).astype("Int64"),
        }
    )
    return table.sort_values(
        ["peak", "peak_year", "country_of_asylum"], ascending=[False, True, True], ignore_index=True
    )


def abroad_and_arrivals(unhcr: pd.DataFrame, arrivals: pd.DataFrame) -> pd.DataFrame:
    """For each year in both series: UNHCR's refugees, asylum-seekers and both at the end of
    the year outside South Korea, and MOU's arrivals in South Korea during the year."""
    abroad = yearly_totals(unhcr)[["refugees", "asylum_seekers", "both"]]
    korea = single_years(arrivals)["total"].rename("arrivals")
    return abroad.join(korea, how="inner")


def change_between(table: pd.DataFrame, first_year: int, last_year: int) -> dict[str, float]:
    """Change in UNHCR's 'both' and in arrivals from `first_year` to `last_year`, in people and percent."""
    start, end = table.loc[first_year], table.loc[last_year]
    return {
        "abroad_first": int(start["both"]),
        "abroad_last": int(end["both"]),
        "abroad_change": int(end["both"] - start["both"]),
        "abroad_change_pct": float(percent_change(start["both"], end["both"])),
        "arrivals_first": int(start["arrivals"]),
        "arrivals_last": int(end["arrivals"]),
        "arrivals_change": int(end["arrivals"] - start["arrivals"]),
        "arrivals_change_pct": float(percent_change(start["arrivals"], end["arrivals"])),
    }


def year_on_year(table: pd.DataFrame) -> pd.DataFrame:
    """For each year of `abroad_and_arrivals`: the change from the year before in refugees +
    asylum-seekers abroad (`abroad_change`) and in arrivals in South Korea (`arrivals_change`),
    in people, and whether the first rose while the second fell. NA where the year before is
    not in the table (the first year, or after a gap)."""
    follows = (table.index.to_series().diff() == 1).to_numpy()
    changes = pd.DataFrame(
        {"abroad_change": table["both"].diff(), "arrivals_change": table["arrivals"].diff()}, index=table.index
    ).astype("Int64")
    changes[~follows] = pd.NA
    changes["rose_as_arrivals_fell"] = ((changes["abroad_change"] > 0) & (changes["arrivals_change"] < 0)).astype(
        "boolean"
    )
    return changes
