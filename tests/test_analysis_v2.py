"""The analysis layer for half-years, profiles, protection abroad and constant dollars.

Expected values are computed here from the CSV files with the csv module or plain pandas,
not copied from the functions under test."""

import csv

import pandas as pd
import pytest
import release
from conftest import replace_in

from nkarrivals import analysis, data, paths
from nkarrivals.analysis import abroad, facts, fees, profiles
from nkarrivals.output import claims
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def read_csv_rows(name: str) -> list[dict[str, str]]:
    with open(paths.DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cpi_from_file() -> dict[int, float]:
    return {int(r["year"]): float(r["value"]) for r in read_csv_rows("rates.csv") if r["series"] == "us_cpi_u"}


# Half-years


def test_half_start_puts_h1_at_the_start_of_the_year_and_h2_half_way():
    frame = pd.DataFrame({"year": [2024, 2024], "half": [1, 2]})
    assert list(analysis.half_start(frame)) == [2024.0, 2024.5]


def test_half_labels_in_english_and_korean():
    assert i18n.half_label(2025, 2, "en") == "H2 2025"
    assert i18n.half_label(2025, 1, "ko") == "2025년 상반기"
    with pytest.raises(ValueError, match="half must be 1 or 2"):
        i18n.half_label(2025, 3, "en")


def test_halfyear_series_spans_each_half_and_leaves_unpublished_shares_blank(dataset):
    series = analysis.halfyear_series(dataset.halfyear)
    assert (series["end"] - series["start"] == 0.5).all()
    assert list(series["start"]) == sorted(series["start"])
    no_split = series["female"].isna()
    assert series.loc[no_split, "female_share_pct"].isna().all()
    shown = series[~no_split]
    assert (shown["female_share_pct"] == shown["female"] / shown["total"] * 100).all()
    last = dataset.halfyear.iloc[-1]
    assert (series.iloc[-1]["year"], series.iloc[-1]["half"]) == (last["year"], last["half"])


def test_halfyear_facts_latest_half_against_the_same_half_of_the_first_year(dataset):
    rows = read_csv_rows("arrivals_halfyear.csv")
    last = max(rows, key=lambda r: (int(r["year"]), int(r["half"])))
    first_year = min(int(r["year"]) for r in rows)
    baseline = next(r for r in rows if int(r["year"]) == first_year and r["half"] == last["half"])
    found = facts.halfyear_facts(dataset)
    assert (found.last.year, found.last.half, found.last.total) == (
        int(last["year"]),
        int(last["half"]),
        int(last["total"]),
    )
    assert (found.baseline.year, found.baseline.total) == (first_year, int(baseline["total"]))
    expected = (int(last["total"]) - int(baseline["total"])) / int(baseline["total"]) * 100
    assert found.change_from_baseline_pct == pytest.approx(expected)


def test_halfyear_facts_lowest_and_highest_are_the_extreme_halves(dataset):
    rows = read_csv_rows("arrivals_halfyear.csv")
    found = facts.halfyear_facts(dataset)
    assert found.lowest.total == min(int(r["total"]) for r in rows)
    assert found.highest.total == max(int(r["total"]) for r in rows)
    assert found.derived_count == sum(r["derived"] == "true" for r in rows)


def test_halfyear_facts_covid_halves_bracket_the_start_of_the_closure(dataset):
    found = facts.halfyear_facts(dataset)
    start = analysis.covid_start(dataset.events)
    assert found.last_before_covid.start + 0.5 <= start < found.first_of_closure.start
    assert found.first_of_closure.start - found.last_before_covid.start <= 1.0
    reopening = analysis.covid_stages(dataset.events)[1].start
    assert found.first_after_reopening.start - 0.5 < reopening <= found.first_after_reopening.start


def test_a_new_half_year_becomes_the_latest(data_copy, monkeypatch):
    first_year = min(int(r["year"]) for r in read_csv_rows("arrivals_halfyear.csv"))
    year, half, clock = release.add_next_half(data_copy, male=9, female=91)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    found = facts.halfyear_facts(data.load_dataset(data_copy))
    assert (found.last.year, found.last.half, found.last.total) == (year, half, 100)
    assert (found.baseline.year, found.baseline.half) == (first_year, half)
    assert found.last.female_share_pct == pytest.approx(91.0)


# Profiles


def test_a_flagged_published_error_is_drawn_as_male_plus_female_and_marked(dataset):
    table = profiles.profile_table(dataset.profiles, "age_at_arrival", "2020-09", "MOU_STATS_CN")
    row = table.set_index("category").loc["40_49"]
    assert row["total"] == 5597, "the published figure stays in the table"
    assert row["total_used"] == row["male"] + row["female"] and bool(row["corrected"])
    assert not table.loc[table["category"] != "40_49", "corrected"].any()
    assert table["total_used"].sum() == table.attrs["table_total"]["total"]


def test_profile_shares_add_up_to_100_and_follow_the_category_order(dataset):
    from nkarrivals.data.schema import PROFILE_CATEGORIES

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
    from nkarrivals.data.schema import PROFILE_GROUPS

    province = facts.profile_facts(dataset).dimension("province")
    assert province.snapshots == () and province.latest is None
    assert [p.as_of for p in province.partial] == ["2016", "2018-08"]
    assert not {p.category for p in province.partial} & set(PROFILE_GROUPS["province"]), "groups are not provinces"


# Protection abroad


def unhcr_totals() -> dict[int, int]:
    totals: dict[int, int] = {}
    for r in read_csv_rows("unhcr_dprk_origin.csv"):
        totals[int(r["year"])] = totals.get(int(r["year"]), 0) + int(r["refugees"]) + int(r["asylum_seekers"])
    return totals


def single_year_arrivals() -> dict[int, int]:
    return {
        int(r["last_year"]): int(r["total"]) for r in read_csv_rows("arrivals.csv") if r["first_year"] == r["last_year"]
    }


def test_protection_abroad_peak_and_latest_year(dataset):
    totals = unhcr_totals()
    found = facts.protection_abroad_facts(dataset)
    assert (found.peak_year, found.peak) == max(totals.items(), key=lambda item: item[1])
    assert (found.latest_year, found.latest) == max(totals.items())
    assert found.peak == found.peak_refugees + found.peak_asylum_seekers
    assert (found.refugees_peak_year, found.refugees_peak) == (2016, 1419), "UNHCR's published 2016 figure"


def test_host_countries_are_ranked_by_their_peak_year_not_by_a_sum_over_years(dataset):
    rows = read_csv_rows("unhcr_dprk_origin.csv")
    peak: dict[str, int] = {}
    for r in rows:
        peak[r["country_of_asylum"]] = max(
            peak.get(r["country_of_asylum"], 0), int(r["refugees"]) + int(r["asylum_seekers"])
        )
    hosts = facts.protection_abroad_facts(dataset).top_hosts
    assert [h.peak for h in hosts] == sorted(peak.values(), reverse=True)[:5]
    assert next(h.country for h in hosts) == max(peak, key=peak.get)
    table = abroad.host_countries(dataset.unhcr)
    assert len(table) == len(peak) and table["peak"].is_monotonic_decreasing


def test_abroad_and_arrivals_are_compared_over_the_same_years(dataset):
    totals = unhcr_totals()
    arrivals = single_year_arrivals()
    found = facts.protection_abroad_facts(dataset)
    window = found.since_pre_covid
    assert window.first_year == analysis.last_year_before_covid(dataset.events)
    assert window.last_year == max(set(totals) & set(arrivals))
    assert (window.abroad_first, window.abroad_last) == (totals[window.first_year], totals[window.last_year])
    assert (window.arrivals_first, window.arrivals_last) == (arrivals[window.first_year], arrivals[window.last_year])
    assert window.abroad_change_pct == pytest.approx((totals[window.last_year] / totals[window.first_year] - 1) * 100)
    peak_year = max(arrivals, key=arrivals.get)
    assert found.since_arrivals_peak.first_year == peak_year


def test_years_when_the_number_abroad_rose_as_arrivals_fell(dataset):
    totals = unhcr_totals()
    arrivals = single_year_arrivals()
    expected = tuple(
        y
        for y in sorted(set(totals) & set(arrivals))
        if y - 1 in totals and y - 1 in arrivals and totals[y] > totals[y - 1] and arrivals[y] < arrivals[y - 1]
    )
    assert facts.protection_abroad_facts(dataset).rose_as_arrivals_fell == expected


def test_a_year_missing_from_unhcr_is_not_a_zero(dataset):
    totals = abroad.yearly_totals(dataset.unhcr)
    assert 1997 not in totals.index
    assert 1997 not in abroad.abroad_and_arrivals(dataset.unhcr, dataset.arrivals).index


# Constant dollars


def test_real_usd_defaults_to_the_latest_cpi_year_and_scales_by_period_end(dataset):
    index = cpi_from_file()
    real = fees.real_usd(dataset.broker_fees, dataset.rates)
    base = max(index)
    assert set(real["base_year"]) == {base}
    dated = real[real["period_end"].notna()]
    for _, row in dated.iterrows():
        factor = index[base] / index[int(row["period_end"])]
        for nominal, constant in (("low_usd", "low_real_usd"), ("high_usd", "high_real_usd")):
            if pd.isna(row[nominal]):
                assert pd.isna(row[constant])
            else:
                assert row[constant] == pytest.approx(row[nominal] * factor)


def test_real_usd_leaves_reports_without_years_blank(dataset):
    real = fees.real_usd(dataset.broker_fees, dataset.rates)
    undated = real[real["period_end"].isna()]
    assert not undated.empty
    assert undated["low_real_usd"].isna().all() and undated["high_real_usd"].isna().all()


def test_reports_of_the_base_year_keep_their_dollars(dataset):
    real = fees.real_usd(dataset.broker_fees, dataset.rates, base_year=2023)
    same = real[real["period_end"] == 2023]
    assert not same.empty
    assert (same["low_real_usd"].fillna(-1) == same["low_usd"].fillna(-1)).all()


def test_missing_cpi_for_a_report_year_is_named(dataset):
    rates = dataset.rates[~((dataset.rates["series"] == "us_cpi_u") & (dataset.rates["year"].isin([2006, 2010])))]
    with pytest.raises(ValueError, match="no us_cpi_u for 2006, 2010, the period_end of fee reports"):
        fees.real_usd(dataset.broker_fees, rates)


def test_base_year_without_cpi_is_refused(dataset):
    with pytest.raises(ValueError, match="no us_cpi_u for the base year 1999"):
        fees.real_usd(dataset.broker_fees, dataset.rates, base_year=1999)


def test_every_dated_fee_report_has_a_cpi_for_its_year(dataset):
    years = {int(y) for y in dataset.broker_fees["period_end"].dropna()}
    assert years <= set(cpi_from_file())


def test_fee_facts_name_the_price_base_and_its_caveat(dataset):
    found = facts.fee_facts(dataset)
    index = cpi_from_file()
    assert found.price_base_year == max(index)
    caveat = next(
        r["note"] for r in read_csv_rows("rates.csv") if r["series"] == "us_cpi_u" and int(r["year"]) == max(index)
    )
    assert found.price_base_note == caveat
    low, high = fees.usd_range(found.last)
    factor = index[max(index)] / index[int(found.last["period_end"])]
    assert found.last_real == pytest.approx((low * factor, high * factor))
    assert found.highest_real_usd == pytest.approx(found.real[["low_real_usd", "high_real_usd"]].max().max())


# The seed claim in constant dollars


def test_the_fee_claim_is_restated_in_dollars_of_the_latest_cpi_year(dataset):
    index = cpi_from_file()
    base = max(index)
    table = claims.article_claims(dataset)
    row = table[table["claim"].str.contains(f"restated in {base} dollars")].iloc[0]
    now_low, now_high = (amount * index[base] / index[2023] for amount in (10_000, 15_000))
    was_low, was_high = (2_000 * index[base] / index[year] for year in (2022, min(index)))
    said = row["what the data say"]
    for amount in (now_low, now_high, was_low, was_high):
        assert f"{amount:,.0f}" in said
    assert f"from {min(index)}" in said and "to 2022" in said, "the assumed years are stated"
    assert f"{now_low / was_high:.1f} to {now_high / was_low:.1f} times in constant dollars" in row["verdict"]
    assert "BLS_CPIU" in row["source"]


def test_the_constant_dollar_claim_follows_rates_csv(data_copy):
    replace_in(data_copy / "rates.csv", "2025,us_cpi_u,321.943,", "2025,us_cpi_u,330.000,")
    table = claims.article_claims(data.load_dataset(data_copy))
    said = table[table["claim"].str.contains("restated in 2025 dollars")].iloc[0]["what the data say"]
    assert f"{10_000 * 330 / 304.702:,.0f}" in said
