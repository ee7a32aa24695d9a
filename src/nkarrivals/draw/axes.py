"""Drawing several charts share. Each function draws on the matplotlib Axes it is given.

They take series the charts computed (yearly rows, COVID-19 stages, the years to label) and a
language, and hold no years or figures of their own: a new row in data/ extends the chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation

from nkarrivals.draw import figure, palette
from nkarrivals.text import i18n

if TYPE_CHECKING:
    from nkarrivals.analysis import Stage

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


COVID_BAND = "covid-band"  # the gid of the stages' fills: context, not data
COVID_EDGE = "covid-edge"  # the gid of the line where a stage begins
COVID_NAME = "covid-name"  # the gid of a stage's name


def shade_covid(ax: Axes, stages: list[Stage], lang: str = "en", names: bool | None = None) -> Axes:
    """Shade the COVID-19 closure (palette.COVID_CLOSED), then each later stage, the partial
    reopening (palette.COVID_REOPENED), up to its end or to the right edge while it lasts; a
    1-pixel line marks where each stage begins inside the view. The bands take no legend entry:
    each stage's name is written inside its band at the top (or, where the band is narrower than
    its name, just above the panel at the band's start). `names` defaults to the top panel of a
    stack sharing the x-axis: the names are written once. Call after the x-limits are set."""
    from nkarrivals.draw import figure, palette

    left, right = ax.get_xlim()
    if names is None:  # no panel sharing this x-axis sits above this one
        siblings = ax.get_shared_x_axes().get_siblings(ax)
        names = not any(other.get_position().y0 > ax.get_position().y0 for other in siblings)
    named = []  # (name, start, end) of each stage in the view
    for index, stage in enumerate(stages):
        end = right if stage.end is None else min(stage.end, right)
        start = max(stage.start, left)
        if end <= start:
            continue
        ax.axvspan(
            start,
            end,
            color=palette.COVID_CLOSED if index == 0 else palette.COVID_REOPENED,
            linewidth=0,
            zorder=0,
            label="_nolegend_",
            gid=COVID_BAND,
        )
        if stage.start >= left:  # a stage cut by the view's left edge did not begin there
            ax.axvline(
                stage.start,
                color=palette.COVID_EDGE,
                linewidth=72 / figure.HOUSE_DPI,
                zorder=1,
                label="_nolegend_",
                gid=COVID_EDGE,
            )
        named.append((i18n.text("covid_closed" if index == 0 else "covid_partly_reopened", lang), start, end))
    ax.set_xlim(left, right)
    if names:
        _name_stages(ax, named)
    return ax


_NAME_PAD = 4  # points between a stage's name and its band's edges


def _name_stages(ax: Axes, named: list[tuple[str, float, float]]) -> None:
    """Write each stage's name inside its band's top left corner, all at the larger size at which
    every name fits its band (on one line, or else two), or else the smaller one. A name that
    fits its band at neither goes above the panel, from the band's start (or ending at the panel's
    right edge), a line higher than a name already written there that it would meet."""
    from nkarrivals.draw import figure, palette

    fig = cast(Figure, ax.figure)
    pixels = lambda x: ax.transData.transform((x, 0))[0]  # noqa: E731 - a local shorthand

    def fitting(name: str, start: float, end: float, size: float) -> list[str] | None:
        room = (pixels(end) - pixels(start)) / fig.dpi - 2 * _NAME_PAD / 72  # inches
        for lines in ([name], figure.wrap(name, size, max(room, 0.01), balance=True)):
            if len(lines) <= 2 and max(figure.text_width(line, size) for line in lines) <= room:
                return lines
        return None

    for size in (figure.TEXT_SIZE, figure.SMALL_SIZE):
        layouts = [fitting(*stage, size) for stage in named]
        if all(layouts):
            break
    style: dict[str, Any] = dict(xycoords=("data", "axes fraction"), textcoords="offset points", fontsize=size)
    style |= dict(color=palette.COVID_TEXT, gid=COVID_NAME, zorder=1.5, annotation_clip=False)
    above: list[float] = []  # the right ends, in pixels, of the names written above the panel
    for (name, start, end), lines in zip(named, layouts, strict=True):
        if lines:
            ax.annotate("\n".join(lines), (start, 1), xytext=(_NAME_PAD, -_NAME_PAD), ha="left", va="top", **style)
            continue
        width = figure.text_width(name, size) * fig.dpi
        align = "left" if pixels(start) + width <= ax.bbox.x1 else "right"
        left_end = pixels(start) if align == "left" else pixels(end) - width
        row = sum(1 for right_end in above if right_end + _NAME_PAD > left_end)
        above.append(left_end + width)
        anchor = start if align == "left" else end
        ax.annotate(name, (anchor, 1), xytext=(0, 3 + row * size * 1.3), ha=align, va="bottom", **style)


def value_label(
    ax: Axes, text: str, xy: tuple[float, float], offset=(0, 3), ha: str = "center", va: str = "bottom", **style: Any
):
    """`text` beside the mark at `xy` (data coordinates unless `style` says otherwise), `offset`
    points away, in the set's one style of value label: regular weight, palette.VALUE_TEXT,
    figure.SMALL_SIZE."""
    return ax.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=figure.SMALL_SIZE,
        color=palette.VALUE_TEXT,
        **style,
    )


def label_peak_and_latest(ax: Axes, values: pd.Series, years, lang: str, at=year_middle) -> None:
    """The value of each of `years` above its bar: the points a headline names (the peak, the
    latest year). A value is drawn at `at(year)`."""
    for year in dict.fromkeys(years):
        value_label(ax, i18n.number(values[year], lang), (at(year), values[year]))


def annual_xlim(years) -> tuple[float, float]:
    """The view of yearly bars: from the first year's 1 January to the last year's 31 December,
    with a margin of a fifth of a year either side."""
    return float(min(years)) - 0.2, float(max(years)) + 1.2
