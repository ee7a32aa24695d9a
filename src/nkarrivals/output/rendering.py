"""Render charts to the bytes of their files, one chart after another or on every core.

Nothing here touches the disk: ``nkarrivals.export`` writes what this yields.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

from nkarrivals.charts import CHARTS, Chart
from nkarrivals.data import Dataset
from nkarrivals.output import sidecars

# What rendering one chart gives: (chart name, files by suffix or None, error or None).
Rendered = tuple[str, dict[str, bytes] | None, str | None]

# The modules that write the vector formats, imported before the helpers are forked.
_VECTOR_WRITERS = {"svg": "matplotlib.backends.backend_svg", "pdf": "matplotlib.backends.backend_pdf"}

# Drawn first when rendering in parallel (the charts of several panels), so the last chart to
# finish is a light one.
_TWO_PANEL = {"arrivals-and-fees", "arrivals-by-sex", "arrivals-profile", "protection-abroad"}


def render_chart(item: str | Chart, dataset: Dataset | None, lang: str, formats: list[str]) -> dict[str, bytes]:
    """Every file of one chart, in memory."""
    from nkarrivals.draw.figure import house_style

    if isinstance(item, Chart):
        return sidecars.files(item, formats)
    assert dataset is not None, "a chart given by name needs the dataset"
    with _collector_sees_only_new_objects():
        with house_style(lang):
            chart = CHARTS[item](dataset, lang)
        files = sidecars.files(chart, formats)
        # A figure is a web of reference cycles holding its canvas buffers (several MB):
        # free it now rather than let every chart's pile up until the collector runs.
        del chart
        gc.collect()
    return files


@contextlib.contextmanager
def _collector_sees_only_new_objects() -> Iterator[None]:
    """Freeze what exists (the imported modules, a caller's objects), so the collections
    while charts are drawn and freed scan only the charts' own objects: a full scan costs
    about 55 ms a chart. Left to a caller that froze the collector already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render_safely(
    item: str | Chart, dataset: Dataset | None, lang: str, formats: list[str]
) -> tuple[dict[str, bytes] | None, str | None]:
    try:
        return render_chart(item, dataset, lang, formats), None
    except Exception as error:
        return None, f"{type(error).__name__}: {error}"


def render_charts(
    items: list[str | Chart], dataset: Dataset | None, lang: str, formats: list[str], workers: int = 1
) -> Iterator[Rendered]:
    """Yield (name, files, error) for each item, in the order given.

    With workers > 1, this process and workers - 1 forked helpers take charts from one
    shared counter, so no core idles and no process sits waiting.
    """
    import multiprocessing  # here, not at import time: it costs more than the rest of this module

    names = [item.name if isinstance(item, Chart) else item for item in items]
    serial = (
        workers <= 1
        or len(items) <= 1
        or any(isinstance(item, Chart) for item in items)
        or "fork" not in multiprocessing.get_all_start_methods()
    )
    if serial:  # a built Chart lives in this process
        for item, name in zip(items, names, strict=True):
            yield (name, *_render_safely(item, dataset, lang, formats))
        return
    _load_before_forking(formats)
    # Everything imported so far lives as long as the process: frozen, the collector
    # no longer rescans it while charts are drawn, nor touches (and so copies) the
    # pages the helpers share with this process after the fork.
    with _collector_sees_only_new_objects():
        rendered = list(_render_in_parallel(names, dataset, lang, formats, workers))
    # Yielded only now, so a caller that stops early (a file it cannot write) leaves no
    # frozen collector behind.
    yield from rendered


def _load_before_forking(formats: list[str]) -> None:
    """Import the drawing code and the writers of the formats asked for once, so the helpers
    inherit them: imported after the fork, the PDF writer alone (it brings fontTools, some
    190 modules) would be imported, and held in memory, by every process."""
    import importlib

    from nkarrivals.draw import (
        timeline,  # noqa: F401 - imported for the helpers to inherit
    )

    for fmt in formats:
        if fmt in _VECTOR_WRITERS:
            importlib.import_module(_VECTOR_WRITERS[fmt])
    if "png" in formats:
        from PIL import Image

        Image.preinit()  # Pillow's PNG writer and the plugins it would import on the first save


def _render_in_parallel(
    names: list[str], dataset: Dataset | None, lang: str, formats: list[str], workers: int
) -> Iterator[Rendered]:
    import multiprocessing
    import queue

    context = multiprocessing.get_context("fork")
    next_index = context.Value("i", 0)
    results = context.Queue()
    order = sorted(range(len(names)), key=lambda i: names[i] not in _TWO_PANEL)

    def take_charts(send: Callable[..., None]) -> None:
        while True:
            with next_index.get_lock():
                position = next_index.value
                next_index.value += 1
            if position >= len(order):
                return
            index = order[position]
            send(index, *_render_safely(names[index], dataset, lang, formats))

    helpers = [
        context.Process(target=take_charts, args=(lambda *item: results.put(item),), daemon=True)
        for _ in range(min(workers, len(names)) - 1)
    ]
    for helper in helpers:
        helper.start()
    done: dict[int, tuple[dict[str, bytes] | None, str | None]] = {}
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
