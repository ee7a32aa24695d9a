"""Korean particles, amounts, dates and the editor's checks (nkarrivals.text.korean)."""

import ast
import sys
from pathlib import Path

import pytest

from nkarrivals.text import korean
from nkarrivals.text.korean import (
    ALL_CHECKS,
    ALT_TEXT_CHECKS,
    SOURCE_CHECKS,
    TEXT_CHECKS,
    TITLE_CHECKS,
    approx_en_usd,
    approx_ko,
    check_korean_text,
    dollars_ko,
    final_sound,
    in_sentence,
    josa,
    korean_date,
    man_eok,
    significant,
    unbreakable_groups,
    won,
    won_range,
    yuan_ko,
)

# --- final_sound ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, sound",
    [
        ("달러", "vowel"),
        ("년도", "vowel"),
        ("명", "consonant"),
        ("위안", "consonant"),
        ("서울", "rieul"),
        ("7일", "rieul"),
        ("2021년 1분기", "vowel"),
    ],
)
def test_hangul_syllable_final_decides_the_sound(word, sound):
    assert final_sound(word) == sound


@pytest.mark.parametrize(
    "word, sound",
    [
        ("500위안(약 63달러)", "consonant"),  # 위안, not 달러
        ("63달러(약 500위안)", "vowel"),
        ("명(a(b)달러)", "consonant"),  # nested brackets go as one part
        ("명 [주]", "consonant"),
        ("쉐량(雪亮) ", "consonant"),
    ],
)
def test_trailing_bracketed_part_is_not_read(word, sound):
    assert final_sound(word) == sound


@pytest.mark.parametrize(
    "word, sound", [("달러  ", "vowel"), ("명.", "consonant"), ('"초소 증설"', "rieul"), ("서울, ", "rieul")]
)
def test_trailing_spaces_and_punctuation_are_not_read(word, sound):
    assert final_sound(word) == sound


@pytest.mark.parametrize(
    "digit, sound",
    [
        ("0", "consonant"),
        ("1", "rieul"),
        ("2", "vowel"),
        ("3", "consonant"),
        ("4", "vowel"),
        ("5", "vowel"),
        ("6", "consonant"),
        ("7", "rieul"),
        ("8", "rieul"),
        ("9", "vowel"),
    ],
)
def test_bare_digit_is_read_in_sino_korean(digit, sound):
    assert final_sound(digit) == sound


@pytest.mark.parametrize(
    "number, sound",
    [
        ("20", "consonant"),  # 이십
        ("223", "consonant"),  # 이백이십삼
        ("63", "consonant"),  # 육십삼
        ("2,914", "vowel"),  # 이천구백십사
        ("1,300", "consonant"),  # 천삼백
        ("2,000", "consonant"),  # 이천
        ("10,000", "consonant"),  # 만
        ("50,000", "consonant"),  # 오만
        ("100000", "consonant"),  # 십만
        ("20,000,000", "consonant"),  # 이천만
        ("100000000", "consonant"),  # 억
        ("3000000000000", "vowel"),  # 삼조
        ("2011", "rieul"),  # 이천십일
        ("COVID-19", "vowel"),
    ],
)  # 십구
def test_number_ends_in_its_last_spoken_place_word_or_digit(number, sound):
    assert final_sound(number) == sound


def test_commas_do_not_change_how_a_number_is_read():
    assert final_sound("2,914") == final_sound("2914") == "vowel"
    assert final_sound("1,000,001") == "rieul"


@pytest.mark.parametrize(
    "number, sound",
    [("12.5", "vowel"), ("1.5", "vowel"), ("2.0", "consonant"), ("0.7", "rieul"), ("1,234.56", "consonant")],
)
def test_decimal_is_judged_by_its_last_digit_after_the_point(number, sound):
    assert final_sound(number) == sound


@pytest.mark.parametrize("word", ["92%", "3.5%p", "3.5%포인트", "10.1%"])
def test_percent_and_percentage_points_end_in_a_vowel(word):
    assert final_sound(word) == "vowel"


@pytest.mark.parametrize(
    "word, sound",
    [
        ("RFA", "vowel"),
        ("VOA", "vowel"),
        ("UNHCR", "rieul"),
        ("HRW", "vowel"),
        ("UN", "consonant"),
        ("ICBM", "consonant"),
        ("Daily NK", "vowel"),
    ],
)
def test_acronym_is_judged_by_the_name_of_its_last_letter(word, sound):
    assert final_sound(word) == sound


