"""The article's claims are checked against the data: change a figure, and its verdict changes with it."""

import pytest
from conftest import replace_in

from nkarrivals import data
from nkarrivals.output import claims


def verdicts(data_dir=None) -> dict[str, tuple[str, str]]:
    """Claim -> (what the data say, verdict), from the data in `data_dir` (validated on load)."""
    table = claims.article_claims(data.load_dataset(data_dir))
    return {row.claim: (row[1], row.verdict) for row in table.itertuples(index=False)}


@pytest.fixture(scope="module")
def committed():
    return verdicts()


def test_2020_total_decides_whether_arrivals_dropped_to_229(data_copy, committed):
    claim = "Arrivals dropped to 229 in 2020"
    assert committed[claim] == ("2020: 229", "Holds")
    # 230 arrivals in 2020: one more man in the year, its third quarter and its second half, so the data stay valid.
    replace_in(data_copy / "arrivals.csv", "2020,2020,2020,72,157,229,", "2020,2020,2020,73,157,230,")
    replace_in(data_copy / "arrivals_quarterly.csv", "2020,3,23,25,48,", "2020,3,24,25,49,")
    replace_in(data_copy / "arrivals_halfyear.csv", "2020,2,31,51,82,", "2020,2,32,51,83,")
    assert verdicts(data_copy)[claim] == ("2020: 230", "Does not hold")


def test_a_higher_year_than_2009_overturns_the_peak(data_copy, committed):
    claim = "Arrivals peaked at 2,914 in 2009"
    assert committed[claim][1] == "Holds" and "2,914 in 2009" in committed[claim][0]
    # 2008 revised up to 3,003 (200 more women), in arrivals.csv and in revisions.csv alike.
    replace_in(data_copy / "arrivals.csv", "2008,2008,2008,608,2195,2803,", "2008,2008,2008,608,2395,3003,")
    replace_in(data_copy / "revisions.csv", "2008,2809,2803,", "2008,2809,3003,")
    said, verdict = verdicts(data_copy)[claim]
    assert verdict == "Does not hold"
    assert said.startswith("Peak 3,003 in 2008")


def test_a_three_digit_2022_breaks_the_double_digit_claim(data_copy, committed):
    claim = "Then to double digits in 2021 and 2022"
    assert committed[claim] == ("2021: 63; 2022: 67", "Holds")
    # 100 more men in 2022, all in its fourth quarter (and so its second half).
    replace_in(data_copy / "arrivals.csv", "2022,2022,2022,35,32,67,", "2022,2022,2022,135,32,167,")
    replace_in(data_copy / "arrivals_quarterly.csv", "2022,4,18,7,25,", "2022,4,118,7,125,")
    replace_in(data_copy / "arrivals_halfyear.csv", "2022,2,32,16,48,", "2022,2,132,16,148,")
    assert verdicts(data_copy)[claim] == ("2021: 63; 2022: 167", "Does not hold")
