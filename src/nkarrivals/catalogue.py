"""The named charts: each builder turns the dataset into one framed, finished Chart.

A builder takes its figures from the chart's facts (``nkarrivals.facts``), formats
them for the language, and draws with ``nkarrivals.charts``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from nkarrivals import analysis, chartdata, facts, fees, i18n
from nkarrivals.data import Dataset, load_dataset

if TYPE_CHECKING:
    from matplotlib.figure import Figure

IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "json")  # the values drawn; the metadata, sources and citation
FORMATS = IMAGE_FORMATS + DATA_FORMATS


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def file_stem(name: str, lang: str) -> str:
    """'arrivals-annual' in English, 'arrivals-annual.ko' in Korean."""
    return name if lang == "en" else f"{name}.{lang}"


@dataclass
class Chart:
    """A framed figure with its words, the values it draws and the sources it cites."""

    name: str
    lang: str
    figure: Figure
    title: str
    subtitle: str
    note: str
    alt_text: str
    data: pd.DataFrame  # exactly the values drawn, one row per mark, with each row's source_id
    source_ids: tuple[str, ...]  # every source the chart draws on, events included
    sources: pd.DataFrame  # the rows of sources.csv for source_ids, in that order

    _rendered: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Chart({self.name!r}, lang={self.lang!r})"

    def render(self, fmt: str) -> bytes:
        """The chart in `fmt`, rendered once: a Chart is a finished figure."""
        from nkarrivals.figure import house_style, render

        if fmt not in self._rendered:
            with house_style(self.lang):
                self._rendered[fmt] = render(self.figure, fmt, title=self.title, description=self.alt_text)
        return self._rendered[fmt]

    @property
    def stem(self) -> str:
        return file_stem(self.name, self.lang)

    def files(self, formats: Iterable[str]) -> dict[str, bytes]:
        """Every export file of the chart, in memory, keyed by suffix: the formats asked
        for, then the alt text. NAME.json lists the names of all of them."""
        formats = list(dict.fromkeys(formats))
        for fmt in formats:
            check_format(fmt)
        names = sorted(f"{self.stem}.{suffix}" for suffix in [*formats, "txt"])
        files = {}
        for fmt in formats:
            if fmt == "csv":
                files[fmt] = chartdata.data_csv(self.data, self.lang)
            elif fmt == "json":
                files[fmt] = chartdata.metadata_json(self, names)
            else:
                files[fmt] = self.render(fmt)
        files["txt"] = (self.alt_text + "\n").encode("utf-8")
        return files

    def _repr_png_(self) -> bytes:
        # Notebooks show the chart exactly as the PNG export renders it, and
        # exporting the same Chart afterwards reuses these bytes.
        return self.render("png")


def _arrivals_source(dataset: Dataset, frame: pd.DataFrame, lang: str, year_column: str) -> str:
    """'Ministry of Unification; figures for 2020–2025 as reported by SBS, ...'."""
    mou = i18n.text("mou", lang)
    publishers = frame["source_id"].map(dataset.sources.set_index("id")["publisher"])
    press = frame[~publishers.str.startswith("Ministry of Unification")]
    if press.empty:
        return mou
    years = i18n.text("bucket_range", lang, first=press[year_column].min(), last=press[year_column].max())
    names = analysis.source_publishers(dataset.sources, press["source_id"], lang)
    return i18n.text("mou_and_press", lang, mou=mou, years=years, publishers=", ".join(names))


def _fee_source(dataset: Dataset, lang: str) -> str:
    reports = dataset.broker_fees
    names = analysis.source_publishers(dataset.sources, reports["source_id"], lang)
    return i18n.text("fee_sources", lang, count=len(reports), publishers=", ".join(names))


@dataclass(frozen=True)
class _Words:
    """A chart's own translations, formatted with its facts."""

    title: str
    subtitle: str
    note: str
    alt_text: str


def _framed(name: str, lang: str, values: dict, source: str, **layout) -> tuple[Figure, _Words]:
    """A framed figure whose title, subtitle and note are the chart's own translations."""
    from nkarrivals import figure

    prefix = name.replace("-", "_")
    words = _Words(*(i18n.text(f"{prefix}_{part}", lang, **values) for part in ("title", "subtitle", "note", "alt")))
    fig = figure.framed_figure(title=words.title, subtitle=words.subtitle, source=source, note=words.note,
                               lang=lang, **layout)
    return fig, words


