"""Chart functions. Each draws on the matplotlib Axes it is given and returns it.

They take validated DataFrames (``nkarrivals.data``) and a language, and hold
no years or figures of their own: a new row in data/ extends the chart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator
from matplotlib.transforms import ScaledTranslation

from nkarrivals import analysis, i18n
from nkarrivals import fees as fees_analysis

COLORS = {
    "arrivals": "#0072B2",
    "bucket": "#56B4E9",
    "covid": "#E69F00",
    "event": "#666666",
    "men": "#0072B2",
    "women": "#D55E00",
    "trend": "#000000",
}
ROUTE_STYLES = {  # colour, marker
    "nk_to_china": ("#D55E00", "o"),
    "through_china": ("#0072B2", "s"),
    "full_route": ("#009E73", "D"),
    "unspecified": ("#CC79A7", "^"),
}
EVENT_LABEL_SIZE = 9
_TIER_STEP = 0.075
_TOP_TIER = 0.975
_BAR_WIDTH = 0.8


def _fixed_label_positions(ax: Axes) -> None:
    """Put axis labels at fixed distances from the axes. Matplotlib's automatic placement
    measures every tick label of every axis at every save, which was a tenth of the
    export time; the frame's fixed margins leave room for the widest tick labels."""
    fig = ax.figure
    # The y label sits just inside the figure's left edge, whatever the frame's margin.
    left_inches = ax.get_position().x0 * fig.get_figwidth()
    ax.yaxis.set_label_coords(0, 0.5, transform=ax.transAxes + ScaledTranslation(0.26 - left_inches, 0, fig.dpi_scale_trans))
    ax.xaxis.set_label_coords(0.5, 0, transform=ax.transAxes + ScaledTranslation(0, -0.42, fig.dpi_scale_trans))


def _thousands(ax: Axes) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _year_axis(ax: Axes, lang: str) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=14))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}"))
    ax.set_xlabel(i18n.text("year_of_arrival", lang))
    _fixed_label_positions(ax)


