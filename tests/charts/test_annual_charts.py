"""The yearly charts on the true time grid, the early years and MOU's multi-year totals of
arrivals-annual, and the two-fit trend of decline-before-covid.

The design review of December 2026 (issue 22) found yearly bars centred on 1 January, half a
year off the dated events and shading, and a multi-decade total drawn as a one-year bar. These
tests follow the data: they check relations, never today's values."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import replace_in
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer

from nkarrivals import analysis, data
from nkarrivals.analysis import facts
from nkarrivals.draw import figure, palette
from nkarrivals.draw.axes import year_middle
from nkarrivals.output import export
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def _bars(chart):
    """Every vertical bar of the chart's data panels, as (left, right, height, patch)."""
    return [
        (patch.get_x(), patch.get_x() + patch.get_width(), patch.get_height(), patch)
        for ax in chart.figure.axes
        for container in ax.containers
        if isinstance(container, BarContainer) and container.orientation == "vertical"
        for patch in container
    ]


def _counts_flows(chart) -> bool:
    """Whether the chart's rows count arrivals in a period (a flow), not people present at a
    date (a stock such as UNHCR's year-end counts, drawn at 31 December)."""
    columns = set(chart.data.columns)
    return "total" in columns or ("series" in columns and "arrivals" in set(chart.data["series"]))


FLOW_CHARTS = list(export.CHARTS)


@pytest.mark.parametrize("name", FLOW_CHARTS)
def test_no_bar_of_a_flow_spans_more_than_one_calendar_year(english, name):
    chart = english[name]
    if not _counts_flows(chart):
        pytest.skip("no counts of arrivals over periods")
    for left, right, _, _ in _bars(chart):
        assert right - left <= 1 + 1e-9, (name, left, right)
        assert math.floor(left + 1e-9) == math.floor(right - 1e-9), (name, left, right)


@pytest.mark.parametrize("name", FLOW_CHARTS)
def test_the_closure_band_begins_at_the_left_edge_of_its_years_bar(english, dataset, name):
    # The closure began on 22 January 2020: the band must start at the 2020 bar's left edge,
    # within a seventh of the bar's width, not in its middle.
    chart = english[name]
    start = analysis.covid_stages(dataset.events)[0].start
    yearly = [bar for bar in _bars(chart) if 0.5 < bar[1] - bar[0] <= 1 + 1e-9]
    if not _counts_flows(chart) or not yearly:
        pytest.skip("no yearly bars of arrivals")
    left, right, _, _ = next(bar for bar in yearly if math.floor(bar[0]) <= start < math.floor(bar[0]) + 1)
    assert 0 <= left - start <= (right - left) / 7, (name, start, left, right)


# --- arrivals-annual: MOU's multi-year totals and the early single years ----------------------


