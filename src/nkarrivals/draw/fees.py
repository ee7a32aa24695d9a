"""Broker-fee marks: one per dated figure, placed within the years it refers to.

They draw on the Axes they are given, from the dated figures the chart passes
(``analysis.fees.dated_fees``) and the sets the analysis found (medians, a report's own
comparisons), like the helpers of ``draw.axes`` that they share. A figure for one year sits
inside that year (2010.0 to 2011.0): figures for the same year are spread across it, in the
order they were reported. A figure for several years is a thin bracket over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from matplotlib.transforms import offset_copy

from nkarrivals.draw import palette
from nkarrivals.draw.axes import value_label
from nkarrivals.draw.figure import TEXT_SIZE
from nkarrivals.text import i18n

# Gridlines, labelled, on a 1-2-5 series: the values a reader can read off a log axis.
GRID_VALUES = (100, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
MARK_SIZE = 6.5  # points
ARROW_POINTS = 10.5  # a 'more than' or 'less than' arrow: about 15 px in the 1200 px file
BRACKET_POINTS = 4  # the drop of a bracket's ends
YEAR_MARGIN = 0.15  # a year's marks keep this far (in years) from its edges


def fees_xlim(dated: pd.DataFrame) -> tuple[float, float]:
    """The years the dated figures refer to, 1 January of the first to 31 December of the last, with a little room."""
    return float(dated["period_start"].min()) - 0.3, float(dated["period_end"].max()) + 1.3


def fees_ylim(dated: pd.DataFrame) -> tuple[float, float]:
    """A shared log range: a little below the lowest figure and above the highest."""
    amounts = dated[["low_usd", "high_usd"]].astype(float)
    return float(amounts.min().min()) / 1.35, float(amounts.max().max()) * 1.25


def within_year_x(figures: pd.DataFrame) -> pd.Series:
    """Where each figure is drawn: a one-year figure inside its year, spread evenly across it
    with the others of that year (in the order given); a figure for several years at the
    middle of its span."""
    single = figures["period_start"] == figures["period_end"]
    years = figures["period_start"].astype(float)
    place = figures[single].groupby("period_start").cumcount() + 1
    count = figures[single].groupby("period_start")["period_start"].transform("size")
    inner = 1 - 2 * YEAR_MARGIN
    x = (figures["period_start"].astype(float) + figures["period_end"].astype(float) + 1) / 2
    x[single] = years[single] + YEAR_MARGIN + inner * place / (count + 1)
    return x


def _bounds(row: pd.Series) -> tuple[float | None, float | None]:
    return tuple(None if pd.isna(row[c]) else float(row[c]) for c in ("low_usd", "high_usd"))  # type: ignore[return-value]


def _visual_middle(row: pd.Series) -> float:
    """Where a line joining this figure meets it: the middle of its range on the log axis."""
    given = [b for b in _bounds(row) if b is not None]
    return float(np.sqrt(given[0] * given[-1]))


def plot_figures(
    ax: Axes,
    figures: pd.DataFrame,
    lang: str,
    *,
    color: str,
    glyph: str,
) -> pd.Series:
    """The figures of one route segment: a glyph for an amount, a vertical segment for a range,
    an open arrow from the glyph for 'more than' (up) or 'less than' (down), a thin bracket over
    the years of a figure for several years (labelled). Returns where each figure is drawn."""
    x = within_year_x(figures)
    for label, row in figures.iterrows():
        low, high = _bounds(row)
        value = low if low is not None else high
        if value is None:  # validation: a figure has at least one bound
            continue
        if row["period_end"] > row["period_start"]:
            _bracket(ax, float(row["period_start"]), float(row["period_end"]) + 1, value, color, lang)
            continue
        if low is not None and high is not None and high > low:
            ax.plot([x[label]] * 2, [low, high], color=color, linewidth=2.2, solid_capstyle="round", zorder=3)
            ax.plot(
                [x[label]] * 2, [low, high], linestyle="none", marker=glyph, color=color, markersize=MARK_SIZE, zorder=4
            )
            continue
        ax.plot([x[label]], [value], linestyle="none", marker=glyph, color=color, markersize=MARK_SIZE, zorder=4)
        if low is None or high is None:  # a bound: an open arrow away from the glyph
            direction = 1 if high is None else -1
            ax.annotate(
                "",
                (x[label], value),
                xytext=(0, direction * ARROW_POINTS),
                textcoords="offset points",
                zorder=3,
                arrowprops={
                    "arrowstyle": "<-,head_length=0.45,head_width=0.3",
                    "color": color,
                    "linewidth": 1.3,
                    "shrinkA": 0,
                    "shrinkB": MARK_SIZE / 2,
                },
            )
    return x


def _bracket(ax: Axes, start: float, end: float, value: float, color: str, lang: str) -> None:
    """A thin bracket from `start` to `end` at `value`, its ends dropping a little, and under it
    what it is: one figure for all those years."""
    drop = offset_copy(ax.transData, fig=cast(Figure, ax.figure), y=-BRACKET_POINTS, units="points")
    ax.plot([start, end], [value, value], color=color, linewidth=1.0, zorder=3)
    ax.plot(
        [start, end],
        [value, value],
        linestyle="none",
        marker="|",
        markersize=BRACKET_POINTS * 2,
        markeredgewidth=1.0,
        color=color,
        zorder=3,
        transform=drop,
    )
    span = i18n.text("bucket_range", lang, first=int(start), last=int(end) - 1)
    value_label(
        ax,
        i18n.text("fee_span_figure", lang, span=span),
        ((start + end) / 2, value),
        (0, -BRACKET_POINTS - 3),
        va="top",
    )


def plot_median(ax: Axes, first_year: int, last_year: int, median: float, text: str, side: str) -> None:
    """A median across reports: a thin line over its years (1 January of the first to 31 December
    of the last) at its value, labelled with `text` on `side` ('left' or 'right')."""
    start, end = float(first_year), float(last_year) + 1
    ax.plot([start, end], [median, median], color=palette.MEDIAN, linewidth=1.2, zorder=5)
    label_figure(ax, start if side == "left" else end, median, text, side)


def label_figure(ax: Axes, x: float, value: float, text: str, side: str = "right") -> None:
    """A figure's words beside its glyph, on `side` ('left' or 'right')."""
    left = side == "left"
    value_label(ax, text, (x, value), (-8 if left else 8, 0), ha="right" if left else "left", va="center")


