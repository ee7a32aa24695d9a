"""The fall before COVID-19: the trend fitted over two windows up to 2019, projected on as a band."""

from __future__ import annotations

from typing import Any

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
from nkarrivals.draw import axes, figure, palette
from nkarrivals.draw.axes import BAR_WIDTH, HEADROOM, year_middle
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "decline-before-covid"
FIT_LINE = 1.2  # points: the fits are thin, the data carry the chart


def plot_pre_covid_trend(ax: Axes, years: pd.Series, found: facts.TrendFacts, lang: str = "en") -> Axes:
    """Yearly arrivals (`years`: totals by year) as bars over their calendar years, and the
    pre-COVID trend of `found` as its two fits: each drawn thin over its window and projected on,
    the range between their projections shaded. Direct labels name the band and each fit with
    its value in the latest year; the latest year's arrivals carry their value."""
    ax.set_xlim(*axes.annual_xlim(years.index))
    ax.bar(year_middle(years.index), years.to_numpy(), width=BAR_WIDTH, color=palette.ARRIVALS, linewidth=0, zorder=2)
    latest, last_fitted = int(years.index.max()), max(fit.last_year for fit in found.fits)
    projected = np.arange(last_fitted, latest + 1)
    first_fit, second_fit = found.fits
    ax.fill_between(
        year_middle(projected),
        first_fit.predict(projected),
        second_fit.predict(projected),
        color=palette.MODEL_BAND,
        linewidth=0,
        zorder=1,
    )
    for fit in found.fits:
        drawn = np.arange(fit.first_year, latest + 1)
        ax.plot(
            year_middle(drawn), fit.predict(drawn), color=palette.MODEL, linewidth=FIT_LINE, dashes=(4, 2), zorder=3
        )
    # Direct labels at the band's end, clear of the sloping edges over their whole width: the
    # band's name and the upper fit above the upper edge, the lower fit under the lower edge,
    # left of the latest year's value. A fit's value at x (a year's middle) is predict(x - 0.5).
    low, high = sorted(found.fits, key=lambda fit: float(fit.predict(latest)))
    per_inch = axes.years_per_inch(ax)

    def fit_label(fit: analysis.Trend) -> str:
        return TEXT("fit_label", lang, first=fit.first_year, value=i18n.number(float(fit.predict(latest)), lang))

    above = TEXT("band_label", lang) + "\n" + fit_label(high)
    right = year_middle(latest) + BAR_WIDTH / 2
    wide = max(figure.text_width(line, figure.TEXT_SIZE) for line in above.split("\n")) * per_inch
    # On a white ground: the line where a COVID-19 stage begins may run behind a label.
    ground = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none")
    label: dict[str, Any] = dict(
        textcoords="offset points", fontsize=figure.TEXT_SIZE, color=palette.TEXT, ha="right", bbox=ground, zorder=4
    )
    ax.annotate(above, (right, float(high.predict(right - wide - 0.5))), xytext=(0, 4), va="bottom", **label)
    # Left of the latest year's bar and of its value label, which is wider than a narrow bar.
    value_half = figure.text_width(i18n.number(years[latest], lang), figure.SMALL_SIZE) * per_inch / 2
    right = year_middle(latest) - max(BAR_WIDTH / 2, value_half) - 0.1
    ax.annotate(fit_label(low), (right, float(low.predict(right - 0.5))), xytext=(0, -4), va="top", **label)
    axes.label_peak_and_latest(ax, years, (latest,), lang)
    ax.set_ylim(0, years.max() * HEADROOM)
    axes.round_year_ticks(ax, lang)
    axes.thousands_axis(ax)
    return ax


def chart_data(years: pd.DataFrame, found: facts.TrendFacts) -> pd.DataFrame:
    """One row per year drawn: arrivals, each fit's trend from its first year on (fitted up to
    its last year, projected after it), and the source of the year's figure."""
    data = years[["total", "source_id"]].reset_index()
    peak_fit, step_fit = found.fits
    for column, fit in (("trend_from_peak", peak_fit), ("trend_from_step", step_fit)):
        trend = pd.Series(fit.predict(data["year"]), index=data.index)
        data.insert(len(data.columns) - 1, column, trend.where(data["year"] >= fit.first_year))
    last = max(fit.last_year for fit in found.fits)
    first = min(fit.first_year for fit in found.fits)
    part = ["" if y < first else "fit" if y <= last else "projection" for y in data["year"]]
    data.insert(len(data.columns) - 1, "trend_part", part)
    return data


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.trend_facts(dataset)
    peak_fit, step_fit = found.fits
    latest = found.latest_year
    rates, gaps = found.annual_change_range_pct, found.gap_range_pct(latest)
    trend_low, trend_high = found.trend_range(latest)
    percents = lambda values: i18n.percent_range(abs(values[0]), abs(values[1]), lang)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    years = analysis.single_years(arrivals)
    values = dict(
        rates=percents(rates),
        gaps=percents(gaps),
        last=peak_fit.last_year,
        peak_first=peak_fit.first_year,
        step_first=step_fit.first_year,
        peak_rate=i18n.percent(abs(peak_fit.annual_change_pct), lang, digits=1),
        step_rate=i18n.percent(abs(step_fit.annual_change_pct), lang, digits=1),
        peak=count(annual.peak),
        pre=count(annual.pre_covid),
        latest_year=latest,
        trend_range=(
            f"{i18n.number(trend_low, lang)}~{count(trend_high)}"
            if lang == "ko"
            else f"{count(trend_low)} to {count(trend_high)}"
        ),
        latest=count(annual.latest),
        first_year=int(years.index.min()),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(name, TEXT, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    plot_pre_covid_trend(ax, years["total"], found, lang)
    axes.shade_covid(ax, stages, lang)
    return finished(dataset, name, lang, fig, words, chart_data(years, found), covid_events(events))
