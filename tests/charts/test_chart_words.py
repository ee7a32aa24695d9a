"""The words of a chart: titles, notes, alt text, legends and the names of what is drawn.

The Korean editor's rules for the same words are checked in tests/test_korean.py."""

import math
import re

import pandas as pd
import pytest
from committed_csv import read_csv_rows

from nkarrivals import analysis, data
from nkarrivals.analysis import facts
from nkarrivals.output import export
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def test_recent_headline_sets_the_range_before_covid_against_the_range_since_the_reopening(dataset, english):
    # Ranges, not the trough (the design review of December 2026): the quarters of the last full
    # year before the closure, against every period that began after the partial reopening, a
    # half-year counting at its average per quarter.
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    before_year = analysis.last_year_before_covid(dataset.events)
    before = periods.loc[(periods["year"] == before_year) & periods["quarter"].notna(), "total"]
    since = periods[periods["start"] >= analysis.covid_stages(dataset.events)[1].start]
    first = since.iloc[0]
    first_label = (
        f"Q{first['quarter']} {first['year']}" if pd.notna(first["quarter"]) else f"H{first['half']} {first['year']}"
    )
    low, high = math.floor(since["per_quarter"].min()), math.ceil(since["per_quarter"].max())
    title = english["arrivals-recent"].title
    assert title == (
        f"Arrivals fell from {before.min():,}–{before.max():,} a quarter in {before_year} "
        f"to {low:,}–{high:,} since {first_label}"
    )
    assert len(title) <= 70
    assert f"{periods['total'].min():,}" not in title.split(" since ")[0].split(" to ")[-1]  # not the trough


def test_recent_chart_marks_computed_totals_in_its_csv_and_note_not_with_a_texture(dataset, english):
    chart = english["arrivals-recent"]
    series = chart.data[chart.data["layer"] == "series"]
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    assert list(series["total_derived"]) == list(periods["total_derived"])
    assert "Some values are sums or differences of MOU's published figures; the CSV marks them." in chart.note
    assert (
        f"{int(periods['total_derived'].sum())} of the {len(periods)} totals are sums or differences" in chart.alt_text
    )
    hatched = {round(p.get_x(), 6) for p in chart.figure.axes[0].patches if p.get_hatch()}
    half_years = periods[periods["half"].notna()]
    assert len(hatched) == len(half_years)  # the texture means "more than one quarter", never "computed"
    assert chart.figure.axes[0].get_legend() is None or not any(
        "computed" in t.get_text() or "Derived" in t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()
    )


def _shares_from_the_csv() -> dict[int, tuple[float, int]]:
    """Women's share in percent and the number of arrivals of each single year, from arrivals.csv itself."""
    rows = read_csv_rows("arrivals.csv")
    return {
        int(r["last_year"]): (int(r["female"]) / int(r["total"]) * 100, int(r["total"]))
        for r in rows
        if r["first_year"] == r["last_year"]
    }


def test_by_sex_headline_counts_the_years_over_seven_in_ten_since_the_longest_run_began():
    shares = _shares_from_the_csv()
    years = sorted(shares)
    over = [shares[y][0] > facts.WOMEN_SHARE_MARK_PCT for y in years]
    # The first year of the longest run of years over the mark.
    best, start, length, best_length = years[0], None, 0, 0
    for year, hit in zip(years, over, strict=True):
        start, length = (start if start is not None else year, length + 1) if hit else (None, 0)
        if hit and length > best_length:
            best, best_length = start, length
    since = [y for y in years if y >= best]
    counted = [y for y in since if shares[y][0] > facts.WOMEN_SHARE_MARK_PCT]
    assert facts.WOMEN_SHARE_MARK_PCT == 70  # what "seven in ten" says
    title = export.build_chart("arrivals-by-sex").title
    assert title == f"Women were over seven in ten arrivals in {len(counted)} of {len(since)} years since {best}"
    assert len(title) <= 70
    assert "%" not in title  # no percentage that another chart's headline could mean otherwise


