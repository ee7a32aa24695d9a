"""Where else North Koreans seek protection: UNHCR's DPRK-origin refugees and asylum-seekers outside South Korea."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    finished,
    framed,
)
from nkarrivals.data import Dataset
from nkarrivals.draw import axes, palette
from nkarrivals.draw.axes import HEADROOM, thousands_axis
from nkarrivals.draw.figure import TEXT_SIZE
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "protection-abroad"
# A total panel over five small multiples needs the full height: no 16:9 compact variant
# (at an article column's type size its words would leave the panels a few tenths of an inch).
COMPACT_VARIANT = False
# No timeline strip and no COVID-19 shading: the number abroad peaked in 2012 and was already
# falling years before the closure of 2020 (tests/test_protection_abroad.py checks this against
# the data), so shading the closure would credit it with a fall it did not start.
LABEL_REACH = 3  # years: how far back the last value label's words reach over the panel
HOSTS_SHOWN = 5  # the small multiples: the countries with the highest year-end peaks (facts.top_hosts)

# UNHCR's figures are stocks counted on 31 December, so each is drawn at axes.year_end(year), the
# end of its calendar year on the set's time grid; the year labels (axes.round_year_ticks) name
# the calendar years they sit under. A stock is a level at a date, not a total over a span, so it
# is drawn as a stacked area whose corners stand on those dates (refugees below, asylum-seekers
# above), not as columns: a column centred on 31 December would straddle two calendar years.
LAYERS = (("refugees", palette.REFUGEES), ("asylum_seekers", palette.ASYLUM_SEEKERS))


def _stock_xlim(years: pd.Index) -> tuple[float, float]:
    """From the start of the first year counted to just after the last year-end."""
    return float(years.min()), axes.year_end(float(years.max())) + 0.5


def plot_stocks(ax: Axes, stocks: pd.DataFrame, all_years: list[int]) -> Axes:
    """Refugees, then asylum-seekers stacked above them (columns of `stocks`, indexed by year),
    each year's stock at the end of the year. A year in `all_years` that `stocks` lacks (UNHCR's
    table has no rows for it) leaves a gap, never a zero."""
    frame = stocks.reindex(all_years)
    present = frame["refugees"].notna().to_numpy()
    x = axes.year_end(np.asarray(all_years, dtype=float))
    bottom = np.zeros(len(frame))
    for column, color in LAYERS:
        top = bottom + frame[column].fillna(0).to_numpy(dtype=float)
        ax.fill_between(x, bottom, top, where=present, color=color, linewidth=0, zorder=2)
        bottom = top
    return ax


def label_stocks(ax: Axes, totals: pd.Series, years: tuple[int, ...], lang: str) -> None:
    """The total of each of `years` above its year-end corner, with the year it was counted in
    (axes.value_label). The last one ends at its corner,
    and stands clear of the stocks of the years its words reach back over."""
    right = max(years)
    for year in dict.fromkeys(years):
        reach = (
            totals[(totals.index >= year - LABEL_REACH) & (totals.index <= year)] if year == right else totals[[year]]
        )
        words = TEXT("value_label", lang, count=i18n.count(totals[year], lang), year=year)
        axes.value_label(
            ax, words, (axes.year_end(year), reach.max()), (0, 4), ha="right" if year == right else "center"
        )


def name_layers(ax: Axes, lang: str) -> None:
    """The two layers named in their colours, in their stacking order, at the top left where the
    counts are still small: the words stand in for a legend."""
    for row, (column, color) in enumerate(reversed(LAYERS)):
        ax.annotate(
            i18n.text(column, lang),
            (0.01, 0.97),
            xycoords="axes fraction",
            xytext=(0, -row * TEXT_SIZE * 1.5),  # a line and a half apart, whatever the panel's height
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=TEXT_SIZE,
            color=color,
        )


def _unhcr_source(dataset: Dataset, source_ids, lang: str) -> str:
    """UNHCR's database and the release of its data package each figure comes from (sources.csv's title)."""
    titles = dataset.sources.set_index("id").loc[list(source_ids), "title"]
    releases = [found.group(1) if (found := re.search(r"release ([\w.]+)", t)) else str(t) for t in titles]
    return i18n.text("unhcr_source", lang, release=", ".join(releases))


def _one_source(ids: pd.Series) -> str:
    unique = ids.unique()
    if len(unique) != 1:
        raise ValueError(f"unhcr_dprk_origin.csv mixes releases in one year: {', '.join(unique)}")
    return str(unique[0])


def host_descriptions(found: facts.ProtectionAbroadFacts, lang: str) -> list[str]:
    """Each of the largest hosts at its peak and in the latest year: 'Canada, 941 in 2012 and 90
    in 2025' (the alt text and notebook 06 say them the same way)."""
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    return [
        i18n.text(
            "abroad_host" if h.latest is not None else "abroad_host_no_row",
            lang,
            country=i18n.label("country", h.country, lang),
            peak=count(h.peak),
            peak_year=h.peak_year,
            latest="" if h.latest is None else count(h.latest),
            latest_year=found.latest_year,
        )
        for h in found.top_hosts
    ]


