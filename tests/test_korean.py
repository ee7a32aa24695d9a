"""Korean chart text: every translation in both languages, Korean number style, and the shipped
Korean font (the same file whatever the system has; a clear error where the install lost it).

Korean exports (glyphs, alt text, determinism): test_committed_charts.py."""

import re
import string

import pytest
from conftest import run_cli_after

from nkarrivals import analysis, paths
from nkarrivals.output import export, sidecars
from nkarrivals.text import i18n, korean


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _templates() -> dict[str, dict[str, str]]:
    """Every template in both languages: the shared table, then each chart's own words."""
    from nkarrivals import charts

    found = dict(i18n.translations())
    for name in charts.CHARTS:
        for part, row in charts.text_of(name).parts().items():
            found[f"{name}:{part}"] = row
    return found


def test_every_translation_has_both_languages_with_the_same_placeholders():
    for key, row in _templates().items():
        assert set(row) >= {"en", "ko"}, key
        assert row["en"] and row["ko"], key
        assert _placeholders(row["en"]) == _placeholders(row["ko"]), key


def test_every_translation_is_used_by_the_package(monkeypatch):
    # Build every chart and notebook table, recording the keys asked for.
    from nkarrivals import charts, data
    from nkarrivals.charts.base import ChartText
    from nkarrivals.output import latest, site, tables

    used = set()
    real_text = i18n.text

    def recording_text(key, lang, **values):
        used.add(key)
        return real_text(key, lang, **values)

    monkeypatch.setattr(i18n, "text", recording_text)
    real_chart_text = ChartText.__call__

    def recording_chart_text(self, part, lang, **values):
        used.add(f"{self.path.stem}:{part}")
        return real_chart_text(self, part, lang, **values)

    monkeypatch.setattr(ChartText, "__call__", recording_chart_text)
    dataset = data.load_dataset()
    for name in export.CHARTS:
        chart = export.build_chart(name, dataset)
        sidecars.files(chart, ["csv", "json"])  # column headers, attribution, citation
        sidecars.data_csv(chart.data, "ko")  # codes a Korean file writes in Korean
    tables.fee_table(dataset.broker_fees, dataset.sources)
    tables.fee_changes_by_route(dataset.broker_fees)
    for lang in i18n.LANGUAGES:
        latest.summary(latest.latest_figures(lang), lang)  # nkarrivals latest
        site.labels(lang)  # the website's own words
    used |= set(latest.MOU_CADENCE.values())  # the cadence table names both seasons; the data pick one
    own_words = {
        f"{text.path.stem}:{part}" for text in (charts.text_of(name) for name in export.CHARTS) for part in text.parts()
    }
    assert (set(i18n.translations()) | own_words) - used == set()


def test_korean_number_and_period_formats():
    # People keep comma digits, as in MOU's tables; money is in 만/억 without commas (korean.man_eok).
    assert i18n.count(2914, "ko") == "2,914명"
    assert i18n.usd(2000, "ko") == "2000달러"
    assert i18n.period_label(None, 1998, "ko") == "1998년 이전"
    assert i18n.period_label(1999, 2001, "ko") == "1999~2001년"
    assert i18n.quarter_label(2020, 2, "ko") == "2020년 2분기"


def test_two_years_in_a_korean_period_take_nyeon_once():
    assert i18n.date_span("2020", "2023", "ko") == "2020~2023년"
    assert i18n.date_span("2015-05", "2020", "ko") == "2015년 5월~2020년"
    assert i18n.date_span("2020", "ongoing", "ko") == "2020년~현재"


# --- particles chosen by rule in templates (i18n.format_text) ---------------------------------


