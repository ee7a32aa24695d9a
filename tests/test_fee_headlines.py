"""The rule behind the fee headlines: the median of the reports in an early and a later cluster
of years, never one report; and the arrivals over the same years.

Expected values are computed from the CSV files (committed_csv) where the data are concerned,
and from small tables made here where the rule is."""

import statistics

import pandas as pd
import pytest
from committed_csv import read_csv_rows

from nkarrivals import data
from nkarrivals.analysis import facts, fees
from nkarrivals.analysis.facts.fees import HEADLINE_ROUTE
from nkarrivals.draw.fees import within_year_x
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def _midpoint(row: dict[str, str]) -> float:
    given = [float(row[c]) for c in ("low_usd", "high_usd") if row[c]]
    return sum(given) / len(given)


def _figures(*rows: tuple[int, int, float | None, float | None, str]) -> pd.DataFrame:
    """A made-up broker_fees table: (first year, last year, low, high, source id) per figure."""
    return pd.DataFrame(
        {
            "reported_on": [str(r[1]) for r in rows],
            "period_start": pd.array([r[0] for r in rows], dtype="Int64"),
            "period_end": pd.array([r[1] for r in rows], dtype="Int64"),
            "low_usd": pd.array([r[2] for r in rows], dtype="Float64"),
            "high_usd": pd.array([r[3] for r in rows], dtype="Float64"),
            "route": "nk_to_china",
            "source_id": [r[4] for r in rows],
        }
    )


# --- on the data ------------------------------------------------------------------------------


def test_each_median_the_headline_compares_comes_from_at_least_two_reports(dataset):
    rise = facts.fee_facts(dataset).rise
    assert rise.route == HEADLINE_ROUTE
    for cluster in (rise.early, rise.later):
        assert cluster.reports >= fees.CLUSTER_REPORTS >= 2
        assert len(cluster.figures) >= fees.CLUSTER_FIGURES >= 3
        assert cluster.last_year - cluster.first_year < fees.CLUSTER_YEARS
    assert rise.early.last_year < rise.later.first_year


def test_the_medians_are_those_of_the_csv_rows_in_their_years(dataset):
    rise = facts.fee_facts(dataset).rise
    rows = [r for r in read_csv_rows("broker_fees.csv") if r["route"] == HEADLINE_ROUTE and r["period_start"]]
    for cluster in (rise.early, rise.later):
        inside = [
            r
            for r in rows
            if int(r["period_start"]) >= cluster.first_year and int(r["period_end"]) <= cluster.last_year
        ]
        assert len(inside) == len(cluster.figures)
        assert cluster.reports == len({r["source_id"] for r in inside})
        assert cluster.median_usd == pytest.approx(statistics.median(_midpoint(r) for r in inside))
    assert rise.times == pytest.approx(rise.later.median_usd / rise.early.median_usd)


def test_no_earlier_span_has_enough_reports_and_no_later_one(dataset):
    # The clusters are the first and the last that qualify: any span that starts before the early
    # one, or ends after the later one, has too few figures or reports.
    rise = facts.fee_facts(dataset).rise
    rows = [r for r in read_csv_rows("broker_fees.csv") if r["route"] == HEADLINE_ROUTE and r["period_start"]]

    def qualifies(first: int, last: int) -> bool:
        inside = [r for r in rows if int(r["period_start"]) >= first and int(r["period_end"]) <= last]
        return len(inside) >= fees.CLUSTER_FIGURES and len({r["source_id"] for r in inside}) >= fees.CLUSTER_REPORTS

    years = {int(r["period_start"]) for r in rows}
    for first in years:
        for width in range(fees.CLUSTER_YEARS):
            if first < rise.early.first_year:
                assert not qualifies(first, first + width)
            if first + width > rise.later.last_year:
                assert not qualifies(first, first + width)


def test_a_bound_in_a_cluster_lies_on_the_side_of_the_median_that_cannot_move_it(dataset):
    rise = facts.fee_facts(dataset).rise
    for cluster in (rise.early, rise.later):
        for _, figure in cluster.figures.iterrows():
            low, high = fees.usd_range(figure)
            if low is None:  # 'less than': its true value is lower still
                assert high <= cluster.median_usd
            if high is None:  # 'more than'
                assert low >= cluster.median_usd


def test_arrivals_are_compared_over_the_same_years_as_the_fees(dataset):
    found = facts.arrivals_and_fees_facts(dataset)
    totals = {
        int(r["last_year"]): int(r["total"]) for r in read_csv_rows("arrivals.csv") if r["first_year"] == r["last_year"]
    }
    for cluster, mean in ((found.fees.rise.early, found.arrivals_early), (found.fees.rise.later, found.arrivals_later)):
        assert mean == pytest.approx(statistics.mean(totals[year] for year in cluster.years))


def test_fee_headlines_state_the_rounded_rise_and_the_spans_in_at_most_70_characters(dataset, english):
    found = facts.arrivals_and_fees_facts(dataset)
    rise = found.fees.rise
    times = i18n.times(rise.times, "en")
    for name in ("broker-fees", "arrivals-and-fees"):
        title = english[name].title
        assert len(title) <= 70, title
        assert f"about {times}" in title, title
    assert i18n.year_span(rise.early.first_year, rise.early.last_year, "en") in english["broker-fees"].title
    assert i18n.year_span(rise.later.first_year, rise.later.last_year, "en") in english["broker-fees"].title
    fall = round((1 - found.arrivals_ratio) * 100)
    assert english["arrivals-and-fees"].title.startswith(f"Arrivals fell {fall}% as ")


