"""Build every named chart from the data and export it as PNG, SVG and PDF with alt text.

``nkarrivals export`` and the notebooks both call :func:`export_charts`, so a chart
in an article and a chart in a notebook come from the same code.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from nkarrivals import analysis, i18n, paths
from nkarrivals.data import DataValidationError, Dataset, load_dataset


@dataclass
class Chart:
    """A framed figure with its title and plain-language alt text."""

    name: str
    lang: str
    figure: object  # matplotlib.figure.Figure
    title: str
    alt_text: str

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

    def files(self, formats: Iterable[str]) -> dict[str, bytes]:
        """Every export file of the chart, in memory, keyed by suffix."""
        files = {fmt: self.render(fmt) for fmt in formats}
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
    years = f"{press[year_column].min()}–{press[year_column].max()}"
    publishers = analysis.source_publishers(dataset.sources, press["source_id"])
    return i18n.text("mou_and_press", lang, mou=mou, years=years, publishers=", ".join(publishers))


def _fee_source(dataset: Dataset, fees: pd.DataFrame, lang: str) -> str:
    publishers = analysis.source_publishers(dataset.sources, fees["source_id"])
    return i18n.text("fee_sources", lang, count=len(fees), publishers=", ".join(publishers))


def _event_list(events: pd.DataFrame, categories: set[str], lang: str) -> str:
    chosen = analysis.event_positions(events[events["category"].isin(categories)])
    return "; ".join(f"{i18n.event_label(row, lang)} ({row['date']})" for _, row in chosen.iterrows())


def _framed(prefix: str, lang: str, values: dict, source: str, **layout):
    """A framed figure whose title, subtitle and note are the `prefix`_* translations."""
    from nkarrivals import figure

    title = i18n.text(f"{prefix}_title", lang, **values)
    fig = figure.framed_figure(
        title=title, subtitle=i18n.text(f"{prefix}_subtitle", lang, **values), source=source,
        note=i18n.text(f"{prefix}_note", lang, **values), lang=lang, **layout)
    return fig, title


ANNUAL_EVENT_CATEGORIES = {"surveillance", "covid", "politics"}


def build_arrivals_annual(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    arrivals, events = dataset.arrivals, dataset.events
    key = analysis.key_figures(arrivals, events)
    years = analysis.single_years(arrivals)["total"]
    first_label = i18n.period_label(arrivals.iloc[0]["first_year"], arrivals.iloc[0]["last_year"], lang)
    fig, title = _framed("annual", lang, dict(fall=i18n.percent(key.fall_from_peak_pct, lang), peak_year=key.peak_year,
                                              last=key.latest_year),
                         _arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    charts.plot_annual_arrivals(ax, arrivals, lang)
    charts.shade_covid(ax, events, lang)
    charts.annotate_events(ax, events, ANNUAL_EVENT_CATEGORIES, lang)
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.62))
    after_year = key.last_pre_covid_year + 1
    bucket_text = "; ".join(f"{i18n.period_label(r['first_year'], r['last_year'], lang)}: {i18n.count(r['total'], lang)}"
                            for _, r in analysis.buckets(arrivals).iterrows())
    alt = i18n.text(
        "annual_alt", lang, first=first_label, latest_year=key.latest_year, peak=i18n.count(key.peak, lang),
        peak_year=key.peak_year, pre_year=key.last_pre_covid_year, pre=i18n.count(key.last_pre_covid, lang),
        after_year=after_year, after=i18n.count(years[after_year], lang), latest=i18n.count(key.latest, lang),
        fall=i18n.percent(key.fall_from_peak_pct, lang), buckets=bucket_text,
        cumulative=i18n.count(key.cumulative, lang), women=i18n.count(key.cumulative_female, lang),
        men=i18n.count(key.cumulative_male, lang), events=_event_list(events, ANNUAL_EVENT_CATEGORIES, lang))
    return Chart("arrivals-annual", lang, fig, title, alt)


def build_arrivals_quarterly(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    quarterly, events = dataset.quarterly, dataset.events
    covid_start, _ = analysis.covid_period(events)
    quarter_start = quarterly["year"] + (quarterly["quarter"] - 1) / 4
    before = quarterly[quarter_start + 0.25 <= covid_start].iloc[-1]
    low = quarterly.loc[quarterly["total"].idxmin()]
    first, last = quarterly.iloc[0], quarterly.iloc[-1]
    q = lambda row: i18n.quarter_label(int(row["year"]), int(row["quarter"]), lang)  # noqa: E731
    values = dict(before=i18n.count(before["total"], lang), before_q=q(before), low=i18n.count(low["total"], lang),
                  low_q=q(low), first_q=q(first), last_q=q(last), last=i18n.count(last["total"], lang))
    fig, title = _framed("quarterly", lang, values, _arrivals_source(dataset, quarterly, lang, "year"))
    ax = fig.axes[0]
    charts.plot_quarterly(ax, quarterly, lang)
    charts.shade_covid(ax, events, lang)
    charts.annotate_events(ax, events, {"covid"}, lang)
    ax.legend(loc="center right")
    return Chart("arrivals-quarterly", lang, fig, title, i18n.text("quarterly_alt", lang, **values))


def build_arrivals_by_sex(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    arrivals, events = dataset.arrivals, dataset.events
    key = analysis.key_figures(arrivals, events)
    years = analysis.single_years(arrivals)
    share = analysis.female_share(arrivals)
    overall = key.cumulative_female / key.cumulative * 100
    low_year, high_year, last_year = int(share.idxmin()), int(share.idxmax()), int(years.index.max())
    pct = lambda value: i18n.percent(value, lang, 1)  # noqa: E731
    values = dict(overall=pct(overall), latest_year=key.latest_year, min_share=pct(share[low_year]), min_year=low_year,
                  max_share=pct(share[high_year]), max_year=high_year, first=int(years.index.min()), last=last_year,
                  min_women=i18n.count(years.loc[low_year, "female"], lang), min_men=i18n.count(years.loc[low_year, "male"], lang),
                  last_women=i18n.count(years.loc[last_year, "female"], lang), last_men=i18n.count(years.loc[last_year, "male"], lang),
                  last_share=pct(share[last_year]), bucket_end=int(analysis.buckets(arrivals)["last_year"].max()))
    fig, title = _framed("sex", lang, values, _arrivals_source(dataset, arrivals, lang, "last_year"),
                         rows=2, height_ratios=(3, 2), plot_height=5.2)
    counts_ax, share_ax = fig.axes
    charts.plot_arrivals_by_sex(counts_ax, arrivals, lang)
    charts.plot_female_share(share_ax, arrivals, lang)
    for ax in fig.axes:
        charts.shade_covid(ax, events, lang)
    return Chart("arrivals-by-sex", lang, fig, title, i18n.text("sex_alt", lang, **values))


def _fee_values(dataset: Dataset, lang: str) -> dict:
    fees = dataset.broker_fees
    dated = analysis.dated_fees(fees)
    first, last = analysis.fee_rise(fees, "nk_to_china")
    highest = dated.loc[dated[["low_usd", "high_usd"]].max(axis=1).idxmax()]
    lowest_value = float(dated[["low_usd", "high_usd"]].min().min())
    return dict(
        first=i18n.fee_amount(first, lang), first_year=int(first["period_end"]),
        last=i18n.fee_amount(last, lang), last_year=int(last["period_end"]),
        max_fee=i18n.fee_amount(highest, lang), max_route=i18n.text(f"route_{highest['route']}", lang),
        max_year=int(highest["period_end"]), min_fee=i18n.usd(lowest_value, lang),
        count=len(dated), undated=len(fees) - len(dated),
        span_first=int(dated["period_start"].min()), span_last=int(dated["period_end"].max()))


def build_broker_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    values = _fee_values(dataset, lang)
    fig, title = _framed("fees", lang, values, _fee_source(dataset, dataset.broker_fees, lang), plot_height=5.0)
    ax = fig.axes[0]
    charts.plot_broker_fees(ax, dataset.broker_fees, lang)
    charts.annotate_events(ax, dataset.events, {"surveillance"}, lang)
    alt = i18n.text("fees_alt", lang, **values)
    return Chart("broker-fees", lang, fig, title, alt)


def build_decline_before_covid(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    arrivals, events = dataset.arrivals, dataset.events
    key = analysis.key_figures(arrivals, events)
    trend = analysis.pre_covid_trend(arrivals, events)
    comparison = analysis.trend_versus_actual(arrivals, events)
    # The first full year of the closure is where the trend and the count part most clearly.
    year = int(comparison.index[1] if len(comparison) > 1 else comparison.index[0])
    pct = lambda value: i18n.percent(abs(value), lang)  # noqa: E731
    values = dict(rate=pct(trend.annual_change_pct), year=year, gap=pct(comparison.loc[year, "actual_vs_trend_pct"]),
                  first=trend.first_year, last=trend.last_year, peak=i18n.count(key.peak, lang),
                  pre=i18n.count(key.last_pre_covid, lang), trend_year_value=i18n.count(comparison.loc[year, "trend"], lang),
                  actual=i18n.count(comparison.loc[year, "actual"], lang), latest_year=key.latest_year,
                  trend_latest=i18n.count(comparison.loc[key.latest_year, "trend"], lang), latest=i18n.count(key.latest, lang),
                  first_year=int(analysis.single_years(arrivals).index.min()))
    fig, title = _framed("trend", lang, values, _arrivals_source(dataset, arrivals, lang, "last_year"))
    ax = fig.axes[0]
    charts.plot_pre_covid_trend(ax, arrivals, events, lang)
    charts.shade_covid(ax, events, lang)
    ax.legend(loc="upper right")
    return Chart("decline-before-covid", lang, fig, title, i18n.text("trend_alt", lang, **values))


def build_arrivals_and_fees(dataset: Dataset, lang: str) -> Chart:
    from nkarrivals import charts

    arrivals, events = dataset.arrivals, dataset.events
    key = analysis.key_figures(arrivals, events)
    fee_values = _fee_values(dataset, lang)
    first_year = int(analysis.single_years(arrivals).index.min())
    values = dict(fee_values, peak=i18n.count(key.peak, lang), peak_year=key.peak_year,
                  latest=i18n.count(key.latest, lang), latest_year=key.latest_year, first=first_year)
    source = _arrivals_source(dataset, arrivals, lang, "last_year") + "; " + _fee_source(dataset, dataset.broker_fees, lang)
    fig, title = _framed("af", lang, values, source, rows=2, height_ratios=(1, 1), plot_height=6.2)
    arrivals_ax, fees_ax = fig.axes
    charts.plot_annual_arrivals(arrivals_ax, analysis.single_year_rows(arrivals), lang)
    charts.plot_broker_fees(fees_ax, dataset.broker_fees, lang)
    dated = analysis.dated_fees(dataset.broker_fees)
    low = min(first_year, int(dated["period_start"].min())) - 0.9
    high = max(key.latest_year, int(dated["period_end"].max())) + 1.2
    arrivals_ax.set_xlim(low, high)
    for ax in fig.axes:
        charts.shade_covid(ax, events, lang)
    charts.annotate_events(arrivals_ax, events, {"surveillance"}, lang)
    charts.annotate_events(fees_ax, events, {"surveillance"}, lang, labels=False)
    arrivals_ax.set_xlabel("")
    arrivals_ax.legend(loc="upper left")
    return Chart("arrivals-and-fees", lang, fig, title, i18n.text("af_alt", lang, **values))


CHARTS: dict[str, Callable[[Dataset, str], Chart]] = {
    "arrivals-annual": build_arrivals_annual,
    "arrivals-quarterly": build_arrivals_quarterly,
    "arrivals-by-sex": build_arrivals_by_sex,
    "broker-fees": build_broker_fees,
    "decline-before-covid": build_decline_before_covid,
    "arrivals-and-fees": build_arrivals_and_fees,
}


def build_chart(name: str, dataset: Dataset | None = None, lang: str = "en") -> Chart:
    """One chart, drawn in the house style (for notebooks and tests)."""
    from nkarrivals.figure import house_style

    if name not in CHARTS:
        raise KeyError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")
    dataset = dataset if dataset is not None else load_dataset()
    with house_style(lang):
        return CHARTS[name](dataset, lang)


def file_stem(name: str, lang: str) -> str:
    return name if lang == "en" else f"{name}.{lang}"


@dataclass
class ExportResult:
    written: list[Path]
    failed: dict[str, str]

    def __repr__(self) -> str:
        # File names only, never folders: notebook outputs must not depend on where they ran.
        lines = [f"wrote {path.name}" for path in self.written]
        lines += [f"FAILED {name}: {reason}" for name, reason in self.failed.items()]
        return "\n".join(lines) or "nothing exported"


def _render_chart(item: str | Chart, dataset: Dataset, lang: str, formats: list[str]) -> dict[str, bytes]:
    """Every file of one chart, in memory: nothing touches the disk here."""
    from nkarrivals.figure import house_style

    if isinstance(item, Chart):
        return item.files(formats)
    with house_style(lang):
        chart = CHARTS[item](dataset, lang)
    files = chart.files(formats)
    # A figure is a web of reference cycles holding its canvas buffers (several MB):
    # free it now rather than let every chart's pile up until the collector runs.
    del chart
    gc.collect()
    return files


def _render_safely(item: str | Chart, dataset: Dataset, lang: str, formats: list[str]) -> tuple[dict[str, bytes] | None, str | None]:
    try:
        return _render_chart(item, dataset, lang, formats), None
    except Exception as error:  # reported by name; the other charts go on
        return None, f"{type(error).__name__}: {error}"


_TWO_PANEL = {"arrivals-and-fees", "arrivals-by-sex"}


def _rendered(items: list, names: list[str], dataset: Dataset, lang: str, formats: list[str], workers: int):
    """Yield (name, files, error) in the order of `names`.

    With workers > 1, this process and workers - 1 forked helpers take charts from one
    shared counter, so no core idles and no process sits waiting.
    """
    import multiprocessing  # here, not at import time: it costs more than the rest of this module

    if workers <= 1 or len(names) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item, name in zip(items, names, strict=True):
            yield (name, *_render_safely(item, dataset, lang, formats))
        return
    # Import matplotlib and read its font list once, here, so the helpers inherit them.
    from matplotlib import font_manager

    from nkarrivals import charts, figure  # noqa: F401

    font_manager.fontManager.findfont("DejaVu Sans")
    # Everything imported so far lives as long as the process: frozen, the collector
    # no longer rescans it while charts are drawn, nor touches (and so copies) the
    # pages the helpers share with this process after the fork.
    gc.freeze()
    try:
        yield from _rendered_in_parallel(names, dataset, lang, formats, workers)
    finally:
        gc.unfreeze()


def _rendered_in_parallel(names: list[str], dataset: Dataset, lang: str, formats: list[str], workers: int):
    import multiprocessing
    import queue

    context = multiprocessing.get_context("fork")
    next_index = context.Value("i", 0)
    results = context.Queue()

    # Heaviest first, so the last chart to finish is a light one (less idle time).
    order = sorted(range(len(names)), key=lambda i: names[i] not in _TWO_PANEL)

    def take_charts(send) -> None:
        while True:
            with next_index.get_lock():
                position = next_index.value
                next_index.value += 1
            if position >= len(order):
                return
            index = order[position]
            send(index, *_render_safely(names[index], dataset, lang, formats))

    helpers = [context.Process(target=take_charts, args=(lambda *item: results.put(item),), daemon=True)
               for _ in range(min(workers, len(names)) - 1)]
    for helper in helpers:
        helper.start()
    done: dict[int, tuple] = {}
    take_charts(lambda index, files, error: done.__setitem__(index, (files, error)))
    while len(done) < len(names):
        try:
            index, files, error = results.get(timeout=1)
        except queue.Empty:
            if not any(helper.is_alive() for helper in helpers) and results.empty():
                break  # a helper died without reporting
            continue
        done[index] = (files, error)
    for helper in helpers:
        helper.join()
    for index, name in enumerate(names):
        yield (name, *done.get(index, (None, "RuntimeError: rendering process ended unexpectedly")))


def export_charts(names: Iterable[str | Chart] | None = None, *, dataset: Dataset | None = None,
                  data_dir: Path | None = None, out_dir: Path | None = None,
                  formats: Iterable[str] = ("png", "svg", "pdf"), lang: str = "en",
                  echo: Callable[[str], None] | None = print, workers: int = 1) -> ExportResult:
    """Render each chart fully in memory, then write its files atomically.

    `names` are chart names, or Chart objects already built (a notebook exports the
    chart it has just shown, without drawing it again).

    With workers > 1 charts render in parallel processes (the CLI uses every core);
    files are written in chart order by this process. A failing chart is reported and skipped; files written
    before it stay as they were.
    """
    from nkarrivals.figure import FORMATS, write_atomic

    items = list(names) if names else list(CHARTS)
    names = [item.name if isinstance(item, Chart) else item for item in items]
    if any(isinstance(item, Chart) for item in items):
        workers = 1  # built charts live in this process
        lang = next(item.lang for item in items if isinstance(item, Chart))
    formats = list(formats)
    for name in names:
        if name not in CHARTS:
            raise KeyError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    echo = echo or (lambda _: None)
    i18n.font_family(lang)  # fails before anything is written when no font fits
    if dataset is None and not all(isinstance(item, Chart) for item in items):
        dataset = load_dataset(data_dir)
    out_given = out_dir is not None
    out_dir = Path(out_dir) if out_given else paths.charts_dir()
    result = ExportResult([], {})
    for name, files, error in _rendered(items, names, dataset, lang, formats, workers):
        if error is not None:
            result.failed[name] = error
            echo(f"FAILED {name}: {error}")
            continue
        stem = file_stem(name, lang)
        for suffix, content in files.items():
            target = out_dir / f"{stem}.{suffix}"
            write_atomic(target, content)
            result.written.append(target)
        echo(f"{stem}: {', '.join(files)}")
    echo(f"{len(names) - len(result.failed)} of {len(names)} charts exported"
         + (f" to {out_dir}" if out_given else "")
         + (f"; failed: {', '.join(result.failed)}" if result.failed else ""))
    return result


def _cmd_export(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        result = export_charts(args.only or None, data_dir=args.data_dir, out_dir=args.out,
                               formats=formats, lang=args.lang, workers=os.cpu_count() or 1)
    except DataValidationError as error:
        print(error, file=sys.stderr)
        print("nothing exported", file=sys.stderr)
        return 1
    except (i18n.FontMissingError, KeyError, ValueError) as error:
        print(f"error: {error.args[0] if error.args else error}", file=sys.stderr)
        print("nothing exported", file=sys.stderr)
        return 1
    return 1 if result.failed else 0


def add_command(commands, data_dir_option) -> None:
    parser = commands.add_parser("export", help="write every chart as PNG, SVG and PDF with alt text")
    data_dir_option(parser)
    parser.add_argument("--out", type=Path, default=None, metavar="DIR", help="folder to write into (default: charts/)")
    parser.add_argument("--format", default="png,svg,pdf", help="comma-separated formats (default: png,svg,pdf)")
    parser.add_argument("--only", nargs="+", choices=list(CHARTS), metavar="NAME",
                        help="export only these charts: " + ", ".join(CHARTS))
    parser.add_argument("--lang", default="en", choices=list(i18n.LANGUAGES), help="language of the chart text")
    parser.set_defaults(run=_cmd_export)