def test_by_sex_draws_the_share_as_one_line_with_small_years_hollow_and_equal_numbers_labelled(english):
    from nkarrivals.draw import palette

    chart = english["arrivals-by-sex"]
    assert len(chart.figure.axes) == 1  # the share is the chart
    ax = chart.figure.axes[0]
    shares = _shares_from_the_csv()
    years = sorted(shares)
    line = ax.lines[0]
    assert list(line.get_xdata()) == [year + 0.5 for year in years]  # at the middle of its year
    assert line.get_color() == palette.WOMEN
    hollow = [ln for ln in ax.lines if ln.get_marker() == palette.POINT and ln.get_markerfacecolor() != ln.get_color()]
    small = [y for y in years if shares[y][1] < facts.SMALL_BASE]
    assert [x - 0.5 for ln in hollow for x in ln.get_xdata()] == small
    texts = [t.get_text() for t in ax.texts]
    for year in small:
        assert f"n = {shares[year][1]:,}" in texts
    assert "Equal numbers" in texts
    colours = {str(ln.get_color()).upper() for ln in ax.lines} | {
        str(ln.get_markerfacecolor()).upper() for ln in ax.lines
    }
    assert palette.ARRIVALS.upper() not in colours  # men or anything else: never the arrivals blue
    assert ax.get_ylim() == (0, 100) and ax.get_ylabel() == "" and ax.get_xlabel() == ""


def test_every_country_and_category_drawn_has_a_name_in_both_languages(dataset):
    found = facts.profile_facts(dataset)
    codes = set(found.shares["category"]) | set(found.origin_share.named["category"])  # the provinces named
    countries = facts.protection_abroad_facts(dataset).hosts_by_year.columns
    for lang in i18n.LANGUAGES:
        for code in codes:
            assert i18n.label("profile_category", code, lang)
        for code in countries:
            assert i18n.label("country", code, lang)
    with pytest.raises(KeyError, match="country_XYZ"):
        i18n.label("country", "XYZ", "en")


def test_alt_text_names_the_peak_year_and_the_latest_figure(dataset, english):
    years = analysis.single_years(dataset.arrivals)["total"]
    latest_year = int(years.index.max())
    alt = english["arrivals-annual"].alt_text
    assert f"peaked at {years.max():,} in {int(years.idxmax())}" in alt
    assert f"in {latest_year}, {years[latest_year]:,}" in alt


@pytest.mark.parametrize("name", ["broker-fees", "arrivals-and-fees"])
def test_converted_amounts_in_fee_words_are_rounded_and_say_about(dataset, english, name):
    chart = english[name]
    words = chart.title + " " + chart.alt_text
    for amount in re.findall(r"(?:about |more than |less than )*\$[0-9][0-9,]*(?:–[0-9,]+)?", words):
        if amount.startswith("about"):
            for number in re.findall(r"[0-9][0-9,]*", amount):
                assert len(number.replace(",", "").strip("0")) <= 2, (amount, name)
    highest = dataset.broker_fees[["low_usd", "high_usd"]].max().max()
    assert f"{highest:,.0f}" not in words  # the exact conversion stays in the data


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_event_of_the_declared_categories_in_view_is_drawn_and_listed(dataset, english, name):
    # Only the categories a chart declares (its STRIP_CATEGORIES); each event in view has its own
    # label, or its pin in a cluster of its kind; the data table lists every one on its own.
    import importlib

    from nkarrivals.draw import palette

    declared = getattr(importlib.import_module(export.CHARTS[name].module), "STRIP_CATEGORIES", ())
    chart = english[name]
    if "layer" not in chart.data.columns:
        return
    strip = chart.figure.axes[-1]
    low, high = strip.get_xlim()
    labels = [t.get_text() for t in strip.texts if t.get_gid() == "event-label"]
    pins = [x for line in strip.lines if line.get_marker() == palette.EVENT_GLYPH for x in line.get_xdata()]
    listed = chart.data[chart.data["layer"] == "event"]
    assert set(listed["category"]) <= set(declared)
    spans = analysis.event_spans(dataset.events)
    for _, event in spans[spans["category"].isin(declared)].iterrows():
        if event["is_period"]:
            in_view = event["x_start"] < high and (event["ongoing"] or event["x_end"] > low)
        else:
            in_view = low <= event["x"] <= high
        assert (event["label"] in set(listed["label"])) == in_view, (name, event["label"])
        if in_view:
            assert any(text.startswith(event["label"]) for text in labels) or any(
                abs(x - event["x"]) < 1e-9 for x in pins
            ), (name, event["label"])
    observed = dataset.surveillance_scale[~dataset.surveillance_scale["forecast"]]
    in_view = observed[(observed["year"] + 0.5).between(low, high)]
    drawn = sum("million cameras" in text for text in labels)
    assert drawn == (len(in_view) if "camera-estimates" in declared else 0), name  # forecasts are never drawn


