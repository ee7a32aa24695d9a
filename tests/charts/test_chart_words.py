"""The words of a chart: titles, notes, alt text, legends and the names of what is drawn.

The Korean editor's rules for the same words are checked in tests/test_korean.py."""

import re

import pytest

from nkarrivals import analysis, data
from nkarrivals.analysis import facts
from nkarrivals.output import export
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


@pytest.mark.parametrize("name", ["arrivals-halfyear", "arrivals-quarterly"])
def test_derived_legend_says_what_derived_means_in_both_languages(dataset, english, name):
    for lang in i18n.LANGUAGES:
        chart = english[name] if lang == "en" else export.build_chart(name, dataset, lang)
        legend = [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()]
        assert i18n.text("derived_value", lang) in legend
    assert "half-year or annual total" not in i18n.text("derived_value", "en")  # Q4 2023 derives only its split
    assert "남녀" in i18n.text("derived_value", "ko") and "합계" in i18n.text("derived_value", "ko")


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


def test_quarterly_note_says_from_which_quarter_there_are_no_figures(dataset, english):
    last = dataset.quarterly.iloc[-1]
    year, quarter = int(last["year"]), int(last["quarter"])
    note = english["arrivals-quarterly"].note
    assert f"from Q{quarter % 4 + 1} {year + quarter // 4} on" in note
    assert f"after Q{quarter} {year}" not in note


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
