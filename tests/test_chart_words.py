"""The words of a chart: legends, titles and the names of what is drawn, in both languages.

(More of this lives in test_charts.py and test_korean.py; see the note on duplicates in
code-review-2026-12 §4.1.)"""

import re

import pytest

from nkarrivals import data
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


def test_constant_dollar_title_rounds_to_two_figures_and_says_about(dataset, english):
    title = english["broker-fees-real"].title
    amounts = re.findall(r"(about )?\$([0-9,]+)(?:–([0-9,]+))?", title)
    assert amounts, title
    for about, *numbers in amounts:
        assert about, title
        for number in filter(None, numbers):
            assert len(number.replace(",", "").strip("0")) <= 2, (number, title)
    ko = export.build_chart("broker-fees-real", dataset, "ko").title
    for amount in re.findall(r"(?:약 )?[0-9][0-9만억~]*달러", ko):
        assert amount.startswith("약 "), ko


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
