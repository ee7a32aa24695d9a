"""Facts of where else North Koreans seek protection: UNHCR's counts abroad, set against MOU's arrivals."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import abroad
from nkarrivals.data import Dataset


@dataclass(frozen=True)
class Host:
    """A country of asylum at its peak: the most DPRK-origin refugees + asylum-seekers it held at a year's end."""

    country: str  # ISO 3166 alpha-3
    peak_year: int
    peak: int
    peak_refugees: int  # of which refugees
    peak_asylum_seekers: int
    latest: int | None  # in the table's latest year; None where it has no row (UNHCR leaves out 1 to 4)


@dataclass(frozen=True)
class Window:
    """UNHCR's DPRK-origin refugees + asylum-seekers abroad (end-of-year stock) and MOU's arrivals in South
    Korea (flow during the year), each from first_year to last_year."""

    first_year: int
    last_year: int
    abroad_first: int
    abroad_last: int
    abroad_change_pct: float
    arrivals_first: int
    arrivals_last: int
    arrivals_change_pct: float


@dataclass(frozen=True)
class ProtectionAbroadFacts:
    first_year: int
    latest_year: int
    peak_year: int  # most refugees + asylum-seekers abroad at a year's end
    peak: int
    fall_began: int | None  # the first year after the peak with a lower total (abroad.first_fall)
    peak_refugees: int
    peak_asylum_seekers: int
    refugees_peak_year: int  # most refugees alone
    refugees_peak: int
    latest: int
    latest_refugees: int
    latest_asylum_seekers: int
    latest_countries: int
    countries: int  # countries of asylum in any year
    top_hosts: tuple[Host, ...]  # the five largest peaks
    since_arrivals_peak: Window  # from the year of most arrivals in South Korea to the latest year in both
    since_pre_covid: Window  # from the last full year before the COVID-19 closure
    rose_as_arrivals_fell: tuple[int, ...]  # years when the number abroad rose from the year before and arrivals fell
    comparison: pd.DataFrame  # per year in both: refugees, asylum_seekers, both, arrivals
    missing_years: tuple[int, ...]  # years from first_year to latest_year with no DPRK row in UNHCR's table
    totals: pd.DataFrame  # abroad.yearly_totals: refugees, asylum_seekers, both, countries per year
    hosts_by_year: pd.DataFrame  # refugees + asylum-seekers per year in each of top_hosts (abroad.by_country)
    hosts_split: pd.DataFrame  # the same hosts, refugees and asylum-seekers apart (abroad.by_country_split)


def protection_abroad_facts(dataset: Dataset) -> ProtectionAbroadFacts:
    totals = abroad.yearly_totals(dataset.unhcr)
    hosts = abroad.host_countries(dataset.unhcr)
    both = abroad.abroad_and_arrivals(dataset.unhcr, dataset.arrivals)
    peak_year, latest_year = int(totals["both"].idxmax()), int(totals.index.max())
    arrivals_peak = int(analysis.single_years(dataset.arrivals)["total"].idxmax())
    last_common = int(both.index.max())
    changes = abroad.year_on_year(both)
    rose = tuple(int(y) for y in changes.index[changes["rose_as_arrivals_fell"].fillna(False)])
    return ProtectionAbroadFacts(
        first_year=int(totals.index.min()),
        latest_year=latest_year,
        peak_year=peak_year,
        peak=int(totals.loc[peak_year, "both"]),
        fall_began=abroad.first_fall(totals),
        peak_refugees=int(totals.loc[peak_year, "refugees"]),
        peak_asylum_seekers=int(totals.loc[peak_year, "asylum_seekers"]),
        refugees_peak_year=int(totals["refugees"].idxmax()),
        refugees_peak=int(totals["refugees"].max()),
        latest=int(totals.loc[latest_year, "both"]),
        latest_refugees=int(totals.loc[latest_year, "refugees"]),
        latest_asylum_seekers=int(totals.loc[latest_year, "asylum_seekers"]),
        latest_countries=int(totals.loc[latest_year, "countries"]),
        countries=int(dataset.unhcr["country_of_asylum"].nunique()),
        top_hosts=tuple(
            Host(
                str(r["country_of_asylum"]),
                int(r["peak_year"]),
                int(r["peak"]),
                int(r["peak_refugees"]),
                int(r["peak_asylum_seekers"]),
                None if pd.isna(r["latest"]) else int(r["latest"]),
            )
            for _, r in hosts.head(5).iterrows()
        ),
        since_arrivals_peak=_window(both, arrivals_peak, last_common),
        since_pre_covid=_window(both, analysis.last_year_before_covid(dataset.events), last_common),
        rose_as_arrivals_fell=rose,
        comparison=both,
        missing_years=tuple(y for y in range(int(totals.index.min()), latest_year + 1) if y not in totals.index),
        totals=totals,
        hosts_by_year=abroad.by_country(dataset.unhcr)[list(hosts["country_of_asylum"].head(5))],
        hosts_split=abroad.by_country_split(dataset.unhcr, list(hosts["country_of_asylum"].head(5))),
    )


def _window(table: pd.DataFrame, first_year: int, last_year: int) -> Window:
    change = abroad.change_between(table, first_year, last_year)
    return Window(
        first_year,
        last_year,
        int(change["abroad_first"]),
        int(change["abroad_last"]),
        float(change["abroad_change_pct"]),
        int(change["arrivals_first"]),
        int(change["arrivals_last"]),
        float(change["arrivals_change_pct"]),
    )
