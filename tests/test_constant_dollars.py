"""Broker fees in constant dollars: the US CPI-U in rates.csv, fees.real_usd, the fee facts,
the article's fee claim restated, and the broker-fees-real chart.

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
    low, high = fees.usd_range(found.last)
    factor = index[max(index)] / index[int(found.last["period_end"])]
    assert found.last_real == pytest.approx((low * factor, high * factor))
    assert found.highest_real_usd == pytest.approx(found.real[["low_real_usd", "high_real_usd"]].max().max())


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


# --- the broker-fees-real chart ---------------------------------------------------------------


def test_constant_dollar_chart_draws_real_usd_and_names_the_price_base(dataset, english):
    chart = english["broker-fees-real"]
    real = fees.real_usd(fees.dated_fees(dataset.broker_fees), dataset.rates)
    base = int(real["base_year"].iloc[0])
    drawn = chart.data[chart.data["layer"] == "series"]
    for column in ("low_real_usd", "high_real_usd"):
        assert drawn[column].reset_index(drop=True).equals(real[column].astype(float)), column
    assert f"US dollars of {base} (US CPI-U)" in chart.subtitle
    cpi_sources = set(dataset.rates.loc[dataset.rates["series"] == CPI_SERIES, "source_id"])
    assert cpi_sources <= set(chart.source_ids)
