"""Drawing several charts share. Each function draws on the matplotlib Axes it is given.

They take series the charts computed (yearly rows, COVID-19 stages, the years to label) and a
language, and hold no years or figures of their own: a new row in data/ extends the chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from nkarrivals.draw import figure, palette
from nkarrivals.text import i18n

if TYPE_CHECKING:
    from nkarrivals.analysis import Stage

COLORS = {
    "arrivals": "#0072B2",
    "bucket": "#56B4E9",
    "covid": "#E69F00",
    "event": "#666666",
    "men": "#0072B2",
    "women": "#D55E00",
    "trend": "#000000",
}
BAR_WIDTH = 0.8


# The time grid. The x-axis counts years as decimals, so 2020.0 is 1 January 2020 and an event
# on 22 January 2020 sits at 2020.06. A year's figure covers the whole year, so its bar is
# centred on the middle of the year and spans most of it; a stock counted on 31 December sits
# at the year's end. Bars, events and shading then share one grid.
def year_middle(year):
    """Where a figure for the calendar year `year` is drawn: mid-year (scalars or Series)."""
    return year + 0.5


def year_end(year):
    """Where a stock counted on 31 December of `year` is drawn."""
    return year + 1.0


def round_year_ticks(ax: Axes, lang: str, step: int | None = None) -> None:
    """Label round years (every `step` years, 5 by default; 2 on a view under 12 years)
    under the middle of their bars, within the view, with no axis title: a year axis needs none."""
    low, high = ax.get_xlim()
    step = step or (2 if high - low < 12 else 5)
    first = int(np.ceil(low / step) * step)
    years = [year for year in range(first, int(high) + 1, step) if low <= year_middle(year) <= high]
    ax.set_xticks([year_middle(year) for year in years], [i18n.year_label(year, lang) for year in years])
    ax.set_xlabel("")


# The y-axis top over the largest value drawn: room for the value labels, and never
# more than 1.25, so the data fill the panel.
HEADROOM = 1.12


def place_axis_labels(ax: Axes) -> None:
    """Put axis labels at fixed distances from the axes. Matplotlib's automatic placement
    measures every tick label of every axis at every save, which was a tenth of the
    export time; the frame's fixed margins leave room for the widest tick labels."""
    fig = cast(Figure, ax.figure)  # charts are drawn on a whole figure, never a subfigure
    # The y label sits just inside the figure's left edge, whatever the frame's margin.
    left_inches = ax.get_position().x0 * fig.get_figwidth()
    ax.yaxis.set_label_coords(
        0, 0.5, transform=ax.transAxes + ScaledTranslation(0.26 - left_inches, 0, fig.dpi_scale_trans)
    )
    ax.xaxis.set_label_coords(0.5, 0, transform=ax.transAxes + ScaledTranslation(0, -0.42, fig.dpi_scale_trans))


def thousands_axis(ax: Axes) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def year_axis(ax: Axes, lang: str) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=14))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}"))
    ax.set_xlabel(i18n.text("year_of_arrival", lang))
    place_axis_labels(ax)


def plot_annual_arrivals(
    ax: Axes,
    years: pd.DataFrame,
    labelled: tuple[int, ...],
    lang: str = "en",
    early: pd.DataFrame | None = None,
) -> Axes:
    """Bars of yearly arrivals (`years`, indexed by year), each over its calendar year, with the
    values of the `labelled` years above them. The `early` years (indexed by year: single years
    inside MOU's multi-year totals, counted early and never revised) are outline bars, named
    as such above them; MOU's multi-year totals themselves are no bars (the chart's note states them)."""
    early = years.iloc[0:0] if early is None else early
    ax.set_xlim(*annual_xlim(years.index.union(early.index)))
    ax.bar(year_middle(years.index), years["total"], width=BAR_WIDTH, color=palette.ARRIVALS, linewidth=0, zorder=2)
    if not early.empty:
        ax.bar(
            year_middle(early.index),
            early["total"],
            width=BAR_WIDTH,
            facecolor=palette.EARLY_COUNT_FILL,
            edgecolor=palette.ARRIVALS,
            linewidth=1.2,
            zorder=2,
        )
        # Their name above them, from the first one's left edge, in lines no wider than they
        # reach until the first revised year (a taller bar, as a rule).
        left = year_middle(early.index.min()) - BAR_WIDTH / 2
        later = years.index[years.index > early.index.max()]
        right = year_middle(later.min()) - BAR_WIDTH / 2 if len(later) else ax.get_xlim()[1]
        room = (right - left) / years_per_inch(ax) - 0.08  # inches, a little clear of the next bar
        ax.annotate(
            "\n".join(figure.wrap(i18n.text("early_counts", lang), figure.TEXT_SIZE, room)),
            (left, early["total"].max()),
            xytext=(0, 6),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=figure.TEXT_SIZE,
            color=palette.TEXT,
        )
    label_peak_and_latest(ax, years["total"], labelled, lang)
    ax.set_ylim(0, years["total"].max() * HEADROOM)
    round_year_ticks(ax, lang)
    ax.tick_params(axis="x", labelbottom=True)  # under the data, also where a strip lies below
    thousands_axis(ax)
    return ax


