"""Reported broker fees, one row of panels per route segment, with the event strip beneath."""

from __future__ import annotations

import pandas as pd

from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    covid_events,
    draw_strip,
    fee_data,
    fee_lowest_words,
    fee_medians,
    fee_source,
    fee_values,
    finished,
    framed,
    plan_strip,
    strip_words,
)
from nkarrivals.data import Dataset
from nkarrivals.data.schema import CPI_SERIES
from nkarrivals.draw import axes, palette
from nkarrivals.draw import fees as draw_fees
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: the risks brokers charge for, at the border and in transit through China.
STRIP_CATEGORIES = ("surveillance", "border-control", "camera-estimates")
NAME = "broker-fees"
# One row per route segment, shortest first, then the figures that do not say which.
ROWS = ("nk_to_china", "through_china", "full_route", "unspecified")
ROW_HEIGHT = 2.1  # inches: room for a labelled gridline at $1,000 and at $2,000
ROW_GAP = 0.42  # inches between rows: room for the row's name
# Four route segments on one log scale need the full height: no 16:9 compact variant.
COMPACT_VARIANT = False


def build(dataset: Dataset, lang: str) -> Chart:
    name = NAME
    dated = fees.dated_fees(dataset.broker_fees)
    strip = plan_strip(dataset, draw_fees.fees_xlim(dated), lang, STRIP_CATEGORIES)
    found = facts.fee_facts(dataset)
    values = dict(fee_values(found, lang), **strip_words(strip, lang))
    # the subtitle says how much US prices rose: the price index is a source too
    source = i18n.text(
        "sources_joined",
        lang,
        first=fee_source(dataset, dataset.broker_fees, lang),
        second=i18n.text("cpi_source", lang),
    )
    fig, words = framed(
        name,
        TEXT,
        lang,
        values,
        source,
        rows=len(ROWS),
        plot_height=ROW_HEIGHT * len(ROWS),
        strip_height=strip.height,
        row_gap=ROW_GAP,
        title_room=0.2,
    )
    draw_rows(fig.axes[: len(ROWS)], dataset, dated, found, lang)
    draw_strip(fig, strip, lang)
    data = fee_data(dataset, found)
    return finished(
        dataset, name, lang, fig, words, data, covid_events(dataset.events), strip, also_cited=cpi_sources(dataset)
    )


def draw_rows(panels, dataset: Dataset, dated: pd.DataFrame, found: facts.FeeFacts, lang: str) -> None:
    """Each route segment's figures in its own panel, on one time axis and one log dollar axis;
    the headline's medians in its route's panel, and the lowest figure named."""
    ylim = draw_fees.fees_ylim(dated)
    for ax, route in zip(panels, ROWS, strict=True):
        figures = dated[dated["route"] == route]
        color, glyph = palette.ROUTE[route], palette.ROUTE_GLYPH[route]
        x = draw_fees.plot_figures(ax, figures, lang, color=color, glyph=glyph)
        draw_fees.fee_axis(ax, ylim, lang)
        draw_fees.panel_label(ax, i18n.text(f"route_{route}", lang), color, glyph)
        if route == found.rise.route:
            draw_fees.plot_medians(ax, fee_medians(found), lang)
        if found.lowest.name in figures.index:
            draw_fees.label_figure(
                ax, x[found.lowest.name], fees.usd_midpoint(found.lowest), fee_lowest_words(found, lang)
            )
    bottom = panels[-1]
    bottom.set_xlim(*draw_fees.fees_xlim(dated))
    axes.round_year_ticks(bottom, lang, step=2)
    draw_fees.year_cells(bottom)
    bottom.tick_params(axis="x", labelbottom=True)


def cpi_sources(dataset: Dataset) -> list[str]:
    """The sources of the US CPI-U in rates.csv, which the words on inflation rest on."""
    rates = dataset.rates
    return list(rates.loc[rates["series"] == CPI_SERIES, "source_id"].unique())
