import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from nkarrivals import data, paths
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


# --- every chart, built and exported once per language -----------------------------------------
#
# Drawing is what the suite spends most on. Every test that only reads a chart built from the
# committed data takes it from `english` or `korean`: each chart is built once per language and
# its files are rendered once, into a scratch folder (test_committed_charts.py compares that
# folder with charts/). A test that changes the data or the figure builds its own chart.


@dataclass
class ChartSet:
    """Every chart in one language, built from the committed data and exported into `folder`."""

    lang: str
    charts: dict[str, export.Chart]
    folder: Path
    result: export.ExportResult

    def __getitem__(self, name: str) -> export.Chart:
        return self.charts[name]


_chart_sets: dict[str, ChartSet] = {}  # by language, drawn once per test process


def _chart_set(lang: str, tmp_path_factory: pytest.TempPathFactory) -> ChartSet:
    if lang not in _chart_sets:
        folder = tmp_path_factory.mktemp(f"charts-{lang}")
        dataset = data.load_dataset()
        with warnings.catch_warnings():
            # A warning while drawing, such as "Glyph ... missing from font(s)", fails the whole set.
            warnings.simplefilter("error")
            charts = {name: export.build_chart(name, dataset, lang) for name in export.CHARTS}
            result = export.export_charts(list(charts.values()), out_dir=folder, echo=None)
        _chart_sets[lang] = ChartSet(lang, charts, folder, result)
    return _chart_sets[lang]


# Each chart set is a fixture with one parameter, so its id ("english-charts", "korean-charts")
# is in the id of every test that reads it: the scheduler below groups tests by it.
_SET_IDS = {"en": "english-charts", "ko": "korean-charts"}


@pytest.fixture(scope="session", params=["en"], ids=[_SET_IDS["en"]])
def english(request, tmp_path_factory) -> ChartSet:
    return _chart_set(request.param, tmp_path_factory)


@pytest.fixture(scope="session", params=["ko"], ids=[_SET_IDS["ko"]])
def korean(request, tmp_path_factory) -> ChartSet:
    return _chart_set(request.param, tmp_path_factory)


@pytest.fixture(scope="session", params=list(i18n.LANGUAGES), ids=[_SET_IDS[lang] for lang in i18n.LANGUAGES])
def charts_in(request, tmp_path_factory) -> ChartSet:
    """Each chart set in turn: the test runs once per language."""
    return _chart_set(request.param, tmp_path_factory)


def _work_group(nodeid: str) -> str:
    """The unit of work a test belongs to: a chart set, or else its test module or notebook."""
    parameters = nodeid.partition("[")[2]
    for lang, set_id in _SET_IDS.items():
        if set_id in parameters:
            return f"charts-{lang}"
    return nodeid.split("::")[0]  # a notebook's cells share one kernel, so one worker


# optionalhook: without xdist (`pytest -p no:xdist`) the hook is unknown and must not stop the run.
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadfile` (make test), each group of _work_group goes to one worker: a test
    module, a notebook, or every test of one chart set, so each set is drawn once. (xdist's
    own "loadgroup" marks do not group tests under pytest 9.2: pytest-xdist#1386.) Other modes
    are left to xdist."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # xdist's own per-file and per-group schedulers are this class with another _split_scope.
    class ByWorkGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _work_group(nodeid)

    return ByWorkGroup(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # The work queue follows the collection order (--no-loadscope-reorder). Heaviest first, so
    # no worker is left with a long group at the end: the chart sets, each on its own core,
    # then the reports (they start a browser), then the notebooks (each starts a kernel).
    for item in items:
        if len({"english", "korean", "charts_in"} & set(getattr(item, "fixturenames", ()))) > 1:
            # Grouped with one set, it would draw the other a second time, in another worker.
            raise pytest.UsageError(f"{item.nodeid}: a test reads one chart set; compare with charts/ instead")

    def rank(item: pytest.Item) -> int:
        group = _work_group(item.nodeid)
        if group.startswith("charts-"):
            return 0
        return 1 if group == "tests/test_reports.py" else 2 if group.endswith(".ipynb") else 3

    items.sort(key=rank)
