"""What every chart is built from: the Chart it becomes, its own words (the TOML file beside its
module), its frame (title, subtitle, source line, note), its source lines, the words of the fee
charts, and the timeline strip under a time series.

The chart modules use these; nothing here imports a chart module.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from nkarrivals import analysis
from nkarrivals.analysis import facts, fees
from nkarrivals.charts.formats import (  # re-exported: the chart modules and the registry import them from here
    COMPACT,
    compact_geometry,
    file_stem,
)
from nkarrivals.data import Dataset
from nkarrivals.text import i18n

if TYPE_CHECKING:
    from collections.abc import Iterable

    from matplotlib.figure import Figure

    from nkarrivals.analysis.facts import FeeFacts


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
    compact: bool = False  # the compact variant: 16:9, no strip
    values: dict[str, object] = field(default_factory=dict)  # the facts as its words state them (Words.values)

    _rendered: dict[tuple[str, int], bytes] = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        return f"Chart({self.name!r}, lang={self.lang!r})"

    def render(self, fmt: str, scale: int = 1) -> bytes:
        """The chart in `fmt`, rendered once: a Chart is a finished figure. A PNG has `scale`
        times the pixels."""
        from nkarrivals.draw.figure import house_style, render

        key = (fmt, scale if fmt == "png" else 1)
        if key not in self._rendered:
            with house_style(self.lang):
                self._rendered[key] = render(
                    self.figure, fmt, title=self.title, description=self.alt_text, scale=key[1]
                )
        return self._rendered[key]

    @property
    def stem(self) -> str:
        return file_stem(self.name, self.lang, self.compact)

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        # Notebooks show the chart exactly as the PNG export renders it, and exporting the same
        # Chart afterwards reuses these bytes; the alt text goes with the image into the
        # notebook's output, where the HTML reports read it.
        return self.render("png"), {"alt": self.alt_text}


def arrivals_source(dataset: Dataset, frame: pd.DataFrame, lang: str, year_column: str) -> str:
    """'Ministry of Unification; figures for 2020–2025 as reported by SBS, ...'."""
    mou = i18n.text("mou", lang)
    publishers = frame["source_id"].map(dataset.sources.set_index("id")["publisher"])
    press = frame[~publishers.str.startswith("Ministry of Unification")]
    if press.empty:
        return mou
    years = i18n.text("bucket_range", lang, first=press[year_column].min(), last=press[year_column].max())
    names = i18n.source_publishers(dataset.sources, press["source_id"], lang)
    return i18n.text("mou_and_press", lang, mou=mou, years=years, publishers=", ".join(names))


def fee_source(dataset: Dataset, figures: pd.DataFrame, lang: str) -> str:
    """'34 reported figures from 17 reports by ...' / '매일신문·…·모빌리티TV 보도 17건(브로커 비용 34건)':
    the reports behind `figures` (rows of broker_fees.csv; every one a chart draws or counts).
    A report may give several figures, so both counts are named; a Korean source line names
    the outlets first, joined with ·."""
    names = i18n.source_publishers(dataset.sources, figures["source_id"], lang)
    joined = ("·" if lang == "ko" else ", ").join(names)
    return i18n.text("fee_sources", lang, count=len(figures), reports=figures["source_id"].nunique(), publishers=joined)


def fee_counts(found: FeeFacts) -> dict[str, int]:
    """What the words of every fee chart count: the figures, dated and not, the reports they
    come from, and the years they span."""
    return dict(
        count=found.dated_count,
        undated=found.undated_count,
        total=found.figure_count,
        reports=found.report_count,
        span_first=found.first_year,
        span_last=found.last_year,
    )


@dataclass(frozen=True)
class Words:
    """A chart's own translations, formatted with its facts: `values`, the facts as its words
    state them (the fields of its TOML), which an editor's headline is checked against."""

    title: str
    subtitle: str
    note: str
    alt_text: str
    values: dict[str, object] = field(default_factory=dict)


@lru_cache
def _read_text(path: Path) -> dict[str, dict[str, str]]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class ChartText:
    """A chart's own words: the TOML file beside its module, one table per part ([title],
    [subtitle], [note], [alt], and any sentence of its own), each with `en` and `ko`.

    An optional [headline] table, with `en` and/or `ko`, is an editor's override of the title
    in that language: plain text, no {fields}. Every number it states must be one of the
    chart's facts (tests/charts/test_headlines.py checks that)."""

    path: Path

    def parts(self) -> dict[str, dict[str, str]]:
        return _read_text(self.path)

    def __call__(self, part: str, lang: str, **values: object) -> str:
        i18n.check_language(lang)
        return i18n.format_text(self.parts()[part][lang], **values)

    def headline(self, lang: str) -> str | None:
        """The editor's headline in `lang`, if the chart's words carry one."""
        i18n.check_language(lang)
        written = self.parts().get("headline", {}).get(lang)
        if written is None:
            return None
        if "{" in written or "}" in written or not written.strip():
            raise ValueError(f"{self.path.name}: [headline] {lang} must be plain text, without {{fields}}")
        return " ".join(written.split())


