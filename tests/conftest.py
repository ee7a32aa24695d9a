import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from nkarrivals import paths

# Hypothesis profiles. "quick" (the default) keeps `make test` fast; "ci" (when CI=true) runs
# as many examples from a fixed seed, so a CI run is repeatable; "long" searches much further:
# HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -p no:cacheprovider tests/test_any_csv.py
# No example database is kept; the cache Hypothesis writes into .hypothesis/ is git-ignored.
settings.register_profile("quick", max_examples=80, deadline=None, database=None)
settings.register_profile("ci", settings.get_profile("quick"), derandomize=True)
settings.register_profile("long", settings.get_profile("quick"), max_examples=3000)
_in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci else "quick"))

# Notebooks rerun under nbval export their charts; send those to a scratch
# folder so a test run never rewrites the committed charts/.
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
