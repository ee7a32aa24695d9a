"""Where else North Koreans seek protection: UNHCR's DPRK-origin refugees and
asylum-seekers, their facts and the protection-abroad chart.

Expected values are computed from the CSV files (committed_csv), not copied from the
functions under test."""

import pytest
from committed_csv import read_csv_rows

from nkarrivals import analysis, data
from nkarrivals.analysis import abroad, facts


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def unhcr_totals() -> dict[int, int]:
    totals: dict[int, int] = {}
    for r in read_csv_rows("unhcr_dprk_origin.csv"):
        totals[int(r["year"])] = totals.get(int(r["year"]), 0) + int(r["refugees"]) + int(r["asylum_seekers"])
    return totals


def single_year_arrivals() -> dict[int, int]:
    return {
        int(r["last_year"]): int(r["total"]) for r in read_csv_rows("arrivals.csv") if r["first_year"] == r["last_year"]
    }


# --- the facts ------------------------------------------------------------------------------


def test_protection_abroad_peak_and_latest_year(dataset):
    totals = unhcr_totals()
    found = facts.protection_abroad_facts(dataset)
    assert (found.peak_year, found.peak) == max(totals.items(), key=lambda item: item[1])
    assert (found.latest_year, found.latest) == max(totals.items())
    assert found.peak == found.peak_refugees + found.peak_asylum_seekers
    refugees: dict[int, int] = {}
    for row in read_csv_rows("unhcr_dprk_origin.csv"):
        refugees[int(row["year"])] = refugees.get(int(row["year"]), 0) + int(row["refugees"])
    assert (found.refugees_peak_year, found.refugees_peak) == max(
        refugees.items(), key=lambda item: (item[1], -item[0])
    )


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


# --- the protection-abroad chart ------------------------------------------------------------


def test_protection_abroad_totals_are_the_sum_over_countries_of_asylum(dataset, english):
    drawn = english["protection-abroad"].data
    totals = drawn[drawn["series"] == "all_countries"].set_index("year")
    summed = dataset.unhcr.groupby("year")[["refugees", "asylum_seekers"]].sum()
    assert list(totals.index) == list(summed.index)  # a year without rows (1997) is not drawn as zero
    assert (totals["refugees"].astype(int) == summed["refugees"]).all()
    assert (totals["asylum_seekers"].astype(int) == summed["asylum_seekers"]).all()


def test_protection_abroad_draws_the_hosts_with_the_highest_year_end_peaks(dataset, english):
    chart = english["protection-abroad"]
    hosts = abroad.host_countries(dataset.unhcr).head(5)
    drawn = chart.data[chart.data["series"] == "country"]
    assert list(dict.fromkeys(drawn["country_of_asylum"])) == list(hosts["country_of_asylum"])
    peaks = drawn.groupby("country_of_asylum")["refugees_and_asylum_seekers"].max()
    assert (peaks[hosts["country_of_asylum"]].to_numpy() == hosts["peak"].to_numpy()).all()
    assert "KOR" not in set(dataset.unhcr["country_of_asylum"])
    assert "South Korea is not a country of asylum" in chart.note


def test_the_fall_abroad_began_before_the_covid_closure_so_the_chart_has_no_covid_shading(dataset, english):
    # Why the chart shades no COVID-19 closure: the number abroad peaked, and began to fall,
    # years before it (the December 2026 design review).
    totals = unhcr_totals()
    peak_year = max(totals, key=totals.get)
    fall = min(year for year in totals if year > peak_year and totals[year] < totals[peak_year])
    assert facts.protection_abroad_facts(dataset).fall_began == fall
    assert fall < int(analysis.covid_start(dataset.events))
    chart = english["protection-abroad"]
    assert not any(ax.patches for ax in chart.figure.axes), "no shaded band"
    assert "COVID" not in chart.note + chart.alt_text


def test_protection_abroad_stocks_stand_at_the_end_of_their_year(english):
    chart = english["protection-abroad"]
    years = {int(r["year"]) for r in read_csv_rows("unhcr_dprk_origin.csv")}
    for ax in chart.figure.axes:
        corners = {round(x, 6) for area in ax.collections for path in area.get_paths() for x in path.vertices[:, 0]}
        assert corners and corners <= {float(year + 1) for year in years}, "31 December of each year counted"
    drawn = chart.data
    assert (drawn["as_of"] == drawn["year"].astype(str) + "-12-31").all()


def test_protection_abroad_title_names_china_and_the_peak_and_latest_year_end_stocks(english):
    totals = unhcr_totals()
    peak_year, latest_year = max(totals, key=totals.get), max(totals)
    title = english["protection-abroad"].title
    assert len(title) <= 70 and "China" in title, title
    for figure in (f"{totals[peak_year]:,}", str(peak_year), f"{totals[latest_year]:,}", str(latest_year)):
        assert figure in title, (figure, title)


def test_each_host_country_is_drawn_as_refugees_and_asylum_seekers(english):
    drawn = english["protection-abroad"].data
    rows = read_csv_rows("unhcr_dprk_origin.csv")
    countries = drawn[drawn["series"] == "country"]
    published = {(int(r["year"]), r["country_of_asylum"]): (int(r["refugees"]), int(r["asylum_seekers"])) for r in rows}
    for _, row in countries.iterrows():
        expected = published.get((row["year"], row["country_of_asylum"]), (0, 0))  # no row that year: none drawn
        assert (row["refugees"], row["asylum_seekers"]) == expected
        assert row["refugees_and_asylum_seekers"] == row["refugees"] + row["asylum_seekers"]
