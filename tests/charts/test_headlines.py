"""Headlines: at most 70 characters in English, no percentage meaning two things across the set,
and an editor's override ([headline] in a chart's TOML) that states only the chart's facts.

A chart's facts are the values of its data table (Chart.data) and the values its words were
formatted with (Chart.values, the fields of its TOML as `framed` received them)."""

import importlib
import re
from pathlib import Path

import pandas as pd
import pytest

from nkarrivals import charts
from nkarrivals.charts.base import ChartText
from nkarrivals.output import export

MAX_TITLE = 70  # characters, in English (the rule; the Reuters Handbook's ceiling is about 64)

# A number as the charts write it: 2,914 / 72.2 / 92% / $10,000 / 1만3300 / 1억2000만 (Korean 만
# and 억 units). A digit glued to a letter or hyphen before it (Q2, H1, COVID-19) is a name, not
# a figure.
_AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_STATED = re.compile(rf"(?<![A-Za-z0-9.,\-])(?:(?:{_AMOUNT}[억만])+(?:{_AMOUNT})?|{_AMOUNT})")
_PART = re.compile(rf"({_AMOUNT})([억만]?)")
_UNIT = {"억": 1e8, "만": 1e4, "": 1}


def stated_numbers(text: str) -> list[tuple[str, float]]:
    """Each number `text` states, as written and as a value: '1만3300달러' -> [('1만3300', 13300.0)]."""
    found = []
    for match in _STATED.finditer(text):
        written = match.group(0)
        value = sum(float(number.replace(",", "")) * _UNIT[unit] for number, unit in _PART.findall(written))
        found.append((written, value))
    return found


def chart_facts(chart) -> set[float]:
    """Every value in the chart's data table and every number in the values its words state."""
    facts: set[float] = set()

    def add(value: object) -> None:
        if isinstance(value, bool) or value is None or (not isinstance(value, str) and pd.isna(value)):
            return
        if isinstance(value, str):
            facts.update(number for _, number in stated_numbers(value))
        elif isinstance(value, int | float):
            facts.add(float(value))
        else:
            try:
                facts.add(float(value))  # numpy and pandas scalars
            except (TypeError, ValueError):
                add(str(value))

    for column in chart.data.columns:
        for value in chart.data[column]:
            add(value)
    for value in chart.values.values():
        add(value)
    return {round(value, 6) for value in facts}


def unstated(headline: str, chart) -> list[str]:
    """The numbers in `headline` that are not among the chart's facts."""
    facts = chart_facts(chart)
    return [written for written, value in stated_numbers(headline) if round(value, 6) not in facts]


def test_numbers_are_read_as_the_charts_write_them():
    def values(text):
        return [value for _, value in stated_numbers(text)]

    assert values("fell to 223 in 2025, 92% below their 2,914 peak") == [223, 2025, 92, 2914]
    assert values("from $10,000–15,000 to 72.2%") == [10000, 15000, 72.2]
    assert values("약 1만3300달러, 1억2000만원, 2만명") == [13300, 1.2e8, 20000]
    assert values("COVID-19 in Q2 2021 and H1") == [2021]
    assert values("1,043, 947") == [1043, 947]


# --- an editor's headline ------------------------------------------------------------------


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_number_an_editors_headline_states_is_one_of_its_charts_facts(charts_in, name):
    headline = charts.text_of(name).headline(charts_in.lang)
    chart = charts_in[name]
    if headline is None:
        return
    assert chart.title == headline
    assert not unstated(headline, chart), f"{name} ({chart.lang}): [headline] states {unstated(headline, chart)}"


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_a_headline_table_holds_plain_text_in_the_two_languages(name):
    table = charts.text_of(name).parts().get("headline", {})
    assert set(table) <= {"en", "ko"}, name
    for lang in table:
        charts.text_of(name).headline(lang)  # raises on {fields}


def _with_headline(monkeypatch, tmp_path: Path, name: str, english: str) -> None:
    """The chart's words with an editor's English headline added, in place of its TOML."""
    module = importlib.import_module(charts.CHARTS[name].module)  # type: ignore[attr-defined]
    original = module.TEXT.path.read_text(encoding="utf-8")
    path = tmp_path / f"{module.TEXT.path.stem}-{abs(hash(english))}.toml"
    path.write_text(f'{original}\n[headline]\nen = "{english}"\n', encoding="utf-8")
    monkeypatch.setattr(module, "TEXT", ChartText(path))


def _largest_count(chart) -> int:
    whole = chart.data.select_dtypes("number")
    return int(max(value for column in whole for value in whole[column].dropna() if float(value).is_integer()))


NAME = next(iter(charts.CHARTS))  # any registered chart will do


def test_an_editors_headline_replaces_the_generated_title_in_its_language_only(monkeypatch, tmp_path, english, korean):
    fact = _largest_count(english[NAME])
    headline = f"An editor's line on {NAME}: {fact:,}"
    _with_headline(monkeypatch, tmp_path, NAME, headline)
    edited = export.build_chart(NAME, lang="en")
    assert edited.title == headline
    assert edited.values == english[NAME].values
    assert export.build_chart(NAME, lang="ko").title == korean[NAME].title  # no Korean override
    assert unstated(headline, edited) == []


def test_a_headline_stating_a_number_that_is_not_a_fact_is_caught(monkeypatch, tmp_path, english):
    chart = english[NAME]
    facts = chart_facts(chart)
    made_up = next(n for n in range(_largest_count(chart) + 1, 10**9) if float(n) not in facts)
    headline = f"An editor's line on {NAME}: {made_up:,}"
    _with_headline(monkeypatch, tmp_path, NAME, headline)
    edited = export.build_chart(NAME, lang="en")
    assert edited.title == headline
    assert unstated(headline, edited) == [f"{made_up:,}"]


def test_a_headline_with_fields_is_refused(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('[headline]\nen = "Arrivals peaked at {peak}"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[headline\] en must be plain text"):
        ChartText(path).headline("en")
    assert ChartText(path).headline("ko") is None


# --- the titles of the set -------------------------------------------------------------------


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_english_title_is_at_most_70_characters(english, name):
    title = english[name].title
    assert len(title) <= MAX_TITLE, f"{name}: {len(title)} characters: {title!r}"


# A percentage, each end of a range on its own: '57–71%' states 57 and 71.
_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s?[–~-]\s?\d+(?:\.\d+)?)?\s?%")


def _percentages(title: str) -> set[str]:
    return {end.strip() for found in _PERCENT.findall(title) for end in re.split("[–~-]", found.rstrip("% "))}


def test_a_percentage_and_each_end_of_a_range_is_read():
    assert _percentages("fell 5–10% a year; 2025 was 57-71% below, 72.2 % women") == {"5", "10", "57", "71", "72.2"}


def test_no_percentage_appears_in_the_english_titles_of_two_charts(english):
    seen: dict[str, str] = {}
    repeated = []
    for name in charts.CHARTS:
        for percent in _percentages(english[name].title):
            if percent in seen:
                repeated.append(f"{percent} in {seen[percent]} and {name}")
            seen.setdefault(percent, name)
    assert not repeated, "; ".join(repeated)
