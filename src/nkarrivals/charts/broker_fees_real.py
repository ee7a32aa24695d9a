"""Reported broker fees in constant US dollars, with the event strip beneath."""

from __future__ import annotations

import pandas as pd

from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    Chart,
    chart_text,
    covid_events,
    draw_strip,
    fee_counts,
    fee_source,
    finished,
    framed,
    plan_strip,
    strip_words,
)
from nkarrivals.data import Dataset
from nkarrivals.data.schema import CPI_SERIES
from nkarrivals.draw import fees as draw_fees
from nkarrivals.text import i18n

TEXT = chart_text(__file__)
# Strip: the risks brokers charge for, at the border and in transit through China.
STRIP_CATEGORIES = ("surveillance", "border-control", "camera-estimates")
NAME = "broker-fees-real"


def _real_amount(bounds: tuple[float | None, float | None], lang: str) -> str:
    """A report's range in constant dollars for a title: rounded to two significant figures, 'about'."""
    low, high = bounds
    return i18n.usd_range(low, high, lang, approx=True)


def _given_then_real(
    report: pd.Series, base: int, lang: str, real: tuple[float | None, float | None] | None = None
) -> str:
    """A report's amount as the source gave it, then its value in constant dollars (`real`, or
    the report's own low_real_usd and high_real_usd), rounded and marked 'about':
    '1억원(2025년 달러로 약 7만5000달러)', '100 million won (about $75,000 in 2025 dollars)'."""
    low, high = (None if pd.isna(report[c]) else float(report[c]) for c in ("low", "high"))
    if real is None:
        real_low, real_high = (
            None if pd.isna(report[c]) else float(report[c]) for c in ("low_real_usd", "high_real_usd")
        )
        real = (real_low, real_high)
    given = i18n.money(low, high, str(report["currency"]), lang)
    return i18n.text("in_base_dollars", lang, amount=given, usd=_real_amount(real, lang), base=base)


def build(dataset: Dataset, lang: str) -> Chart:

    name = NAME
    found = facts.fee_facts(dataset)
    real, base = found.real, found.price_base_year
    strip = plan_strip(dataset, draw_fees.fees_xlim(fees.dated_fees(dataset.broker_fees)), lang, STRIP_CATEGORIES)
    highest = found.highest_real
    values = dict(
        base=base,
        first=_real_amount(found.first_real, lang),
        first_year=int(found.first["period_end"]),
        last=_real_amount(found.last_real, lang),
        last_year=int(found.last["period_end"]),
        # the alt text gives every amount as the source gave it, then in constant dollars
        first_given=_given_then_real(found.first, base, lang, found.first_real),
        last_given=_given_then_real(found.last, base, lang, found.last_real),
        max_fee=_given_then_real(highest, base, lang),
        max_route=i18n.text(f"route_{highest['route']}", lang),
        max_year=int(highest["period_end"]),
        **fee_counts(found),
        **strip_words(strip, lang),
    )
    source = i18n.text(
        "sources_joined", lang, first=fee_source(dataset, found, lang), second=i18n.text("cpi_source", lang)
    )
    fig, words = framed(name, TEXT, lang, values, source, plot_height=5.0, strip_height=strip.height)
    ax = fig.axes[0]
    drawn = real.assign(low_usd=real["low_real_usd"].astype(float), high_usd=real["high_real_usd"].astype(float))
    draw_fees.plot_broker_fees(ax, fees.dated_fees(drawn), lang, ylabel=i18n.text("usd_real_axis", lang, base=base))
    draw_strip(fig, strip, lang)
    data = pd.DataFrame(
        {
            "period_start": real["period_start"],
            "period_end": real["period_end"],
            "base_year": real["base_year"],
            "low_real_usd": real["low_real_usd"].astype(float),
            "high_real_usd": real["high_real_usd"].astype(float),
            "route": real["route"],
            "source_id": real["source_id"],
        }
    )
    cpi_sources = dataset.rates.loc[dataset.rates["series"] == CPI_SERIES, "source_id"].unique()
    return finished(dataset, name, lang, fig, words, data, covid_events(dataset.events), strip, also_cited=cpi_sources)
