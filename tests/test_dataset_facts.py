"""The dataset against facts published by MOU and checked in our research."""

import json

import pandas as pd
import pytest

from nkarrivals import cli, data, datapackage, paths
from nkarrivals.schema import ROUTES, TABLES


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def test_periods_sum_to_the_cumulative_total_at_end_of_2025(dataset):
    # MOU, corrected 4 February 2026 (NEWSIS_2026): 34,537 = 9,593 men + 24,944 women.
    up_to_2025 = dataset.arrivals[dataset.arrivals["last_year"] <= 2025]
    assert up_to_2025["total"].sum() == 34537
    assert up_to_2025["male"].sum() == 9593
    assert up_to_2025["female"].sum() == 24944


@pytest.mark.parametrize("year, cumulative", [(2022, 33882), (2023, 34078), (2024, 34314)])
def test_intermediate_cumulative_totals_reconcile(dataset, year, cumulative):
    assert dataset.arrivals.loc[dataset.arrivals["last_year"] <= year, "total"].sum() == cumulative


def test_revised_figures_are_used_not_first_releases(dataset):
    totals = dataset.arrivals.set_index("period")["total"]
    assert (totals["2009"], totals["2010"], totals["2011"], totals["2025"]) == (2914, 2402, 2706, 223)
    revised = dataset.revisions.set_index("period")
    assert revised.loc["2009", "superseded_total"] == 2927
    assert "2927" in dataset.arrivals.set_index("period").loc["2009", "note"]


def test_mou_buckets_stay_single_rows(dataset):
    arrivals = dataset.arrivals
    single_year = (arrivals["first_year"] == arrivals["last_year"]).fillna(False)
    buckets = arrivals[~single_year]
    assert list(buckets["period"]) == ["~1998", "1999–2001"]
    assert pd.isna(buckets.iloc[0]["first_year"])


def test_loaders_return_typed_frames(dataset):
    assert str(dataset.arrivals["total"].dtype) == "int64"
    assert str(dataset.quarterly["male"].dtype) == "Int64"
    assert str(dataset.quarterly["derived"].dtype) == "boolean"
    assert str(dataset.broker_fees["low_usd"].dtype) == "Float64"
    assert str(dataset.sources["accessed"].dtype).startswith("datetime64")


def test_every_quarterly_year_with_four_quarters_matches_its_annual_total(dataset):
    annual = dataset.arrivals.set_index("last_year")["total"]
    complete = dataset.quarterly.groupby("year").filter(lambda g: len(g) == 4)
    assert not complete.empty
    for year, total in complete.groupby("year")["total"].sum().items():
        assert total == annual[year]


def test_broker_fees_cover_2006_to_2024_with_at_least_15_reports(dataset):
    fees = dataset.broker_fees
    assert len(fees) >= 15
    years = pd.concat([fees["period_start"], fees["period_end"]]).dropna()
    assert years.min() <= 2006 and years.max() >= 2024
    assert set(fees["route"]) == set(ROUTES), "every route segment has at least one report"


def test_events_include_the_required_annotations(dataset):
    labels = " ".join(dataset.events["label"]).lower()
    for needed in ("shuts border", "real-name train", "sharp eyes", "face-scan gates", "crackdown", "repatriates"):
        assert needed in labels
    assert len(dataset.events) >= 10


def test_committed_datapackage_is_up_to_date():
    committed = (paths.DATA_DIR / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.render(), "run `nkarrivals datapackage` and commit data/datapackage.json"


def test_datapackage_validates_with_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(paths.DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])


def test_frictionless_finds_a_dangling_source_id(data_copy):
    frictionless = pytest.importorskip("frictionless")
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("RFA_2023_10_12", "RFA_MISSING"), encoding="utf-8")
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in json.dumps(report.to_dict())


def test_data_readme_documents_every_column():
    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for resource in datapackage.build()["resources"]:
        assert f"`{resource['path']}`" in readme
        for column in resource["schema"]["fields"]:
            assert f"| `{column['name']}` |" in readme, f"{resource['path']}: {column['name']} undocumented"


def test_cli_validate_reports_ok_and_exits_0(capsys):
    status = cli.main(["validate"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert printed.out.startswith(f"OK: {len(TABLES)} tables valid")


def test_cli_validate_lists_problems_and_exits_1(data_copy, capsys):
    arrivals = data_copy / "arrivals.csv"
    arrivals.write_text(arrivals.read_text(encoding="utf-8").replace("662,2252,2914", "662,2252,2915"), encoding="utf-8")
    status = cli.main(["validate", "--data-dir", str(data_copy)])
    assert status == 1
    assert "arrivals.csv:11: column 'total': '2915' does not equal male + female" in capsys.readouterr().err


def test_early_single_years_reconcile_with_the_mou_bucket(dataset):
    early = dataset.early_years.set_index("year")["total"]
    bucket = dataset.arrivals.set_index("period").loc["1999–2001", "total"]
    assert early.loc[1999:2001].sum() == bucket
