"""The named charts: each builder turns the dataset into one framed, finished Chart.

A builder takes its figures from the chart's facts (``nkarrivals.facts``), formats
them for the language, and draws with ``nkarrivals.charts``. The frame, the Chart and
the timeline strip come from ``nkarrivals.framing``; the charts of who arrives, where
else, the half-years and constant-dollar fees are built in ``builders_who_where`` and
``builders_series``. CHARTS lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import facts, fees
from nkarrivals.charts.base import (
    DATA_FORMATS,
    FORMATS,
    IMAGE_FORMATS,
    Chart,
    arrivals_source,
    check_format,
    covid_events,
    draw_strip,
    fee_counts,
    fee_source,
    file_stem,
    finished,
    framed,
    plan_strip,
    strip_words,
)
from nkarrivals.charts.builders_series import build_arrivals_halfyear, build_broker_fees_real
from nkarrivals.charts.builders_who_where import build_arrivals_profile, build_protection_abroad
from nkarrivals.data import Dataset, load_dataset
from nkarrivals.text import i18n

__all__ = [
    "CHARTS",
    "DATA_FORMATS",
    "FORMATS",
    "IMAGE_FORMATS",
    "Chart",
    "UnknownChartError",
    "build_chart",
    "check_chart_name",
    "check_format",
    "file_stem",
]


def _bucket_list(buckets: Iterable[facts.Period], lang: str) -> str:
    """MOU's multi-year totals for alt text: 'up to 1998: 947; 1999–2001: 1,043' /
    '1998년 이전은 947명, 1999~2001년은 1,043명'."""
    from nkarrivals.text import korean

    labelled = [(i18n.period_label(b.first_year, b.last_year, lang), i18n.count(b.total, lang)) for b in buckets]
    if lang == "ko":
        return ", ".join(f"{korean.josa(label, '은/는')} {total}" for label, total in labelled)
    return "; ".join(f"{label}: {total}" for label, total in labelled)


def build_arrivals_annual(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts

    name, arrivals, events = "arrivals-annual", dataset.arrivals, dataset.events
    annual = facts.annual_facts(dataset)
    after = annual.years_after[0]
    strip = plan_strip(dataset, charts.annual_xlim(arrivals), lang)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        fall=i18n.percent(annual.fall_from_peak_pct, lang),
        peak_year=annual.peak_year,
        last=annual.latest_year,
        first=i18n.period_label(annual.first_period.first_year, annual.first_period.last_year, lang),
        latest_year=annual.latest_year,
        peak=count(annual.peak),
        pre_year=annual.pre_covid_year,
        pre=count(annual.pre_covid),
        after_year=after.year,
        after=count(after.total),
        latest=count(annual.latest),
        buckets=_bucket_list(annual.buckets, lang),
        cumulative=count(annual.cumulative),
        women=count(annual.cumulative_female),
        men=count(annual.cumulative_male),
        **strip_words(strip, lang),
    )
    fig, words = framed(
        name, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    charts.plot_annual_arrivals(ax, arrivals, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    data = arrivals[["period", "first_year", "last_year", "male", "female", "total", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)


def build_arrivals_quarterly(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts

    name, quarterly, events = "arrivals-quarterly", dataset.quarterly, dataset.events
    found = facts.quarterly_facts(dataset)
    strip = plan_strip(dataset, charts.quarterly_xlim(quarterly), lang)
    label = lambda q: i18n.quarter_label(q.year, q.quarter, lang)  # noqa: E731 - a local shorthand
    last = found.last  # the first quarter without a figure comes after it
    next_q = i18n.quarter_label(last.year + last.quarter // 4, last.quarter % 4 + 1, lang)
    values = dict(
        before=i18n.count(found.last_before_covid.total, lang),
        before_q=label(found.last_before_covid),
        low=i18n.count(found.lowest.total, lang),
        low_q=label(found.lowest),
        first_q=label(found.first),
        last_q=label(found.last),
        last=i18n.count(found.last.total, lang),
        next_q=next_q,
        **strip_words(strip, lang),
    )
    fig, words = framed(
        name, lang, values, arrivals_source(dataset, quarterly, lang, "year"), strip_height=strip.height
    )
    ax = fig.axes[0]
    charts.plot_quarterly(ax, quarterly, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    data = quarterly[["year", "quarter", "male", "female", "total", "derived", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)


def build_arrivals_by_sex(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts

    name, arrivals, events = "arrivals-by-sex", dataset.arrivals, dataset.events
    found = facts.sex_facts(dataset)
    pct = lambda value: i18n.percent(value, lang, 1)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        overall=pct(found.women_share_pct),
        latest_year=found.latest_year,
        min_share=pct(found.min_share_pct),
        min_year=found.min_share_year,
        max_share=pct(found.max_share_pct),
        max_year=found.max_share_year,
        first=found.first_year,
        last=found.last_year,
        min_women=count(found.min_share_women),
        min_men=count(found.min_share_men),
        last_women=count(found.last_women),
        last_men=count(found.last_men),
        last_share=pct(found.last_share_pct),
        bucket_end=found.bucket_end,
    )
    fig, words = framed(
        name,
        lang,
        values,
        arrivals_source(dataset, arrivals, lang, "last_year"),
        rows=2,
        height_ratios=(3, 2),
        plot_height=5.2,
    )
    counts_ax, share_ax = fig.axes
    charts.plot_arrivals_by_sex(counts_ax, arrivals, lang)
    charts.plot_female_share(share_ax, arrivals, lang)
    for ax in fig.axes:
        charts.shade_covid(ax, events, lang)
    data = analysis.arrivals_by_sex(arrivals).reset_index()
    data["female_share_pct"] = analysis.female_share(arrivals).to_numpy()  # as drawn, not rounded
    data["source_id"] = analysis.single_years(arrivals)["source_id"].to_numpy()
    return finished(dataset, name, lang, fig, words, data, covid_events(events))


def _fee_values(found: facts.FeeFacts, lang: str) -> dict:
    """Amounts as the sources gave them; converted ones rounded to two significant figures
    and marked 'about' (titles and alt texts state no false precision)."""
    amount = lambda report: fees.fee_text(report, lang, approx=True)  # noqa: E731 - a local shorthand
    return dict(
        first=amount(found.first),
        first_year=int(found.first["period_end"]),
        last=amount(found.last),
        last_year=int(found.last["period_end"]),
        max_fee=amount(found.highest),
        max_route=i18n.text(f"route_{found.highest['route']}", lang),
        max_year=int(found.highest["period_end"]),
        min_fee=amount(found.lowest),
        **fee_counts(found),
    )


def _fee_data(dataset: Dataset) -> pd.DataFrame:
    """The dated reports, as drawn: years referred to, the range in US dollars, route, source."""
    dated = fees.dated_fees(dataset.broker_fees)
    return dated[["period_start", "period_end", "low_usd", "high_usd", "route", "source_id"]]


def build_broker_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import fees as charts_fees

    name = "broker-fees"
    strip = plan_strip(dataset, charts_fees.fees_xlim(dataset.broker_fees), lang)
    found = facts.fee_facts(dataset)
    values = dict(_fee_values(found, lang), **strip_words(strip, lang))
    source = fee_source(dataset, found, lang)
    fig, words = framed(name, lang, values, source, plot_height=5.0, strip_height=strip.height)
    ax = fig.axes[0]
    charts_fees.plot_broker_fees(ax, dataset.broker_fees, lang)
    draw_strip(fig, strip, lang)
    return finished(dataset, name, lang, fig, words, _fee_data(dataset), covid_events(dataset.events), strip)


def build_decline_before_covid(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts

    name, arrivals, events = "decline-before-covid", dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.trend_facts(dataset)
    trend, comparison, year = found.trend, found.comparison, found.closure_year
    pct = lambda value: i18n.percent(abs(value), lang)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        rate=pct(trend.annual_change_pct),
        year=year,
        gap=pct(comparison.loc[year, "actual_vs_trend_pct"]),
        first=trend.first_year,
        last=trend.last_year,
        peak=count(annual.peak),
        pre=count(annual.pre_covid),
        trend_year_value=count(comparison.loc[year, "trend"]),
        actual=count(comparison.loc[year, "actual"]),
        latest_year=annual.latest_year,
        trend_latest=count(comparison.loc[annual.latest_year, "trend"]),
        latest=count(annual.latest),
        first_year=int(analysis.single_years(arrivals).index.min()),
    )
    fig, words = framed(name, lang, values, arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    charts.plot_pre_covid_trend(ax, arrivals, events, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    data = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data.insert(2, "trend", trend.predict(data["year"]))
    data.loc[data["year"] < trend.first_year, "trend"] = float("nan")  # drawn from the fit's first year on
    data.insert(
        3,
        "trend_part",
        ["" if y < trend.first_year else "fit" if y <= trend.last_year else "projection" for y in data["year"]],
    )
    return finished(dataset, name, lang, fig, words, data, covid_events(events))


def build_arrivals_and_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals.draw import axes as charts
    from nkarrivals.draw import fees as charts_fees

    name, arrivals, events = "arrivals-and-fees", dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.fee_facts(dataset)
    first_year = int(analysis.single_years(arrivals).index.min())
    xlim = (min(first_year, found.first_year) - 0.9, max(annual.latest_year, found.last_year) + 1.2)
    strip = plan_strip(dataset, xlim, lang)
    values = dict(
        _fee_values(found, lang),
        peak=i18n.count(annual.peak, lang),
        peak_year=annual.peak_year,
        latest=i18n.count(annual.latest, lang),
        latest_year=annual.latest_year,
        first=first_year,
        **strip_words(strip, lang),
    )
    source = i18n.text(
        "sources_joined",
        lang,
        first=arrivals_source(dataset, arrivals, lang, "last_year"),
        second=fee_source(dataset, found, lang),
    )
    fig, words = framed(
        name, lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.2, strip_height=strip.height
    )
    arrivals_ax, fees_ax, _ = fig.axes
    charts.plot_annual_arrivals(arrivals_ax, analysis.single_year_rows(arrivals), lang)
    charts_fees.plot_broker_fees(fees_ax, dataset.broker_fees, lang)
    arrivals_ax.set_xlim(*xlim)
    for ax in (arrivals_ax, fees_ax):
        charts.shade_covid(ax, events, lang)
    arrivals_ax.set_xlabel("")
    fees_ax.set_xlabel(i18n.text("year_of_figures", lang))  # years of arrival above, of the fees below
    arrivals_ax.legend(loc="upper right")
    draw_strip(fig, strip, lang)
    yearly = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "series": "arrivals",
                    "first_year": yearly["year"],
                    "last_year": yearly["year"],
                    "low": yearly["total"].astype(float),
                    "high": yearly["total"].astype(float),
                    "unit": "people",
                    "route": "",
                    "source_id": yearly["source_id"],
                }
            ),
            _fee_data(dataset)
            .rename(
                columns={"period_start": "first_year", "period_end": "last_year", "low_usd": "low", "high_usd": "high"}
            )
            .assign(series="broker_fee", unit="USD"),
        ],
        ignore_index=True,
    )[["series", "first_year", "last_year", "low", "high", "unit", "route", "source_id"]]
    return finished(dataset, name, lang, fig, words, data, covid_events(events), strip)


CHARTS: dict[str, Callable[[Dataset, str], Chart]] = {
    "arrivals-annual": build_arrivals_annual,
    "arrivals-quarterly": build_arrivals_quarterly,
    "arrivals-by-sex": build_arrivals_by_sex,
    "broker-fees": build_broker_fees,
    "decline-before-covid": build_decline_before_covid,
    "arrivals-and-fees": build_arrivals_and_fees,
    "arrivals-halfyear": build_arrivals_halfyear,
    "arrivals-profile": build_arrivals_profile,
    "protection-abroad": build_protection_abroad,
    "broker-fees-real": build_broker_fees_real,
}


class UnknownChartError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def check_chart_name(name: str) -> None:
    if name not in CHARTS:
        raise UnknownChartError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")


def build_chart(name: str, dataset: Dataset | None = None, lang: str = "en") -> Chart:
    """One chart, drawn in the house style (for notebooks and tests)."""
    from nkarrivals.draw.figure import house_style

    check_chart_name(name)
    dataset = dataset if dataset is not None else load_dataset()
    with house_style(lang):
        return CHARTS[name](dataset, lang)