def _words(found: facts.ProtectionAbroadFacts, lang: str) -> dict:
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    hosts = host_descriptions(found, lang)
    return dict(
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


def _small_multiples(fig) -> tuple[Axes, list[Axes]]:
    """The top panel across the whole width and a row of panels under it: the frame gives a grid
    of two rows; the top row's panels become one."""
    grid = fig.axes[0].get_subplotspec().get_gridspec()
    top, *rest = fig.axes[: grid.ncols]
    top.set_subplotspec(grid[0, :])
    for ax in rest:
        ax.remove()
    return top, fig.axes[1:]


def build(dataset: Dataset, lang: str) -> Chart:

    name = NAME
    found = facts.protection_abroad_facts(dataset)
    unhcr = dataset.unhcr
    source = _unhcr_source(dataset, unhcr["source_id"].unique(), lang)
    hosts = [h.country for h in found.top_hosts][:HOSTS_SHOWN]
    fig, words = framed(
        name,
        TEXT,
        lang,
        _words(found, lang),
        source,
        rows=2,
        columns=len(hosts),
        height_ratios=(1.5, 1),
        plot_height=5.6,
        column_gap=0.22,
        row_gap=0.8,
    )
    totals_ax, host_axes = _small_multiples(fig)
    all_years = list(range(found.first_year, found.latest_year + 1))
    xlim = _stock_xlim(found.totals.index)
    plot_stocks(totals_ax, found.totals, all_years)
    totals_ax.set_xlim(*xlim)
    totals_ax.set_ylim(0, found.totals["both"].max() * HEADROOM)
    thousands_axis(totals_ax)
    axes.round_year_ticks(totals_ax, lang)
    label_stocks(totals_ax, found.totals["both"], (found.peak_year, found.latest_year), lang)
    name_layers(totals_ax, lang)
    split = found.hosts_split.set_index("year")
    top = split["both"].max() * HEADROOM
    for ax, country in zip(host_axes, hosts, strict=True):
        plot_stocks(ax, split[split["country_of_asylum"] == country], all_years)
        ax.set_xlim(*xlim)
        ax.set_ylim(0, top)  # one scale for every country
        ax.set_title(i18n.label("country", country, lang), loc="left", fontsize=TEXT_SIZE, fontweight="bold")
        axes.round_year_ticks(ax, lang, step=20)  # a narrow panel: two round years
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        thousands_axis(ax)
        if ax is not host_axes[0]:
            ax.tick_params(axis="y", labelleft=False)
    year_source = unhcr.groupby("year")["source_id"].agg(_one_source)
    totals = found.totals.reset_index()
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
            found.hosts_split[found.hosts_split["country_of_asylum"].isin(hosts)]
            .rename(columns={"both": "refugees_and_asylum_seekers"})
            .assign(series="country"),
        ],
        ignore_index=True,
    )
    data["as_of"] = data["year"].map(lambda year: f"{year}-12-31")  # each figure is a stock on that day
    data["source_id"] = data["year"].map(year_source)
    data = data[
        [
            "series",
            "year",
            "as_of",
            "country_of_asylum",
            "refugees",
            "asylum_seekers",
            "refugees_and_asylum_seekers",
            "source_id",
        ]
    ].astype({"refugees": "int64", "asylum_seekers": "int64"})
    return finished(dataset, name, lang, fig, words, data)
