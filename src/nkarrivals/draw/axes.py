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
    ax: Axes, years: pd.DataFrame, buckets: pd.DataFrame, labelled: tuple[int, int], lang: str = "en"
) -> Axes:
    """Bars of yearly arrivals (`years`, indexed by year); MOU's multi-year `buckets` as one wide
    hatched bar each (rows of arrivals.csv)."""
    ax.bar(
        years.index,
        years["total"],
        width=BAR_WIDTH,
        color=COLORS["arrivals"],
        label=i18n.text("single_year", lang),
        zorder=2,
    )
    for position, (_, row) in enumerate(buckets.iterrows()):
        last = int(row["last_year"])
        first = last if pd.isna(row["first_year"]) else int(row["first_year"])
        ax.bar(
            (first + last) / 2,
            row["total"],
            width=last - first + BAR_WIDTH,
            color=COLORS["bucket"],
            hatch="///",
            edgecolor="white",
            linewidth=0,
            zorder=2,
            label=i18n.text("multi_year", lang) if position == 0 else None,
        )
        caption = i18n.period_label(row["first_year"], last, lang) + ":\n" + i18n.count(row["total"], lang)
        # The open-ended first bucket is one bar wide, narrower than its caption: the caption goes
        # a row above the next bucket's, so the two never meet however narrow the bars get.
        open_ended = pd.isna(row["first_year"]) and len(buckets) > 1
        ax.annotate(
            caption,
            ((first + last) / 2, buckets["total"].max() if open_ended else row["total"]),
            xytext=(0, 4 + 22 if open_ended else 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color="#333333",
        )
    label_peak_and_latest(ax, years["total"], labelled, COLORS["arrivals"], lang)
    ax.set_xlim(*annual_xlim(pd.concat([years.index.to_series(), buckets["last_year"]])))
    ax.set_ylim(0, years["total"].max() * HEADROOM)
    year_axis(ax, lang)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax


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


def label_peak_and_latest(ax: Axes, values: pd.Series, years, color: str, lang: str) -> None:
    """The value of each of `years` in bold above its bar: the peak and the latest year."""
    for year in dict.fromkeys(years):
        ax.annotate(
            i18n.number(values[year], lang),
            (year, values[year]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            color=color,
        )


def annual_xlim(last_years: pd.Series) -> tuple[float, float]:
    """The view of the yearly bars, from MOU's first period to the latest year (each period's last year)."""
    return float(last_years.min()) - 0.9, float(last_years.max()) + 0.9
