"""The charts, one module each, with its words in a TOML file beside it.

A chart module holds its builder (``build(dataset, lang) -> Chart``), its own drawing and the rows
it draws; ``base`` holds the frame, strip, sources and data-table assembly they share. The registry
below lists them, one line per chart; the CLI, the export, the tests and the notebooks read it.
A chart module is imported only when its chart is built, so listing the charts stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from nkarrivals.charts.formats import COMPACT, DATA_FORMATS, FORMATS, IMAGE_FORMATS, check_format, file_stem

if TYPE_CHECKING:
    from nkarrivals.charts.base import Chart, ChartText
    from nkarrivals.data import Dataset

__all__ = [
    "CHARTS",
    "DATA_FORMATS",
    "FORMATS",
    "IMAGE_FORMATS",
    "RETIRED",
    "Chart",
    "UnknownChartError",
    "build_chart",
    "check_chart_name",
    "check_format",
    "file_stem",
    "has_compact_variant",
    "module_builder",
    "text_of",
]

Builder = Callable[["Dataset", str], "Chart"]


def module_builder(module: str) -> Builder:
    """The `build` of the chart module named `module`, imported when first called."""

    def build(dataset: Dataset, lang: str) -> Chart:
        return importlib.import_module(module).build(dataset, lang)

    build.__qualname__ = f"{module}.build"
    build.module = module  # type: ignore[attr-defined]  # where its words are: text_of
    return build


CHARTS: dict[str, Builder] = {
    "arrivals-annual": module_builder("nkarrivals.charts.arrivals_annual"),
    "arrivals-recent": module_builder("nkarrivals.charts.arrivals_recent"),
    "arrivals-by-sex": module_builder("nkarrivals.charts.arrivals_by_sex"),
    "arrivals-profile": module_builder("nkarrivals.charts.arrivals_profile"),
    "broker-fees": module_builder("nkarrivals.charts.broker_fees"),
    "decline-before-covid": module_builder("nkarrivals.charts.decline_before_covid"),
    "arrivals-and-fees": module_builder("nkarrivals.charts.arrivals_and_fees"),
    "protection-abroad": module_builder("nkarrivals.charts.protection_abroad"),
}

# Charts no longer made, each with the one that replaces it: asking for one is a one-line error
# that names its replacement.
RETIRED = {
    # on a log scale, constant dollars moved each mark by at most 0.2 of a decade: the same picture.
    # broker-fees says how much US prices rose; analysis.fees.real_usd keeps the numbers.
    "broker-fees-real": "broker-fees",
    # the quarters and the half-years drew the same figures and told one story: one chart draws both.
    "arrivals-quarterly": "arrivals-recent",
    "arrivals-halfyear": "arrivals-recent",
}


def has_compact_variant(name: str) -> bool:
    """Whether the chart can be drawn as the 16:9 compact variant (a module may say it cannot)."""
    check_chart_name(name)
    module = getattr(CHARTS[name], "module", None)
    return module is None or getattr(importlib.import_module(module), "COMPACT_VARIANT", True)


def text_of(name: str) -> ChartText:
    """The words of a registered chart (its TOML file)."""
    check_chart_name(name)
    return importlib.import_module(CHARTS[name].module).TEXT  # type: ignore[attr-defined]


def __getattr__(name: str):
    # Chart and ChartText live with the frame, which loads pandas: only when asked for, so that
    # listing the charts (the CLI's options) stays cheap.
    if name in ("Chart", "ChartText"):
        from nkarrivals.charts import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class UnknownChartError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


def check_chart_name(name: str) -> None:
    if name in RETIRED:
        raise UnknownChartError(f"chart {name!r} is no longer made; use {RETIRED[name]!r}")
    if name not in CHARTS:
        raise UnknownChartError(f"unknown chart {name!r}; charts: {', '.join(CHARTS)}")


def build_chart(name: str, dataset: Dataset | None = None, lang: str = "en", compact: bool = False) -> Chart:
    """One chart, drawn in the house style (for notebooks and tests); with `compact`, its
    compact variant for the web and social media (16:9, no strip, the same words)."""
    from nkarrivals.data import load_dataset
    from nkarrivals.draw.figure import house_style

    check_chart_name(name)
    if compact and not has_compact_variant(name):
        raise ValueError(f"{name} has no compact variant")
    dataset = dataset if dataset is not None else load_dataset()
    token = COMPACT.set(compact)
    try:
        with house_style(lang):
            return CHARTS[name](dataset, lang)
    finally:
        COMPACT.reset(token)
