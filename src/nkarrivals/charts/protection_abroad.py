"""Where else North Koreans seek protection: UNHCR's DPRK-origin refugees and asylum-seekers outside South Korea."""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.axes import Axes

from nkarrivals import analysis
from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    covid_events,
    finished,
    framed,
)
from nkarrivals.data import Dataset
from nkarrivals.draw import axes
from nkarrivals.draw.axes import (
    BAR_WIDTH,
    HEADROOM,
    label_peak_and_latest,
    place_axis_labels,
    thousands_axis,
    year_axis,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "protection-abroad"


ABROAD_COLORS = {"refugees": "#0072B2", "asylum_seekers": "#56B4E9"}


HOST_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")


def plot_abroad_totals(ax: Axes, totals: pd.DataFrame, lang: str = "en") -> Axes:
    """Stacked bars per year: refugees, then asylum-seekers on top (``abroad.yearly_totals``);
    the peak and the latest year labelled with their sum. A year UNHCR has no rows for stays empty."""
    years = totals.index.to_numpy()
    ax.bar(
        years,
        totals["refugees"],
        width=BAR_WIDTH,
        color=ABROAD_COLORS["refugees"],
        label=i18n.text("refugees", lang),
        zorder=2,
    )
    ax.bar(
        years,
        totals["asylum_seekers"],
        width=BAR_WIDTH,
        bottom=totals["refugees"],
        color=ABROAD_COLORS["asylum_seekers"],
        label=i18n.text("asylum_seekers", lang),
        zorder=2,
    )
    peak_and_latest = (int(totals["both"].idxmax()), int(totals.index.max()))
    label_peak_and_latest(ax, totals["both"], peak_and_latest, lang, at=lambda year: year)
    ax.set_xlim(years.min() - 0.9, years.max() + 0.9)
    ax.set_ylim(0, totals["both"].max() * HEADROOM)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_year_end", lang))
    place_axis_labels(ax)
    return ax


def plot_host_countries(ax: Axes, hosts: pd.DataFrame, names: dict[str, str], lang: str = "en") -> Axes:
    """One line per country of asylum (columns of `hosts`, refugees + asylum-seekers per year)."""
    for color, country in zip(HOST_COLORS, hosts.columns, strict=False):
        ax.plot(
            hosts.index,
            hosts[country],
            color=color,
            linewidth=2,
            marker="o",
            markersize=3,
            label=names[country],
            zorder=3,
        )
    ax.set_ylim(0, hosts.to_numpy().max() * HEADROOM)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_year_end", lang))
    year_axis(ax, lang)
    ax.set_xlabel(i18n.text("year_end", lang))
    return ax


def _country(code: str, lang: str) -> str:
    return i18n.label("country", code, lang)


def _one_source(ids: pd.Series) -> str:
    unique = ids.unique()
    if len(unique) != 1:
        raise ValueError(f"unhcr_dprk_origin.csv mixes releases in one year: {', '.join(unique)}")
    return str(unique[0])


def _unhcr_source(dataset: Dataset, source_ids, lang: str) -> str:
    """UNHCR's database and the release of its data package each figure comes from (sources.csv's title)."""
    titles = dataset.sources.set_index("id").loc[list(source_ids), "title"]
    releases = [found.group(1) if (found := re.search(r"release ([\w.]+)", t)) else str(t) for t in titles]
    return i18n.text("unhcr_source", lang, release=", ".join(releases))


def build(dataset: Dataset, lang: str) -> Chart:

    name, events = NAME, dataset.events
    found = facts.protection_abroad_facts(dataset)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    hosts = [
        i18n.text(
            "abroad_host",
            lang,
            country=_country(h.country, lang),
            peak=count(h.peak),
            peak_year=h.peak_year,
            latest=count(h.latest),
            latest_year=found.latest_year,
        )
        for h in found.top_hosts
    ]
    values = dict(
        first_year=found.first_year,
        latest_year=found.latest_year,
        peak_year=found.peak_year,
        peak=count(found.peak),
        peak_refugees=count(found.peak_refugees),
        peak_asylum_seekers=count(found.peak_asylum_seekers),
        refugees_peak_year=found.refugees_peak_year,
        refugees_peak=count(found.refugees_peak),
        latest=count(found.latest),
        latest_refugees=count(found.latest_refugees),
        latest_asylum_seekers=count(found.latest_asylum_seekers),
        latest_countries=found.latest_countries,
        hosts_count=len(found.top_hosts),
        hosts=("; " if lang == "en" else ", ").join(hosts),
        **{
            key: "" if not found.missing_years else TEXT(key, lang, years=", ".join(map(str, found.missing_years)))
            for key in ("missing", "missing_alt")
        },
    )
    unhcr = dataset.unhcr
    source = _unhcr_source(dataset, unhcr["source_id"].unique(), lang)
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(name, TEXT, lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.0)
    totals_ax, hosts_ax = fig.axes
    plot_abroad_totals(totals_ax, found.totals, lang)
    plot_host_countries(hosts_ax, found.hosts_by_year, {c: _country(c, lang) for c in found.hosts_by_year}, lang)
    hosts_ax.set_xlim(*totals_ax.get_xlim())
    for ax in fig.axes:
        axes.shade_covid(ax, stages, lang)
    totals_ax.legend(loc="upper left", ncols=2)
    lines = hosts_ax.get_lines()  # the countries, without the COVID-19 shading the panel above explains
    hosts_ax.legend(lines, [str(line.get_label()) for line in lines], loc="upper left")
    year_source = unhcr.groupby("year")["source_id"].agg(_one_source)
    totals = found.totals.reset_index()
    hosts_long = found.hosts_by_year.reset_index().melt(
        id_vars="year", var_name="country_of_asylum", value_name="refugees_and_asylum_seekers"
    )
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "series": "all_countries",
                    "year": totals["year"],
                    "country_of_asylum": "",
                    "refugees": totals["refugees"],
                    "asylum_seekers": totals["asylum_seekers"],
                    "refugees_and_asylum_seekers": totals["both"],
                }
            ),
            hosts_long.assign(series="country"),
        ],
        ignore_index=True,
    )
    data["source_id"] = data["year"].map(year_source)
    data = data[
        [
            "series",
            "year",
            "country_of_asylum",
            "refugees",
            "asylum_seekers",
            "refugees_and_asylum_seekers",
            "source_id",
        ]
    ].astype({"refugees": "Int64", "asylum_seekers": "Int64"})
    return finished(dataset, name, lang, fig, words, data, covid_events(events))
