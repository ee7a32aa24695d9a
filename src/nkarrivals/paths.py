"""Where things are. Every other module, notebook and the CLI import these names.

The locations derive from this file's place in the source tree, never from the
current directory, so code runs the same from any folder.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
STYLE_FILE = PACKAGE_DIR / "draw" / "nkarrivals.mplstyle"
CITATION_FILE = ROOT / "CITATION.cff"


def data_dir() -> Path:
    """Folder the loaders read by default.

    NKARRIVALS_DATA_DIR points notebooks at another copy of data/
    (``nkarrivals notebooks run --data-dir DIR`` sets it for their kernels).
    """
    override = os.environ.get("NKARRIVALS_DATA_DIR")
    return Path(override) if override else DATA_DIR


def charts_dir() -> Path:
    """Folder that exports go to by default.

    NKARRIVALS_CHARTS_DIR lets the test suite rerun the notebooks without
    touching the committed charts.
    """
    override = os.environ.get("NKARRIVALS_CHARTS_DIR")
    return Path(override) if override else ROOT / "charts"
