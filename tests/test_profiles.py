"""Who arrives: MOU's profile tables (age, occupation, education, province of origin),
their facts and the arrivals-profile chart.

Expected values are computed from the CSV files (committed_csv), not copied from the
functions under test."""

import csv
import datetime as dt

import pytest
import release
from committed_csv import read_csv_rows

from nkarrivals import data, paths
from nkarrivals.analysis import facts, profiles
from nkarrivals.data.schema import PROFILE_CATEGORIES, PROFILE_GROUPS
from nkarrivals.output import export


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


def test_arrivals_by_the_end_of_a_year_sum_whole_periods_only(dataset):
    arrivals = read_csv_rows("arrivals.csv")
    year = max(int(r["last_year"]) for r in arrivals)
    assert profiles.arrived_by_end_of(dataset.arrivals, year)[0] == sum(int(r["total"]) for r in arrivals)
    assert profiles.arrived_by_end_of(dataset.arrivals, year + 1) is None, "beyond the table"
    straddled = next(r for r in arrivals if r["first_year"] and r["first_year"] != r["last_year"])
    assert profiles.arrived_by_end_of(dataset.arrivals, int(straddled["first_year"])) is None, "inside a period"


# --- the arrivals-profile chart ---------------------------------------------------------------


def _newest(rows: list[dict], dimension: str, column: str) -> str:
    """The newest date of a complete snapshot of `dimension` that gives `column`."""
    return max(r["as_of"] for r in rows if r["dimension"] == dimension and r["category"] == "total" and r[column])


def test_profile_pyramid_draws_men_and_women_of_the_newest_table_split_by_sex(english):
    rows = read_csv_rows("profiles.csv")
    as_of = _newest(rows, "age_at_arrival", "female")
    table = {r["category"]: r for r in rows if r["as_of"] == as_of and r["dimension"] == "age_at_arrival"}
    drawn = english["arrivals-profile"].data
    pyramid = drawn[drawn["dimension"] == "age_at_arrival"]
    assert set(pyramid["as_of"]) == {as_of} and set(pyramid["series"]) == {"men", "women"}
    for _, row in pyramid.iterrows():
        column = "male" if row["series"] == "men" else "female"
        assert row["people"] == int(table[row["group"]][column]), (row["group"], column)
    assert pyramid["share_pct"].sum() == pytest.approx(100)  # each bar's share of everyone in the table
    bars = sorted(abs(patch.get_width()) for patch in english["arrivals-profile"].figure.axes[0].patches)
    assert bars == pytest.approx(sorted(pyramid["people"])), "each bar is as long as its people, on one scale"


def test_profile_headline_names_the_two_neighbouring_age_groups_with_most_arrivals(english):
    rows = read_csv_rows("profiles.csv")
    as_of = _newest(rows, "age_at_arrival", "female")
    people = [
        int(r["male"]) + int(r["female"])
        for code in PROFILE_CATEGORIES["age_at_arrival"]
        for r in rows
        if (r["as_of"], r["dimension"], r["category"]) == (as_of, "age_at_arrival", code)
    ]
    pair = max(range(len(people) - 1), key=lambda i: people[i] + people[i + 1])
    share = (people[pair] + people[pair + 1]) / sum(people) * 100
    chart = english["arrivals-profile"]
    assert share > 50 and chart.title.startswith("More than half of arrivals were ") and len(chart.title) <= 70
    assert f"{share:.0f}%" in chart.alt_text, chart.alt_text
    low = PROFILE_CATEGORIES["age_at_arrival"][pair].split("_")[0]
    assert f"their {low}s" in chart.title or f"aged {low} " in chart.title, chart.title


def test_the_published_error_stays_out_of_the_chart_and_is_documented_in_the_data_readme(dataset, english):
    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for error in facts.profile_facts(dataset).errors:
        for figure in (error.published_total, error.male + error.female, error.male, error.female):
            assert f"{figure:,}" in readme, figure
        assert f"{error.published_total:,}" not in english["arrivals-profile"].note