def _chart(dataset: Dataset, name: str, lang: str, fig: Figure, words: _Words, data: pd.DataFrame,
           events: pd.DataFrame | None = None, strip=None) -> Chart:
    """The finished Chart. Its data table holds the series drawn and, under it, the marks of
    the timeline strip (layer 'event' or 'camera_estimate'); its sources are those of every
    row, and of the events behind any shading."""
    if strip is not None and strip.items:
        from nkarrivals import timeline

        whole = {column: "Int64" for column, kind in data.dtypes.items() if pd.api.types.is_integer_dtype(kind)}
        series = data.astype(whole).assign(layer="series")[["layer", *data.columns]]
        data = pd.concat([series, timeline.records(strip)], ignore_index=True)
    cited = list(data["source_id"]) + ([] if events is None else list(events["source_id"]))
    source_ids = tuple(dict.fromkeys(cited))
    sources = dataset.sources.set_index("id").loc[list(source_ids), ["publisher", "title", "url", "published"]]
    return Chart(name, lang, fig, words.title, words.subtitle, words.note, words.alt_text, data, source_ids,
                 sources.reset_index())


def _covid(events: pd.DataFrame) -> pd.DataFrame:
    """The COVID-19 stages behind the shading on the data."""
    return events[(events["category"] == "covid") & events["end"].notna()]


def _strip(dataset: Dataset, xlim: tuple[float, float], lang: str):
    """The timeline strip planned for a view of `xlim`: every event and camera estimate inside it."""
    from nkarrivals import figure, timeline

    return timeline.plan(dataset.events, dataset.surveillance_scale, xlim, figure.plot_width(lang), lang)


def _draw_strip(fig: Figure, strip, lang: str) -> None:
    """Draw the strip on the figure's last axes and move the x-axis label under it."""
    from nkarrivals import charts, timeline

    data_ax, strip_ax = fig.axes[-2], fig.axes[-1]
    timeline.draw(strip_ax, strip, lang)
    strip_ax.set_xlabel(data_ax.get_xlabel())
    data_ax.set_xlabel("")
    charts.place_axis_labels(strip_ax)


def _events_text(strip, lang: str) -> str:
    from nkarrivals import timeline

    return i18n.text("events_in_order", lang, events=timeline.describe(strip, lang)) if strip.items else ""


def _bucket_list(buckets: Iterable[facts.Period], lang: str) -> str:
    """MOU's multi-year totals for alt text: 'up to 1998: 947; 1999–2001: 1,043' /
    '1998년 이전은 947명, 1999~2001년은 1,043명'."""
    from nkarrivals import korean

    labelled = [(i18n.period_label(b.first_year, b.last_year, lang), i18n.count(b.total, lang)) for b in buckets]
    if lang == "ko":
        return ", ".join(f"{korean.josa(label, '은/는')} {total}" for label, total in labelled)
    return "; ".join(f"{label}: {total}" for label, total in labelled)


