"""Chart functions. Each draws on the matplotlib Axes it is given and returns it.

They take validated DataFrames (``nkarrivals.data``) and a language, and hold
no years or figures of their own: a new row in data/ extends the chart.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from nkarrivals import analysis
from nkarrivals.text import i18n

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


def plot_annual_arrivals(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Bars of yearly arrivals; MOU's multi-year buckets as one wide hatched bar each."""
    years = analysis.single_years(arrivals)
    ax.bar(
        years.index,
        years["total"],
        width=BAR_WIDTH,
        color=COLORS["arrivals"],
        label=i18n.text("single_year", lang),
        zorder=2,
    )
    buckets = analysis.buckets(arrivals)
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
    peak_year = int(years["total"].idxmax())
    latest_year = int(years.index.max())
    label_peak_and_latest(ax, years["total"], (peak_year, latest_year), COLORS["arrivals"], lang)
    ax.set_xlim(*annual_xlim(arrivals))
    ax.set_ylim(0, years["total"].max() * HEADROOM)
    year_axis(ax, lang)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax


def shade_covid(ax: Axes, events: pd.DataFrame, lang: str = "en") -> Axes:
    """Shade the COVID-19 closure, then, lighter, each later stage (the partial reopening)
    up to its end, or to the right edge while it lasts. Call after the x-limits are set."""
    right = ax.get_xlim()[1]
    for index, stage in enumerate(analysis.covid_stages(events)):
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


def annual_xlim(arrivals: pd.DataFrame) -> tuple[float, float]:
    """The view of the yearly bars, from MOU's first period to the latest year."""
    return float(arrivals["last_year"].min()) - 0.9, float(arrivals["last_year"].max()) + 0.9


def _quarter_x(quarterly: pd.DataFrame) -> pd.Series:
    return analysis.quarter_start(quarterly) + 0.125


def quarterly_xlim(quarterly: pd.DataFrame) -> tuple[float, float]:
    """From the start of the first year shown to just after the latest quarter."""
    return float(quarterly["year"].min()) - 0.05, float(_quarter_x(quarterly).max()) + 0.2


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


def plot_arrivals_by_sex(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Stacked bars of men and women per single year."""
    years = analysis.single_years(arrivals)
    ax.bar(
        years.index, years["female"], width=BAR_WIDTH, color=COLORS["women"], label=i18n.text("women", lang), zorder=2
    )
    ax.bar(
        years.index,
        years["male"],
        width=BAR_WIDTH,
        bottom=years["female"],
        color=COLORS["men"],
        label=i18n.text("men", lang),
        zorder=2,
    )
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    ax.legend(loc="upper right", ncols=2)
    place_axis_labels(ax)
    return ax


def plot_female_share(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Women's share of each year's arrivals, in percent."""
    share = analysis.female_share(arrivals)
    ax.plot(share.index, share.to_numpy(dtype=float), color=COLORS["women"], marker="o", markersize=4, zorder=3)
    ax.axhline(50, color="#999999", linewidth=0.8, zorder=1)
    for year in (share.idxmax(), share.idxmin()):
        ax.annotate(
            i18n.percent(share[year], lang, 1),
            (year, share[year]),
            xytext=(0, 6 if year == share.idxmax() else -14),
            textcoords="offset points",
            ha="center",
            fontsize=9.5,
            color=COLORS["women"],
        )
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.set_ylabel(i18n.text("women_share_axis", lang))
    year_axis(ax, lang)
    return ax


def plot_pre_covid_trend(ax: Axes, arrivals: pd.DataFrame, events: pd.DataFrame, lang: str = "en") -> Axes:
    """Yearly arrivals with the pre-COVID exponential trend and its projection."""
    years = analysis.single_years(arrivals)["total"]
    trend = analysis.pre_covid_trend(arrivals, events)
    ax.bar(
        years.index,
        years.to_numpy(),
        width=BAR_WIDTH,
        color=COLORS["arrivals"],
        alpha=0.85,
        label=i18n.text("actual", lang),
        zorder=2,
    )
    fit_years = np.arange(trend.first_year, trend.last_year + 1)
    ax.plot(
        fit_years,
        trend.predict(fit_years),
        color=COLORS["trend"],
        linewidth=2.2,
        zorder=3,
        label=i18n.text("trend_fit", lang, first=trend.first_year, last=trend.last_year),
    )
    projection_years = np.arange(trend.last_year, years.index.max() + 1)
    ax.plot(
        projection_years,
        trend.predict(projection_years),
        color=COLORS["trend"],
        linewidth=2.2,
        linestyle=(0, (4, 3)),
        zorder=3,
        label=i18n.text("trend_projection", lang),
    )
    comparison = analysis.trend_versus_actual(arrivals, events)
    for year, row in comparison.iterrows():
        ax.annotate(
            i18n.number(row["actual"], lang),
            (year, row["actual"]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            color=COLORS["arrivals"],
        )
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    year_axis(ax, lang)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax


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
