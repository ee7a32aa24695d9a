"""The fall before COVID-19: the trend fitted from the peak to 2019, projected on."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

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
    thousands_axis,
    year_axis,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "decline-before-covid"


def plot_pre_covid_trend(ax: Axes, years: pd.Series, found: facts.TrendFacts, lang: str = "en") -> Axes:
    """Yearly arrivals (`years`: totals by year) with the pre-COVID exponential trend of `found`
    and its projection, fitted once, in the facts."""
    trend, comparison = found.trend, found.comparison
    ax.bar(
        years.index,
        years.to_numpy(),
        width=BAR_WIDTH,
        color=COLORS["arrivals"],
        alpha=0.85,
        label=i18n.text("actual", lang),
        zorder=2,
    )
    fit_years = np.arange(trend.first_year, trend.last_year + 1)
    ax.plot(
        fit_years,
        trend.predict(fit_years),
        color=COLORS["trend"],
        linewidth=2.2,
        zorder=3,
        label=i18n.text("trend_fit", lang, first=trend.first_year, last=trend.last_year),
    )
    projection_years = np.arange(trend.last_year, years.index.max() + 1)
    ax.plot(
        projection_years,
        trend.predict(projection_years),
        color=COLORS["trend"],
        linewidth=2.2,
        linestyle=(0, (4, 3)),
        zorder=3,
        label=i18n.text("trend_projection", lang),
    )
    for year, row in comparison.iterrows():
        ax.annotate(
            i18n.number(row["actual"], lang),
            (year, row["actual"]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            color=COLORS["arrivals"],
        )
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    year_axis(ax, lang)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.trend_facts(dataset)
    trend, comparison, year = found.trend, found.comparison, found.closure_year
    pct = lambda value: i18n.percent(abs(value), lang)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        rate=pct(trend.annual_change_pct),
        year=year,
        gap=pct(comparison.loc[year, "actual_vs_trend_pct"]),
        first=trend.first_year,
        last=trend.last_year,
        peak=count(annual.peak),
        pre=count(annual.pre_covid),
        trend_year_value=count(comparison.loc[year, "trend"]),
        actual=count(comparison.loc[year, "actual"]),
        latest_year=annual.latest_year,
        trend_latest=count(comparison.loc[annual.latest_year, "trend"]),
        latest=count(annual.latest),
        first_year=int(analysis.single_years(arrivals).index.min()),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(name, TEXT, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    plot_pre_covid_trend(ax, analysis.single_years(arrivals)["total"], found, lang)
    axes.shade_covid(ax, stages, lang)
    ax.legend(loc="upper right")
    data = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data.insert(2, "trend", trend.predict(data["year"]))
    data.loc[data["year"] < trend.first_year, "trend"] = float("nan")  # drawn from the fit's first year on
    data.insert(
        3,
        "trend_part",
        ["" if y < trend.first_year else "fit" if y <= trend.last_year else "projection" for y in data["year"]],
    )
    return finished(dataset, name, lang, fig, words, data, covid_events(events))
