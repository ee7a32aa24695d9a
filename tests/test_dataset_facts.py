"""The dataset against facts published by MOU and checked in our research."""

import json

import pandas as pd
import pytest

from nkarrivals import cli, data, paths
from nkarrivals.data import datapackage
from nkarrivals.data.schema import ROUTES, TABLES


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


# MOU's published cumulative totals: everyone who had arrived by the end of a year, as
# (total, men, women), None where the source gives no split. A release adds its row; the
# sources are in data/sources.csv and data/README.md ("Reconciliation").
MOU_CUMULATIVE = {
    2022: (33882, 9510, 24372),  # DATASOM_2023
    2023: (34078, None, None),  # SEDAILY_2024_01
    2024: (34314, 9568, 24746),  # SEDAILY_2025
    2025: (34537, 9593, 24944),  # NEWSIS_2026, corrected on 4 February 2026
}


@pytest.mark.parametrize("year", sorted(MOU_CUMULATIVE))
def test_periods_sum_to_mous_cumulative_total(dataset, year):
    up_to = dataset.arrivals[dataset.arrivals["last_year"] <= year]
    assert up_to["last_year"].max() == year, f"arrivals.csv has no row for {year}"
    for column, published in zip(("total", "male", "female"), MOU_CUMULATIVE[year], strict=True):
        if published is not None:
            assert up_to[column].sum() == published, column


def test_revised_figures_are_used_not_first_releases(dataset):
    totals = dataset.arrivals.set_index("period")["total"]
    assert (totals["2009"], totals["2010"], totals["2011"]) == (2914, 2402, 2706)
    revised = dataset.revisions.set_index("period")
    assert revised.loc["2009", "superseded_total"] == 2927
    assert "2927" in dataset.arrivals.set_index("period").loc["2009", "note"]
    for period, row in revised.iterrows():
        assert totals[period] == row["revised_total"] != row["superseded_total"], period


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
    for needed in ("closes its border", "real-name train", "sharp eyes", "face-scan", "crackdown", "sent back"):
        assert needed in labels
    assert set(dataset.events["category"]) == {"covid", "surveillance", "border-control", "repatriation", "politics"}


def test_report_dated_controls_are_periods_from_2020(dataset):
    events = dataset.events.set_index("label")
    for label in ("Face-recognition border cameras", "New fences and guard posts"):
        row = events.loc[label]
        assert row["start"] == "2020" and pd.notna(row["end"]), label
        assert row["reported_on"] > row["start"], label


def test_the_covid_closure_has_a_partial_reopening_still_in_force(dataset):
    covid = dataset.events[(dataset.events["category"] == "covid") & dataset.events["end"].notna()]
    assert list(covid["start"]) == ["2020-01-22", "2023-08-26"]
    assert list(covid["end"]) == ["2023-08-26", "ongoing"]


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
    events.write_text(events.read_text(encoding="utf-8").replace("IRRAWADDY_2020", "IRRAWADDY_X"), encoding="utf-8")
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in json.dumps(report.to_dict())


def test_data_readme_documents_every_column():
    from nkarrivals.data import datapackage

    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert datapackage.data_dictionary() in readme, "run `nkarrivals datapackage` to regenerate the data dictionary"
    for table in datapackage.TABLES.values():
        for spec in table.fields:
            assert f"| `{spec.name}` |" in readme, f"{table.filename}: {spec.name}"