@pytest.mark.parametrize(
    "template, value, expected",
    [
        ("{n:으로/로}", "223명", "223명으로"),  # the editorial's examples
        ("{n:으로/로}", "2,914명", "2,914명으로"),
        ("{n:으로/로}", "500위안(약 63달러)", "500위안(약 63달러)으로"),
        ("{n:으로/로}", "1만3300~1만6000달러", "1만3300~1만6000달러로"),
        ("{n:으로/로}", "36.5%", "36.5%로"),
        ("{n:으로/로}", "2021년 2분기", "2021년 2분기로"),
        ("{n:이/가}", "72.2%", "72.2%가"),
        ("{n:이/가}", "1,047명", "1,047명이"),
        ("{n:은/는}", "1998년 이전", "1998년 이전은"),
        ("{n:은/는}", "중국", "중국은"),
        ("{n:을/를}", "60여 명 강제북송", "60여 명 강제북송을"),
        ("{n:을/를}", "사격 명령(의혹)", "사격 명령(의혹)을"),
        ("{n:이었다/였다}", "5명", "5명이었다"),
        ("{n:이었다/였다}", "88.8%", "88.8%였다"),
        ("{n:이다/다}", "1억원(약 7만3000달러)", "1억원(약 7만3000달러)이다"),
        ("{n:과/와}", "남성", "남성과"),
    ],
)
def test_particle_spec_picks_the_form_that_agrees_with_the_value(template, value, expected):
    assert i18n.format_text(template, n=value) == expected


def test_particle_spec_reads_a_number_as_it_is_spoken():
    assert i18n.format_text("{n:으로/로}", n=7) == "7로"  # 칠: ㄹ takes 로
    assert i18n.format_text("{n:으로/로}", n=63) == "63으로"  # 육십삼
    assert i18n.format_text("{n:이/가}", n=2) == "2가"


@pytest.mark.parametrize(
    "template, values, expected",
    [
        ("{n:,}", {"n": 2914}, "2,914"),
        ("{n:>4}", {"n": 7}, "   7"),
        ("{n!r}", {"n": "a"}, "'a'"),
        ("{a}~{b}년", {"a": 1999, "b": 2001}, "1999~2001년"),
    ],
)
def test_other_format_specs_behave_as_in_str_format(template, values, expected):
    assert i18n.format_text(template, **values) == expected


def test_unknown_particle_pair_in_a_template_is_refused():
    with pytest.raises(ValueError, match="unknown particle pair"):
        i18n.format_text("{n:에/에서}", n="서울")


_PARTICLE_BY_HAND = re.compile(r"\}(?:\(으\)|\(이\)|으로|로|이|가|은|는|을|를|과|와|이었다|였다|이다|다)(?=[\s.,)]|$)")


def test_korean_templates_choose_particles_by_rule_and_english_ones_have_none():
    for key, row in _templates().items():
        assert not _PARTICLE_BY_HAND.search(row["ko"]), f"{key}: ask for the particle with {{field:이/가}}"
        for _, _name, spec, _ in string.Formatter().parse(row["ko"]):
            if spec and "/" in spec:
                korean.josa("명", spec)  # a known pair, or ValueError
        assert not any(spec and "/" in spec for _, _, spec, _ in string.Formatter().parse(row["en"])), key


# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "low, high, currency, en, ko",
    [
        (2000, 2000, "USD", "$2,000", "2000달러"),
        (10_000, 10_000, "USD", "$10,000", "1만달러"),
        (100_000, 100_000, "USD", "$100,000", "10만달러"),
        (13_300, 16_000, "USD", "$13,300–16,000", "1만3300~1만6000달러"),
        (2_000_000, 2_500_000, "KRW", "2–2.5 million won", "200만~250만원"),
        (100_000_000, 100_000_000, "KRW", "100 million won", "1억원"),
        (1_234_567, 1_234_567, "KRW", "1,234,567 won", "123만4567원"),
        (5_000_000, None, "KRW", "more than 5 million won", "500만원 이상"),
        (None, 10_000, "CNY", "less than 10,000 yuan", "1만위안 미만"),
        (500, 500, "CNY", "500 yuan", "500위안"),
    ],
)
def test_money_in_each_language(low, high, currency, en, ko):
    assert i18n.money(low, high, currency, "en") == en
    assert i18n.money(low, high, currency, "ko") == ko