def build_arrivals_annual(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name, arrivals, events = "arrivals-annual", dataset.arrivals, dataset.events
    annual = facts.annual_facts(dataset)
    after = annual.years_after[0]
    strip = _strip(dataset, charts.annual_xlim(arrivals), lang)
    count = lambda value: i18n.count(value, lang)  # noqa: E731 - a local shorthand
    values = dict(
        fall=i18n.percent(annual.fall_from_peak_pct, lang), peak_year=annual.peak_year, last=annual.latest_year,
        first=i18n.period_label(annual.first_period.first_year, annual.first_period.last_year, lang),
        latest_year=annual.latest_year, peak=count(annual.peak), pre_year=annual.pre_covid_year,
        pre=count(annual.pre_covid), after_year=after.year, after=count(after.total), latest=count(annual.latest),
        buckets=_bucket_list(annual.buckets, lang),
        cumulative=count(annual.cumulative), women=count(annual.cumulative_female), men=count(annual.cumulative_male),
        events=_events_text(strip, lang))
    fig, words = _framed(name, lang, values, _arrivals_source(dataset, arrivals, lang, "last_year"),
                         strip_height=strip.height)
    ax = fig.axes[0]
    charts.plot_annual_arrivals(ax, arrivals, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    _draw_strip(fig, strip, lang)
    data = arrivals[["period", "first_year", "last_year", "male", "female", "total", "source_id"]]
    return _chart(dataset, name, lang, fig, words, data, _covid(events), strip)


def build_arrivals_quarterly(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name, quarterly, events = "arrivals-quarterly", dataset.quarterly, dataset.events
    found = facts.quarterly_facts(dataset)
    strip = _strip(dataset, charts.quarterly_xlim(quarterly), lang)
    label = lambda q: i18n.quarter_label(q.year, q.quarter, lang)  # noqa: E731 - a local shorthand
    last = found.last  # the first quarter without a figure comes after it
    next_q = i18n.quarter_label(last.year + last.quarter // 4, last.quarter % 4 + 1, lang)
    values = dict(before=i18n.count(found.last_before_covid.total, lang), before_q=label(found.last_before_covid),
                  low=i18n.count(found.lowest.total, lang), low_q=label(found.lowest), first_q=label(found.first),
                  last_q=label(found.last), last=i18n.count(found.last.total, lang), next_q=next_q,
                  events=_events_text(strip, lang))
    fig, words = _framed(name, lang, values, _arrivals_source(dataset, quarterly, lang, "year"),
                         strip_height=strip.height)
    ax = fig.axes[0]
    charts.plot_quarterly(ax, quarterly, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    _draw_strip(fig, strip, lang)
    data = quarterly[["year", "quarter", "male", "female", "total", "derived", "source_id"]]
    return _chart(dataset, name, lang, fig, words, data, _covid(events), strip)


def build_arrivals_by_sex(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name, arrivals, events = "arrivals-by-sex", dataset.arrivals, dataset.events
    found = facts.sex_facts(dataset)
    pct = lambda value: i18n.percent(value, lang, 1)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731
    values = dict(overall=pct(found.women_share_pct), latest_year=found.latest_year, min_share=pct(found.min_share_pct),
                  min_year=found.min_share_year, max_share=pct(found.max_share_pct), max_year=found.max_share_year,
                  first=found.first_year, last=found.last_year, min_women=count(found.min_share_women),
                  min_men=count(found.min_share_men), last_women=count(found.last_women),
                  last_men=count(found.last_men), last_share=pct(found.last_share_pct), bucket_end=found.bucket_end)
    fig, words = _framed(name, lang, values, _arrivals_source(dataset, arrivals, lang, "last_year"),
                         rows=2, height_ratios=(3, 2), plot_height=5.2)
    counts_ax, share_ax = fig.axes
    charts.plot_arrivals_by_sex(counts_ax, arrivals, lang)
    charts.plot_female_share(share_ax, arrivals, lang)
    for ax in fig.axes:
        charts.shade_covid(ax, events, lang)
    data = analysis.arrivals_by_sex(arrivals).reset_index()
    data["female_share_pct"] = analysis.female_share(arrivals).to_numpy()  # as drawn, not rounded
    data["source_id"] = analysis.single_years(arrivals)["source_id"].to_numpy()
    return _chart(dataset, name, lang, fig, words, data, _covid(events))


def _fee_values(found: facts.FeeFacts, lang: str) -> dict:
    """Amounts as the sources gave them; converted ones rounded to two significant figures
    and marked 'about' (titles and alt texts state no false precision)."""
    amount = lambda report: fees.fee_text(report, lang, approx=True)  # noqa: E731 - a local shorthand
    return dict(
        first=amount(found.first), first_year=int(found.first["period_end"]),
        last=amount(found.last), last_year=int(found.last["period_end"]),
        max_fee=amount(found.highest), max_route=i18n.text(f"route_{found.highest['route']}", lang),
        max_year=int(found.highest["period_end"]), min_fee=amount(found.lowest),
        count=found.dated_count, undated=found.undated_count, total=found.dated_count + found.undated_count,
        span_first=found.first_year, span_last=found.last_year)


def _fee_data(dataset: Dataset) -> pd.DataFrame:
    """The dated reports, as drawn: years referred to, the range in US dollars, route, source."""
    dated = fees.dated_fees(dataset.broker_fees)
    return dated[["period_start", "period_end", "low_usd", "high_usd", "route", "source_id"]]


def build_broker_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name = "broker-fees"
    strip = _strip(dataset, charts.fees_xlim(dataset.broker_fees), lang)
    values = dict(_fee_values(facts.fee_facts(dataset), lang), events=_events_text(strip, lang))
    fig, words = _framed(name, lang, values, _fee_source(dataset, lang), plot_height=5.0, strip_height=strip.height)
    ax = fig.axes[0]
    charts.plot_broker_fees(ax, dataset.broker_fees, lang)
    _draw_strip(fig, strip, lang)
    return _chart(dataset, name, lang, fig, words, _fee_data(dataset), _covid(dataset.events), strip)


def build_decline_before_covid(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name, arrivals, events = "decline-before-covid", dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.trend_facts(dataset)
    trend, comparison, year = found.trend, found.comparison, found.closure_year
    pct = lambda value: i18n.percent(abs(value), lang)  # noqa: E731 - a local shorthand
    count = lambda value: i18n.count(value, lang)  # noqa: E731
    values = dict(rate=pct(trend.annual_change_pct), year=year, gap=pct(comparison.loc[year, "actual_vs_trend_pct"]),
                  first=trend.first_year, last=trend.last_year, peak=count(annual.peak), pre=count(annual.pre_covid),
                  trend_year_value=count(comparison.loc[year, "trend"]), actual=count(comparison.loc[year, "actual"]),
                  latest_year=annual.latest_year, trend_latest=count(comparison.loc[annual.latest_year, "trend"]),
                  latest=count(annual.latest), first_year=int(analysis.single_years(arrivals).index.min()))
    fig, words = _framed(name, lang, values, _arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    charts.plot_pre_covid_trend(ax, arrivals, events, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    data = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data.insert(2, "trend", trend.predict(data["year"]))
    data.loc[data["year"] < trend.first_year, "trend"] = float("nan")  # drawn from the fit's first year on
    data.insert(3, "trend_part", ["" if y < trend.first_year else "fit" if y <= trend.last_year else "projection"
                                  for y in data["year"]])
    return _chart(dataset, name, lang, fig, words, data, _covid(events))


def build_arrivals_and_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    name, arrivals, events = "arrivals-and-fees", dataset.arrivals, dataset.events
    annual, found = facts.annual_facts(dataset), facts.fee_facts(dataset)
    first_year = int(analysis.single_years(arrivals).index.min())
    xlim = (min(first_year, found.first_year) - 0.9, max(annual.latest_year, found.last_year) + 1.2)
    strip = _strip(dataset, xlim, lang)
    values = dict(_fee_values(found, lang), peak=i18n.count(annual.peak, lang), peak_year=annual.peak_year,
                  latest=i18n.count(annual.latest, lang), latest_year=annual.latest_year, first=first_year,
                  events=_events_text(strip, lang))
    source = i18n.text("sources_joined", lang, first=_arrivals_source(dataset, arrivals, lang, "last_year"),
                       second=_fee_source(dataset, lang))
    fig, words = _framed(name, lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.2,
                         strip_height=strip.height)
    arrivals_ax, fees_ax, _ = fig.axes
    charts.plot_annual_arrivals(arrivals_ax, analysis.single_year_rows(arrivals), lang)
    charts.plot_broker_fees(fees_ax, dataset.broker_fees, lang)
    arrivals_ax.set_xlim(*xlim)
    for ax in (arrivals_ax, fees_ax):
        charts.shade_covid(ax, events, lang)
    arrivals_ax.set_xlabel("")
    fees_ax.set_xlabel(i18n.text("year_of_figures", lang))  # years of arrival above, of the fees below
    arrivals_ax.legend(loc="upper right")
    _draw_strip(fig, strip, lang)
    yearly = analysis.single_years(arrivals)[["total", "source_id"]].reset_index()
    data = pd.concat([
        pd.DataFrame({"series": "arrivals", "first_year": yearly["year"], "last_year": yearly["year"],
                      "low": yearly["total"].astype(float), "high": yearly["total"].astype(float), "unit": "people",
                      "route": "", "source_id": yearly["source_id"]}),
        _fee_data(dataset).rename(columns={"period_start": "first_year", "period_end": "last_year",
                                           "low_usd": "low", "high_usd": "high"}).assign(series="broker_fee", unit="USD"),
    ], ignore_index=True)[["series", "first_year", "last_year", "low", "high", "unit", "route", "source_id"]]
    return _chart(dataset, name, lang, fig, words, data, _covid(events), strip)


CHARTS: dict[str, Callable[[Dataset, str], Chart]] = {
    "arrivals-annual": build_arrivals_annual,
    "arrivals-quarterly": build_arrivals_quarterly,
    "arrivals-by-sex": build_arrivals_by_sex,
    "broker-fees": build_broker_fees,
    "decline-before-covid": build_decline_before_covid,
    "arrivals-and-fees": build_arrivals_and_fees,
}


class UnknownChartError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def check_chart_name(name: str) -> None:
    if name not in CHARTS:
        raise UnknownChartError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")


def build_chart(name: str, dataset: Dataset | None = None, lang: str = "en") -> Chart:
    """One chart, drawn in the house style (for notebooks and tests)."""
    from nkarrivals.figure import house_style

    check_chart_name(name)
    dataset = dataset if dataset is not None else load_dataset()
    with house_style(lang):
        return CHARTS[name](dataset, lang)
