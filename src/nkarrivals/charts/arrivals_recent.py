"""Arrivals since the last full year before COVID-19, quarter by quarter: MOU's quarters, then each
half-year it published without them (since 2025) as one hatched bar two quarters wide at its average
per quarter, labelled with its total. The closure is shaded and the event strip runs beneath.

It replaces two charts that drew the same figures: arrivals-quarterly and arrivals-halfyear.
"""

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
from nkarrivals.draw import axes, palette
from nkarrivals.draw.axes import HEADROOM, thousands_axis
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: the closure and reopening steps, and what has kept arrivals low since.
STRIP_CATEGORIES = ("covid", "surveillance", "border-control", "repatriation")
NAME = "arrivals-recent"
GAP = 0.05  # years between two bars: a quarter's bar spans 80% of its quarter, a half-year's 90% of its half


def recent_xlim(periods: pd.DataFrame) -> tuple[float, float]:
    """From the start of the first period drawn to the end of the latest."""
    return float(periods["start"].min()) - GAP, float(periods["end"].max()) + GAP


def plot_recent(ax: Axes, periods: pd.DataFrame, labels: dict[int, str], lang: str) -> Axes:
    """One bar a period over its real span (``analysis.recent_periods``), at its arrivals per
    quarter; a half-year hatched, as a figure that covers more than one quarter. `labels`: the text
    above the bars that carry one, by row."""
    whole = periods["half"].notna()
    for hatched, rows in ((False, periods[~whole]), (True, periods[whole])):
        ax.bar(
            rows["start"] + GAP / 2,
            rows["per_quarter"],
            width=rows["end"] - rows["start"] - GAP,
            align="edge",
            color=palette.ARRIVALS,
            hatch=palette.NOT_SINGLE_PERIOD if hatched else None,
            edgecolor=palette.HATCH_LINE,
            linewidth=0,
            zorder=2,
        )
    for index, text in labels.items():
        row = periods.loc[index]
        axes.value_label(ax, text, ((row["start"] + row["end"]) / 2, row["per_quarter"]))
    ax.set_xlim(*recent_xlim(periods))
    ax.set_ylim(0, periods["per_quarter"].max() * HEADROOM)
    _years_under_the_bars(ax, periods, lang)
    thousands_axis(ax)
    return ax


def _years_under_the_bars(ax: Axes, periods: pd.DataFrame, lang: str) -> None:
    """Each year's label under the middle of the periods it has (a year with only its first half
    drawn is labelled under that half), with a thin line between years and no axis title."""
    years = periods.groupby("year").agg(start=("start", "min"), end=("end", "max"))
    ax.set_xticks((years["start"] + years["end"]) / 2, [i18n.year_label(int(year), lang) for year in years.index])
    ax.set_xticks([float(year) for year in years.index[1:]], minor=True)  # where one year ends and the next begins
    ax.tick_params(axis="x", which="both", length=0, labelbottom=True)
    ax.grid(True, which="minor", axis="x", color=palette.GRID, linewidth=0.8)
    ax.set_xlabel("")


def _labels(found: facts.RecentFacts, lang: str) -> dict[int, str]:
    """Value labels on the bars the headline names (the ends of both ranges) and the trough; each
    half-year with its own total, since its bar shows its average per quarter."""
    periods = found.periods
    named = (found.before_low, found.before_high, found.since_low, found.since_high, found.lowest)
    labels = {_row_of(periods, period): i18n.number(period.total, lang) for period in named}
    for half in found.halves:
        assert half.half is not None  # a half-year drawn whole
        labels[_row_of(periods, half)] = TEXT(
            "half_value", lang, half=i18n.half_name(half.half, lang), total=i18n.number(half.total, lang)
        )
    return labels


def _row_of(periods: pd.DataFrame, period: facts.RecentPeriod) -> int:
    return int(periods.index[periods["start"] == period.start][0])


def _period(period: facts.RecentPeriod, lang: str) -> str:
    if period.half is not None:
        return i18n.half_label(period.year, period.half, lang)
    return i18n.quarter_label(period.year, period.quarter or 0, lang)


def build(dataset: Dataset, lang: str) -> Chart:

    name, events = NAME, dataset.events
    found = facts.recent_facts(dataset)
    periods = found.periods
    strip = plan_strip(dataset, recent_xlim(periods), lang, STRIP_CATEGORIES)
    number = lambda value: i18n.number(value, lang)  # noqa: E731 - a local shorthand
    since_low, since_high = found.since_range
    halves = [
        TEXT(
            "half_alt",
            lang,
            period=_period(half, lang),
            total=i18n.count(half.total, lang),
            per_quarter=f"{half.per_quarter:,.1f}".removesuffix(".0"),
        )
        for half in found.halves
    ]
    values = dict(
        first_p=_period(found.first, lang),
        last_p=_period(found.last, lang),
        before_year=found.before_year,
        before_low=number(found.before_low.total),
        before_high=number(found.before_high.total),
        reopened_p=_period(found.reopened, lang),
        since_low=number(since_low),
        since_high=number(since_high),
        low_p=_period(found.lowest, lang),
        low=i18n.count(found.lowest.total, lang),
        count=len(periods),
        computed=found.computed_count,
        halves_note=TEXT("halves_note", lang) if found.halves else "",
        halves_alt=" ".join(halves) + (" " if halves else ""),
        **strip_words(strip, lang),
    )
    stages = analysis.covid_stages(events)  # the shading, computed once
    fig, words = framed(
        name, TEXT, lang, values, arrivals_source(dataset, periods, lang, "year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    plot_recent(ax, periods, _labels(found, lang), lang)
    axes.shade_covid(ax, stages, lang)
    draw_strip(fig, strip, lang)
    data = periods[["year", "quarter", "half", "total", "per_quarter", "total_derived", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
