"""Who arrives: MOU's profile tables (age, occupation, education, province of origin),
their facts and the arrivals-profile chart.

Expected values are computed from the CSV files (committed_csv), not copied from the
functions under test."""

import pytest
from committed_csv import read_csv_rows

from nkarrivals import data
from nkarrivals.analysis import facts, profiles
from nkarrivals.data.schema import PROFILE_CATEGORIES, PROFILE_GROUPS


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


# --- the tables and their facts ------------------------------------------------------------


def test_a_flagged_published_error_is_drawn_as_male_plus_female_and_marked(dataset):
    table = profiles.profile_table(dataset.profiles, "age_at_arrival", "2020-09", "MOU_STATS_CN")
    row = table.set_index("category").loc["40_49"]
    assert row["total"] == 5597, "the published figure stays in the table"
    assert row["total_used"] == row["male"] + row["female"] and bool(row["corrected"])
    assert not table.loc[table["category"] != "40_49", "corrected"].any()
    assert table["total_used"].sum() == table.attrs["table_total"]["total"]


def test_profile_shares_add_up_to_100_and_follow_the_category_order(dataset):
    for dimension in ("age_at_arrival", "occupation", "education"):
        table = profiles.profile_table(dataset.profiles, dimension)
        assert list(table["category"]) == list(PROFILE_CATEGORIES[dimension])
        assert table["share_pct"].sum() == pytest.approx(100)


def test_profile_table_defaults_to_the_latest_complete_snapshot(dataset):
    complete = [r for r in read_csv_rows("profiles.csv") if r["category"] == "total" and r["dimension"] == "occupation"]
    latest = max(complete, key=lambda r: r["as_of"])
    table = profiles.profile_table(dataset.profiles, "occupation")
    assert table.attrs["as_of"] == latest["as_of"] and table.attrs["source_id"] == latest["source_id"]


def test_a_dimension_with_partial_snapshots_only_has_no_profile_table(dataset):
    with pytest.raises(ValueError, match="no complete snapshot of 'province'"):
        profiles.profile_table(dataset.profiles, "province")


def test_profile_facts_largest_category_is_the_biggest_row(dataset):
    rows = [r for r in read_csv_rows("profiles.csv") if r["as_of"] == "2022-12" and r["category"] != "total"]
    found = facts.profile_facts(dataset)
    for dimension in ("age_at_arrival", "occupation", "education"):
        mine = [r for r in rows if r["dimension"] == dimension]
        top = max(mine, key=lambda r: int(r["total"]))
        latest = found.dimension(dimension).latest
        assert (latest.largest, latest.largest_count) == (top["category"], int(top["total"]))
        share = int(top["total"]) / sum(int(r["total"]) for r in mine) * 100
        assert latest.largest_share_pct == pytest.approx(share)


def test_profile_changes_compare_only_a_column_both_snapshots_give(dataset):
    found = facts.profile_facts(dataset)
    assert found.dimension("age_at_arrival").compared_column == "total"
    education = found.dimension("education")
    assert education.compared_column is None and education.changes == ()
    assert education.first.column == "male", "September 2020 gives men only"
    occupation = found.dimension("occupation")
    assert sum(c.change_points for c in occupation.changes) == pytest.approx(0)
    assert occupation.largest_change.category in {c.category for c in occupation.changes}


def test_profile_facts_list_every_flagged_published_error(dataset):
    flagged = [r for r in read_csv_rows("profiles.csv") if "Published error:" in r["note"]]
    errors = facts.profile_facts(dataset).published_errors
    assert len(errors) == len(flagged) >= 1
    assert all(r["total"] in e for r, e in zip(flagged, errors, strict=True))


def test_province_has_only_partial_figures(dataset):
    province = facts.profile_facts(dataset).dimension("province")
    assert province.snapshots == () and province.latest is None
    assert [p.as_of for p in province.partial] == ["2016", "2018-08"]
    assert not {p.category for p in province.partial} & set(PROFILE_GROUPS["province"]), "groups are not provinces"


# --- the arrivals-profile chart ---------------------------------------------------------------


def test_profile_chart_draws_men_and_women_as_published_and_names_the_published_error(dataset, english):
    chart = english["arrivals-profile"]
    error = facts.profile_facts(dataset).errors[0]
    rows = chart.data[
        (chart.data["dimension"] == error.dimension)
        & (chart.data["group"] == error.category)
        & (chart.data["as_of"] == error.as_of)
    ].set_index("series")
    assert (rows.loc["men", "people"], rows.loc["women", "people"]) == (error.male, error.female)
    assert f"{error.published_total:,}" in chart.note and f"{error.male + error.female:,}" in chart.note


def test_profile_shares_of_each_sex_add_up_to_a_hundred(english):
    shares = english["arrivals-profile"].data.dropna(subset=["share_pct"])
    for (dimension, series), group in shares.groupby(["dimension", "series"]):
        assert group["share_pct"].sum() == pytest.approx(100), (dimension, series)


def test_profile_origin_is_drawn_in_people_and_marked_partial(dataset, english):
    chart = english["arrivals-profile"]
    origin = chart.data[chart.data["dimension"] == "province"]
    assert origin["share_pct"].isna().all()  # no total: no share is computed
    table = dataset.profiles
    partial = table[
        (table["dimension"] == "province")
        & table["total"].notna()
        & ~table["category"].isin(PROFILE_GROUPS["province"])
    ]
    assert sorted(origin["people"]) == sorted(partial["total"])
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes]
    assert "Province of origin (partial figures)" in titles