def test_fee_charts_count_figures_and_the_fewer_reports_they_come_from(dataset, english):
    from nkarrivals.analysis import facts

    figures = len(dataset.broker_fees)
    reports = dataset.broker_fees["source_id"].nunique()
    undated = dataset.broker_fees["period_start"].isna().sum()
    found = facts.fee_facts(dataset)
    assert (found.figure_count, found.report_count) == (figures, reports)
    assert reports < figures  # some reports give several figures
    route = dataset.broker_fees[dataset.broker_fees["route"] == found.rise.route]
    # broker-fees counts every figure; arrivals-and-fees those of the route its headline is about
    for name, cited in (("broker-fees", dataset.broker_fees), ("arrivals-and-fees", route)):
        chart = english[name]
        footer = next(t.get_text() for t in chart.figure.texts if t.get_gid() == "footer").replace("\n", " ")
        assert f"{len(cited)} reported figures from {cited['source_id'].nunique()} reports by " in footer, name
    chart = english["broker-fees"]
    assert f"of the {figures} broker fees" in chart.alt_text and f"in {reports} reports" in chart.alt_text
    assert f"{undated} reports" not in chart.alt_text + chart.note  # the undated are figures


def test_broker_fees_has_a_panel_per_route_segment_on_one_log_scale_named_in_place(dataset, english):
    from nkarrivals.charts import broker_fees

    chart = english["broker-fees"]
    panels = chart.figure.axes[: len(broker_fees.ROWS)]
    assert set(broker_fees.ROWS) == set(dataset.broker_fees["route"])
    assert {ax.get_yscale() for ax in panels} == {"log"}
    assert len({ax.get_ylim() for ax in panels}) == 1 and len({ax.get_xlim() for ax in panels}) == 1
    for ax, route in zip(panels, broker_fees.ROWS, strict=True):
        assert i18n.text(f"route_{route}", "en") in [t.get_text() for t in ax.texts]
        assert ax.get_legend() is None and ax.get_ylabel() == ""
    ticks = [t.get_text() for t in panels[0].get_yticklabels()]
    assert {"$1,000", "$2,000", "$5,000", "$10,000", "$20,000"} <= set(ticks)
    assert "log scale" in chart.subtitle


def test_alt_text_lists_what_is_known_to_the_day_before_what_is_known_only_to_its_month_or_year():
    import pandas as pd

    from nkarrivals.draw import timeline

    events = pd.DataFrame(
        {
            "start": ["2011", "2011-12", "2011-12-17", "2011-12-03", "2012-01-01"],
            "end": [None] * 5,
            "status": ["reported", "reported", "confirmed", "confirmed", "confirmed"],
            "category": ["politics", "border-control", "politics", "politics", "surveillance"],
            "label": ["In the year", "In the month", "On the 17th", "On the 3rd", "Next year"],
            "label_ko": ["그해", "그달", "17일", "3일", "이듬해"],
            "source_id": ["S"] * 5,
        }
    )
    strip = timeline.plan(analysis.event_spans(events), None, (2010.0, 2013.0), 6.0, "en")
    listed = re.findall(r"(?:^|; )([A-Z][a-z0-9 ]+),", timeline.describe(strip, "en"))
    assert listed == ["On the 3rd", "On the 17th", "In the month", "In the year", "Next year"]


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_chart_with_a_timeline_strip_explains_its_symbols_in_the_note(english, name):
    from nkarrivals.text import i18n

    chart = english[name]
    has_strip = "layer" in chart.data.columns
    assert (i18n.text("strip_symbols", "en") in chart.note) == has_strip, name


