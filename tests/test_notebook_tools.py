"""The notebook runner keeps failed notebooks untouched; reports hide code by default."""

import asyncio

import nbformat
import pytest

from nkarrivals.output import notebooks


def test_a_failing_notebook_is_reported_and_left_as_it_was(tmp_path):
    path = tmp_path / "broken.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("1 / 0", id="broken-0")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    before = path.read_bytes()
    ran, error = asyncio.run(notebooks.run_one(path, asyncio.Semaphore(1)))
    assert ran == path and "ZeroDivisionError" in error
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["broken.ipynb"]


def test_unknown_notebook_name_is_an_error():
    with pytest.raises(FileNotFoundError, match="no-such-notebook"):
        notebooks.notebook_paths(["no-such-notebook"])


def test_report_is_standalone_html_with_code_hidden(tmp_path):
    notebooks.report(["01-arrivals-decline"], out_dir=tmp_path)
    page = (tmp_path / "01-arrivals-decline.html").read_text(encoding="utf-8")
    # Code cells' inputs only: a Markdown cell's text sits in a .jp-Cell-inputWrapper too.
    assert "body:not(.nk-show-code) .jp-CodeCell > .jp-Cell-inputWrapper" in page
    assert "Show code" in page
    assert "data:image/png;base64" in page  # charts are embedded, not linked