def test_money_follows_the_korean_modules_one_convention():
    assert i18n.money(2_000_000, 2_500_000, "KRW", "ko") == korean.won_range(2_000_000, 2_500_000)
    assert i18n.money(1e8, 1e8, "KRW", "ko") == korean.won(1e8)
    assert i18n.usd(73_344, "ko") == korean.dollars_ko(73_344)
    assert i18n.money(73_344, 73_344, "USD", "ko", approx=True) == korean.approx_ko(73_344, "달러")
    assert i18n.money(73_344, 73_344, "USD", "en", approx=True) == korean.approx_en_usd(73_344)


def test_converted_fee_comes_after_the_source_amount_rounded_and_marked_about():
    assert i18n.fee_amount(1e8, 1e8, "KRW", 73_344, 73_344, "ko", approx=True) == "1억원(약 7만3000달러)"
    assert i18n.fee_amount(1e8, 1e8, "KRW", 73_344, 73_344, "en", approx=True) == "100 million won (about $73,000)"
    assert i18n.fee_amount(5e6, None, "KRW", 4_387, None, "ko", approx=True) == "500만원 이상(약 4400달러 이상)"
    assert i18n.fee_amount(500, 500, "CNY", 62.72, 62.72, "ko", approx=True) == "500위안(약 63달러)"


def test_tables_keep_the_exact_converted_value():
    assert i18n.fee_amount(1e8, 1e8, "KRW", 73_344, 73_344, "en") == "100 million won ($73,344)"
    assert i18n.fee_amount(1e8, 1e8, "KRW", 73_344, 73_344, "ko") == "1억원(7만3344달러)"


def test_a_dollar_amount_the_source_gave_is_never_rounded():
    assert i18n.fee_amount(13_300, 16_000, "USD", 13_300, 16_000, "en", approx=True) == "$13,300–16,000"


# --- the Korean font: the files the pinned environment ships, whatever the system has ----------

# SHA-256 of NanumGothic Regular and Bold as koreanize-matplotlib 0.1.1 ships them, the same
# files as Debian's fonts-nanum 20200506: the committed Korean charts were drawn with these.
SHIPPED_FONT_SHA256 = {
    "NanumGothic.ttf": "48a28e97b34fc8e5b157657633670cd1b7de126cfc414da65ce9c3d5bc8be733",
    "NanumGothicBold.ttf": "454eb3f503f377782a99eb84fc4bb7dde22a0f075d41b47427737f2985053bc9",
}


def test_the_shipped_korean_font_files_are_the_build_the_charts_were_drawn_with():
    import hashlib

    assert tuple(SHIPPED_FONT_SHA256) == i18n.KOREAN_FONT_FILES
    for name, digest in SHIPPED_FONT_SHA256.items():
        assert hashlib.sha256((i18n.korean_font_dir() / name).read_bytes()).hexdigest() == digest, name


def test_korean_text_is_drawn_with_the_shipped_font_files():
    import os

    from matplotlib import font_manager

    from nkarrivals.draw import figure

    shipped = {os.path.realpath(i18n.korean_font_dir() / name) for name in i18n.KOREAN_FONT_FILES}
    with figure.house_style("ko"):
        found = {
            weight: font_manager.findfont(font_manager.FontProperties(weight=weight)) for weight in ("normal", "bold")
        }
    assert found == {
        "normal": os.path.realpath(i18n.korean_font_dir() / "NanumGothic.ttf"),
        "bold": os.path.realpath(i18n.korean_font_dir() / "NanumGothicBold.ttf"),
    }
    assert set(found.values()) <= shipped