def years_per_inch(ax: Axes) -> float:
    """How many years an inch spans on the x-axis of `ax` (set its limits first)."""
    low, high = ax.get_xlim()
    return (high - low) / (ax.get_position().width * cast(Figure, ax.figure).get_figwidth())


def shade_covid(ax: Axes, stages: list[Stage], lang: str = "en") -> Axes:
    """Shade the COVID-19 closure, then, lighter, each later stage (the partial reopening)
    up to its end, or to the right edge while it lasts. Call after the x-limits are set."""
    right = ax.get_xlim()[1]
    for index, stage in enumerate(stages):
        label = i18n.text("covid_closed" if index == 0 else "covid_partly_reopened", lang)
        ax.axvspan(
            stage.start,
            right if stage.end is None else stage.end,
            color=COLORS["covid"],
            alpha=0.2 if index == 0 else 0.08,
            linewidth=0,
            zorder=0,
            label=label,
        )
    ax.set_xlim(right=right)
    return ax


def label_peak_and_latest(ax: Axes, values: pd.Series, years, lang: str, at=year_middle) -> None:
    """The value of each of `years` above its bar, in the set's one style of value label: the
    points a headline names (the peak, the latest year). A value is drawn at `at(year)`."""
    for year in dict.fromkeys(years):
        ax.annotate(
            i18n.number(values[year], lang),
            (at(year), values[year]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=figure.SMALL_SIZE,
            color=palette.VALUE_TEXT,
        )


def annual_xlim(years) -> tuple[float, float]:
    """The view of yearly bars: from the first year's 1 January to the last year's 31 December,
    with a margin of a fifth of a year either side."""
    return float(min(years)) - 0.2, float(max(years)) + 1.2


def period_bars(ax: Axes, x: pd.Series, table: pd.DataFrame, width: float, lang: str, fontsize: float) -> None:
    """One bar per period at `x` with its total above it; periods with a derived number hatched."""
    derived = table["derived"].astype(bool)
    ax.bar(x[~derived], table.loc[~derived, "total"], width=width, color=COLORS["arrivals"], zorder=2)
    ax.bar(
        x[derived],
        table.loc[derived, "total"],
        width=width,
        color=COLORS["bucket"],
        hatch="///",
        edgecolor="white",
        linewidth=0,
        zorder=2,
        label=i18n.text("derived_value", lang),
    )
    for position, row in table.iterrows():
        ax.annotate(
            i18n.number(row["total"], lang),
            (x[position], row["total"]),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=fontsize,
            color="#333333",
        )


def _year_ticks_under_bars(ax: Axes, starts: pd.Series, width: float, lang: str) -> None:
    """Each year's label centred under the bars it has (periods of `width` years starting at
    `starts`), with a minor tick at every period boundary."""
    years = starts.astype(int)
    first, last = starts.groupby(years).min(), starts.groupby(years).max()
    ax.set_xticks(
        [(a + b + width) / 2 for a, b in zip(first, last, strict=True)],
        [i18n.year_label(int(year), lang) for year in first.index],
    )
    ax.set_xticks(sorted({*starts, *(starts + width)}), minor=True)
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=4)