def test_early_years_inside_each_mou_bucket_sum_to_its_total(dataset):
    early = analysis.early_single_years(dataset.early_years)
    for _, bucket in analysis.buckets(dataset.arrivals).iterrows():
        inside = early[analysis.inside_period(early.index, bucket)]
        first = bucket["first_year"]
        complete = not pd.isna(first) and len(inside) == bucket["last_year"] - first + 1
        if complete:
            assert inside["total"].sum() == bucket["total"], bucket["period"]
        else:
            assert inside["total"].sum() <= bucket["total"], bucket["period"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_one_row_per_drawn_year_and_each_mou_bucket_stated_in_the_note_not_drawn(english, dataset, lang):
    chart = english["arrivals-annual"] if lang == "en" else export.build_chart("arrivals-annual", dataset, lang)
    rows = chart.data[chart.data["layer"] == "series"]
    drawn = rows[rows["drawn_as"] != "note"]
    years, early = analysis.single_years(dataset.arrivals), analysis.early_single_years(dataset.early_years)
    # One row per bar: each year once, every revised year as a bar, every early year in outline.
    assert drawn["last_year"].is_unique and (drawn["first_year"] == drawn["last_year"]).all()
    assert set(drawn.loc[drawn["drawn_as"] == "bar", "last_year"]) == set(years.index)
    assert set(drawn.loc[drawn["drawn_as"] == "early_count", "last_year"]) == set(early.index)
    assert set(drawn["drawn_as"]) == {"bar", "early_count"}
    bars = _bars(chart)
    assert len(bars) == len(drawn)
    by_middle = {round((left + right) / 2, 6): (height, patch) for left, right, height, patch in bars}
    for _, row in drawn.iterrows():
        height, patch = by_middle[round(year_middle(int(row["last_year"])), 6)]
        assert height == row["total"]
        outline = to_hex(patch.get_facecolor()) == to_hex(palette.EARLY_COUNT_FILL)
        assert outline == (row["drawn_as"] == "early_count"), row["period"]
        assert to_hex(patch.get_edgecolor() if outline else patch.get_facecolor()) == to_hex(palette.ARRIVALS)
    # MOU's multi-year totals: rows of their own, no bar, their totals in the note.
    notes = rows[rows["drawn_as"] == "note"]
    buckets = analysis.buckets(dataset.arrivals)
    assert list(notes["period"]) == list(buckets["period"]) and list(notes["total"]) == list(buckets["total"])
    for total in notes["total"]:
        assert i18n.count(total, lang) in chart.note
        assert not any(height == total for _, _, height, _ in bars)
    # The outline bars are named on the chart.
    assert i18n.text("early_counts", lang) in [t.get_text().replace("\n", " ") for t in chart.figure.axes[0].texts]


def test_a_new_early_year_and_a_new_mou_bucket_need_no_code_change(data_copy):
    # A 1997 figure inside the open bucket, and MOU publishing 2002 and 2003 as one total.
    with open(data_copy / "early_years.csv", "a", encoding="utf-8") as handle:
        handle.write("1997,,,50,HANKYUNG_2002,Test row inside MOU's open bucket.\n")
    replace_in(data_copy / "arrivals.csv", "2002,2002,2002,510,632,1142,", "2002–2003,2002,2003,984,1443,2427,")
    replace_in(
        data_copy / "arrivals.csv",
        "2003,2003,2003,474,811,1285,MOU_STATS_CN,Revised; first released as 1281 (MOU_RELEASE_2012).\n",
        "",
    )
    replace_in(data_copy / "revisions.csv", "2002,1138,1142,MOU_RELEASE_2012,MOU_STATS_CN,\n", "")
    replace_in(data_copy / "revisions.csv", "2003,1281,1285,MOU_RELEASE_2012,MOU_STATS_CN,\n", "")
    changed = data.load_dataset(data_copy)
    chart = export.build_chart("arrivals-annual", changed)
    rows = chart.data[chart.data["layer"] == "series"].set_index("period")
    assert rows.loc["1997", "drawn_as"] == "early_count"
    assert rows.loc["2002–2003", "drawn_as"] == "note"
    assert "The revised total for 2002–2003 is 2,427." in chart.note
    middles = {round((left + right) / 2, 6) for left, right, _, _ in _bars(chart)}
    assert year_middle(1997) in middles and year_middle(2002) not in middles and year_middle(2003) not in middles


# --- headlines ------------------------------------------------------------------------------------


def _percentages(text: str) -> set[str]:
    """Every percentage a headline states, each end of a range on its own: '57–71%' -> 57, 71."""
    return {number for match in re.findall(r"[0-9][0-9.–~]*%", text) for number in re.split("[–~]", match[:-1])}


def test_annual_headline_states_arrivals_since_the_reopening_against_the_last_year_before_covid(english, dataset):
    annual = facts.annual_facts(dataset)
    totals = analysis.single_years(dataset.arrivals)["total"]
    since = int(analysis.covid_stages(dataset.events)[-1].start)
    mean = totals.loc[since:].mean()
    assert (annual.since_year, annual.since_mean) == (since, mean)
    share = mean / totals[annual.pre_covid_year] * 100
    title = english["arrivals-annual"].title
    assert title == (
        f"North Korean arrivals since {since}: about {i18n.share_in_words(share, 'en')} "
        f"of the {annual.pre_covid_year} level"
    )
    assert len(title) <= 70


def test_share_in_words_rounds_to_a_simple_fraction_only_where_one_is_near():
    assert i18n.share_in_words(20.85, "en") == "a fifth" and i18n.share_in_words(20.85, "ko") == "5분의 1"
    assert i18n.share_in_words(26, "en") == "a quarter"
    assert i18n.share_in_words(40, "en") == "40%"  # between a half and a third
    assert i18n.share_in_words(3, "en") == "3%"


def test_the_two_charts_share_no_percentage_and_fit_in_70_characters(english):
    annual, decline = english["arrivals-annual"].title, english["decline-before-covid"].title
    assert len(annual) <= 70 and len(decline) <= 70
    assert not _percentages(annual) & _percentages(decline), (annual, decline)


# --- decline-before-covid: the range of two fits ---------------------------------------------------


def test_the_two_fits_start_at_the_peak_and_at_the_year_of_the_largest_fall_and_end_before_covid(dataset):
    totals = analysis.single_years(dataset.arrivals)["total"]
    last = int(analysis.covid_start(dataset.events)) - 1
    peak = int(totals.idxmax())
    window = totals.loc[peak:last]
    falls = window / window.shift(1)
    found = facts.trend_facts(dataset)
    assert [(fit.first_year, fit.last_year) for fit in found.fits] == [(peak, last), (int(falls.idxmin()), last)]
    for fit in found.fits:  # a least-squares line through the logarithms of the window's years
        years = totals.loc[fit.first_year : fit.last_year]
        slope = np.polyfit(years.index.to_numpy(dtype=float), np.log(years.to_numpy(dtype=float)), 1)[0]
        assert fit.annual_change_pct == pytest.approx((math.exp(slope) - 1) * 100)


def test_decline_headline_gives_both_fits_rates_and_the_latest_years_shortfall(english, dataset):
    found = facts.trend_facts(dataset)
    latest = int(analysis.single_years(dataset.arrivals).index.max())
    rates = sorted(round(abs(fit.annual_change_pct)) for fit in found.fits)
    gaps = sorted(round(abs(c.loc[latest, "actual_vs_trend_pct"])) for c in found.comparisons)
    assert all(c.loc[latest, "actual_vs_trend_pct"] < 0 for c in found.comparisons)  # "below" either way
    title = english["decline-before-covid"].title
    assert f"{rates[0]}–{rates[1]}% a year" in title and f"{latest} was {gaps[0]}–{gaps[1]}% below" in title
    ko = export.build_chart("decline-before-covid", dataset, "ko").title
    assert f"{rates[0]}~{rates[1]}%씩" in ko and f"{latest}년 추세치보다 {gaps[0]}~{gaps[1]}% 적어" in ko


def test_the_projection_is_a_band_between_the_two_fits_over_solid_bars(english, dataset):
    chart = english["decline-before-covid"]
    ax = chart.figure.axes[0]
    found = facts.trend_facts(dataset)
    latest = int(analysis.single_years(dataset.arrivals).index.max())
    last = max(fit.last_year for fit in found.fits)
    (band,) = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert to_hex(band.get_facecolor()[0]) == to_hex(palette.MODEL_BAND)
    xs = band.get_paths()[0].vertices[:, 0]
    assert xs.min() == pytest.approx(year_middle(last)) and xs.max() == pytest.approx(year_middle(latest))
    fits = [line for line in ax.lines if to_hex(line.get_color()) == to_hex(palette.MODEL)]
    assert len(fits) == len(found.fits) == 2
    for _, _, _, patch in _bars(chart):
        assert to_hex(patch.get_facecolor()) == to_hex(palette.ARRIVALS) and patch.get_alpha() in (None, 1)
    assert ax.get_legend() is None


def test_decline_data_holds_each_fit_from_its_first_year_and_marks_the_projection(english, dataset):
    table = english["decline-before-covid"].data.set_index("year")
    peak_fit, step_fit = facts.trend_facts(dataset).fits
    for column, fit in (("trend_from_peak", peak_fit), ("trend_from_step", step_fit)):
        assert table[column].isna().to_numpy().tolist() == (table.index < fit.first_year).tolist()
        assert table.loc[fit.first_year :, column].to_numpy() == pytest.approx(
            fit.predict(table.loc[fit.first_year :].index)
        )
    assert set(table.loc[table.index > peak_fit.last_year, "trend_part"]) == {"projection"}


# --- value labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["arrivals-annual", "decline-before-covid"])
def test_value_labels_take_the_one_style_and_only_the_headlines_points(english, dataset, name):
    chart = english[name]
    annual = facts.annual_facts(dataset)
    wanted = {
        "arrivals-annual": {annual.peak, annual.pre_covid, annual.latest},
        "decline-before-covid": {annual.latest},
    }[name]
    values = [t for t in chart.figure.axes[0].texts if re.fullmatch(r"[0-9,]+", t.get_text())]
    assert {int(t.get_text().replace(",", "")) for t in values} == wanted
    for text in values:
        assert text.get_fontweight() in ("normal", 400) and text.get_fontsize() == figure.SMALL_SIZE
        assert to_hex(text.get_color()) == to_hex(palette.VALUE_TEXT)


@pytest.mark.parametrize("name", ["arrivals-annual", "decline-before-covid"])
def test_no_axis_titles_and_years_labelled_under_the_data(english, name):
    ax = english[name].figure.axes[0]
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    assert labels and all(int(label) % 5 == 0 for label in labels)
    assert ax.xaxis.get_tick_params()["labelbottom"]
