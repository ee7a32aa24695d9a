"""Broker-fee marks: one per dated report, in dollars of its year or in constant dollars.

They draw on the Axes they are given, from the dated reports the chart passes
(``analysis.fees.dated_fees``), like the helpers of ``draw.axes`` that they share.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullLocator

from nkarrivals.draw.axes import year_axis
from nkarrivals.text import i18n

ROUTE_STYLES = {  # colour, marker
    "nk_to_china": ("#D55E00", "o"),
    "through_china": ("#0072B2", "s"),
    "full_route": ("#009E73", "D"),
    "unspecified": ("#CC79A7", "^"),
}


# How far an arrow for a 'more than' or 'less than' figure reaches, as a factor on the log axis.
ARROW_FACTOR = 1.2


def fees_xlim(dated: pd.DataFrame) -> tuple[float, float]:
    """The years the dated fee reports refer to, with room for the marks at each end."""
    return float(dated["period_start"].min()) - 0.6, float(dated["period_end"].max()) + 1.6


def plot_broker_fees(ax: Axes, dated: pd.DataFrame, lang: str = "en", ylabel: str | None = None) -> Axes:
    """One mark per dated report: a low–high bar in USD, an arrow for open-ended figures,
    a horizontal line for reports that cover several years. Log scale. The amounts are
    `low_usd` and `high_usd`: pass other dollars (constant ones) in those columns, with
    a `ylabel` that says which. `dated` holds the dated reports with their midpoint `x`."""
    # Reports for the same years would hide each other: spread them a little.
    offsets = dated.groupby("x").cumcount() - (dated.groupby("x")["x"].transform("size") - 1) / 2
    dated = dated.assign(x=dated["x"] + offsets * 0.14)
    shown_routes = set()
    for _, row in dated.iterrows():
        color, marker = ROUTE_STYLES[row["route"]]
        low, high = (None if pd.isna(row[c]) else float(row[c]) for c in ("low_usd", "high_usd"))
        x = row["x"]
        label = None
        if row["route"] not in shown_routes:
            shown_routes.add(row["route"])
            label = i18n.text(f"route_{row['route']}", lang)
        bound = low if low is not None else high  # validation: a report has at least one bound
        if bound is None:
            continue
        if row["period_end"] > row["period_start"]:
            ax.plot([row["period_start"], row["period_end"] + 1], [bound, bound], color=color, linewidth=1.5, zorder=2)
        if low is not None and high is not None:
            if high > low:
                ax.plot([x, x], [low, high], color=color, linewidth=2.2, solid_capstyle="round", zorder=3)
            ax.plot(
                [x, x] if high > low else [x],
                [low, high] if high > low else [low],
                linestyle="none",
                marker=marker,
                color=color,
                markersize=6,
                zorder=4,
                label=label,
            )
        else:
            value = bound
            ax.plot([x], [value], linestyle="none", marker=marker, color=color, markersize=6, zorder=4, label=label)
            factor = ARROW_FACTOR if low is not None else 1 / ARROW_FACTOR
            ax.annotate(
                "",
                (x, value * factor),
                (x, value),
                zorder=3,
                arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.5, "shrinkA": 3, "shrinkB": 0},
            )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: i18n.usd(value, lang)))
    ax.yaxis.set_minor_locator(NullLocator())  # the grid marks each power of ten
    ax.set_ylabel(ylabel or i18n.text("usd_axis", lang))
    ax.set_xlim(*fees_xlim(dated))
    ax.set_ylim(dated[["low_usd", "high_usd"]].min().min() / 2.5, dated[["low_usd", "high_usd"]].max().max() * 1.25)
    year_axis(ax, lang)
    ax.set_xlabel(i18n.text("year_referred", lang))
    ax.legend(loc="lower right", ncols=2)
    return ax
