"""Arrivals by quarter from 2019, with the closure shaded and the event strip beneath."""

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
    period_bars,
    place_axis_labels,
    thousands_axis,
)
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: the closure and reopening steps, and what has kept arrivals low since.
STRIP_CATEGORIES = ("covid", "surveillance", "border-control", "repatriation")
NAME = "arrivals-quarterly"


def _quarter_x(quarterly: pd.DataFrame) -> pd.Series:
    return analysis.quarter_start(quarterly) + 0.125


def quarterly_xlim(quarterly: pd.DataFrame) -> tuple[float, float]:
    """From the start of the first year shown to just after the latest quarter."""
    return float(quarterly["year"].min()) - 0.05, float(_quarter_x(quarterly).max()) + 0.2


def plot_quarterly(ax: Axes, quarterly: pd.DataFrame, lang: str = "en") -> Axes:
    """Bars per quarter, placed on a calendar axis; derived values hatched."""
    period_bars(ax, _quarter_x(quarterly), quarterly, 0.2, lang, fontsize=8.5)
    # Each year's label is centred under the quarters it has: 2025 with two quarters at 2025.25.
    quarters = quarterly.groupby("year")["quarter"].agg(["min", "max"])
    years = [int(year) for year in quarters.index]
    centres = [year + (first - 1 + last) / 8 for year, (first, last) in zip(years, quarters.to_numpy(), strict=True)]
    ax.set_xticks(centres, [i18n.year_label(year, lang) for year in years])
    ax.set_xticks([year + q / 4 for year in years for q in range(5)], minor=True)
    ax.set_xlim(*quarterly_xlim(quarterly))  # after the ticks, which widen the view
    ax.set_ylim(0, quarterly["total"].max() * HEADROOM)
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=4)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_per_quarter", lang))
    place_axis_labels(ax)
    return ax


def build(dataset: Dataset, lang: str) -> Chart:

    name, quarterly, events = NAME, dataset.quarterly, dataset.events
    found = facts.quarterly_facts(dataset)
    strip = plan_strip(dataset, quarterly_xlim(quarterly), lang, STRIP_CATEGORIES)
    label = lambda q: i18n.quarter_label(q.year, q.quarter, lang)  # noqa: E731 - a local shorthand
    last = found.last  # the first quarter without a figure comes after it
    next_q = i18n.quarter_label(last.year + last.quarter // 4, last.quarter % 4 + 1, lang)
    values = dict(
        before=i18n.count(found.last_before_covid.total, lang),
        before_q=label(found.last_before_covid),
        low=i18n.count(found.lowest.total, lang),
        low_q=label(found.lowest),
        first_q=label(found.first),
        last_q=label(found.last),
        last=i18n.count(found.last.total, lang),
        next_q=next_q,
        count=len(quarterly),
        derived_count=int(quarterly["derived"].astype(bool).sum()),  # the hatched bars
        **strip_words(strip, lang),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(
        name, TEXT, lang, values, arrivals_source(dataset, quarterly, lang, "year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    plot_quarterly(ax, quarterly, lang)
    axes.shade_covid(ax, stages, lang)
    ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    data = quarterly[["year", "quarter", "male", "female", "total", "derived", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