@pytest.mark.parametrize("word", ["Facebook", "km"])
def test_latin_word_read_as_a_word_is_refused(word):
    with pytest.raises(ValueError, match="Hangul"):
        final_sound(word)


@pytest.mark.parametrize("word", ["", "   ", "(약 63달러)", "...", " (a) [b] "])
def test_text_with_nothing_read_is_refused(word):
    with pytest.raises(ValueError, match="nothing is read"):
        final_sound(word)


def test_unbalanced_bracket_is_refused():
    with pytest.raises(ValueError, match="unbalanced bracket"):
        final_sound("63달러)")


@pytest.mark.parametrize("word", ["雪亮", "ㅋ", "→"])
def test_ending_without_a_known_reading_is_refused(word):
    with pytest.raises(ValueError, match="cannot tell"):
        final_sound(word)


def test_number_too_large_to_name_is_refused():
    with pytest.raises(ValueError, match="too large"):
        final_sound("1" + "0" * 20)


# --- josa ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, pair, expected",
    [
        ("223명", "으로/로", "223명으로"),
        ("2,914명", "으로/로", "2,914명으로"),
        ("2,000달러", "으로/로", "2,000달러로"),
        ("500위안(약 63달러)", "으로/로", "500위안(약 63달러)으로"),
        ("2009년도", "으로/로", "2009년도로"),
        ("2,914명", "이/가", "2,914명이"),
        ("2025년", "은/는", "2025년은"),
        ("92%", "으로/로", "92%로"),
        ("2021년 1분기", "을/를", "2021년 1분기를"),
        ("63", "으로/로", "63으로"),
        ("7", "으로/로", "7로"),
        ("서울", "이/가", "서울이"),
    ],
)
def test_josa_matches_the_editorial_examples(word, pair, expected):
    assert josa(word, pair) == expected


@pytest.mark.parametrize(
    "word, expected", [("서울", "서울로"), ("7일", "7일로"), ("7", "7로"), ("UNHCR", "UNHCR로"), ("2011", "2011로")]
)
def test_rieul_final_takes_ro_not_euro(word, expected):
    assert josa(word, "으로/로") == expected


@pytest.mark.parametrize(
    "pair, expected",
    [
        ("이/가", "서울이"),
        ("은/는", "서울은"),
        ("을/를", "서울을"),
        ("과/와", "서울과"),
        ("이었다/였다", "서울이었다"),
        ("이다/다", "서울이다"),
    ],
)
def test_rieul_final_counts_as_a_consonant_for_other_pairs(pair, expected):
    assert josa("서울", pair) == expected


@pytest.mark.parametrize(
    "pair, after_consonant, after_vowel",
    [
        ("이/가", "이", "가"),
        ("은/는", "은", "는"),
        ("을/를", "을", "를"),
        ("과/와", "과", "와"),
        ("으로/로", "으로", "로"),
        ("이었다/였다", "이었다", "였다"),
        ("이다/다", "이다", "다"),
    ],
)
def test_each_pair_gives_its_first_form_after_a_consonant_and_second_after_a_vowel(pair, after_consonant, after_vowel):
    assert josa("34,537명", pair) == "34,537명" + after_consonant
    assert josa("2,000달러", pair) == "2,000달러" + after_vowel


@pytest.mark.parametrize("pair, reversed_pair", [("이/가", "가/이"), ("으로/로", "로/으로"), ("은/는", "는 / 은")])
def test_pair_is_accepted_in_either_order(pair, reversed_pair):
    for word in ("명", "달러", "서울"):
        assert josa(word, reversed_pair) == josa(word, pair)


@pytest.mark.parametrize("pair", ["에/에서", "으로", "(으)로", "", "이/가/은"])
def test_unknown_pair_is_refused(pair):
    with pytest.raises(ValueError, match="unknown particle pair"):
        josa("명", pair)


def test_josa_never_emits_a_bracketed_particle():
    for word in ("명", "달러", "서울", "63", "92%", "RFA", "500위안(약 63달러)"):
        for pair in ("이/가", "은/는", "을/를", "과/와", "으로/로", "이었다/였다"):
            added = josa(word, pair)[len(word) :]
            assert "(" not in added and ")" not in added, (word, pair)


def test_particle_follows_the_word_without_a_space():
    assert josa("서울  ", "이/가") == "서울이"


