import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from nkarrivals import data, paths
from nkarrivals.charts.base import Chart
from nkarrivals.output import export
from nkarrivals.text import i18n

# Hypothesis profiles. "quick" (the default) keeps `make test` fast; "ci" (when CI=true) runs
# as many examples from a fixed seed, so a CI run is repeatable; "long" searches much further:
# HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -p no:cacheprovider tests/test_any_csv.py
# No example database is kept; the cache Hypothesis writes into .hypothesis/ is git-ignored.
settings.register_profile("quick", max_examples=80, deadline=None, database=None)
settings.register_profile("ci", settings.get_profile("quick"), derandomize=True)
settings.register_profile("long", settings.get_profile("quick"), max_examples=3000)
_in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci else "quick"))

# An export that names no folder goes to a scratch one, so a test run never rewrites the committed charts/.
if "NKARRIVALS_CHARTS_DIR" not in os.environ:
    _scratch_charts = tempfile.mkdtemp(prefix="nkarrivals-charts-")
    os.environ["NKARRIVALS_CHARTS_DIR"] = _scratch_charts
    atexit.register(shutil.rmtree, _scratch_charts, ignore_errors=True)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a CSV in place; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, startswith: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(startswith):
            return number
    raise AssertionError(f"no line starting {startswith!r} in {path}")


def run_cli_after(setup: str, *arguments: str) -> subprocess.CompletedProcess:
    """Run `nkarrivals ARGUMENTS` in a fresh interpreter after executing `setup`,
    which may patch the package (break a chart, hide the fonts)."""
    code = f"import sys\nfrom nkarrivals import cli\n{setup}\nsys.exit(cli.main({list(arguments)!r}))\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


# --- every chart, exported once per language and test run ------------------------------------
#
# Drawing is what the suite spends most on. Every test that only reads a chart built from the
# committed data takes it from `english` or `korean` (or `charts_in`, each in turn). Each set's
# files are exported once per test run into a folder every xdist worker shares: the first worker
# to read them exports them, the others wait on a file lock (the pattern pytest-xdist documents
# for session fixtures shared by workers). test_committed_charts.py compares that folder with
# charts/. A test that needs a chart's Figure gets it from the set too: each worker builds a
# chart the first time one of its tests asks for it, and keeps it (a worker that only reads
# figures never waits for the export). A test that changes the data or the figure builds its own chart.


def _build(name: str, lang: str, compact: bool = False) -> Chart:
    with warnings.catch_warnings():
        # A warning while drawing, such as "Glyph ... missing from font(s)", fails the test.
        warnings.simplefilter("error")
        return export.build_chart(name, _dataset(), lang, compact)


@functools.cache
def _dataset() -> data.Dataset:
    return data.load_dataset()


class _BuiltCharts(Mapping[str, Chart]):
    """Every chart in one language (or its compact variant), each built by this process when
    first asked for."""

    def __init__(self, lang: str, compact: bool = False):
        self.lang = lang
        self.compact = compact
        self._charts: dict[str, Chart] = {}

    def __getitem__(self, name: str) -> Chart:
        if name not in self._charts:
            export.check_chart_name(name)
            self._charts[name] = _build(name, self.lang, self.compact)
        return self._charts[name]

    def __iter__(self) -> Iterator[str]:
        return iter(export.CHARTS)

    def __len__(self) -> int:
        return len(export.CHARTS)


_built = {lang: _BuiltCharts(lang) for lang in i18n.LANGUAGES}  # drawn once per test process
_built_compact = {lang: _BuiltCharts(lang, compact=True) for lang in i18n.LANGUAGES}


class ChartSet:
    """Every chart in one language, built from the committed data and exported into `folder`.

    The export happens when a test first reads `folder` or `result`, so a worker that only
    reads figures never waits for it."""

    def __init__(self, lang: str, shared: Path):
        self.lang = lang
        self.charts = _built[lang]
        self._folder = shared / f"charts-{lang}"
        self._record = shared / f"charts-{lang}.json"

    def __getitem__(self, name: str) -> Chart:
        return self.charts[name]

    @property
    def folder(self) -> Path:
        self.result  # noqa: B018 - exported first
        return self._folder

    @functools.cached_property
    def result(self) -> export.ExportResult:
        with FileLock(self._record.with_suffix(".lock")):
            if not self._record.exists():
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    result = export.export_charts(list(self.charts.values()), out_dir=self._folder, echo=None)
                written = [path.name for path in result.written]
                self._record.write_text(json.dumps({"written": written, "failed": result.failed}), encoding="utf-8")
        exported = json.loads(self._record.read_text(encoding="utf-8"))
        return export.ExportResult([self._folder / name for name in exported["written"]], exported["failed"])


def _chart_set(lang: str, tmp_path_factory: pytest.TempPathFactory) -> ChartSet:
    # Under xdist each worker's base folder lies in one folder per run, which all workers share.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    return ChartSet(lang, shared)


@pytest.fixture(scope="session")
def english(tmp_path_factory) -> ChartSet:
    return _chart_set("en", tmp_path_factory)


@pytest.fixture(scope="session")
def korean(tmp_path_factory) -> ChartSet:
    return _chart_set("ko", tmp_path_factory)


@pytest.fixture(scope="session", params=list(i18n.LANGUAGES))
def charts_in(request, tmp_path_factory) -> ChartSet:
    """Each chart set in turn: the test runs once per language."""
    return _chart_set(request.param, tmp_path_factory)


@pytest.fixture(scope="session", params=list(i18n.LANGUAGES))
def compact_in(request) -> _BuiltCharts:
    """The compact variants in each language in turn, each built once per test process (ask
    only for a chart that has one: charts.has_compact_variant)."""
    return _built_compact[request.param]


# The report and site tests open pages in the system's Chromium, headless (one browser per module).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no chromium on PATH (on Debian: apt-get install chromium); Playwright's own browsers are not used")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
