"""The notebook runner keeps failed notebooks untouched; reports hide code by default."""

import asyncio

import nbformat
import pytest

from nkarrivals import export, i18n, notebooks, paths


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


def test_committed_alt_texts_match_the_data():
    # The committed charts, English and Korean, were exported from the current data.
    dataset = None
    for text_file in sorted(paths.ROOT.joinpath("charts").glob("*.txt")):
        name, _, lang = text_file.stem.partition(".")
        if lang == "ko" and not _has_korean_font():
            continue  # checked on machines with a Korean font, such as CI
        dataset = dataset or export.load_dataset()
        chart = export.build_chart(name, dataset, lang or "en")
        assert text_file.read_text(encoding="utf-8") == chart.alt_text + "\n", f"{text_file.name}: run make charts"


def _has_korean_font() -> bool:
    try:
        i18n.korean_font()
    except i18n.FontMissingError:
        return False
    return True