def test_particle_follows_a_closing_quote():
    assert josa('"국경 울타리·초소 증설"', "을/를") == '"국경 울타리·초소 증설"을'


def test_josa_refuses_an_empty_word():
    with pytest.raises(ValueError):
        josa("", "이/가")


# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (100_000_000, "1억"),
        (120_000_000, "1억2000만"),
        (123_456_789, "1억2345만6789"),
        (20_000_000, "2000만"),
        (73_344, "7만3344"),
        (10_000, "1만"),
        (100_000, "10만"),
        (4_400, "4400"),
        (63, "63"),
        (0, "0"),
        (100_000_500, "1억500"),
        (2 * 10**12, "2조"),
    ],
)
def test_man_eok_groups_by_man_and_eok_without_commas(value, expected):
    assert man_eok(value) == expected


@pytest.mark.parametrize("value, expected", [(73_344.5, "7만3345"), (2_000.4, "2000"), (0.4, "0")])
def test_man_eok_rounds_half_up_to_whole_units(value, expected):
    assert man_eok(value) == expected


@pytest.mark.parametrize("value", [-1, float("nan"), float("inf")])
def test_man_eok_refuses_negative_or_non_finite_amounts(value):
    with pytest.raises(ValueError):
        man_eok(value)


@pytest.mark.parametrize(
    "value, expected",
    [(100_000_000, "1억원"), (20_000_000, "2000만원"), (5_000_000, "500만원"), (1_234_567, "123만4567원")],
)
def test_won_is_always_in_man_and_eok(value, expected):
    assert won(value) == expected


def test_won_range_writes_the_unit_once_at_the_end():
    assert won_range(2_000_000, 2_500_000) == "200만~250만원"


def test_won_range_with_equal_ends_is_one_amount():
    assert won_range(5_000_000, 5_000_000) == "500만원"


def test_won_range_refuses_reversed_ends():
    with pytest.raises(ValueError, match="reversed"):
        won_range(2_500_000, 2_000_000)


@pytest.mark.parametrize(
    "value, expected",
    [(10_000, "1만달러"), (100_000, "10만달러"), (73_000, "7만3000달러"), (2_000, "2000달러"), (63, "63달러")],
)
def test_dollars_use_man_from_ten_thousand(value, expected):
    assert dollars_ko(value) == expected


def test_yuan_use_man_from_ten_thousand():
    assert yuan_ko(500) == "500위안"
    assert yuan_ko(30_000) == "3만위안"


@pytest.mark.parametrize(
    "value, expected",
    [
        (73_344, 73_000),
        (4_387, 4_400),
        (62.72, 63),
        (0, 0),
        (-0.0, 0),
        (4_250, 4_300),
        (0.04567, 0.046),
        (-4_387, -4_400),
    ],
)
def test_significant_rounds_half_up_to_two_figures(value, expected):
    assert significant(value) == expected


def test_significant_takes_other_numbers_of_figures():
    assert significant(73_344, 3) == 73_300
    assert significant(73_344, 1) == 70_000


@pytest.mark.parametrize("digits, value", [(0, 5.0), (2, float("nan"))])
def test_significant_refuses_no_figures_or_non_finite_values(digits, value):
    with pytest.raises(ValueError):
        significant(value, digits)


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (73_344, "달러", "약 7만3000달러"),
        (4_387, "달러", "약 4400달러"),
        (62.72, "달러", "약 63달러"),
        (123_456_789, "원", "약 1억2000만원"),
    ],
)
def test_approx_ko_marks_the_amount_rounded_to_two_figures_with_yak(value, unit, expected):
    assert approx_ko(value, unit) == expected


def test_approx_en_usd_gives_the_same_rounding_in_english():
    assert approx_en_usd(73_344) == "about $73,000"
    assert approx_en_usd(62.72) == "about $63"


def test_source_amount_comes_first_with_the_converted_one_in_brackets():
    assert f"{won(100_000_000)}({approx_ko(73_344, '달러')})" == "1억원(약 7만3000달러)"
    assert f"{won(5_000_000)} 이상({approx_ko(4_387, '달러')} 이상)" == "500만원 이상(약 4400달러 이상)"
    assert josa(f"500위안({approx_ko(62.72, '달러')})", "으로/로") == "500위안(약 63달러)으로"


# --- headline labels in running text ---------------------------------------------------------


