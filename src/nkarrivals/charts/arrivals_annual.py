"""MOU's yearly arrivals over their calendar years, the early single years in outline, with the
COVID-19 closure shaded and the event strip beneath."""

from __future__ import annotations

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import facts
from nkarrivals.charts.base import (
    Chart,
    ChartText,
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
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: what made escape and transit harder, and the leader who tightened the border (COVID is the shading).
STRIP_CATEGORIES = ("surveillance", "border-control", "repatriation", "politics")
NAME = "arrivals-annual"

# How each row of the chart's data is shown (column `drawn_as`): a bar of MOU's revised yearly
# figure, an outline bar of an early, unrevised count (early_years.csv), or a multi-year total of
# MOU's that no bar shows, stated in the note.
BAR, EARLY_COUNT, NOTE = "bar", "early_count", "note"


def bucket_sentences(buckets: tuple[facts.Period, ...], text: ChartText, lang: str, part: str = "note") -> str:
    """What the note (or, with `part` 'alt', the alt text) says of each of MOU's multi-year totals:
    '947 people had arrived by the end of 1998. The revised total for 1999–2001 is 1,043.'"""
    return " ".join(
        text(
            f"{part}_open_bucket" if bucket.first_year is None else f"{part}_bucket",
            lang,
            last=bucket.last_year,
            period=i18n.period_label(bucket.first_year, bucket.last_year, lang),
            total=i18n.count(bucket.total, lang),
        )
        for bucket in buckets
    )


def _source(dataset: Dataset, early: pd.DataFrame, lang: str) -> str:
    """MOU and the press for the recent years, then who reported the early counts."""
    source = arrivals_source(dataset, dataset.arrivals, lang, "last_year")
    if early.empty:
        return source
    return TEXT(
        "source_early",
        lang,
        arrivals=source,
        years=i18n.period_label(early.index.min(), early.index.max(), lang),
        publishers=", ".join(i18n.source_publishers(dataset.sources, early["source_id"], lang)),
    )


def _year_list(totals: pd.Series, lang: str) -> str:
    """Yearly figures for alt text: '1998: 71; 1999: 148' / '1998년 71명, 1999년 148명'."""
    if lang == "ko":
        return ", ".join(f"{year}년 {i18n.count(total, lang)}" for year, total in totals.items())
    return "; ".join(f"{year}: {i18n.count(total, lang)}" for year, total in totals.items())


def chart_data(arrivals: pd.DataFrame, early: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows in time order: each multi-year total of MOU's (drawn_as 'note'), followed
    by the early single years inside it (drawn_as 'early_count'), then MOU's single years ('bar')."""
    columns = ["period", "first_year", "last_year", "male", "female", "total", "drawn_as", "source_id"]
    early_rows = early.reset_index().rename(columns={"year": "last_year"})
    early_rows = early_rows.assign(period=early_rows["last_year"].astype(str), first_year=early_rows["last_year"])
    multi_year = analysis.buckets(arrivals).index
    parts = []
    for index, row in arrivals.iterrows():
        parts.append(arrivals.loc[[index]].assign(drawn_as=NOTE if index in multi_year else BAR))
        if index in multi_year:
            parts.append(early_rows[analysis.inside_period(early_rows["last_year"], row)].assign(drawn_as=EARLY_COUNT))
    table = pd.concat(parts, ignore_index=True)[columns]
    return table.astype({column: "Int64" for column in ("first_year", "last_year", "male", "female", "total")})


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    annual = facts.annual_facts(dataset)
    years, early = analysis.single_years(arrivals), analysis.early_single_years(dataset.early_years)
    after = annual.years_after[0]
    strip = plan_strip(dataset, axes.annual_xlim(years.index.union(early.index)), lang, STRIP_CATEGORIES)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        fall=i18n.percent(annual.fall_from_peak_pct, lang),
        share=i18n.share_in_words(annual.since_pct_of_pre_covid, lang),
        since=annual.since_year,
        since_mean=count(annual.since_mean),
        peak_year=annual.peak_year,
        first_year=int(years.index.union(early.index).min()),
        latest_year=annual.latest_year,
        peak=count(annual.peak),
        pre_year=annual.pre_covid_year,
        pre=count(annual.pre_covid),
        after_year=after.year,
        after=count(after.total),
        latest=count(annual.latest),
        buckets=bucket_sentences(annual.buckets, TEXT, lang),
        buckets_alt=bucket_sentences(annual.buckets, TEXT, lang, "alt"),
        early=TEXT("alt_early", lang, years=_year_list(early["total"], lang)) if not early.empty else "",
        cumulative=count(annual.cumulative),
        women=count(annual.cumulative_female),
        men=count(annual.cumulative_male),
        **strip_words(strip, lang),
    )
    stages = analysis.covid_stages(dataset.events)  # the shading, computed once
    fig, words = framed(name, TEXT, lang, values, _source(dataset, early, lang), strip_height=strip.height)
    ax = fig.axes[0]
    labelled = (annual.peak_year, annual.pre_covid_year, annual.latest_year)  # the headline's points
    axes.plot_annual_arrivals(ax, years, labelled, lang, early=early)
    axes.shade_covid(ax, stages, lang)
    draw_strip(fig, strip, lang)
    data = chart_data(arrivals, early)
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)
