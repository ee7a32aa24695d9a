"""MOU's yearly arrivals, with the COVID-19 closure shaded and the event strip beneath."""

from __future__ import annotations

from collections.abc import Iterable

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
from nkarrivals.text import i18n, korean

TEXT = chart_text(__file__)
# Strip: what made escape and transit harder, and the leader who tightened the border (COVID is the shading).
STRIP_CATEGORIES = ("surveillance", "border-control", "repatriation", "politics")
NAME = "arrivals-annual"


def _bucket_list(buckets: Iterable[facts.Period], lang: str) -> str:
    """MOU's multi-year totals for alt text: 'up to 1998: 947; 1999–2001: 1,043' /
    '1998년 이전은 947명, 1999~2001년은 1,043명'."""
    labelled = [(i18n.period_label(b.first_year, b.last_year, lang), i18n.count(b.total, lang)) for b in buckets]
    if lang == "ko":
        return ", ".join(f"{korean.josa(label, '은/는')} {total}" for label, total in labelled)
    return "; ".join(f"{label}: {total}" for label, total in labelled)


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    annual = facts.annual_facts(dataset)
    after = annual.years_after[0]
    strip = plan_strip(dataset, axes.annual_xlim(arrivals["last_year"]), lang, STRIP_CATEGORIES)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        fall=i18n.percent(annual.fall_from_peak_pct, lang),
        peak_year=annual.peak_year,
        last=annual.latest_year,
        first=i18n.period_label(annual.first_period.first_year, annual.first_period.last_year, lang),
        latest_year=annual.latest_year,
        peak=count(annual.peak),
        pre_year=annual.pre_covid_year,
        pre=count(annual.pre_covid),
        after_year=after.year,
        after=count(after.total),
        latest=count(annual.latest),
        buckets=_bucket_list(annual.buckets, lang),
        cumulative=count(annual.cumulative),
        women=count(annual.cumulative_female),
        men=count(annual.cumulative_male),
        **strip_words(strip, lang),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(
        name, TEXT, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    axes.plot_annual_arrivals(
        ax, analysis.single_years(arrivals), analysis.buckets(arrivals), (annual.peak_year, annual.latest_year), lang
    )
    axes.shade_covid(ax, stages, lang)
    ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    data = arrivals[["period", "first_year", "last_year", "male", "female", "total", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