_SHADING_ALT = {
    "en": "The COVID-19 border closure is shaded, and the partial reopening more lightly.",
    "ko": "코로나19 국경 봉쇄 기간은 음영으로, 부분 재개방 이후는 옅은 음영으로 표시했다.",
}


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_shaded_chart_names_its_stages_in_the_bands_and_explains_the_shading_in_its_alt_text(charts_in, name):
    # The Korean editor's review of December 2026 (M3): arrivals-by-sex was shaded with no key.
    # The bands are named where they are drawn, once per figure (the review, finding 6).
    from nkarrivals.draw import axes

    chart = charts_in[name]
    lang = chart.lang
    stages = [i18n.text("covid_closed", lang), i18n.text("covid_partly_reopened", lang)]
    shaded = any(patch.get_gid() == axes.COVID_BAND for ax in chart.figure.axes for patch in ax.patches)
    named = [t.get_text() for ax in chart.figure.axes for t in ax.texts if t.get_gid() == axes.COVID_NAME]
    assert sorted(" ".join(text.split()) for text in named) == (sorted(stages) if shaded else []), name
    legends = [t.get_text() for ax in chart.figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert not set(stages) & set(legends), (name, legends)
    assert (_SHADING_ALT[lang] in chart.alt_text) == shaded, name


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_camera_estimate_names_its_estimator(dataset, charts_in, name):
    # Estimates by different estimators are not one series (the review's M5): 349 million by
    # IHS Markit in 2018 and 200 million by Precisesecurity.com in 2019 are not a fall.
    chart = charts_in[name]
    if "layer" not in chart.data.columns:
        return
    estimators = {
        estimator: (
            i18n.label("estimator", re.sub(r"[^a-z0-9]+", "_", estimator.lower()).strip("_"), chart.lang),
            i18n.label("estimator_described", re.sub(r"[^a-z0-9]+", "_", estimator.lower()).strip("_"), chart.lang),
        )
        for estimator in dataset.surveillance_scale["estimator"]
    }
    labels = [t.get_text() for t in chart.figure.axes[-1].texts if t.get_gid() == "event-label"]
    cameras = [text for text in labels if "cameras" in text or "카메라" in text]
    rows = chart.data[chart.data["layer"] == "camera_estimate"].set_index("start")["label"]
    observed = dataset.surveillance_scale[~dataset.surveillance_scale["forecast"]].set_index("year")
    for year, label in rows.items():
        short, described = estimators[observed.loc[int(year), "estimator"]]
        assert f"({described}" in label or f" {described}" in label, label
        assert described in chart.alt_text or short in chart.alt_text, (name, short)
        assert any(
            short in text and (f"{int(observed.loc[int(year), 'cameras']) / 1e6:g}" in text or "억" in text)
            for text in cameras
        ), (name, year, cameras)


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_note_takes_at_most_two_lines(charts_in, name):
    # The method lives in the JSON, the CSV and the alt text; the note under a chart is short.
    from nkarrivals.draw import figure

    chart = charts_in[name]
    with figure.house_style(chart.lang):
        lines = figure.wrap(
            i18n.text("note_line", chart.lang, text=chart.note),
            figure.FOOTER_SIZE,
            figure.WIDTH_INCHES - 2 * figure.TEXT_MARGIN,
        )
    assert len(lines) <= 2, f"{name} ({chart.lang}): {len(lines)} lines: {chart.note!r}"
