"""Half-years: MOU's half-yearly arrivals, their facts, and how the arrivals-recent chart draws the
half-years MOU publishes without quarters.

Expected values are computed from the CSV files (committed_csv), not copied from the
functions under test."""

import pandas as pd
import pytest
import release
from committed_csv import read_csv_rows

from nkarrivals import analysis, data
from nkarrivals.analysis import facts
from nkarrivals.draw import axes
from nkarrivals.output import export
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


# --- the series and its facts -------------------------------------------------------------


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


# --- the half-years on the arrivals-recent chart ----------------------------------------------


def _bars(chart):
    """The bars of the chart's data panel, as (start, end, height, hatched), in time order."""
    bars = [p for p in chart.figure.axes[0].patches if p.zorder == 2]  # the shading lies under them
    return sorted((p.get_x(), p.get_x() + p.get_width(), p.get_height(), bool(p.get_hatch())) for p in bars)


def _whole_halves(dataset) -> pd.DataFrame:
    """The half-years whose two quarters are not both in the quarterly table (from the CSVs' keys)."""
    quarters = {(int(r["year"]), int(r["quarter"])) for r in read_csv_rows("arrivals_quarterly.csv")}
    halves = dataset.halfyear
    keep = [
        not {(year, 2 * half - 1), (year, 2 * half)} <= quarters
        for year, half in zip(halves["year"], halves["half"], strict=True)
    ]
    return halves[keep]


def test_recent_periods_hold_every_quarter_then_the_half_years_without_quarters(dataset):
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    whole = _whole_halves(dataset)
    assert not whole.empty  # MOU publishes half-years only since 2025
    quarters = periods[periods["quarter"].notna()]
    assert len(quarters) == len(dataset.quarterly)  # no half-year of the committed data lacks one of its quarters
    halves = periods[periods["half"].notna()]
    assert list(zip(halves["year"], halves["half"], halves["total"], strict=True)) == list(
        zip(whole["year"], whole["half"], whole["total"], strict=True)
    )
    assert (periods["end"] - periods["start"] == periods["quarters"] / 4).all()
    assert (periods["start"].iloc[1:].to_numpy() == periods["end"].iloc[:-1].to_numpy()).all(), "no gap, no overlap"
    assert (periods["per_quarter"] * periods["quarters"] == periods["total"]).all()


def test_a_lone_quarter_gives_way_to_its_half_year():
    quarterly = pd.DataFrame(
        {"year": [2030], "quarter": [3], "total": [30], "total_derived": [False], "source_id": ["A"]}
    )
    halfyear = pd.DataFrame(
        {
            "year": [2030, 2030],
            "half": [1, 2],
            "total": [50, 70],
            "total_derived": [False, True],
            "source_id": ["B", "C"],
        }
    )
    periods = analysis.recent_periods(quarterly, halfyear)
    assert list(zip(periods["half"], periods["per_quarter"], strict=True)) == [(1, 25.0), (2, 35.0)]
    assert periods["quarter"].isna().all()


def test_the_chart_draws_each_half_year_without_quarters_two_quarters_wide_at_its_average(dataset, english):
    chart = english["arrivals-recent"]
    series = chart.data[chart.data["layer"] == "series"]
    bars = _bars(chart)
    assert len(bars) == len(series)
    whole = _whole_halves(dataset)
    hatched = [bar for bar in bars if bar[3]]
    assert len(hatched) == len(whole)  # the texture marks half-years, and nothing else
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    for (start, end, height, _), (_, half) in zip(hatched, whole.iterrows(), strict=True):
        first = int(half["year"]) + (int(half["half"]) - 1) / 2
        assert first < start < end < first + 0.5 and end - start > 0.4
        assert height == pytest.approx(half["total"] / 2)
        assert f"H{int(half['half'])}: {int(half['total']):,}" in texts
    last = dataset.halfyear.iloc[-1]
    assert chart.subtitle.endswith(i18n.half_label(int(last["year"]), int(last["half"]), "en"))


def test_a_new_half_year_is_drawn_with_no_code_change(data_copy, monkeypatch):
    year, half, clock = release.add_next_half(data_copy, male=9, female=91)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    chart = export.build_chart("arrivals-recent", data.load_dataset(data_copy))
    start, end, height, hatched = _bars(chart)[-1]
    assert hatched and height == 50 and year + (half - 1) / 2 < start < end < year + half / 2
    assert f"H{half}: 100" in [t.get_text() for t in chart.figure.axes[0].texts]
    label = i18n.half_label(year, half, "en")
    assert chart.subtitle.endswith(label) and label in chart.alt_text
    row = chart.data[chart.data["layer"] == "series"].iloc[-1]
    assert (row["year"], row["half"], row["total"], row["per_quarter"]) == (year, half, 100, 50)


def test_the_chart_shades_both_covid_stages_and_has_the_timeline_strip(english):
    chart = english["arrivals-recent"]
    bands = [p for p in chart.figure.axes[0].patches if p.get_gid() == axes.COVID_BAND]
    assert len(bands) == 2
    assert any(t.get_gid() == "event-label" for t in chart.figure.axes[-1].texts)
    assert (chart.data["layer"] == "event").any()