def test_no_fee_title_names_a_single_report(dataset, english, korean):
    found = facts.fee_facts(dataset)
    for chart_set, lang in ((english, "en"), (korean, "ko")):
        for name in ("broker-fees", "arrivals-and-fees"):
            title = chart_set[name].title
            for report in (found.lowest, found.highest):
                assert i18n.fee_text(report, lang, approx=True) not in title, title


def test_the_csv_marks_the_figures_each_median_is_taken_from(dataset, english):
    rise = facts.fee_facts(dataset).rise
    data_ = english["broker-fees"].data
    series = data_[data_["layer"] == "series"]
    assert series["source_id"].notna().all() and (series["source_id"] != "").all()
    for cluster in (rise.early, rise.later):
        span = i18n.period_label(cluster.first_year, cluster.last_year, "en")
        marked = series[series["headline_span"] == span]
        assert len(marked) == len(cluster.figures)
        assert marked["source_id"].nunique() == cluster.reports
        assert (marked["route"] == rise.route).all()


def test_arrivals_and_fees_draws_only_the_headline_route(dataset, english):
    data_ = english["arrivals-and-fees"].data
    fee_rows = data_[(data_["layer"] == "series") & (data_["series"] == "broker_fee")]
    dated = fees.dated_fees(dataset.broker_fees)
    assert set(fee_rows["route"]) == {HEADLINE_ROUTE}
    assert len(fee_rows) == (dated["route"] == HEADLINE_ROUTE).sum()


# --- the rule, on made-up tables --------------------------------------------------------------


def test_a_lone_early_report_does_not_anchor_the_rise():
    table = _figures(
        (2006, 2006, 63, 63, "A"),  # one report, alone in its years
        (2010, 2010, 1_000, 1_000, "B"),
        (2010, 2010, 2_000, 2_000, "C"),
        (2011, 2011, 3_000, 3_000, "F"),
        (2016, 2016, 9_000, 9_000, "D"),
        (2017, 2017, 10_000, 10_000, "E"),
        (2017, 2017, 11_000, 11_000, "G"),
    )
    rise = fees.fee_clusters(table, "nk_to_china")
    assert (rise.early.first_year, rise.early.last_year) == (2010, 2011)
    assert (rise.later.first_year, rise.later.last_year) == (2016, 2017)
    assert rise.early.median_usd == 2_000 and rise.later.median_usd == 10_000


def test_three_figures_from_one_report_are_not_a_cluster():
    table = _figures(
        (2010, 2010, 1_000, 1_000, "A"),
        (2010, 2010, 2_000, 2_000, "A"),
        (2010, 2010, 3_000, 3_000, "A"),
        (2016, 2016, 9_000, 9_000, "D"),
        (2016, 2016, 10_000, 10_000, "E"),
        (2016, 2016, 11_000, 11_000, "D"),
    )
    assert fees.fee_clusters(table, "nk_to_china") is None


def test_a_figure_for_a_decade_belongs_to_no_cluster():
    table = _figures(
        (2010, 2019, 1_500, 1_500, "A"),
        (2010, 2010, 1_000, 1_000, "B"),
        (2010, 2010, 2_000, 2_000, "C"),
        (2010, 2010, 3_000, 3_000, "F"),
        (2017, 2017, 9_000, 9_000, "D"),
        (2017, 2017, 10_000, 10_000, "E"),
        (2019, 2019, 11_000, 11_000, "G"),
    )
    rise = fees.fee_clusters(table, "nk_to_china")
    assert rise is not None
    assert "A" not in set(rise.early.figures["source_id"]) | set(rise.later.figures["source_id"])


def test_new_reports_move_the_later_cluster_only_once_they_are_a_cluster_of_their_own():
    base = [
        (2010, 2010, 1_000, 1_000, "B"),
        (2010, 2010, 2_000, 2_000, "C"),
        (2010, 2010, 3_000, 3_000, "H"),
        (2016, 2016, 9_000, 9_000, "D"),
        (2017, 2017, 10_000, 10_000, "E"),
        (2017, 2017, 11_000, 11_000, "I"),
    ]
    one_more = fees.fee_clusters(_figures(*base, (2024, 2024, 40_000, 40_000, "F")), "nk_to_china")
    assert (one_more.later.first_year, one_more.later.last_year) == (2016, 2017)
    two_more = fees.fee_clusters(
        _figures(
            *base,
            (2023, 2023, 40_000, 40_000, "F"),
            (2024, 2024, 50_000, 60_000, "G"),
            (2024, 2024, 45_000, 45_000, "J"),
        ),
        "nk_to_china",
    )
    assert (two_more.later.first_year, two_more.later.last_year) == (2023, 2024)


def test_one_year_figures_sit_inside_their_year_spread_in_report_order(dataset):
    dated = fees.dated_fees(dataset.broker_fees)
    for route, figures in dated.groupby("route"):
        x = within_year_x(figures)
        single = figures["period_start"] == figures["period_end"]
        years = figures.loc[single, "period_start"].astype(float)
        assert ((x[single] > years) & (x[single] < years + 1)).all(), route
        for _, same_year in x[single].groupby(years):
            assert same_year.is_monotonic_increasing and same_year.is_unique


def test_multiples_and_spans_are_written_as_headlines_write_them():
    assert i18n.times(4.87, "en") == "fivefold" and i18n.times(4.87, "ko") == "5배"
    assert i18n.times(12.2, "en") == "12-fold"
    with pytest.raises(ValueError, match="no multiple"):
        i18n.times(1.3, "en")
    assert i18n.year_span(2015, 2017, "en") == "2015–17" and i18n.year_span(1998, 2001, "en") == "1998–2001"
    assert i18n.year_span(2010, 2010, "ko") == "2010년" and i18n.year_span(2015, 2017, "ko") == "2015~2017년"