@pytest.mark.parametrize(
    "label, expected",
    [
        ("북한, 국경 봉쇄", "북한의 국경 봉쇄"),
        ("중국, 탈북민 500여 명 강제북송", "중국의 탈북민 500여 명 강제북송"),
        ("김정일 사망·김정은 집권", "김정일 사망·김정은 집권"),  # no actor: kept
        (
            "휴먼라이츠워치 “북, 국경 울타리·초소 증설”",
            "휴먼라이츠워치 “북, 국경 울타리·초소 증설”",
        ),  # comma in a quote
        ("RFA, 보도", "RFA, 보도"),
    ],
)  # only a Hangul actor
def test_in_sentence_joins_a_headlines_actor_with_ui(label, expected):
    assert in_sentence(label) == expected


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iso, expected",
    [
        ("2011-12-17", "2011년 12월 17일"),
        ("2015-05", "2015년 5월"),
        ("2012", "2012년"),
        ("2020-01-01", "2020년 1월 1일"),
    ],
)
def test_korean_date_follows_the_precision_of_the_iso_date(iso, expected):
    assert korean_date(iso) == expected


@pytest.mark.parametrize(
    "text", ["", "15-05", "2015/05", "2015-5", "2015-00", "2015-13", "2015-02-30", " 2015", "2015년"]
)
def test_korean_date_refuses_what_is_not_a_valid_iso_date(text):
    with pytest.raises(ValueError):
        korean_date(text)


# --- the editor's checks -------------------------------------------------------------------


def test_clean_korean_text_has_no_problems():
    text = "탈북민 입국, 2009년 2,914명에서 2025년 224명으로 감소. 1억원(약 7만3000달러), 200만~250만원"
    assert check_korean_text(text) == []


@pytest.mark.parametrize(
    "name, bad",
    [
        ("particle_placeholder", "223명(으)로"),
        ("particle_placeholder", "탈북민(이) 많다"),
        ("particle_placeholder", "비용(을) 보면"),
        ("particle_placeholder", "비용을(를) 보면"),
        ("ro_after_consonant", "2,914명로 줄었다"),
        ("ro_after_consonant", "1억원로"),
        ("ro_after_consonant", "500위안로"),
        ("dash", "1999–2001년"),
        ("dash", "탈북민 — 통계"),
        ("won_in_digits", "100,000,000원"),
        ("won_in_digits", "2,000,000원"),
        ("iso_date", "2011-12-17 사망"),
        ("iso_date", "2011-12-17일"),
        ("iso_date", "2015-05 보도"),
        ("semicolon", "감소; 반등"),
        ("arrow", "2009년 → 2025년"),
        # the December 2026 review: each bad text is the one it found
        ("doubled_label", "참고: 방법: 2009~2019년 연간 입국 인원의 로그값을 회귀함."),
        ("doubled_label", "참고:방법: 회귀함."),
        ("euphemism", "탈북민 72%가 여성… 북한 직업 여성 무직·부양 49%"),
        ("euphemism", "직업여성"),
        ("estimate_without_estimator", "카메라 3억4900만대(추정)"),
        ("eseoui", "북한에서의 직업"),
        ("one_off_over_period", "2015년 5월~2020년 중국의 쉐량(雪亮) 공정 출범(2020년 목표)"),
        ("one_off_over_period", "2023년 8월 26일~현재 북한의 위원회 발족"),
        ("straight_quote", '휴먼라이츠워치 "북, 국경 울타리·초소 증설"'),
        ("straight_quote", "화살표는 '이상'을 뜻함."),
    ],
)
def test_each_check_catches_its_fault(name, bad):
    problems = check_korean_text(bad)
    assert [p.split(":")[0] for p in problems] == [name], problems