def fee_axis(ax: Axes, ylim: tuple[float, float], lang: str) -> None:
    """A log dollar axis with labelled gridlines at $100, $1,000, $2,000, $5,000 … within
    `ylim`, no title: the subtitle gives the unit."""
    ax.set_yscale("log")
    ax.set_ylim(*ylim)
    ax.yaxis.set_major_locator(FixedLocator([v for v in GRID_VALUES if ylim[0] <= v <= ylim[1]]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: i18n.usd(value, lang)))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.grid(True, axis="y")
    ax.set_ylabel("")


def year_cells(ax: Axes) -> None:
    """A small tick at each 1 January, so a reader sees which year a mark sits in."""
    low, high = ax.get_xlim()
    ax.xaxis.set_minor_locator(FixedLocator(list(range(int(np.ceil(low)), int(high) + 1))))
    ax.tick_params(axis="x", which="minor", length=3)


def panel_label(ax: Axes, text: str, color: str | None = None, glyph: str | None = None) -> None:
    """A panel's name above its top-left corner, after its glyph where it has one."""
    shift = 0
    if glyph is not None:
        at = offset_copy(ax.transAxes, fig=cast(Figure, ax.figure), x=5, y=8, units="points")
        ax.plot([0], [1], marker=glyph, color=color, markersize=MARK_SIZE, transform=at, clip_on=False)
        shift = 13
    ax.annotate(
        text,
        (0, 1),
        xycoords="axes fraction",
        xytext=(shift, 8),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=TEXT_SIZE,
        color=palette.TEXT,
        annotation_clip=False,
    )


def plot_medians(ax: Axes, medians: Sequence[tuple[int, int, float]], lang: str) -> None:
    """The medians a headline compares, (first_year, last_year, median) each, earliest first:
    the first labelled on its left, the others on their right."""
    for position, (first_year, last_year, median) in enumerate(medians):
        amount = i18n.usd_range(median, median, lang, approx=True)
        text = i18n.text("fee_median", lang, amount=amount)
        plot_median(ax, first_year, last_year, median, text, "left" if position == 0 else "right")