def test_a_system_korean_font_of_the_same_name_never_replaces_the_shipped_one(tmp_path):
    # Another NanumGothic on the system: a copy of the wheel's ExtraBold, which matplotlib
    # reads as weight 700 and so would win every bold text, and a copy of the regular face
    # at another path, both known to matplotlib before the package registers its own.
    setup = (
        "import shutil, sys\n"
        "from pathlib import Path\n"
        "from matplotlib import font_manager\n"
        "from nkarrivals.text import i18n\n"
        f"system = Path({str(tmp_path / 'system-fonts')!r})\n"
        "system.mkdir()\n"
        "for name in ('NanumGothic.ttf', 'NanumGothicExtraBold.ttf'):\n"
        "    shutil.copy(i18n.korean_font_dir() / name, system / name)\n"
        "    font_manager.fontManager.addfont(system / name)\n"
        "assert 'koreanize_matplotlib' not in sys.modules\n"
    )
    out = tmp_path / "out"
    result = run_cli_after(
        setup, "export", "--lang", "ko", "--format", "png", "--only", "broker-fees", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    committed = export.file_stem("broker-fees", "ko") + ".png"
    assert (out / committed).read_bytes() == (paths.ROOT / "charts" / committed).read_bytes()


def test_the_korean_font_package_is_never_imported():
    import subprocess
    import sys

    code = (
        "import sys\nfrom nkarrivals.text import i18n\n"
        "i18n.font_family('ko')\nprint('koreanize_matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("i18n.KOREAN_FONT_FILES = ('NanumGothic.ttf', 'NoSuchFace.ttf')", "Korean font file missing: "),
        ("i18n.KOREAN_FONT_PACKAGE = 'no_such_font_package'", "the Korean font package no_such_font_package"),
    ],
)
def test_a_broken_install_without_the_korean_font_fails_at_once_and_writes_nothing(tmp_path, breakage, message):
    setup = f"from nkarrivals.text import i18n\n{breakage}"
    result = run_cli_after(setup, "export", "--lang", "ko", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: nothing exported: {message}")
    assert "reinstall from requirements.lock" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_source_publishers_drop_reprint_notes_but_keep_acronyms():
    import pandas as pd

    sources = pd.DataFrame(
        {
            "id": ["A", "B", "C", "D"],
            "publisher": [
                "Dong-A Ilbo (Newsis report)",
                "Radio Free Asia",
                "Newsis",
                "Radio Free Asia (reprinted by American Military News)",
            ],
            "publisher_ko": ["동아일보(뉴시스 보도)", "자유아시아방송(RFA)", "뉴시스", "자유아시아방송(RFA)"],
        }
    )
    assert i18n.source_publishers(sources, ["A", "B", "C", "D"], "ko") == [
        "동아일보",
        "자유아시아방송(RFA)",
        "뉴시스",
    ]
    assert i18n.source_publishers(sources, ["A", "B", "C", "D"]) == ["Dong-A Ilbo", "Radio Free Asia", "Newsis"]


# --- every Korean string the charts produce --------------------------------------------------


@pytest.fixture(scope="module")
def korean_charts(korean):
    """The dataset and every chart in Korean, from the Korean chart set."""
    from nkarrivals import data

    return data.load_dataset(), korean.charts


def _texts_by_kind(chart) -> dict[str, list[str]]:
    """The chart's Korean strings by kind, as drawn: the footer splits into source line and note."""
    from nkarrivals.draw import figure

    drawn = {t.get_gid(): t.get_text() for t in chart.figure.texts}
    source, _, note = drawn["footer"].partition("\n" + i18n.text("note_line", "ko", text=""))
    with figure.house_style("ko"):
        labels = [
            text
            for text, _ in figure.drawn_texts(chart.figure)
            if text not in (drawn["title"], drawn["subtitle"], drawn["footer"])
        ]
    return {
        "title": [chart.title, drawn["title"].replace("\n", " "), chart.subtitle],
        "alt": [chart.alt_text],
        "source": [source.replace("\n", " ")],
        # the footer whole as well: a label in the note under the template's own (참고: 방법:)
        "text": [chart.note, note.replace("\n", " "), drawn["footer"].replace("\n", " "), *labels],
    }


_CHECKS = {
    "title": korean.TITLE_CHECKS,
    "alt": korean.ALT_TEXT_CHECKS,
    "source": korean.SOURCE_CHECKS,
    "text": korean.TEXT_CHECKS,
}


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_korean_string_passes_the_editors_checks(korean_charts, name):
    chart = korean_charts[1][name]
    for kind, texts in _texts_by_kind(chart).items():
        for text in texts:
            assert korean.check_korean_text(text, _CHECKS[kind]) == [], (kind, text)


def test_korean_labels_of_periods_name_no_one_off_act(korean_charts):
    # A period is not a launch (December 2026 review, M2): 출범 on a five-year bar.
    from nkarrivals import analysis

    dataset = korean_charts[0]
    spans = analysis.event_spans(dataset.events)
    for label in spans.loc[spans["is_period"], "label_ko"]:
        assert not any(noun in label for noun in korean.ONE_OFF_NOUNS), label


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_korean_money_is_in_man_and_eok_without_commas(korean_charts, name):
    for texts in _texts_by_kind(korean_charts[1][name]).values():
        for text in texts:
            assert not re.search(r"[0-9],[0-9]{3}(?:달러|원|위안)", text), text


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_korean_title_names_tal_buk_min_and_uses_no_topic_particle_after_its_subject(korean_charts, name):
    title = korean_charts[1][name].title
    assert "탈북민" in title
    assert not re.search(r"(입국|인원|비용)[은는] ", title), title  # headlines drop 은/는


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\.)\s+", text.strip()) if s]