def chart_text(module_file: str) -> ChartText:
    """The words of the chart whose module is `module_file` (pass ``__file__``)."""
    return ChartText(Path(module_file).with_suffix(".toml"))


def framed(name: str, text: ChartText, lang: str, values: dict, source: str, **layout) -> tuple[Figure, Words]:
    """A framed figure whose title, subtitle and note are the chart's own words, formatted with
    `values`; the title is the editor's headline where the words carry one."""
    from nkarrivals.draw import figure

    parts = ("title", "subtitle", "note", "alt")
    # strip(): a sentence left empty (no timeline strip, no missing years) leaves no space behind
    title, subtitle, note, alt = (text(part, lang, **values).strip() for part in parts)
    words = Words(text.headline(lang) or title, subtitle, note, alt, dict(values))
    if COMPACT.get():
        width, height, dpi = compact_geometry()
        layout.update(width=width, height=height, dpi=dpi, compact=True)
    fig = figure.framed_figure(
        title=words.title, subtitle=words.subtitle, source=source, note=words.note, lang=lang, **layout
    )
    return fig, words


def finished(
    dataset: Dataset,
    name: str,
    lang: str,
    fig: Figure,
    words: Words,
    data: pd.DataFrame,
    events: pd.DataFrame | None = None,
    strip=None,
    also_cited: Iterable[str] = (),
) -> Chart:
    """The finished Chart. Its data table holds the series drawn and, under it, the marks of
    the timeline strip (layer 'event' or 'camera_estimate'); its sources are those of every
    row, of the events behind any shading, and `also_cited` (a source every value rests on,
    such as the price index of constant dollars)."""
    if strip is not None and strip.items:
        from nkarrivals.draw import timeline

        whole = {column: "Int64" for column, kind in data.dtypes.items() if pd.api.types.is_integer_dtype(kind)}
        series = data.astype(whole).assign(layer="series")[["layer", *data.columns]]
        data = pd.concat([series, timeline.records(strip)], ignore_index=True)
    if COMPACT.get():
        from nkarrivals.draw import figure

        figure.compact_type(fig)
        _fit_y_labels(fig)
    cited = list(data["source_id"]) + ([] if events is None else list(events["source_id"])) + list(also_cited)
    source_ids = tuple(dict.fromkeys(cited))
    sources = dataset.sources.set_index("id").loc[list(source_ids), ["publisher", "title", "url", "published"]]
    return Chart(
        name,
        lang,
        fig,
        words.title,
        words.subtitle,
        words.note,
        words.alt_text,
        data,
        source_ids,
        sources.reset_index(),
        COMPACT.get(),
        words.values,
    )


def _fit_y_labels(fig: Figure) -> None:
    """Wrap each y-axis label that is longer than its panel is tall (the compact variant's
    panels are short), so that the labels of stacked panels never meet."""
    from matplotlib.transforms import ScaledTranslation

    from nkarrivals.draw import figure

    for ax in fig.axes:
        label, size = ax.get_ylabel(), float(ax.yaxis.label.get_fontsize())
        tall = ax.get_position().height * fig.get_figheight()
        if not label or figure.text_width(label, size) <= tall:
            continue
        lines = figure.wrap(label, size, tall, balance=True)
        ax.set_ylabel("\n".join(lines))
        # Each added line widens the label: move its middle right by half of them, off the edge.
        shift = (len(lines) - 1) * size * 1.2 / 72 / 2
        left_inches = ax.get_position().x0 * fig.get_figwidth()
        ax.yaxis.set_label_coords(
            0, 0.5, transform=ax.transAxes + ScaledTranslation(0.26 + shift - left_inches, 0, fig.dpi_scale_trans)
        )


def covid_events(events: pd.DataFrame) -> pd.DataFrame:
    """The COVID-19 stages behind the shading on the data (their sources are cited)."""
    return analysis.covid_periods(events)


CAMERA_ESTIMATES = "camera-estimates"  # in a chart's STRIP_CATEGORIES: the camera-count estimates too


def plan_strip(dataset: Dataset, xlim: tuple[float, float], lang: str, categories: tuple[str, ...]):
    """The timeline strip planned for a view of `xlim`: the events of the `categories` the chart
    declares relevant to it (its STRIP_CATEGORIES, from schema.EVENT_CATEGORIES) inside the view,
    and, when it also lists CAMERA_ESTIMATES, the estimates of cameras in China (in the
    surveillance lane)."""
    from nkarrivals.data.schema import EVENT_CATEGORIES
    from nkarrivals.draw import figure, timeline

    unknown = set(categories) - {*EVENT_CATEGORIES, CAMERA_ESTIMATES}
    if unknown:
        raise ValueError(
            f"unknown event categories {sorted(unknown)}; categories: {', '.join(EVENT_CATEGORIES)}, {CAMERA_ESTIMATES}"
        )
    if COMPACT.get():  # the compact variant shows the periods as shading only
        return timeline.Strip((), (), xlim)
    spans = analysis.event_spans(dataset.events)
    spans = spans[spans["category"].isin(categories)]
    estimates = dataset.surveillance_scale if CAMERA_ESTIMATES in categories else None
    return timeline.plan(spans, estimates, xlim, figure.plot_width(lang), lang)


