"""Arrivals by half-year, up to the latest half MOU has published."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from nkarrivals import analysis
from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    arrivals_source,
    chart_text,
    covid_events,
    draw_strip,
    finished,
    framed,
    plan_strip,
    strip_words,
)
from nkarrivals.data import Dataset
from nkarrivals.draw import axes
from nkarrivals.draw.axes import (
    HEADROOM,
    _year_ticks_under_bars,
    period_bars,
    place_axis_labels,
    thousands_axis,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: the closure and reopening steps, and what has kept arrivals low since.
STRIP_CATEGORIES = ("covid", "surveillance", "border-control", "repatriation")
NAME = "arrivals-halfyear"


def halfyear_xlim(series: pd.DataFrame) -> tuple[float, float]:
    """From the start of the first half-year shown to just after the latest one."""
    return float(series["start"].min()) - 0.05, float(series["end"].max()) + 0.15


def plot_halfyear(ax: Axes, series: pd.DataFrame, lang: str = "en") -> Axes:
    """Bars per half-year (``analysis.halfyear_series``) on a calendar axis; rows with a
    derived number hatched."""
    period_bars(ax, series["start"] + 0.25, series, 0.4, lang, fontsize=9)
    _year_ticks_under_bars(ax, series["start"], 0.5, lang)
    ax.set_xlim(*halfyear_xlim(series))  # after the ticks, which widen the view
    ax.set_ylim(0, series["total"].max() * HEADROOM)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_per_half", lang))
    place_axis_labels(ax)
    return ax


def _half(half: facts.Half, lang: str) -> str:
    return i18n.half_label(half.year, half.half, lang)


def build(dataset: Dataset, lang: str) -> Chart:

    name, events = NAME, dataset.events
    found = facts.halfyear_facts(dataset)
    series = analysis.halfyear_series(dataset.halfyear)
    strip = plan_strip(dataset, halfyear_xlim(series), lang, STRIP_CATEGORIES)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    last, reopened = found.last, found.first_after_reopening
    values = dict(
        before_h=_half(found.last_before_covid, lang),
        before=count(found.last_before_covid.total),
        closure_h=_half(found.first_of_closure, lang),
        closure=count(found.first_of_closure.total),
        low_h=_half(found.lowest, lang),
        low=count(found.lowest.total),
        first_h=_half(found.first, lang),
        last_h=_half(last, lang),
        last=count(last.total),
        count=found.count,
        derived_count=found.derived_count,
        **strip_words(strip, lang),
        reopened=""
        if reopened is None
        else TEXT("reopened", lang, reopen_h=_half(reopened, lang), reopen=count(reopened.total)),
        split=""
        if last.female is None or last.male is None
        else TEXT("split", lang, women=count(last.female), men=count(last.male)),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(
        name, TEXT, lang, values, arrivals_source(dataset, dataset.halfyear, lang, "year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    plot_halfyear(ax, series, lang)
    axes.shade_covid(ax, stages, lang)
    ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    data = series[["year", "half", "total", "derived", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
