"""The next MOU release goes in by editing data alone: the notebooks and generated text follow it."""

import asyncio
import json
import re

import pytest
import release

from nkarrivals import data, paths
from nkarrivals.output import export, latest, notebooks
from nkarrivals.text import i18n

# What a sentence about a missing period says; none may be said of a period the data hold.
_SAYS_MISSING = re.compile(r"not in the table|is missing|was not found|stops at|not yet published", re.IGNORECASE)
# A field left empty leaves a colon at the end of a line, or empty brackets.
_DANGLING = re.compile(r":\s*$|\(\s*\)|\[\s*\]", re.MULTILINE)


def _notebook_code(path) -> list[str]:
    return [
        "".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
    ]


def test_notebooks_show_every_chart_once_and_write_no_files():
    shown: list[str] = []
    for path in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        code = "\n".join(_notebook_code(path))
        assert not re.search(r"export_charts\(|\.to_csv\(|savefig\(|write_text\(|write_bytes\(|open\(", code), path.name
        built = re.findall(r'= export\.build_chart\("([\w-]+)"', code)
        shown += built
        # The last cell shows the one line that exports this notebook's charts where the user chooses.
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        last = "".join(cells[-1]["source"])
        assert cells[-1]["cell_type"] == "markdown", path.name
        line = re.search(r"export\.export_charts\(\[([^\]]*)\], out_dir=", last)
        assert line and re.findall(r'"([\w-]+)"', line.group(1)) == built, path.name
    assert sorted(shown) == sorted(export.CHARTS)


def _markdown_outputs(notebook) -> str:
    return "\n".join(
        "".join(output.get("data", {}).get("text/markdown", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_a_new_half_year_is_named_and_never_said_to_be_missing(data_copy, monkeypatch):
    year, half, clock = release.add_next_half(data_copy, male=7, female=60)  # a half with no note
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    monkeypatch.setenv("NKARRIVALS_DATA_DIR", str(data_copy))
    new = {lang: i18n.half_label(year, half, lang) for lang in i18n.LANGUAGES}

    ran = asyncio.run(notebooks.execute(paths.NOTEBOOKS_DIR / "02-covid-quarterly.ipynb"))
    said = _markdown_outputs(ran)
    assert f"{new['en']}, the latest half-year published: 67 (60 women, 7 men)" in said
    assert f"The latest period published is {new['en']};" in said

    texts = [said]
    for lang in i18n.LANGUAGES:
        texts.append(latest.summary(latest.latest_figures(lang, data_copy), lang))
    chart = export.build_chart("arrivals-recent", data.load_dataset(data_copy))
    texts += [chart.title, chart.subtitle, chart.note, chart.alt_text]
    assert new["en"] in chart.alt_text
    for text in texts:
        for sentence in re.split(r"(?<=[.;])\s+|\n", text):
            if new["en"] in sentence or new["ko"] in sentence:
                assert not _SAYS_MISSING.search(sentence), sentence
        assert not _DANGLING.search(text), text


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_latest_names_each_figure_with_its_source(lang):
    dataset = data.load_dataset()
    found = latest.latest_figures(lang)
    printed = latest.summary(found, lang)
    year = dataset.arrivals.iloc[-1]
    assert found.year.total == year["total"] and found.year.source_id == year["source_id"]
    half = dataset.halfyear.iloc[-1]
    assert found.half.total == half["total"] and found.half.period == i18n.half_label(half["year"], half["half"], lang)
    assert (
        found.cumulative
        == dataset.arrivals["total"].sum()
        + dataset.halfyear.loc[dataset.halfyear["year"] > year["last_year"], "total"].sum()
    )
    sources = dataset.sources.set_index("id")
    for figure in (found.year, found.half, found.quarter):
        assert figure.period in printed and sources.loc[figure.source_id, "url"] in printed
    assert printed.count("\n") >= 7 and not _DANGLING.search(printed)


def test_cli_latest_prints_in_korean(capsys):
    from nkarrivals import cli

    assert cli.main(["latest", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "출처:" in out and "누적" in out and "통일부" in out


def test_a_new_year_without_half_years_is_the_latest_period(data_copy, monkeypatch):
    year, clock = release.add_next_year(data_copy, male=20, female=160)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    found = latest.latest_figures("en", data_copy)
    halves = data.load_dataset(data_copy).halfyear
    if (halves["year"] == year).sum() < 2:  # the second half of the new year is not in the table
        assert found.latest_period == str(year) and found.next_half == i18n.half_label(year + 1, 1, "en")
    assert found.year.period == str(year) and found.cumulative_to == str(year)