def draw_strip(fig: Figure, strip, lang: str) -> None:
    """Draw the strip on the figure's strip axes (the frame's last). The years are labelled under
    the lowest data panel, not under the strip, and no x-axis has a title: a year axis needs none."""
    from nkarrivals.draw import timeline

    if not strip.items:
        return
    strip_ax = next(ax for ax in fig.axes if ax.get_gid() == "timeline-strip")
    data_axes = [ax for ax in fig.axes if ax is not strip_ax]
    timeline.draw(strip_ax, strip, lang)
    lowest = min(data_axes, key=lambda ax: ax.get_position().y0)
    lowest.tick_params(axis="x", labelbottom=True)
    for ax in fig.axes:
        ax.set_xlabel("")


def strip_words(strip, lang: str) -> dict[str, str]:
    """What a chart's words say of its timeline strip: `events`, every mark in date order (alt text),
    and `strip`, the note's sentence on what its symbols mean, the same in every chart that has one
    (and what its star means, where it draws camera estimates)."""
    if not strip.items:
        return {"events": "", "strip": ""}
    symbols = [i18n.text("strip_symbols", lang)]
    if any(item.kind == "estimate" for item in strip.items):
        symbols.append(i18n.text("strip_estimates", lang))
    return {"events": events_text(strip, lang), "strip": " ".join(symbols)}


def events_text(strip, lang: str) -> str:
    from nkarrivals.draw import timeline

    return i18n.text("events_in_order", lang, events=timeline.describe(strip, lang)) if strip.items else ""


def fee_values(found: facts.FeeFacts, lang: str) -> dict:
    """What the words of the fee charts say: the headline's rise (medians of the reports in an
    early and a later span of years, rounded to two significant figures and marked 'about'),
    what inflation added over those years, the lowest and highest figures as the sources gave
    them (converted ones rounded and marked 'about'), and the counts."""
    amount = lambda report: i18n.fee_text(report, lang, approx=True)  # noqa: E731 - a local shorthand
    median = lambda cluster: i18n.usd_range(cluster.median_usd, cluster.median_usd, lang, approx=True)  # noqa: E731
    rise = found.rise
    return dict(
        route=i18n.text(f"route_{rise.route}", lang),
        early_years=i18n.year_span(rise.early.first_year, rise.early.last_year, lang),
        later_years=i18n.year_span(rise.later.first_year, rise.later.last_year, lang),
        early_median=median(rise.early),
        later_median=median(rise.later),
        early_figures=len(rise.early.figures),
        early_reports=rise.early.reports,
        later_figures=len(rise.later.figures),
        later_reports=rise.later.reports,
        times=i18n.times(rise.times, lang),
        price_rise=i18n.percent(found.price_rise_pct, lang),
        price_from=found.price_years[0],
        price_to=found.price_years[1],
        max_fee=amount(found.highest),
        max_route=i18n.text(f"route_{found.highest['route']}", lang),
        max_year=i18n.year_span(int(found.highest["period_start"]), int(found.highest["period_end"]), lang),
        min_fee=amount(found.lowest),
        min_year=i18n.year_span(int(found.lowest["period_start"]), int(found.lowest["period_end"]), lang),
        **fee_counts(found),
    )


def fee_medians(found: FeeFacts) -> list[tuple[int, int, float]]:
    """The two medians the fee headlines compare: (first_year, last_year, median in US dollars)."""
    return [(c.first_year, c.last_year, c.median_usd) for c in (found.rise.early, found.rise.later)]


def fee_lowest_words(found: FeeFacts, lang: str) -> str:
    """The lowest figure, named as what it is: '500 yuan (about $63): one report'."""
    return i18n.text("fee_one_report", lang, amount=i18n.fee_text(found.lowest, lang, approx=True))


def fee_data(dataset: Dataset, found: FeeFacts, routes: Iterable[str] | None = None) -> pd.DataFrame:
    """The dated figures, as drawn (of `routes`, or all): years referred to, the range in US
    dollars, route, source, and `headline_span`: the span of years whose median the headline
    compares the figure is part of ('2010', '2015–2017'; blank otherwise)."""
    dated = fees.dated_fees(dataset.broker_fees)
    if routes is not None:
        dated = dated[dated["route"].isin(list(routes))]
    span = pd.Series("", index=dated.index, dtype="object")
    for cluster in (found.rise.early, found.rise.later):
        span[span.index.isin(cluster.figures.index)] = i18n.period_label(cluster.first_year, cluster.last_year, "en")
    out = dated[["period_start", "period_end", "low_usd", "high_usd", "route"]].assign(headline_span=span)
    return out.assign(source_id=dated["source_id"]).reset_index(drop=True)
