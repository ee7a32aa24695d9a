"""Every chart ships its data: NAME.csv holds the values drawn, NAME.json its words, sources and citation."""

import contextlib
import csv
import io
import json
import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import replace_in

from nkarrivals import cli, data, paths
from nkarrivals.output import export, sidecars
from nkarrivals.text import i18n

HANGUL = re.compile("[\uac00-\ud7a3]")
FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def _committed_english_rows(name: str) -> list[list[str]]:
    # The English CSV as committed, which test_committed_charts.py holds equal to a fresh export:
    # a Korean test reads it rather than drawing every English chart in its worker too.
    return _rows((paths.ROOT / "charts" / f"{name}.csv").read_bytes())


def _expected_cell_matches(value, cell: str) -> bool:
    """The CSV cell stands for the value drawn: blank for missing, true/false, the same number, the same text."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return cell == ""
    if isinstance(value, (bool, np.bool_)):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float, np.number)):
        if float(value).is_integer():
            return cell == str(int(value))  # no '.0' on whole numbers
        return float(cell) == float(value)  # read back exactly, not rounded
    return cell == value


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_csv_holds_exactly_the_values_drawn(english, name):
    chart = english[name]
    rows = _rows(sidecars.files(chart, ["csv"])["csv"])
    assert rows[0] == list(chart.data.columns)
    assert len(rows) - 1 == len(chart.data), "one CSV row per mark drawn"
    for line, (row, values) in enumerate(zip(rows[1:], chart.data.itertuples(index=False), strict=True), start=2):
        for column, cell, value in zip(chart.data.columns, row, values, strict=True):
            assert _expected_cell_matches(value, cell), f"{name}.csv:{line}: {column} {cell!r} != {value!r}"


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_csv_reads_back_into_the_same_numbers_with_pandas(english, name):
    chart = english[name]
    read = pd.read_csv(io.BytesIO(sidecars.files(chart, ["csv"])["csv"]))
    for column in chart.data.columns:
        drawn = chart.data[column]
        if pd.api.types.is_numeric_dtype(drawn) and not pd.api.types.is_bool_dtype(drawn):
            pd.testing.assert_series_equal(
                read[column].astype("Float64"), drawn.astype("Float64"), check_names=False, check_index=False
            )


def test_womens_share_in_the_csv_is_the_line_drawn_not_a_rounded_copy(english):
    chart = english["arrivals-by-sex"]
    read = pd.read_csv(io.BytesIO(sidecars.files(chart, ["csv"])["csv"]))
    line = chart.figure.axes[0].lines[0]
    assert list(read["year"] + 0.5) == list(line.get_xdata())  # each year's share at the middle of its year
    assert list(read["female_share_pct"]) == list(line.get_ydata())


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_csv_row_names_a_known_source(english, dataset, name):
    rows = _rows(sidecars.files(english[name], ["csv"])["csv"])
    column = rows[0].index("source_id")
    cited = [row[column] for row in rows[1:]]
    assert cited and all(cited), "a row without a source"
    assert set(cited) <= set(dataset.sources["id"])


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_korean_csv_has_korean_headers_and_the_same_values(korean, name):
    english_rows = _committed_english_rows(name)
    korean_rows = _rows(sidecars.files(korean[name], ["csv"])["csv"])
    assert all(HANGUL.search(header) for header in korean_rows[0]), korean_rows[0]
    assert korean_rows[0] == [i18n.text(f"column_{column}", "ko") for column in english_rows[0]]
    assert len(set(korean_rows[0])) == len(korean_rows[0]), korean_rows[0]  # no two columns under one header
    # Event labels, kinds and statuses are the words of each language, and a Korean range takes ~;
    # every other value and code is the same.
    words = [i for i, column in enumerate(english_rows[0]) if column in ("label", "category", "status")]

    def kept(rows):
        return [[cell.replace("–", "~") for i, cell in enumerate(row) if i not in words] for row in rows]

    assert kept(korean_rows[1:]) == kept(english_rows[1:]), "values and codes are the same in both languages"


def test_korean_csv_writes_event_kinds_and_statuses_in_korean_and_periods_with_a_tilde(korean, dataset):
    english_rows = _committed_english_rows("arrivals-annual")
    korean_rows = _rows(sidecars.files(korean["arrivals-annual"], ["csv"])["csv"])
    status, category, period = (english_rows[0].index(column) for column in ("status", "category", "period"))
    statuses = {i18n.text(f"status_{code}", "ko") for code in dataset.events["status"]}
    assert {row[status] for row in korean_rows[1:] if row[status]} == statuses
    assert all(HANGUL.search(row[category]) for row in korean_rows[1:] if row[category])
    assert "의혹" in statuses and not {"alleged", "confirmed", "reported"} & {row[status] for row in korean_rows[1:]}
    ranges = [row[period] for row in english_rows[1:] if "–" in row[period]]
    assert ranges, "MOU's multi-year periods"
    assert [row[period] for row in korean_rows[1:] if "~" in row[period][1:]] == [r.replace("–", "~") for r in ranges]
    assert not any("–" in cell for row in korean_rows for cell in row)


def test_korean_citation_names_the_contributors_in_korean(korean):
    citation = json.loads(sidecars.files(korean["broker-fees"], ["json"])["json"])["citation"]
    assert "nk-arrivals 기여자(" in citation and "contributors" not in citation


def test_a_data_column_without_a_header_translation_is_named_in_the_error():
    frame = pd.DataFrame({"no_such_column": [1], "source_id": ["MOU_STATS_CN"]})
    with pytest.raises(KeyError, match="column_no_such_column"):
        sidecars.data_csv(frame, "ko")


def test_csv_is_utf8_with_newline_line_endings(korean):
    content = sidecars.files(korean["broker-fees"], ["csv"])["csv"]
    text = content.decode("utf-8")  # fails on anything but UTF-8
    assert "\r" not in text and text.endswith("\n")
    assert not content.startswith(b"\xef\xbb\xbf")


REQUIRED_KEYS = {
    "chart",
    "language",
    "title",
    "subtitle",
    "note",
    "alt_text",
    "files",
    "sources",
    "licence",
    "citation",
}


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_json_has_the_words_sources_licence_and_citation(charts_in, dataset, name):
    chart, lang = charts_in[name], charts_in.lang
    metadata = json.loads(sidecars.files(chart, ["json"])["json"])
    assert set(metadata) == REQUIRED_KEYS
    assert (metadata["title"], metadata["subtitle"], metadata["note"], metadata["alt_text"]) == (
        chart.title,
        chart.subtitle,
        chart.note,
        chart.alt_text,
    )
    assert [source["id"] for source in metadata["sources"]] == list(chart.source_ids)
    known = dataset.sources.set_index("id")
    for source in metadata["sources"]:
        row = known.loc[source["id"]]
        for field in ("publisher", "title", "url"):
            assert source[field] and source[field] == row[field], (source["id"], field)
        # A source whose copy shows no date has none in sources.csv, and none here.
        assert source["published"] == (None if pd.isna(row["published"]) else row["published"]), source["id"]
    assert metadata["licence"]["id"] == "CC-BY-4.0"
    assert metadata["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    contributors = "nk-arrivals contributors" if lang == "en" else "nk-arrivals 기여자"
    assert chart.title in metadata["citation"] and contributors in metadata["citation"]


def test_citation_names_the_version_and_release_year_in_citation_cff(english):
    cff = paths.CITATION_FILE.read_text(encoding="utf-8")
    version = re.search(r'^version: "?([^"\n]+)"?$', cff, re.MULTILINE).group(1)
    year = re.search(r"^date-released: \"?(\d{4})", cff, re.MULTILINE).group(1)
    citation = json.loads(sidecars.files(english["arrivals-annual"], ["json"])["json"])["citation"]
    assert f"({year})" in citation and f"version {version}" in citation.lower()


@pytest.mark.parametrize("formats", [["csv", "json"], ["svg", "json"]])
def test_json_lists_exactly_the_files_written(tmp_path, dataset, formats):
    result = export.export_charts(["broker-fees"], dataset=dataset, out_dir=tmp_path, formats=formats, echo=None)
    written = sorted(path.name for path in result.written)
    assert written == sorted(path.name for path in tmp_path.iterdir())
    assert json.loads((tmp_path / "broker-fees.json").read_bytes())["files"] == written


def test_a_failed_write_leaves_the_previous_data_files_and_no_temporary_file(tmp_path, dataset, monkeypatch):
    from nkarrivals import files

    export.export_charts(["arrivals-annual"], dataset=dataset, out_dir=tmp_path, formats=["csv", "json"], echo=None)
    (tmp_path / "arrivals-annual.json").write_bytes(b"previous version")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real_replace = files.os.replace

    def replace(source, target):
        if str(target).endswith(".json"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", replace)
    # How the failure is reported is the exporter's business; the files are this test's.
    with contextlib.suppress(OSError):
        export.export_charts(["arrivals-annual"], dataset=dataset, out_dir=tmp_path, formats=["csv", "json"], echo=None)
    after = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert after == before, "a file changed or a temporary file was left behind"


@pytest.mark.parametrize(
    "text, written",
    [
        ('=HYPERLINK("https://example.org")', '\'=HYPERLINK("https://example.org")'),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("-", "'-"),
        ("1999–2001", "1999–2001"),
        ("~1998", "~1998"),
        ("a=b", "a=b"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e5", "-1e5"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_get_a_leading_quote(text, written):
    assert sidecars.escape_cell(text) == written


def test_negative_numbers_stay_numbers_and_formula_text_is_escaped_in_the_csv():
    frame = pd.DataFrame(
        {
            "low": pd.array([-12.5, 3.0, None], dtype="Float64"),
            "year": pd.array([-1, 2020, None], dtype="Int64"),
            "route": ["=1+1", "-x", "@here"],
            "source_id": ["A", "B", "C"],
        }
    )
    rows = _rows(sidecars.data_csv(frame, "en"))
    assert rows[1:] == [["-12.5", "-1", "'=1+1", "A"], ["3", "2020", "'-x", "B"], ["", "", "'@here", "C"]]


def _cells_starting_a_formula(content: bytes) -> list[str]:
    cells = [cell for row in _rows(content) for cell in row]
    return [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not re.fullmatch(r"-?[0-9.]+", cell)]


INJECTION = '=HYPERLINK("https://example.org")'


def test_period_label_starting_with_equals_is_escaped_in_csv(data_copy):
    quoted = '"' + INJECTION.replace('"', '""') + '"'
    replace_in(data_copy / "arrivals.csv", "1999–2001,1999,2001", f"{quoted},1999,2001")
    chart = export.build_chart("arrivals-annual", data.load_dataset(data_copy))
    content = sidecars.files(chart, ["csv"])["csv"]
    assert _cells_starting_a_formula(content) == []
    assert "'" + INJECTION in [cell for row in _rows(content) for cell in row]


def test_event_label_starting_with_equals_is_escaped_in_csv(data_copy):
    quoted = '"' + INJECTION.replace('"', '""') + '"'
    replace_in(data_copy / "events.csv", "Sharp Eyes camera network (2020 target)", quoted)
    chart = export.build_chart("arrivals-annual", data.load_dataset(data_copy))
    content = sidecars.files(chart, ["csv"])["csv"]
    assert _cells_starting_a_formula(content) == []
    assert "'" + INJECTION in [cell for row in _rows(content) for cell in row]


def test_cli_format_csv_json_writes_only_the_data_files_and_alt_text(tmp_path, dataset, monkeypatch):
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 1)  # no forked helpers inside the test process
    assert cli.main(["export", "--only", "arrivals-by-sex", "--out", str(tmp_path), "--format", "csv,json"]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "arrivals-by-sex.csv",
        "arrivals-by-sex.json",
        "arrivals-by-sex.txt",
    ]


def test_default_export_formats_are_the_images_and_the_data_files():
    assert export.FORMATS == ("png", "svg", "pdf", "csv", "json")
    assert cli.build_parser().parse_args(["export"]).format == ["png", "svg", "pdf", "csv", "json"]


def test_an_unknown_format_is_refused_with_the_valid_ones_listed(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--out", str(tmp_path / "out"), "--format", "png,xlsx"])
    assert exit_.value.code == 2  # a usage error
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1
    assert "unknown format 'xlsx'; choose from png, svg, pdf, csv, json" in error
    assert "Traceback" not in error
    assert not (tmp_path / "out").exists()


def test_citation_reads_the_top_level_authors_of_citation_cff_not_those_of_its_references(tmp_path, monkeypatch):
    from nkarrivals import paths

    cff = tmp_path / "CITATION.cff"
    cff.write_text(
        'title: "A project"\nauthors:\n  - name: "First author"\n  - name: Second author\n'
        'version: 2.0.1\ndate-released: "2031-05-04"\nlicense: CC-BY-4.0\nreferences:\n'
        '  - type: data\n    authors:\n      - name: "Someone else"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "CITATION_FILE", cff)
    sidecars.citation_fields.cache_clear()
    try:
        assert sidecars.citation_fields() == {
            "title": "A project",
            "version": "2.0.1",
            "date-released": "2031-05-04",
            "license": "CC-BY-4.0",
            "authors": "First author; Second author",
        }
        cff.write_text('title: "A project"\nversion: 2.0.1\nlicense: CC-BY-4.0\n', encoding="utf-8")
        sidecars.citation_fields.cache_clear()
        with pytest.raises(ValueError, match=r"CITATION\.cff has no date-released, authors"):
            sidecars.citation_fields()
    finally:
        sidecars.citation_fields.cache_clear()