def _last_syllable(sentence: str) -> str:
    spoken = re.sub(r"\([^()]*\)$", "", sentence.rstrip(".")).rstrip()  # a closing bracket is not read
    return spoken[-1]


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_korean_alt_text_is_complete_sentences_without_file_paths(korean_charts, name):
    alt = korean_charts[1][name].alt_text
    assert not re.search(r"[\w-]+/[\w.-]+|\.(?:csv|json|png)\b", alt)
    for sentence in _sentences(alt):
        assert sentence.endswith("다."), sentence  # 해라체: 나타낸 그래프다. 입국했다.


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_korean_note_sentences_end_in_noun_form(korean_charts, name):
    for sentence in _sentences(korean_charts[1][name].note):
        last = _last_syllable(sentence)
        assert "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 16, sentence  # ~임, ~함, ~음: final ㅁ


def test_source_lines_name_korean_outlets_in_korean_without_reprint_notes(korean_charts):
    _dataset, charts = korean_charts
    # arrivals-and-fees cites the arrivals' outlets and those of the fees it draws; broker-fees every fee outlet
    source = _texts_by_kind(charts["arrivals-and-fees"])["source"][0]
    fee_source = _texts_by_kind(charts["broker-fees"])["source"][0]
    for name in ("동아일보", "연합뉴스", "서울경제", "뉴시스", "CBS노컷뉴스"):
        assert name in source
    for name in ("매일신문", "CBS노컷뉴스", "자유아시아방송(RFA)", "미국의소리(VOA)"):
        assert name in fee_source
    for english in ("Dong-A Ilbo", "Yonhap", "Newsis", "Maeil", "NoCut", "Radio Free Asia"):
        assert english not in source and english not in fee_source
    assert "전재" not in source and "(뉴시스 보도)" not in source  # reprint notes are dropped
    latest = int(_dataset.arrivals["last_year"].max())
    assert f"2020~{latest}년" in source


def test_source_line_and_alt_text_count_fee_figures_and_the_fewer_reports_they_come_from(korean_charts):
    dataset, charts = korean_charts
    figures = len(dataset.broker_fees)
    reports = dataset.broker_fees["source_id"].nunique()
    dated = dataset.broker_fees["period_start"].notna().sum()
    assert reports < figures  # some reports give several figures: a figure is not a report
    chart = charts["broker-fees"]
    # the outlets first, then their reports and the figures in them (the December 2026 review, S10)
    assert f" 보도 {reports}건(브로커 비용 {figures}건), " in _texts_by_kind(chart)["source"][0]
    assert f"비용 {figures}건(보도 {reports}건) 가운데 비용 기준 연도를 밝힌 {dated}건" in chart.alt_text
    assert f"{figures - dated}건" in chart.alt_text
    assert f"보도 {figures}건" not in chart.alt_text + chart.note + chart.subtitle
    route = dataset.broker_fees[dataset.broker_fees["route"] == "nk_to_china"]
    source = _texts_by_kind(charts["arrivals-and-fees"])["source"][0]
    assert f" 보도 {route['source_id'].nunique()}건(브로커 비용 {len(route)}건), " in source


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_every_korean_chart_with_a_timeline_strip_explains_its_symbols_in_the_note(korean_charts, name):
    chart = korean_charts[1][name]
    assert (i18n.text("strip_symbols", "ko") in chart.note) == ("layer" in chart.data.columns), name


