"""Reported broker fees, in US dollars of each year, with the event strip beneath."""

from __future__ import annotations

from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    Chart,
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
from nkarrivals.draw import fees as draw_fees

TEXT = chart_text(__file__)
# Strip: the risks brokers charge for, at the border and in transit through China.
STRIP_CATEGORIES = ("surveillance", "border-control", "camera-estimates")
NAME = "broker-fees"


def build(dataset: Dataset, lang: str) -> Chart:

    name = NAME
    strip = plan_strip(dataset, draw_fees.fees_xlim(fees.dated_fees(dataset.broker_fees)), lang, STRIP_CATEGORIES)
    found = facts.fee_facts(dataset)
    values = dict(fee_values(found, lang), **strip_words(strip, lang))
    source = fee_source(dataset, found, lang)
    fig, words = framed(name, TEXT, lang, values, source, plot_height=5.0, strip_height=strip.height)
    ax = fig.axes[0]
    draw_fees.plot_broker_fees(ax, fees.dated_fees(dataset.broker_fees), lang)
    draw_strip(fig, strip, lang)
    return finished(dataset, name, lang, fig, words, fee_data(dataset), covid_events(dataset.events), strip)
