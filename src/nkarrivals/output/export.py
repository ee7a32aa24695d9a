"""Export charts: render each one fully in memory, then write its files atomically.

Each chart is written as PNG, SVG and PDF, as NAME.csv (the values drawn) and NAME.json
(its words, sources, licence and citation), with its alt text in NAME.txt.

``nkarrivals export`` and the notebooks both call :func:`export_charts`, so a chart
in an article and a chart in a notebook come from the same code. Charts are built
with :func:`build_chart`, the public way to get one chart as a matplotlib figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nkarrivals import paths
from nkarrivals.charts import CHARTS, FORMATS, Chart, build_chart, check_chart_name, check_format, file_stem
from nkarrivals.data import Dataset, load_dataset
from nkarrivals.files import write_atomic
from nkarrivals.output.rendering import render_charts
from nkarrivals.text import i18n

__all__ = ["CHARTS", "FORMATS", "Chart", "ExportResult", "build_chart", "check_format", "export_charts", "file_stem"]


@dataclass
class ExportResult:
    written: list[Path]
    failed: dict[str, str]

    def __repr__(self) -> str:
        # File names only, never folders: notebook outputs must not depend on where they ran.
        lines = [f"wrote {path.name}" for path in self.written]
        lines += [f"FAILED {name}: {reason}" for name, reason in self.failed.items()]
        return "\n".join(lines) or "nothing exported"


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
) -> ExportResult:
    """Render each chart fully in memory, then write its files atomically.

    `names` are chart names, drawn in `lang`, or Chart objects already built (a notebook
    exports the chart it has just shown without drawing it again); each Chart is written
    under its own language's names.

    With workers > 1 charts render in parallel processes (the CLI uses every core);
    files are written in chart order by this process. A failing chart is reported and
    skipped; files written before it stay as they were. A file that cannot be written
    ends the export with :class:`~nkarrivals.files.WriteError`, which names the chart,
    the file and the operating system's reason; the files written before it stay too.
    """
    items: list[str | Chart] = list(names) if names else list(CHARTS)
    for item in items:
        check_chart_name(item.name if isinstance(item, Chart) else item)
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        check_format(fmt)
    echo = echo or (lambda _: None)
    for item_lang in {item.lang if isinstance(item, Chart) else lang for item in items}:
        i18n.font_family(item_lang)  # fails before anything is written when the Korean font files are missing
    if dataset is None and not all(isinstance(item, Chart) for item in items):
        dataset = load_dataset(data_dir)
    out_given = out_dir is not None
    target_dir = Path(out_dir) if out_dir is not None else paths.charts_dir()
    result = ExportResult([], {})
    langs = [item.lang if isinstance(item, Chart) else lang for item in items]
    for (name, files, error), item_lang in zip(
        render_charts(items, dataset, lang, formats, workers), langs, strict=True
    ):
        if files is None:
            result.failed[name] = error or "unknown error"
            echo(f"FAILED {name}: {error}")
            continue
        stem = file_stem(name, item_lang)
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