def test_an_alleged_event_says_uihok_once_in_the_strip_and_the_alt_text(korean_charts):
    dataset, charts = korean_charts
    chart = charts["arrivals-annual"]
    alleged = dataset.events[dataset.events["status"] == "alleged"]
    assert not alleged.empty
    labels = [t.get_text() for t in chart.figure.axes[-1].texts]
    for label in alleged["label_ko"]:
        assert label in labels
        phrase = korean.in_sentence(label)
        assert chart.alt_text.count(phrase) == 1 and phrase.count("의혹") == 1
    assert "(의혹)" not in chart.alt_text and "(의혹)" not in "".join(labels)


def test_korean_annual_title_gives_the_years_since_the_reopening_as_a_share_of_the_year_before_covid(korean_charts):
    from nkarrivals.analysis import facts

    dataset, charts = korean_charts
    annual = facts.annual_facts(dataset)
    title = charts["arrivals-annual"].title
    share = i18n.share_in_words(annual.since_pct_of_pre_covid, "ko")
    assert title == f"탈북민 입국, {annual.since_year}년 이후 {annual.pre_covid_year}년의 {share} 수준에 그쳐"


def test_korean_recent_chart_says_what_its_hatching_and_its_computed_values_are(korean_charts):
    dataset, charts = korean_charts
    chart = charts["arrivals-recent"]
    assert "빗금 막대는" in chart.note and "분기 평균" in chart.note
    assert "일부 수치는 통일부 공표 수치의 합이나 차이며, 원자료(CSV)에 표시함." in chart.note
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    for _, half in periods[periods["half"].notna()].iterrows():
        label = "상반기" if half["half"] == 1 else "하반기"
        assert f"{label}: {half['total']:,}" in [t.get_text() for t in chart.figure.axes[0].texts]


def _man_eok_value(text: str) -> int:
    """'7만3000' -> 73000, '1억' -> 100000000."""
    value = 0
    for number, unit in re.findall(r"([0-9]+)(억|만)?", text):
        value += int(number) * {"억": 10**8, "만": 10**4, "": 1}[unit]
    return value


@pytest.mark.parametrize("name", ["broker-fees", "arrivals-and-fees"])
def test_korean_fee_words_round_converted_amounts_and_say_yak(korean_charts, name):
    dataset, charts = korean_charts
    chart = charts[name]
    for amount in re.findall(r"약 [0-9][0-9만억]*달러", chart.title + chart.alt_text):
        assert len(str(_man_eok_value(amount[2:-2])).strip("0")) <= 2, (amount, name)
    assert "약 " in chart.title and "배" in chart.title  # the rise, as a rounded multiple
    highest = dataset.broker_fees[["low_usd", "high_usd"]].max().max()
    assert korean.man_eok(highest) not in chart.title  # the exact conversion stays in the data


def test_korean_recent_title_gives_both_ranges_with_tilde_and_the_period_since(korean_charts):
    from nkarrivals.analysis import facts

    dataset, charts = korean_charts
    found = facts.recent_facts(dataset)
    low, high = found.since_range
    since = i18n.quarter_label(found.reopened.year, found.reopened.quarter, "ko")
    assert charts["arrivals-recent"].title == (
        f"탈북민 분기별 입국, {found.before_year}년 {found.before_low.total:,}~{found.before_high.total:,}명에서 "
        f"{since} 이후 {low:,}~{high:,}명으로 줄어"
    )
