"""Broker fees in constant dollars: the US CPI-U in rates.csv, fees.real_usd, the fee facts,
the article's fee claim restated, and why there is no constant-dollar chart.

Expected values are computed from the CSV files (committed_csv), not copied from the
functions under test."""

import pandas as pd
import pytest
from committed_csv import read_csv_rows
from conftest import replace_in

from nkarrivals import data
from nkarrivals.analysis import facts, fees
from nkarrivals.data.schema import CPI_SERIES
from nkarrivals.output import claims


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def cpi_from_file() -> dict[int, float]:
    return {int(r["year"]): float(r["value"]) for r in read_csv_rows("rates.csv") if r["series"] == "us_cpi_u"}


# --- fees.real_usd ----------------------------------------------------------------------------


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


# --- the fee facts and the article's claim ----------------------------------------------------


def test_fee_facts_name_the_price_base_and_its_caveat(dataset):
    found = facts.fee_facts(dataset)
    index = cpi_from_file()
    assert found.price_base_year == max(index)
    caveat = next(
        r["note"] for r in read_csv_rows("rates.csv") if r["series"] == "us_cpi_u" and int(r["year"]) == max(index)
    )
    assert found.price_base_note == caveat
    assert found.highest_real_usd == pytest.approx(found.real[["low_real_usd", "high_real_usd"]].max().max())


def test_the_headline_rise_in_constant_dollars_uses_the_same_reports(dataset):
    found = facts.fee_facts(dataset)
    index = cpi_from_file()
    for nominal, real in ((found.rise.early, found.rise_real.early), (found.rise.later, found.rise_real.later)):
        assert list(real.figures.index) == list(nominal.figures.index)
        # every figure scaled by the CPI of its year: the median moves by at most the largest factor
        factors = [index[found.price_base_year] / index[int(y)] for y in nominal.figures["period_end"]]
        assert min(factors) * nominal.median_usd <= real.median_usd + 1e-6
        assert real.median_usd <= max(factors) * nominal.median_usd + 1e-6


def test_the_price_rise_the_fee_chart_states_is_the_cpi_over_the_headline_years(dataset):
    found = facts.fee_facts(dataset)
    index = cpi_from_file()
    first, last = found.price_years
    assert (first, last) == (found.rise.early.first_year, found.rise.later.last_year)
    assert found.price_rise_pct == pytest.approx((index[last] / index[first] - 1) * 100)


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


# --- no constant-dollar chart ----------------------------------------------------------------


def test_constant_dollars_move_no_fee_mark_by_more_than_a_quarter_of_a_decade(dataset):
    # Why broker-fees-real was retired: on the log axis, deflating shifts each mark by log10 of
    # its CPI factor, and the marks relative to each other by less still.
    import math

    real = fees.real_usd(fees.dated_fees(dataset.broker_fees), dataset.rates)
    shifts = [math.log10(float(f)) for f in real["cpi_factor"]]
    assert max(shifts) < 0.25
    assert max(shifts) - min(shifts) < 0.25


def test_the_retired_chart_name_points_to_its_replacement(dataset):
    from nkarrivals import charts

    assert "broker-fees-real" not in charts.CHARTS
    with pytest.raises(charts.UnknownChartError, match="no longer made; use 'broker-fees'"):
        charts.build_chart("broker-fees-real", dataset)


def test_the_fee_chart_cites_the_price_index_it_states(dataset, english):
    chart = english["broker-fees"]
    found = facts.fee_facts(dataset)
    first, last = found.price_years
    assert f"US prices rose about {found.price_rise_pct:.0f}% between {first} and {last}" in chart.subtitle
    cpi_sources = set(dataset.rates.loc[dataset.rates["series"] == CPI_SERIES, "source_id"])
    assert cpi_sources <= set(chart.source_ids)
