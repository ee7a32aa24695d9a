"""Small multiples of who arrives (age, occupation, education, origin) and of DPRK-origin
refugees and asylum-seekers abroad. Draw on the Axes they are given."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from nkarrivals.draw.axes import (
    BAR_WIDTH,
    COLORS,
    HEADROOM,
    label_peak_and_latest,
    place_axis_labels,
    thousands_axis,
    year_axis,
)
from nkarrivals.text import i18n

PROFILE_STYLES = {  # colour, bar (True) or marker (False)
    "men": (COLORS["men"], True),
    "women": (COLORS["women"], True),
    "everyone": ("#000000", False),
}


def plot_profile_panel(
    ax: Axes,
    shares: pd.DataFrame,
    categories: list[str],
    labels: dict[str, str],
    category_labels: dict[str, str],
    xmax: float,
) -> Axes:
    """One dimension of who arrives: per category (top to bottom), a bar for the share of men
    and one for the share of women, and a diamond for the share of everyone; `shares` as
    ``profiles.shares_by_sex_and_everyone``. `labels` names each series in the legend,
    `xmax` is the panel's right edge in percent (shared by the panels drawn side by side)."""
    position = {c: i for i, c in enumerate(categories)}
    bars = [s for s, (_, is_bar) in PROFILE_STYLES.items() if is_bar and s in set(shares["series"])]
    height = 0.8 / max(len(bars), 1)
    for series, rows in shares.groupby("series", sort=False):
        color, is_bar = PROFILE_STYLES[series]
        y = rows["category"].map(position).astype(float)
        if is_bar:
            offset = (bars.index(series) - (len(bars) - 1) / 2) * height
            ax.barh(y + offset, rows["share_pct"], height=height * 0.92, color=color, label=labels[series], zorder=2)
        else:
            ax.plot(
                rows["share_pct"],
                y,
                linestyle="none",
                marker="D",
                markersize=5.5,
                color=color,
                markeredgecolor="white",
                markeredgewidth=0.8,
                label=labels[series],
                zorder=3,
            )
    ax.set_yticks(range(len(categories)), [category_labels[c] for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, xmax)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    return ax


def plot_origin_panel(
    ax: Axes, origin: pd.DataFrame, categories: list[str], labels: dict[str, str], category_labels: dict[str, str]
) -> Axes:
    """Province of origin from partial figures, in people: a bar for each province in the
    newest partial snapshot, a hollow diamond for each in earlier ones (`labels` by as_of)."""
    position = {c: i for i, c in enumerate(categories)}
    dates = sorted(origin["as_of"].unique())
    for as_of, rows in origin.groupby("as_of", sort=True):
        y = rows["category"].map(position).astype(float)
        if as_of == dates[-1]:
            ax.barh(y, rows["people"], height=0.55, color=COLORS["arrivals"], label=labels[as_of], zorder=2)
        else:
            ax.plot(
                rows["people"],
                y,
                linestyle="none",
                marker="D",
                markersize=5.5,
                markerfacecolor="white",
                markeredgecolor="#000000",
                markeredgewidth=1.2,
                label=labels[as_of],
                zorder=3,
            )
    ax.set_yticks(range(len(categories)), [category_labels[c] for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set_xlim(0, origin["people"].max() * HEADROOM)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    return ax


ABROAD_COLORS = {"refugees": "#0072B2", "asylum_seekers": "#56B4E9"}
HOST_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000")


def plot_abroad_totals(ax: Axes, totals: pd.DataFrame, lang: str = "en") -> Axes:
    """Stacked bars per year: refugees, then asylum-seekers on top (``abroad.yearly_totals``);
    the peak and the latest year labelled with their sum. A year UNHCR has no rows for stays empty."""
    years = totals.index.to_numpy()
    ax.bar(
        years,
        totals["refugees"],
        width=BAR_WIDTH,
        color=ABROAD_COLORS["refugees"],
        label=i18n.text("refugees", lang),
        zorder=2,
    )
    ax.bar(
        years,
        totals["asylum_seekers"],
        width=BAR_WIDTH,
        bottom=totals["refugees"],
        color=ABROAD_COLORS["asylum_seekers"],
        label=i18n.text("asylum_seekers", lang),
        zorder=2,
    )
    peak_and_latest = (int(totals["both"].idxmax()), int(totals.index.max()))
    label_peak_and_latest(ax, totals["both"], peak_and_latest, ABROAD_COLORS["refugees"], lang)
    ax.set_xlim(years.min() - 0.9, years.max() + 0.9)
    ax.set_ylim(0, totals["both"].max() * HEADROOM)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_year_end", lang))
    place_axis_labels(ax)
    return ax


def plot_host_countries(ax: Axes, hosts: pd.DataFrame, names: dict[str, str], lang: str = "en") -> Axes:
    """One line per country of asylum (columns of `hosts`, refugees + asylum-seekers per year)."""
    for color, country in zip(HOST_COLORS, hosts.columns, strict=False):
        ax.plot(
            hosts.index,
            hosts[country],
            color=color,
            linewidth=2,
            marker="o",
            markersize=3,
            label=names[country],
            zorder=3,
        )
    ax.set_ylim(0, hosts.to_numpy().max() * HEADROOM)
    thousands_axis(ax)
    ax.set_ylabel(i18n.text("people_year_end", lang))
    year_axis(ax, lang)
    ax.set_xlabel(i18n.text("year_end", lang))
    return ax
