"""Men and women arriving each year, and the women's share."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from nkarrivals import analysis
from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    arrivals_source,
    chart_text,
    covid_events,
    finished,
    framed,
)
from nkarrivals.data import Dataset
from nkarrivals.draw import axes
from nkarrivals.draw.axes import (
    BAR_WIDTH,
    COLORS,
    place_axis_labels,
    thousands_axis,
    year_axis,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "arrivals-by-sex"


def plot_arrivals_by_sex(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Stacked bars of men and women per single year."""
    years = analysis.single_years(arrivals)
    ax.bar(
        years.index, years["female"], width=BAR_WIDTH, color=COLORS["women"], label=i18n.text("women", lang), zorder=2
    )
    ax.bar(
        years.index,
        years["male"],
        width=BAR_WIDTH,
        bottom=years["female"],
        color=COLORS["men"],
        label=i18n.text("men", lang),
        zorder=2,
    )
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    place_axis_labels(ax)
    return ax


def plot_female_share(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Women's share of each year's arrivals, in percent."""
    share = analysis.female_share(arrivals)
    ax.plot(share.index, share.to_numpy(dtype=float), color=COLORS["women"], marker="o", markersize=4, zorder=3)
    ax.axhline(50, color="#999999", linewidth=0.8, zorder=1)
    for year in (share.idxmax(), share.idxmin()):
        ax.annotate(
            i18n.percent(share[year], lang, 1),
            (year, share[year]),
            xytext=(0, 6 if year == share.idxmax() else -14),
            textcoords="offset points",
            ha="center",
            fontsize=9.5,
            color=COLORS["women"],
        )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.set_ylabel(i18n.text("women_share_axis", lang))
    year_axis(ax, lang)
    return ax


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    found = facts.sex_facts(dataset)
    pct = lambda value: i18n.percent(value, lang, 1)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        overall=pct(found.women_share_pct),
        latest_year=found.latest_year,
        min_share=pct(found.min_share_pct),
        min_year=found.min_share_year,
        max_share=pct(found.max_share_pct),
        max_year=found.max_share_year,
        first=found.first_year,
        last=found.last_year,
        min_women=count(found.min_share_women),
        min_men=count(found.min_share_men),
        last_women=count(found.last_women),
        last_men=count(found.last_men),
        last_share=pct(found.last_share_pct),
        bucket_end=found.bucket_end,
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(
        name,
        TEXT,
        lang,
        values,
        arrivals_source(dataset, arrivals, lang, "last_year"),
        rows=2,
        height_ratios=(3, 2),
        plot_height=5.2,
    )
    counts_ax, share_ax = fig.axes
    plot_arrivals_by_sex(counts_ax, arrivals, lang)
    plot_female_share(share_ax, arrivals, lang)
    for ax in fig.axes:
        axes.shade_covid(ax, stages, lang)
    # After the shading, so that the legend explains it too, as in every other shaded chart.
    counts_ax.legend(loc="upper right", ncols=2)
    data = analysis.arrivals_by_sex(arrivals).reset_index()
    data["female_share_pct"] = analysis.female_share(arrivals).to_numpy()  # as drawn, not rounded
    data["source_id"] = analysis.single_years(arrivals)["source_id"].to_numpy()
    return finished(dataset, name, lang, fig, words, data, covid_events(events))