def plot_annual_arrivals(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Bars of yearly arrivals; MOU's multi-year buckets as one wide hatched bar each."""
    years = analysis.single_years(arrivals)
    ax.bar(years.index, years["total"], width=_BAR_WIDTH, color=COLORS["arrivals"],
           label=i18n.text("single_year", lang), zorder=2)
    for position, (_, row) in enumerate(analysis.buckets(arrivals).iterrows()):
        last = int(row["last_year"])
        first = last if pd.isna(row["first_year"]) else int(row["first_year"])
        ax.bar((first + last) / 2, row["total"], width=last - first + _BAR_WIDTH, color=COLORS["bucket"],
               hatch="///", edgecolor="white", linewidth=0, zorder=2,
               label=i18n.text("multi_year", lang) if position == 0 else None)
        caption = i18n.period_label(row["first_year"], last, lang) + ":\n" + i18n.count(row["total"], lang)
        ax.annotate(caption, ((first + last) / 2, row["total"]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, color="#333333")
    peak_year = int(years["total"].idxmax())
    latest_year = int(years.index.max())
    for year in (peak_year, latest_year):
        ax.annotate(i18n.number(years.loc[year, "total"], lang), (year, years.loc[year, "total"]),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=10, fontweight="bold", color=COLORS["arrivals"])
    first_x = int(arrivals["last_year"].min())
    ax.set_xlim(first_x - 0.9, latest_year + 0.9)
    _year_axis(ax, lang)
    _thousands(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax


def shade_covid(ax: Axes, events: pd.DataFrame, lang: str = "en") -> Axes:
    """Shade from the first to the last COVID-19 event in events.csv."""
    start, end = analysis.covid_period(events)
    ax.axvspan(start, end, color=COLORS["covid"], alpha=0.16, linewidth=0, zorder=0,
               label=i18n.text("covid_span", lang))
    return ax


def annotate_events(ax: Axes, events: pd.DataFrame, categories: set[str], lang: str = "en",
                    labels: bool = True) -> Axes:
    """Mark events with a thin line and a label; labels that would collide move down a tier.

    Call after the data are drawn: the y-limit is raised so the labels sit above the data.
    """
    chosen = analysis.event_positions(events[events["category"].isin(categories)])
    x_low, x_high = ax.get_xlim()
    chosen = chosen[(chosen["x"] >= x_low) & (chosen["x"] <= x_high)]
    transform = ax.get_xaxis_transform()  # x in data, y in axes fraction
    if not labels:
        for x in chosen["x"]:
            ax.axvline(x, color=COLORS["event"], linewidth=0.8, linestyle=(0, (2, 2)), zorder=1)
        return ax
    renderer = ax.figure.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    tier_pixels = _TIER_STEP * axes_box.height
    placed: list = []
    lowest = _TOP_TIER
    for _, event in chosen.iterrows():
        label = ax.text(event["x"], _TOP_TIER, " " + analysis.event_label(event, lang) + " ", transform=transform,
                        ha="left", va="top", fontsize=EVENT_LABEL_SIZE, color="#222222", gid="event-label", zorder=4,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
        # Measure once; lower tiers are the same box moved down.
        box = label.get_window_extent(renderer)
        if box.x1 > axes_box.x1:
            label.set_horizontalalignment("right")
            box = label.get_window_extent(renderer)
        for tier in range(12):
            candidate = box.translated(0, -tier * tier_pixels)
            if not any(candidate.overlaps(other) for other in placed):
                y = _TOP_TIER - tier * _TIER_STEP
                label.set_y(y)
                placed.append(candidate.padded(3))
                lowest = min(lowest, y)
                ax.plot([event["x"], event["x"]], [0, y], transform=transform, color=COLORS["event"],
                        linewidth=0.8, linestyle=(0, (2, 2)), zorder=1)
                break
        else:
            label.remove()  # no free tier: better no label than an overlapping one
    _make_headroom(ax, lowest - _TIER_STEP + 0.01)
    return ax


def _make_headroom(ax: Axes, fraction: float) -> None:
    """Raise the y-limit so the highest data point sits below `fraction` of the axes."""
    bottom, _ = ax.get_ylim()
    data_top = ax.dataLim.y1
    if ax.get_yscale() == "log":
        low, high = np.log10(bottom), np.log10(data_top)
        ax.set_ylim(bottom, 10 ** (low + (high - low) / fraction))
    else:
        ax.set_ylim(bottom, bottom + (data_top - bottom) / fraction)


def _quarter_x(quarterly: pd.DataFrame) -> pd.Series:
    return quarterly["year"] + (quarterly["quarter"] - 1) / 4 + 0.125


def plot_quarterly(ax: Axes, quarterly: pd.DataFrame, lang: str = "en") -> Axes:
    """Bars per quarter, placed on a calendar axis; derived values hatched."""
    x = _quarter_x(quarterly)
    derived = quarterly["derived"].astype(bool)
    ax.bar(x[~derived], quarterly.loc[~derived, "total"], width=0.2, color=COLORS["arrivals"], zorder=2)
    ax.bar(x[derived], quarterly.loc[derived, "total"], width=0.2, color=COLORS["bucket"], hatch="///",
           edgecolor="white", linewidth=0, zorder=2, label=i18n.text("derived_value", lang))
    for position, row in quarterly.iterrows():
        ax.annotate(i18n.number(row["total"], lang), (x[position], row["total"]), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8.5, color="#333333")
    years = sorted(quarterly["year"].unique())
    ax.set_xticks([year + 0.5 for year in years], [i18n.year_label(int(y), lang) for y in years])
    ax.set_xticks([year + q / 4 for year in years for q in range(5)], minor=True)
    ax.set_xlim(years[0] - 0.05, float(x.max()) + 0.2)  # after the ticks, which widen the view
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=4)
    _thousands(ax)
    ax.set_ylabel(i18n.text("people_per_quarter", lang))
    _fixed_label_positions(ax)
    return ax


def plot_arrivals_by_sex(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Stacked bars of men and women per single year."""
    years = analysis.single_years(arrivals)
    ax.bar(years.index, years["female"], width=_BAR_WIDTH, color=COLORS["women"], label=i18n.text("women", lang), zorder=2)
    ax.bar(years.index, years["male"], width=_BAR_WIDTH, bottom=years["female"], color=COLORS["men"],
           label=i18n.text("men", lang), zorder=2)
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    _thousands(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    ax.legend(loc="upper right", ncols=2)
    _fixed_label_positions(ax)
    return ax


def plot_female_share(ax: Axes, arrivals: pd.DataFrame, lang: str = "en") -> Axes:
    """Women's share of each year's arrivals, in percent."""
    share = analysis.female_share(arrivals)
    ax.plot(share.index, share.to_numpy(dtype=float), color=COLORS["women"], marker="o", markersize=4, zorder=3)
    ax.axhline(50, color="#999999", linewidth=0.8, zorder=1)
    for year in (share.idxmax(), share.idxmin()):
        ax.annotate(i18n.percent(share[year], lang, 1), (year, share[year]), xytext=(0, 6 if year == share.idxmax() else -14),
                    textcoords="offset points", ha="center", fontsize=9.5, color=COLORS["women"])
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.set_ylabel(i18n.text("women_share_axis", lang))
    _year_axis(ax, lang)
    return ax


def plot_broker_fees(ax: Axes, fees: pd.DataFrame, lang: str = "en") -> Axes:
    """One mark per dated report: a low–high bar in USD, an arrow for open-ended figures,
    a horizontal line for reports that cover several years. Log scale."""
    dated = fees_analysis.dated_fees(fees)
    # Reports for the same years would hide each other: spread them a little.
    offsets = dated.groupby("x").cumcount() - (dated.groupby("x")["x"].transform("size") - 1) / 2
    dated = dated.assign(x=dated["x"] + offsets * 0.14)
    shown_routes = set()
    for _, row in dated.iterrows():
        color, marker = ROUTE_STYLES[row["route"]]
        low, high = fees_analysis.usd_range(row)
        x = row["x"]
        label = None
        if row["route"] not in shown_routes:
            shown_routes.add(row["route"])
            label = i18n.text(f"route_{row['route']}", lang)
        if row["period_end"] > row["period_start"]:
            level = low if low is not None else high
            ax.plot([row["period_start"], row["period_end"] + 1], [level, level], color=color, linewidth=1.5, zorder=2)
        if low is not None and high is not None:
            if high > low:
                ax.plot([x, x], [low, high], color=color, linewidth=2.2, solid_capstyle="round", zorder=3)
            ax.plot([x, x] if high > low else [x], [low, high] if high > low else [low], linestyle="none",
                    marker=marker, color=color, markersize=6, zorder=4, label=label)
        else:
            value = low if low is not None else high
            ax.plot([x], [value], linestyle="none", marker=marker, color=color, markersize=6, zorder=4, label=label)
            factor = 1.8 if low is not None else 1 / 1.8
            ax.annotate("", (x, value * factor), (x, value), zorder=3,
                        arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.5, "shrinkA": 3, "shrinkB": 0})
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: i18n.usd(value, lang)))
    ax.yaxis.set_minor_locator(NullLocator())  # the grid marks each power of ten
    ax.set_ylabel(i18n.text("usd_axis", lang))
    start = dated["period_start"].min()
    end = dated["period_end"].max()
    ax.set_xlim(start - 0.6, end + 1.6)
    ax.set_ylim(dated[["low_usd", "high_usd"]].min().min() / 2.5, dated[["low_usd", "high_usd"]].max().max() * 2.5)
    _year_axis(ax, lang)
    ax.set_xlabel(i18n.text("year_referred", lang))
    ax.legend(loc="lower right", ncols=2)
    return ax


def plot_pre_covid_trend(ax: Axes, arrivals: pd.DataFrame, events: pd.DataFrame, lang: str = "en") -> Axes:
    """Yearly arrivals with the pre-COVID exponential trend and its projection."""
    years = analysis.single_years(arrivals)["total"]
    trend = analysis.pre_covid_trend(arrivals, events)
    ax.bar(years.index, years.to_numpy(), width=_BAR_WIDTH, color=COLORS["arrivals"], alpha=0.85,
           label=i18n.text("actual", lang), zorder=2)
    fit_years = np.arange(trend.first_year, trend.last_year + 1)
    ax.plot(fit_years, trend.predict(fit_years), color=COLORS["trend"], linewidth=2.2, zorder=3,
            label=i18n.text("trend_fit", lang, first=trend.first_year, last=trend.last_year))
    projection_years = np.arange(trend.last_year, years.index.max() + 1)
    ax.plot(projection_years, trend.predict(projection_years), color=COLORS["trend"], linewidth=2.2,
            linestyle=(0, (4, 3)), zorder=3, label=i18n.text("trend_projection", lang))
    comparison = analysis.trend_versus_actual(arrivals, events)
    for year, row in comparison.iterrows():
        ax.annotate(i18n.number(row["actual"], lang), (year, row["actual"]), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9, color=COLORS["arrivals"])
    ax.set_xlim(years.index.min() - 0.9, years.index.max() + 0.9)
    _year_axis(ax, lang)
    _thousands(ax)
    ax.set_ylabel(i18n.text("people_arriving", lang))
    return ax