def test_profile_share_panels_draw_everyone_in_the_newest_tables_with_totals(english):
    rows = read_csv_rows("profiles.csv")
    drawn = english["arrivals-profile"].data
    for dimension in ("occupation", "education"):
        as_of = _newest(rows, dimension, "total")
        shares = drawn[drawn["dimension"] == dimension]
        assert set(shares["as_of"]) == {as_of} and set(shares["series"]) == {"everyone"}
        assert shares["share_pct"].sum() == pytest.approx(100)
        table = {r["category"]: int(r["total"]) for r in rows if (r["as_of"], r["dimension"]) == (as_of, dimension)}
        assert dict(zip(shares["group"], shares["people"], strict=True)) == {
            c: n for c, n in table.items() if c != "total"
        }
    occupations = drawn[drawn["dimension"] == "occupation"]["share_pct"]
    assert occupations.is_monotonic_decreasing, "occupations largest first"
    education = list(drawn[drawn["dimension"] == "education"]["group"])
    assert education == [c for c in PROFILE_CATEGORIES["education"] if c in education], "levels in their order"


def test_province_share_is_a_derived_range_between_arrivals_to_the_ends_of_two_years(english):
    rows = [r for r in read_csv_rows("profiles.csv") if r["dimension"] == "province" and r["total"]]
    rows = [r for r in rows if r["category"] not in PROFILE_GROUPS["province"]]
    as_of = max(r["as_of"] for r in rows)
    named = sorted((r for r in rows if r["as_of"] == as_of), key=lambda r: -int(r["total"]))
    year = int(as_of[:4])
    arrivals = read_csv_rows("arrivals.csv")
    by_end = {y: sum(int(r["total"]) for r in arrivals if int(r["last_year"]) <= y) for y in (year - 1, year)}
    drawn = english["arrivals-profile"].data
    province = drawn[drawn["dimension"] == "province"]
    assert list(province["group"]) == [r["category"] for r in named] and set(province["as_of"]) == {as_of}
    assert province["share_pct"].isna().all(), "no total: no share is drawn as a figure"
    sums = drawn[drawn["derived"]]
    assert list(sums["people"]) == [by_end[year - 1], by_end[year]]
    low, high = int(named[0]["total"]) / by_end[year] * 100, int(named[0]["total"]) / by_end[year - 1] * 100
    texts = [t.get_text() for t in english["arrivals-profile"].figure.axes[1].texts]
    about = round((low + high) / 10) * 5
    if about - 2.5 <= low and high <= about + 2.5:
        assert f"About {about}% came from" in texts[0], texts
    assert "derived" in english["arrivals-profile"].note


def test_a_new_profile_snapshot_is_drawn_without_a_code_change(data_copy, monkeypatch):
    rows = read_csv_rows("profiles.csv")
    as_of = _newest(rows, "age_at_arrival", "female")
    source_id, published = "TEST_PROFILE", dt.date(2031, 1, 15)
    release.add_source(data_copy, source_id, published, release.clock_after(data_copy, published))
    monkeypatch.setenv("NKARRIVALS_TODAY", release.clock_after(data_copy, published).isoformat())
    added = []
    for r in rows:
        if (r["as_of"], r["dimension"]) != (as_of, "age_at_arrival"):
            continue
        male, female = int(r["male"]) + 10, int(r["female"]) + 30
        if r["category"] == "total":
            male, female = int(r["male"]) + 10 * 7, int(r["female"]) + 30 * 7
        added.append(["2030-12", "age_at_arrival", r["category"], male, female, male + female, source_id, ""])
    with open(data_copy / "profiles.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(added)
    chart = export.build_chart("arrivals-profile", data.load_dataset(data_copy))
    pyramid = chart.data[chart.data["dimension"] == "age_at_arrival"]
    assert set(pyramid["as_of"]) == {"2030-12"} and set(pyramid["source_id"]) == {source_id}
    assert "December 2030" in chart.subtitle
