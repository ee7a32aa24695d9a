"""Export charts: render each one fully in memory, then write its files atomically.

Each chart is written as PNG, SVG and PDF, as NAME.csv (the values drawn) and NAME.json
(its words, sources, licence and citation), with its alt text in NAME.txt.

``nkarrivals export`` and the notebooks both call :func:`export_charts`, so a chart
in an article and a chart in a notebook come from the same code. Charts are built
with :func:`build_chart`, the public way to get one chart as a matplotlib figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from nkarrivals import paths
from nkarrivals.charts import (
    CHARTS,
    FORMATS,
    build_chart,
    check_chart_name,
    check_format,
    file_stem,
    has_compact_variant,
)
from nkarrivals.data import load_dataset
from nkarrivals.files import write_atomic
from nkarrivals.text import i18n

if TYPE_CHECKING:
    from nkarrivals.charts.base import Chart
    from nkarrivals.data import Dataset

__all__ = [
    "CHARTS",
    "FORMATS",
    "ExportResult",
    "build_chart",
    "chart_files",
    "check_format",
    "export_charts",
    "file_stem",
]


@dataclass
class ExportResult:
    written: list[Path]
    failed: dict[str, str]

    def __repr__(self) -> str:
        # File names only, never folders: notebook outputs must not depend on where they ran.
        lines = [f"wrote {path.name}" for path in self.written]
        lines += [f"FAILED {name}: {reason}" for name, reason in self.failed.items()]
        return "\n".join(lines) or "nothing exported"


@cache
def _dataset(data_dir: Path | None) -> Dataset:
    return load_dataset(data_dir)


def chart_files(
    name: str, lang: str, data_dir: Path | None, formats: list[str], compact: bool = False, scale: int = 1
) -> dict[str, bytes]:
    """Every file of one chart, in memory, drawn from the CSVs in `data_dir` (None: the package's).

    What a worker process runs: it needs nothing but its arguments, so it works under any
    start method. Each worker loads the dataset once."""
    from nkarrivals.output import sidecars

    return sidecars.files(build_chart(name, _dataset(data_dir), lang, compact), formats, scale)


def _error(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _rendered(
    items: list[str | Chart], dataset: Dataset | None, lang: str, formats: list[str], compact: bool, scale: int
) -> Iterator[tuple[dict[str, bytes] | None, str | None]]:
    """(files, None) or (None, error) for each item, in order, drawn in this process."""
    from nkarrivals.charts.base import Chart
    from nkarrivals.output import sidecars

    for item in items:
        try:
            chart = item if isinstance(item, Chart) else build_chart(item, dataset, lang, compact)
            files = sidecars.files(chart, formats, scale)
        except Exception as error:
            yield None, _error(error)
        else:
            yield files, None


def _rendered_in_pool(
    names: list[str], data_dir: Path | None, lang: str, formats: list[str], compact: bool, scale: int, workers: int
) -> Iterator[tuple[dict[str, bytes] | None, str | None]]:
    """The same, drawn by `workers` processes; yielded in order as each chart is done."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers start at once, with the package already imported; elsewhere they start afresh.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(min(workers, len(names)), mp_context=context) as pool:
        futures = [pool.submit(chart_files, name, lang, data_dir, formats, compact, scale) for name in names]
        try:
            for future in futures:
                try:
                    files = future.result()
                except Exception as error:  # raised in the worker, or the worker died
                    yield None, _error(error)
                else:
                    yield files, None
        finally:  # a file that cannot be written ends the export: draw nothing more
            pool.shutdown(cancel_futures=True)


def export_charts(
    names: Iterable[str | Chart] | None = None,
    *,
    dataset: Dataset | None = None,
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    formats: Iterable[str] = FORMATS,
    lang: str = "en",
    echo: Callable[[str], None] | None = print,
    workers: int = 1,
    compact: bool = False,
    scale: int = 1,
) -> ExportResult:
    """Render each chart fully in memory, then write its files atomically, in the order given.

    `names` are chart names, drawn in `lang`, or Chart objects already built (a notebook
    exports the chart it has just shown without drawing it again); each Chart is written
    under its own language's names.

    With workers > 1, charts given by name and no `dataset` are drawn by that many processes
    (the CLI uses every core), each loading the data from `data_dir`. A failing chart is
    reported and skipped; files written before it stay as they were. A file that cannot be
    written ends the export with :class:`~nkarrivals.files.WriteError`, which names the chart,
    the file and the operating system's reason; the files written before it stay too.

    With `compact`, charts given by name are drawn as their compact variant (1200 x 675
    pixels, no strip) and written as NAME.compact.*; `scale` multiplies the PNG's pixels.
    """
    # Drawing modules load here, not on import: the CLI imports this module for every command.
    from nkarrivals.charts.base import Chart

    items: list[str | Chart] = list(names) if names else [n for n in CHARTS if not compact or has_compact_variant(n)]
    for item in items:
        check_chart_name(item.name if isinstance(item, Chart) else item)
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        check_format(fmt)
    if scale < 1:
        raise ValueError(f"scale {scale} is below 1")
    echo = echo or (lambda _: None)
    langs = [item.lang if isinstance(item, Chart) else lang for item in items]
    for item_lang in set(langs):
        i18n.font_family(item_lang)  # fails before anything is written when the Korean font files are missing
    by_name = [item for item in items if isinstance(item, str)]
    in_pool = workers > 1 and dataset is None and len(by_name) == len(items) > 1
    if dataset is None and by_name:
        dataset = load_dataset(data_dir)  # invalid data stops the export here, before any file is written
    if in_pool:
        rendered = _rendered_in_pool(by_name, data_dir, lang, formats, compact, scale, workers)
    else:
        rendered = _rendered(items, dataset, lang, formats, compact, scale)
    out_given = out_dir is not None
    target_dir = Path(out_dir) if out_dir is not None else paths.charts_dir()
    result = ExportResult([], {})
    for item, item_lang, (files, error) in zip(items, langs, rendered, strict=True):
        name = item.name if isinstance(item, Chart) else item
        if files is None:
            result.failed[name] = error or "unknown error"
            echo(f"FAILED {name}: {error}")
            continue
        stem = item.stem if isinstance(item, Chart) else file_stem(name, item_lang, compact)
        for suffix, content in files.items():
            target = target_dir / f"{stem}.{suffix}"
            write_atomic(target, content, subject=f"chart {name}")
            result.written.append(target)
        echo(f"{stem}: {', '.join(files)}")
    echo(
        f"{len(items) - len(result.failed)} of {len(items)} charts exported"
        + (f" to {target_dir}" if out_given else "")
        + (f"; failed: {', '.join(result.failed)}" if result.failed else "")
    )
    return result
