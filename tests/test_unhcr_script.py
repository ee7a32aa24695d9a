"""scripts/unhcr_dprk_origin.py, without UNHCR's package: its rules on a small made-up table,
and the committed CSV written back through it unchanged."""

import importlib.util
import math

import pandas as pd
import pytest

from nkarrivals import paths

SCRIPT = paths.DATA_DIR.parent / "scripts" / "unhcr_dprk_origin.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("unhcr_dprk_origin", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def population(*rows):
    return pd.DataFrame(rows, columns=["year", "coo_iso", "coa_iso", "refugees", "asylum_seekers"])


def test_only_dprk_origin_rows_are_kept_sorted_by_year_and_country(script):
    table = population(
        (2016.0, "PRK", "GBR", 5.0, 0.0),
        (2016.0, "AFG", "DEU", 9.0, 1.0),
        (2015.0, "PRK", "CAN", 10.0, 20.0),
        (2016.0, "PRK", "CAN", 485.0, 0.0),
    )
    rows, dropped = script.extract(table)
    assert rows == [(2015, "CAN", 10, 20), (2016, "CAN", 485, 0), (2016, "GBR", 5, 0)]
    assert dropped == 0


def test_rows_with_neither_refugees_nor_asylum_seekers_are_left_out_and_counted(script):
    rows, dropped = script.extract(population((2016.0, "PRK", "GBR", 0.0, 0.0), (2016.0, "PRK", "CAN", 1.0, 0.0)))
    assert rows == [(2016, "CAN", 1, 0)] and dropped == 1


def test_a_missing_count_stops_the_extraction_instead_of_becoming_zero(script):
    with pytest.raises(script.ExtractionError, match="asylum_seekers is NA"):
        script.extract(population((2016.0, "PRK", "GBR", 5.0, math.nan)))


@pytest.mark.parametrize("country", ["UK", "gbr", None])
def test_a_country_that_is_not_an_iso_alpha_3_code_stops_the_extraction(script, country):
    with pytest.raises(script.ExtractionError, match="not an ISO 3166 alpha-3 code"):
        script.extract(population((2016.0, "PRK", country, 5.0, 0.0)))


def test_a_country_listed_twice_in_a_year_stops_the_extraction(script):
    with pytest.raises(script.ExtractionError, match="GBR appears twice"):
        script.extract(population((2016.0, "PRK", "GBR", 5.0, 0.0), (2016.0, "PRK", "GBR", 6.0, 0.0)))


def test_a_fractional_count_stops_the_extraction(script):
    with pytest.raises(script.ExtractionError, match="not a whole number"):
        script.extract(population((2016.0, "PRK", "GBR", 5.5, 0.0)))


def test_another_release_is_refused_with_one_line(script, tmp_path, capsys):
    (tmp_path / "DESCRIPTION").write_text("Package: refugees\nVersion: 2026.6.0\n", encoding="utf-8")
    assert script.main(["--package", str(tmp_path), "--out", str(tmp_path / "out.csv")]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "package version is 2026.6.0, expected 2025.12.1" in error
    assert not (tmp_path / "out.csv").exists()


def test_committed_csv_is_exactly_what_the_script_writes_for_its_rows(script, tmp_path):
    committed = paths.DATA_DIR / "unhcr_dprk_origin.csv"
    table = pd.read_csv(committed, keep_default_na=False)
    assert set(table["source_id"]) == {script.SOURCE_ID}
    rows = [(int(r.year), r.country_of_asylum, int(r.refugees), int(r.asylum_seekers)) for r in table.itertuples()]
    assert rows == sorted(rows)
    rewritten = tmp_path / "unhcr_dprk_origin.csv"
    script.write_csv(rows, script.SOURCE_ID, rewritten)
    assert rewritten.read_bytes() == committed.read_bytes()
