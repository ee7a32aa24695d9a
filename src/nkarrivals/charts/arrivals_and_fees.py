"""Arrivals above and the headline route's broker fees below, on one calendar grid, with the
event strip: two series that moved over the same years, stated as such, not as a cause."""

from __future__ import annotations

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    Chart,
    arrivals_source,
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
from nkarrivals.draw import axes, palette
from nkarrivals.draw import fees as draw_fees
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: what bears on both arrivals and fees: the risks of the border and of transit through China.
STRIP_CATEGORIES = ("surveillance", "border-control", "repatriation")
NAME = "arrivals-and-fees"
# Two panels and a two-line note need the full height: no 16:9 compact variant (at an article
# column's type size its words would leave the panels a few tenths of an inch).
COMPACT_VARIANT = False


def build(dataset: Dataset, lang: str) -> Chart:
    name, arrivals, events = NAME, dataset.arrivals, dataset.events
    found = facts.arrivals_and_fees_facts(dataset)
    rise = found.fees.rise
    if found.arrivals_ratio >= 1:
        raise ValueError(
            f"arrivals rose from {rise.early.first_year}–{rise.early.last_year} to "
            f"{rise.later.first_year}–{rise.later.last_year}: the headline says they fell; reword it"
        )
    yearly = analysis.single_years(arrivals)
    route_fees = dataset.broker_fees[dataset.broker_fees["route"] == rise.route]
    dated = fees.dated_fees(dataset.broker_fees)
    drawn = dated[dated["route"] == rise.route]
    # One calendar grid: from 1 January of the first year drawn to 31 December of the last.
    first_year = int(min(yearly.index.min(), drawn["period_start"].min()))
    last_year = int(max(yearly.index.max(), drawn["period_end"].max()))
    xlim = (first_year - 0.2, last_year + 1.15)
    strip = plan_strip(dataset, xlim, lang, STRIP_CATEGORIES)
    early_years, later_years = rise.early.years, rise.later.years
    values = dict(
        fee_values(found.fees, lang),
        fall=i18n.percent(round(found.arrivals_fall_pct), lang),
        arrivals_early=i18n.count(round(found.arrivals_early), lang),
        arrivals_later=i18n.count(round(found.arrivals_later), lang),
        first=first_year,
        latest_year=last_year,
        route_count=len(drawn),
        route_reports=drawn["source_id"].nunique(),
        route_undated=len(route_fees) - len(drawn),
        **strip_words(strip, lang),
    )
    source = i18n.text(
        "sources_joined",
        lang,
        first=arrivals_source(dataset, arrivals, lang, "last_year"),
        second=fee_source(dataset, route_fees, lang),
    )
    fig, words = framed(
        name,
        TEXT,
        lang,
        values,
        source,
        rows=2,
        height_ratios=(1, 1),
        plot_height=6.2,
        strip_height=strip.height,
        row_gap=0.42,
        title_room=0.2,
    )
    arrivals_ax, fees_ax = fig.axes[:2]  # then the strip, where there is one
    axes.plot_annual_arrivals(
        arrivals_ax,
        yearly,
        tuple(early_years + later_years),  # the years the headline compares, and only those
        lang,
    )
    arrivals_ax.set_xlabel("")  # a year axis needs no title
    draw_fees.panel_label(arrivals_ax, TEXT("arrivals_panel", lang))
    x = draw_fees.plot_figures(
        fees_ax, drawn, lang, color=palette.ROUTE[rise.route], glyph=palette.ROUTE_GLYPH[rise.route]
    )
    draw_fees.fee_axis(fees_ax, draw_fees.fees_ylim(drawn), lang)
    draw_fees.panel_label(fees_ax, TEXT("fees_panel", lang), palette.ROUTE[rise.route], palette.ROUTE_GLYPH[rise.route])
    draw_fees.plot_medians(fees_ax, fee_medians(found.fees), lang)
    if found.fees.lowest.name in drawn.index:
        draw_fees.label_figure(
            fees_ax, x[found.fees.lowest.name], fees.usd_midpoint(found.fees.lowest), fee_lowest_words(found.fees, lang)
        )
    fees_ax.set_xlim(*xlim)
    axes.shade_covid(arrivals_ax, analysis.covid_stages(events), lang)
    axes.round_year_ticks(fees_ax, lang)
    draw_fees.year_cells(fees_ax)
    fees_ax.tick_params(axis="x", labelbottom=True)
    arrivals_ax.tick_params(axis="x", labelbottom=False)  # the years go once, under the lower panel
    draw_strip(fig, strip, lang)
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "series": "arrivals",
                    "first_year": yearly.index,
                    "last_year": yearly.index,
                    "low": yearly["total"].astype(float),
                    "high": yearly["total"].astype(float),
                    "unit": "people",
                    "route": "",
                    "headline_span": [_span_of(year, rise) for year in yearly.index],
                    "source_id": yearly["source_id"],
                }
            ),
            fee_data(dataset, found.fees, routes=[rise.route])
            .rename(
                columns={"period_start": "first_year", "period_end": "last_year", "low_usd": "low", "high_usd": "high"}
            )
            .assign(series="broker_fee", unit="USD"),
        ],
        ignore_index=True,
    )[["series", "first_year", "last_year", "low", "high", "unit", "route", "headline_span", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)


def _span_of(year: int, rise: fees.FeeRise) -> str:
    """The span of years whose average the headline compares that `year` belongs to ('' if none)."""
    for cluster in (rise.early, rise.later):
        if year in cluster.years:
            return i18n.period_label(cluster.first_year, cluster.last_year, "en")
    return ""