def test_cli_validate_reports_ok_and_exits_0(capsys):
    status = cli.main(["validate"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert printed.out.startswith(f"OK: {len(TABLES)} tables valid")


def test_cli_validate_lists_problems_and_exits_1(data_copy, capsys):
    arrivals = data_copy / "arrivals.csv"
    arrivals.write_text(
        arrivals.read_text(encoding="utf-8").replace("662,2252,2914", "662,2252,2915"), encoding="utf-8"
    )
    status = cli.main(["validate", "--data-dir", str(data_copy)])
    assert status == 1
    assert "arrivals.csv:11: column 'total': '2915' does not equal male + female" in capsys.readouterr().err


def test_early_single_years_reconcile_with_the_mou_bucket(dataset):
    early = dataset.early_years.set_index("year")["total"]
    bucket = dataset.arrivals.set_index("period").loc["1999–2001", "total"]
    assert early.loc[1999:2001].sum() == bucket


def test_unhcr_totals_match_the_known_release_figures(dataset):
    totals = dataset.unhcr.groupby("year")[["refugees", "asylum_seekers"]].sum()
    assert tuple(totals.loc[2016]) == (1419, 526)
    assert tuple(totals.loc[2025]) == (263, 45)
    peaks = dataset.unhcr.set_index(["year", "country_of_asylum"])["refugees"]
    assert (peaks.loc[(2013, "GBR")], peaks.loc[(2016, "CAN")]) == (630, 485)
    assert peaks.xs("GBR", level=1).idxmax() == 2013 and peaks.xs("CAN", level=1).idxmax() == 2016


def test_south_korea_never_appears_as_a_country_of_asylum(dataset):
    # data/README.md explains why; if UNHCR ever lists KOR, that text must change.
    assert "KOR" not in set(dataset.unhcr["country_of_asylum"])


def test_unhcr_rows_cite_the_release_they_come_from(dataset):
    assert set(dataset.unhcr["source_id"]) == {"UNHCR_REFUGEES_2025_12"}
    source = dataset.sources.set_index("id").loc["UNHCR_REFUGEES_2025_12"]
    assert "2025.12.1" in source["title"] and "CC BY 4.0" in source["note"]
    assert source["publisher_ko"] == "유엔난민기구(UNHCR)"


def test_2001_by_sex_is_the_early_nis_count(dataset):
    early = dataset.early_years.set_index("year")
    assert tuple(early.loc[2001, ["male", "female", "total"]]) == (295, 288, 583)
    assert early.loc[2001, "source_id"] == "HANKYUNG_2002_01"


def test_corrected_quarters_cite_the_sources_that_give_them(dataset):
    quarters = dataset.quarterly.set_index(["year", "quarter"])
    assert set(quarters.loc[2021, "source_id"]) == {"NEWSPIM_2022_07"}
    assert tuple(quarters.loc[(2023, 2), ["male", "female", "total", "derived"]]) == (18, 47, 65, False)
    assert tuple(quarters.loc[(2023, 3), ["male", "female", "total", "source_id"]]) == (3, 37, 40, "KTV_2023_10")
    assert tuple(quarters.loc[(2023, 4), ["male", "female", "derived"]]) == (6, 51, True)


def _recomputed_totals(dataset, table: str) -> dict[tuple[int, int], set[int]]:
    """Each period's total as the other tables give it: a sum of its quarters, its half minus
    the other quarter, its year minus the other periods of the year."""
    quarters = dataset.quarterly.set_index(["year", "quarter"])["total"].to_dict()
    halves = dataset.halfyear.set_index(["year", "half"])["total"].to_dict()
    years = dataset.arrivals[dataset.arrivals["first_year"] == dataset.arrivals["last_year"]]
    years = dict(zip(years["last_year"], years["total"], strict=True))
    found: dict[tuple[int, int], set[int]] = {}
    if table == "quarterly":
        for year, quarter in quarters:
            ways = found.setdefault((year, quarter), set())
            half, other = (quarter + 1) // 2, quarter + 1 if quarter % 2 else quarter - 1
            if (year, half) in halves and (year, other) in quarters:
                ways.add(halves[(year, half)] - quarters[(year, other)])
            others = [quarters.get((year, q)) for q in range(1, 5) if q != quarter]
            if year in years and None not in others:
                ways.add(years[year] - sum(others))
    else:
        for year, half in halves:
            ways = found.setdefault((year, half), set())
            pair = [quarters.get((year, 2 * half - 1)), quarters.get((year, 2 * half))]
            if None not in pair:
                ways.add(sum(pair))
            if year in years and (year, 3 - half) in halves:
                ways.add(years[year] - halves[(year, 3 - half)])
    return found


@pytest.mark.parametrize("table", ["quarterly", "halfyear"])
def test_a_computed_total_is_a_sum_or_difference_of_the_other_tables(dataset, table):
    rows = dataset.quarterly if table == "quarterly" else dataset.halfyear
    period = "quarter" if table == "quarterly" else "half"
    recomputed = _recomputed_totals(dataset, table)
    computed = rows[rows["total_derived"]]
    assert not computed.empty
    for _, row in computed.iterrows():
        key = (int(row["year"]), int(row[period]))
        assert row["derived"], key
        assert int(row["total"]) in recomputed[key], (key, recomputed[key])


def test_quarters_derived_for_their_men_and_women_keep_the_total_mou_published(dataset):
    # The design review of December 2026 found 2020 Q2 and 2023 Q4 hatched as "derived" though
    # their totals were published: only their split by sex was computed.
    quarters = dataset.quarterly.set_index(["year", "quarter"])
    for key, total in (((2020, 2), 12), ((2023, 4), 57)):
        assert tuple(quarters.loc[key, ["total", "derived", "total_derived"]]) == (total, True, False), key
    halves = dataset.halfyear.set_index(["year", "half"])
    for key in ((2023, 1), (2024, 1)):  # totals announced by MOU; men and women from the quarters
        assert tuple(halves.loc[key, ["derived", "total_derived"]]) == (True, False), key


def test_half_years_run_without_a_gap_from_2019_to_the_latest_published_half(dataset):
    halves = list(zip(dataset.halfyear["year"], dataset.halfyear["half"], strict=True))
    assert halves[0] == (2019, 1)
    (last_year, last_half) = halves[-1]
    assert halves[-1] == max(halves), "the last row is the latest half"
    assert len(halves) == 2 * (last_year - 2019) + last_half, "no half-year is missing"


def test_2025_h2_is_the_corrected_year_minus_the_first_half(dataset):
    halves = dataset.halfyear.set_index(["year", "half"])
    row = halves.loc[(2025, 2)]
    assert (row["male"], row["female"], row["total"], row["derived"]) == (17, 110, 127, True)


def test_corrected_source_dates_record_original_and_reprint(dataset):
    sources = dataset.sources.set_index("id")
    assert sources.loc["SEDAILY_2025", "published"] == "2025-02-04"
    assert "22 June 2023" in sources.loc["RFA_2023_06", "note"] and "23 June 2023" in sources.loc["RFA_2023_06", "note"]
