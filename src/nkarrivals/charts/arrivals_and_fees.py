"""Arrivals above, reported broker fees below, on one time axis, with the event strip."""

from __future__ import annotations

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    Chart,
    arrivals_source,
    chart_text,
    covid_events,
    draw_strip,
    fee_data,
    fee_source,
    fee_values,
    finished,
    framed,
    plan_strip,
    strip_words,
)
from nkarrivals.data import Dataset
from nkarrivals.draw import axes
from nkarrivals.draw import fees as draw_fees
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# The kinds of event its timeline strip shows: those that bear on what it draws.
STRIP_CATEGORIES = ("covid", "surveillance", "border-control", "repatriation", "politics")
NAME = "arrivals-and-fees"


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.fee_facts(dataset)
    first_year = int(analysis.single_years(arrivals).index.min())
    xlim = (min(first_year, found.first_year) - 0.9, max(annual.latest_year, found.last_year) + 1.2)
    strip = plan_strip(dataset, xlim, lang, STRIP_CATEGORIES)
    values = dict(
        fee_values(found, lang),
        peak=i18n.count(annual.peak, lang),
        peak_year=annual.peak_year,
        latest=i18n.count(annual.latest, lang),
        latest_year=annual.latest_year,
        first=first_year,
        **strip_words(strip, lang),
    )
    source = i18n.text(
        "sources_joined",
        lang,
        first=arrivals_source(dataset, arrivals, lang, "last_year"),
        second=fee_source(dataset, found, lang),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(
        name, TEXT, lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.2, strip_height=strip.height
    )
    arrivals_ax, fees_ax = fig.axes[:2]  # then the strip, where there is one
    axes.plot_annual_arrivals(
        arrivals_ax,
        analysis.single_years(arrivals),
        (annual.peak_year, annual.latest_year),
        lang,
    )
    draw_fees.plot_broker_fees(fees_ax, fees.dated_fees(dataset.broker_fees), lang)
    arrivals_ax.set_xlim(*xlim)
    for ax in (arrivals_ax, fees_ax):
        axes.shade_covid(ax, stages, lang)
    arrivals_ax.set_xlabel("")
    fees_ax.set_xlabel(i18n.text("year_of_figures", lang))  # years of arrival above, of the fees below
    arrivals_ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    yearly = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "series": "arrivals",
                    "first_year": yearly["year"],
                    "last_year": yearly["year"],
                    "low": yearly["total"].astype(float),
                    "high": yearly["total"].astype(float),
                    "unit": "people",
                    "route": "",
                    "source_id": yearly["source_id"],
                }
            ),
            fee_data(dataset)
            .rename(
                columns={"period_start": "first_year", "period_end": "last_year", "low_usd": "low", "high_usd": "high"}
            )
            .assign(series="broker_fee", unit="USD"),
        ],
        ignore_index=True,
    )[["series", "first_year", "last_year", "low", "high", "unit", "route", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
