"""Women's share of each year's arrivals: one line on a 0–100% scale, years with few arrivals hollow."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, FuncFormatter

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
from nkarrivals.draw import axes, palette
from nkarrivals.draw.axes import round_year_ticks, year_middle
from nkarrivals.draw.figure import SMALL_SIZE
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
NAME = "arrivals-by-sex"
EQUAL = 50  # percent: as many women as men


def plot_female_share(ax: Axes, found: facts.SexFacts, lang: str) -> Axes:
    """Women's share of each year's arrivals, in percent, at the middle of its year; a year with
    fewer than facts.SMALL_BASE arrivals as a hollow point with its number of people beside it;
    the headline's mark (seven in ten) and the line of equal numbers, each named."""
    shares = found.shares
    x, share = year_middle(shares.index.to_numpy()), shares["female_share_pct"].to_numpy(dtype=float)
    small = shares["small_base"].to_numpy(dtype=bool)
    ax.plot(x, share, color=palette.WOMEN, linewidth=2, zorder=3)
    ax.plot(x[~small], share[~small], palette.POINT, color=palette.WOMEN, markersize=6, zorder=4)
    ax.plot(
        x[small],
        share[small],
        palette.POINT,
        color=palette.WOMEN,
        markerfacecolor=palette.SMALL_BASE_FILL,
        markersize=7,
        zorder=4,
    )
    series = shares["female_share_pct"]
    for year, row in shares[small].iterrows():
        _label(ax, series, year, TEXT("base", lang, n=i18n.number(row["total"], lang)))
    ax.set_xlim(shares.index.min() - 0.1, shares.index.max() + 1.1)
    # The headline's mark, lightly, with the words it says it in above it; equal numbers below theirs.
    for level, words, style, above in (
        (facts.WOMEN_SHARE_MARK_PCT, TEXT("mark", lang), "--", True),
        (EQUAL, TEXT("equal", lang), "-", False),
    ):
        ax.axhline(level, color=palette.SECONDARY_TEXT, linewidth=0.8, linestyle=style, zorder=2)
        ax.annotate(
            words,
            (ax.get_xlim()[0], level),
            xytext=(4, 3 if above else -3),
            textcoords="offset points",
            ha="left",
            va="bottom" if above else "top",
            fontsize=SMALL_SIZE,
            color=palette.SECONDARY_TEXT,
        )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: i18n.percent(value, lang)))
    round_year_ticks(ax, lang)
    return ax


def _label(ax: Axes, series: pd.Series, year: int, text: str) -> None:
    """A label on the point of `year`, on the side the line leaves free: above a peak, below a
    trough, below and ahead of a point the line rises through, below and behind one it falls through."""
    share = float(series[year])
    before = float(series.get(year - 1, share))
    after = float(series.get(year + 1, share))
    if before <= share >= after:  # a peak: above it
        offset, ha, va = (0, 8), "center", "bottom"
    elif before >= share <= after:  # a trough: below it
        offset, ha, va = (0, -8), "center", "top"
    elif before < share:  # rising: the line runs up to the right
        offset, ha, va = (6, -6), "left", "top"
    else:  # falling
        offset, ha, va = (-6, -6), "right", "top"
    axes.value_label(ax, text, (year_middle(year), share), offset, ha=ha, va=va, zorder=5)


def build(dataset: Dataset, lang: str) -> Chart:

    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    found = facts.sex_facts(dataset)
    pct = lambda value: i18n.percent(value, lang)  # noqa: E731 - a local shorthand: whole percentages
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    shares = found.shares
    small = shares[shares["small_base"]]
    values = dict(
        first=found.first_year,
        last=found.last_year,
        run_first=found.run_first_year,
        run_years=found.run_years,
        at_mark=found.run_years_at_mark,
        low_pct=pct(found.run_low_pct),
        low_year=found.run_low_year,
        high=pct(found.run_high_pct),
        high_year=found.run_high_year,
        below=i18n.series([str(year) for year in found.run_years_below], lang),
        overall=pct(found.women_share_pct),
        latest_year=found.latest_year,
        min_share=pct(found.min_share_pct),
        min_year=found.min_share_year,
        min_women=count(found.min_share_women),
        min_men=count(found.min_share_men),
        last_women=count(found.last_women),
        last_men=count(found.last_men),
        last_share=pct(found.last_share_pct),
        bucket_end=found.bucket_end,
        small_base=count(facts.SMALL_BASE),
        small=("; " if lang == "en" else ", ").join(
            TEXT("small_year", lang, year=year, n=count(row["total"])) for year, row in small.iterrows()
        ),
    )
    stages = analysis.covid_stages(events)  # the shading, computed once
    fig, words = framed(name, TEXT, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    plot_female_share(ax, found, lang)
    axes.shade_covid(ax, stages, lang)
    data = shares.reset_index()[["year", "male", "female", "total", "female_share_pct", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events))