@pytest.mark.parametrize(
    "name, fine",
    [
        ("ro_after_consonant", "원로가 말했다"),  # 로 inside a longer word
        ("won_in_digits", "34,537명"),  # people keep comma digits
        ("won_in_digits", "2,000달러"),
        ("iso_date", "1999~2001년"),
        ("iso_date", "문의 02-3703-2345"),  # a phone number is not a date
        ("iso_date", "등록번호 12011-12"),
        # the corrections the December 2026 review asked for
        ("doubled_label", "참고: 2009~2019년 연간 입국 인원의 로그값을 회귀해 추세선을 구함."),
        ("doubled_label", "출처: 통일부 누적 통계"),
        ("euphemism", "탈북민 72%가 여성… 북한에서 여성 49%가 무직·부양, 남성 44%가 노동자"),
        ("euphemism", "북한 내 직업은 남성 노동자(44%)가 가장 많았다."),
        ("estimate_without_estimator", "카메라 3억4900만대(IHS마킷 추정)"),
        ("eseoui", "북한 내 직업"),
        ("eseoui", "한국에서 의사로 일함"),
        ("one_off_over_period", "2015년 5월~2020년 중국의 쉐량(雪亮) 공정 추진(2020년 전면 구축 목표)"),
        ("one_off_over_period", "2015년 5월 중국의 쉐량(雪亮) 공정 출범"),  # a dated launch is one
        ("one_off_over_period", "2011년 정부 출범, 2015~2020년 공정 추진"),  # 출범 outside the period's phrase
        ("straight_quote", "휴먼라이츠워치 “북, 국경 울타리·초소 증설”"),
        ("straight_quote", "‘이상’·‘미만’"),
    ],
)
def test_checks_leave_correct_text_alone(name, fine):
    assert check_korean_text(fine, [name]) == []


def test_every_check_runs_on_the_charts():
    assert ALL_CHECKS == ALT_TEXT_CHECKS | SOURCE_CHECKS


@pytest.mark.parametrize(
    "text, groups",
    [
        # L1 of the December 2026 review: the line ends it found, and what is bound instead
        ("확인된 최신 수치는 2025년 하반기 수치임.", ["확인된", "최신", "수치는", "2025년 하반기", "수치임."]),
        ("비용 기준 연도가 없는 4건은 표시하지 않음.", ["비용", "기준", "연도가", "없는 4건은", "표시하지", "않음."]),
        ("점은 단발성 사건, 네모는", ["점은", "단발성 사건,", "네모는"]),
        ("없는 2020년 2분기", ["없는", "2020년 2분기"]),
        ("2009년 2,914명에서", ["2009년 2,914명에서"]),  # 년 ends in ㄴ too: a year stays with its count
        ("2011년 12월 17일", ["2011년 12월", "17일"]),
        ("수치는 2025년 하반기", ["수치는", "2025년 하반기"]),  # a year is not a counted noun
        ("Not shown: 4 figures in 2025", ["Not", "shown:", "4", "figures", "in", "2025"]),
        ("", []),
    ],
)
def test_lines_do_not_break_inside_a_bound_phrase(text, groups):
    assert unbreakable_groups(text.split()) == groups


def test_problem_names_the_check_the_text_found_and_where():
    assert check_korean_text("2,914명로", ["ro_after_consonant"]) == [
        "ro_after_consonant: '명로' at 5: 명, 원 and 위안 end in a consonant: write 으로"
    ]


def test_every_fault_is_reported_not_only_the_first():
    assert len(check_korean_text("1–2; 3–4;")) == 4


def test_only_the_checks_passed_are_run():
    bad = "2011-12-17; 223명(으)로"
    assert check_korean_text(bad, ["semicolon"]) == [check_korean_text(bad)[2]]
    assert check_korean_text(bad, []) == []
    assert check_korean_text(bad, "semicolon") == check_korean_text(bad, ["semicolon"])


def test_titles_and_alt_texts_ban_semicolons_and_iso_dates_but_notes_do_not():
    text = "2011-12-17 기준; 수정치"
    for checks in (TITLE_CHECKS, ALT_TEXT_CHECKS):
        assert {p.split(":")[0] for p in check_korean_text(text, checks)} == {"iso_date", "semicolon"}
    assert check_korean_text(text, TEXT_CHECKS) == []
    assert [p.split(":")[0] for p in check_korean_text(text, SOURCE_CHECKS)] == ["semicolon"]


def test_arrows_are_banned_in_alt_texts_only():
    assert check_korean_text("2009년 → 2025년", ALT_TEXT_CHECKS)
    assert check_korean_text("2009년 → 2025년", TITLE_CHECKS) == []


def test_every_kind_of_text_runs_the_basic_checks():
    for checks in (SOURCE_CHECKS, TITLE_CHECKS, ALT_TEXT_CHECKS, ALL_CHECKS):
        assert checks >= TEXT_CHECKS
    assert set(ALL_CHECKS) == set(korean.CHECKS)


def test_unknown_check_is_refused():
    with pytest.raises(ValueError, match="unknown checks"):
        check_korean_text("탈북민", ["semicolons"])


# --- the module itself ---------------------------------------------------------------------


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(korean.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported
