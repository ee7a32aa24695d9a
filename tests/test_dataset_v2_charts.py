"""The charts of dataset v2: half-years, who arrives, where else, and fees in constant dollars.
Each draws what its data hold, says what it measures, and keeps published figures as published."""

import re

import pytest

from nkarrivals import data
from nkarrivals.analysis import abroad, facts, fees
from nkarrivals.data.schema import CPI_SERIES, PROFILE_GROUPS
from nkarrivals.draw import figure
from nkarrivals.draw.figure import house_style
from nkarrivals.output import export
from nkarrivals.text import i18n


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


@pytest.fixture(scope="module")
def charts(english):
    return english.charts


# --- arrivals-halfyear ------------------------------------------------------------------------


def test_halfyear_chart_draws_every_half_to_the_latest_with_derived_ones_hatched(dataset, charts):
    chart = charts["arrivals-halfyear"]
    series = chart.data[chart.data["layer"] == "series"]
    expected = dataset.halfyear.sort_values(["year", "half"])
    assert list(zip(series["year"], series["half"], series["total"], strict=True)) == list(
        zip(expected["year"], expected["half"], expected["total"], strict=True)
    )
    bars = [p for p in chart.figure.axes[0].patches if 0 < p.get_width() < 0.5]
    assert len(bars) == len(expected)
    assert sum(bool(p.get_hatch()) for p in bars) == int(expected["derived"].sum())
    last = expected.iloc[-1]
    assert chart.subtitle.endswith(i18n.half_label(int(last["year"]), int(last["half"]), "en"))


def test_halfyear_chart_shades_both_covid_stages_and_has_the_timeline_strip(charts):
    chart = charts["arrivals-halfyear"]
    labels = [p.get_label() for p in chart.figure.axes[0].patches if p.get_label().startswith(("COVID", "Partly"))]
    assert labels == ["COVID-19 border closure", "Partly reopened"]
    assert any(t.get_gid() == "event-label" for t in chart.figure.axes[-1].texts)
    assert (chart.data["layer"] == "event").any()


@pytest.mark.parametrize("name", ["arrivals-halfyear", "arrivals-quarterly"])
def test_derived_legend_says_what_derived_means_in_both_languages(dataset, charts, name):
    for lang in i18n.LANGUAGES:
        chart = charts[name] if lang == "en" else export.build_chart(name, dataset, lang)
        legend = [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()]
        assert i18n.text("derived_value", lang) in legend
    assert "half-year or annual total" not in i18n.text("derived_value", "en")  # Q4 2023 derives only its split
    assert "남녀" in i18n.text("derived_value", "ko") and "합계" in i18n.text("derived_value", "ko")


# --- arrivals-profile -------------------------------------------------------------------------


def test_profile_chart_draws_men_and_women_as_published_and_names_the_published_error(dataset, charts):
    chart = charts["arrivals-profile"]
    error = facts.profile_facts(dataset).errors[0]
    rows = chart.data[
        (chart.data["dimension"] == error.dimension)
        & (chart.data["group"] == error.category)
        & (chart.data["as_of"] == error.as_of)
    ].set_index("series")
    assert (rows.loc["men", "people"], rows.loc["women", "people"]) == (error.male, error.female)
    assert f"{error.published_total:,}" in chart.note and f"{error.male + error.female:,}" in chart.note


def test_profile_shares_of_each_sex_add_up_to_a_hundred(charts):
    shares = charts["arrivals-profile"].data.dropna(subset=["share_pct"])
    for (dimension, series), group in shares.groupby(["dimension", "series"]):
        assert group["share_pct"].sum() == pytest.approx(100), (dimension, series)


def test_profile_origin_is_drawn_in_people_and_marked_partial(dataset, charts):
    chart = charts["arrivals-profile"]
    origin = chart.data[chart.data["dimension"] == "province"]
    assert origin["share_pct"].isna().all()  # no total: no share is computed
    profiles = dataset.profiles
    partial = profiles[
        (profiles["dimension"] == "province")
        & profiles["total"].notna()
        & ~profiles["category"].isin(PROFILE_GROUPS["province"])
    ]
    assert sorted(origin["people"]) == sorted(partial["total"])
    titles = [ax.get_title(loc="left") for ax in chart.figure.axes]
    assert "Province of origin (partial figures)" in titles


# --- protection-abroad ------------------------------------------------------------------------


def test_protection_abroad_totals_are_the_sum_over_countries_of_asylum(dataset, charts):
    data_ = charts["protection-abroad"].data
    totals = data_[data_["series"] == "all_countries"].set_index("year")
    summed = dataset.unhcr.groupby("year")[["refugees", "asylum_seekers"]].sum()
    assert list(totals.index) == list(summed.index)  # a year without rows (1997) is not drawn as zero
    assert (totals["refugees"].astype(int) == summed["refugees"]).all()
    assert (totals["asylum_seekers"].astype(int) == summed["asylum_seekers"]).all()


def test_protection_abroad_draws_the_hosts_with_the_highest_year_end_peaks(dataset, charts):
    chart = charts["protection-abroad"]
    hosts = abroad.host_countries(dataset.unhcr).head(5)
    drawn = chart.data[chart.data["series"] == "country"]
    assert list(dict.fromkeys(drawn["country_of_asylum"])) == list(hosts["country_of_asylum"])
    peaks = drawn.groupby("country_of_asylum")["refugees_and_asylum_seekers"].max()
    assert (peaks[hosts["country_of_asylum"]].to_numpy() == hosts["peak"].to_numpy()).all()
    assert "KOR" not in set(dataset.unhcr["country_of_asylum"])
    assert "South Korea is not a country of asylum" in chart.note


# --- broker-fees-real -------------------------------------------------------------------------


def test_constant_dollar_chart_draws_real_usd_and_names_the_price_base(dataset, charts):
    chart = charts["broker-fees-real"]
    real = fees.real_usd(fees.dated_fees(dataset.broker_fees), dataset.rates)
    base = int(real["base_year"].iloc[0])
    drawn = chart.data[chart.data["layer"] == "series"]
    for column in ("low_real_usd", "high_real_usd"):
        assert drawn[column].reset_index(drop=True).equals(real[column].astype(float)), column
    assert f"US dollars of {base} (US CPI-U)" in chart.subtitle
    cpi_sources = set(dataset.rates.loc[dataset.rates["series"] == CPI_SERIES, "source_id"])
    assert cpi_sources <= set(chart.source_ids)


def test_constant_dollar_title_rounds_to_two_figures_and_says_about(dataset, charts):
    title = charts["broker-fees-real"].title
    amounts = re.findall(r"(about )?\$([0-9,]+)(?:–([0-9,]+))?", title)
    assert amounts, title
    for about, *numbers in amounts:
        assert about, title
        for number in filter(None, numbers):
            assert len(number.replace(",", "").strip("0")) <= 2, (number, title)
    ko = export.build_chart("broker-fees-real", dataset, "ko").title
    for amount in re.findall(r"(?:약 )?[0-9][0-9만억~]*달러", ko):
        assert amount.startswith("약 "), ko


# --- the frame --------------------------------------------------------------------------------


def test_small_multiples_take_no_timeline_strip():
    with pytest.raises(ValueError, match="small multiples"):
        figure.framed_figure(title="t", subtitle="s", source="x", note="", columns=2, strip_height=1.0)


def test_panel_titles_are_checked_for_collisions():
    with house_style("en"):
        fig = figure.framed_figure(
            title="Title",
            subtitle="Subtitle",
            source="A source",
            note="",
            rows=1,
            columns=2,
            column_gap=0.0,
            left_margin=1.0,
        )
        left, right = fig.axes
        left.set_title("a long panel title that runs on and on, well into the panel beside it", loc="left", fontsize=16)
        right.set_title("second panel", loc="left")
        assert any("panel title" in p and "second panel" in p for p in figure.text_problems(fig))


def test_every_country_and_category_drawn_has_a_name_in_both_languages(dataset):
    found = facts.profile_facts(dataset)
    codes = set(found.shares["category"]) | set(found.origin["category"])
    countries = facts.protection_abroad_facts(dataset).hosts_by_year.columns
    for lang in i18n.LANGUAGES:
        for code in codes:
            assert i18n.label("profile_category", code, lang)
        for code in countries:
            assert i18n.label("country", code, lang)
    with pytest.raises(KeyError, match="country_XYZ"):
        i18n.label("country", "XYZ", "en")
