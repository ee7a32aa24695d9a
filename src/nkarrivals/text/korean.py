"""Korean particles, amounts and dates, written as a Korean news editor writes them.

The rules come from a Korean news editor's review of the charts (November 2026). The review
is kept outside this repository; its examples are tested in tests/test_korean_text.py.
Stdlib only, so chart code, alt texts and tests can all use it cheaply.

Conventions chosen where the review is silent:
- Amounts in 만/억 have no commas in any group and no space before the unit:
  7만3000달러, 1억2345만6789원, 4400달러 (the review's own forms). They are rounded
  half up to whole units.
- dollars_ko and yuan_ko use 만 from 10,000 in every Korean text, tick labels included
  (1만달러). Counts of people are not money: they keep comma digits (34,537명, i18n.count).
- Decimals are read digit by digit after the point: 12.5 ends in 오, 3.0 in 영.
- Latin letters are read as letter names, which suits acronyms (RFA 에이, UNHCR 알).
  Acronyms read as words (COVID, NATO) would be misjudged, so write them in Hangul
  (코로나19, 나토); a run with lowercase letters is refused rather than guessed.
- The review's forms win over an earlier house style's spaced forms "1억 원, 2,000만 원".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Sound = Literal["vowel", "rieul", "consonant"]

_CLOSERS, _OPENERS = ")]）", "([（"
_SKIPPED = " \t\n.,!?:;'\"‘’“”」』…·~-"  # read as nothing at the end of a word
_RIEUL = 8  # index of ㄹ among the final consonants of a Hangul syllable
# Sino-Korean digits: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT: dict[str, Sound] = {
    "0": "consonant",
    "1": "rieul",
    "2": "vowel",
    "3": "consonant",
    "4": "vowel",
    "5": "vowel",
    "6": "consonant",
    "7": "rieul",
    "8": "rieul",
    "9": "vowel",
}
_GROUP: tuple[Sound, ...] = ("consonant", "consonant", "vowel", "consonant")  # 만 억 조 경
_LETTER: dict[str, Sound] = {"L": "rieul", "R": "rieul", "M": "consonant", "N": "consonant"}
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?$")

# Each particle pair as (form after a consonant, form after a vowel).
_PAIRS = {("이", "가"), ("은", "는"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이었다", "였다"), ("이다", "다")}


def _spoken_part(word: str) -> str:
    """word without trailing spaces, punctuation and bracketed parts: a particle follows
    what is read before them (500위안(약 63달러)으로)."""
    text = word.rstrip(_SKIPPED)
    while text and text[-1] in _CLOSERS:
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += (text[index] in _CLOSERS) - (text[index] in _OPENERS)
            if depth == 0:
                break
        else:
            raise ValueError(f"unbalanced bracket in {word!r}")
        text = text[:index].rstrip(_SKIPPED)
    return text


def _number_sound(number: str) -> Sound:
    whole, _, fraction = number.replace(",", "").partition(".")
    if fraction:
        return _DIGIT[fraction[-1]]
    significant_part = whole.rstrip("0")
    if not significant_part:
        return _DIGIT["0"]
    # The place of the last non-zero digit is the last word read: 20 이십, 2000만 이천만.
    group, place = divmod(len(whole) - len(significant_part), 4)
    if group:
        if group > len(_GROUP):
            raise ValueError(f"{number} is too large to read")
        return _GROUP[group - 1]
    return "consonant" if place else _DIGIT[significant_part[-1]]  # 십, 백, 천 end in a consonant


def final_sound(word: str) -> Sound:
    """How the last spoken syllable of word ends: "vowel", "rieul" (ㄹ) or "consonant"."""
    text = _spoken_part(word)
    if not text:
        raise ValueError(f"nothing is read in {word!r}")
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        return "vowel" if final == 0 else "rieul" if final == _RIEUL else "consonant"
    if text.endswith(("%", "%p")):  # 퍼센트, 포인트
        return "vowel"
    if number := _NUMBER.search(text):
        return _number_sound(number.group())
    if letters := re.search(r"[A-Za-z]+$", text):
        if not letters.group().isupper():
            raise ValueError(f"{word!r} ends in a Latin word; write how it is read in Hangul")
        return _LETTER.get(letters.group()[-1], "vowel")
    raise ValueError(f"cannot tell how {word!r} is read at its end")


def josa(word: str, pair: str) -> str:
    """word followed by the form of pair ("으로/로", "이/가", ...) that agrees with its sound."""
    forms = tuple(form.strip() for form in pair.split("/"))
    if forms in _PAIRS:
        after_consonant, after_vowel = forms
    elif forms[::-1] in _PAIRS:
        after_vowel, after_consonant = forms
    else:
        raise ValueError(f"unknown particle pair {pair!r}; known: " + ", ".join(sorted("/".join(p) for p in _PAIRS)))
    sound = final_sound(word)
    # ㄹ takes 로 (서울로) but is a consonant for every other pair (서울이).
    vowel_like = sound == "vowel" or (sound == "rieul" and after_vowel == "로")
    return word.rstrip() + (after_vowel if vowel_like else after_consonant)


def _whole(value: float) -> int:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"an amount must be finite and not negative, not {value!r}")
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def man_eok(value: float) -> str:
    """An amount grouped by 조/억/만 without commas: 73344 -> "7만3344", 1.2e8 -> "1억2000만"."""
    rest = _whole(value)
    parts = []
    for size, unit in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        head, rest = divmod(rest, size)
        if head:
            parts.append(f"{head}{unit}")
    if rest or not parts:
        parts.append(str(rest))
    return "".join(parts)


def won(value: float) -> str:
    return man_eok(value) + "원"


def won_range(low: float, high: float) -> str:
    """Both ends in won, the unit once at the end: "200만~250만원"."""
    if low > high:
        raise ValueError(f"range ends reversed: {low} > {high}")
    return won(low) if man_eok(low) == man_eok(high) else f"{man_eok(low)}~{man_eok(high)}원"


def dollars_ko(value: float) -> str:
    return man_eok(value) + "달러"


def yuan_ko(value: float) -> str:
    return man_eok(value) + "위안"


def significant(value: float, digits: int = 2) -> float:
    """value rounded half up to digits significant figures: 4387 -> 4400, 62.72 -> 63."""
    if digits < 1 or not math.isfinite(value):
        raise ValueError(f"cannot round {value!r} to {digits} significant figures")
    exact = Decimal(str(value))
    step = Decimal(1).scaleb(exact.adjusted() - digits + 1)
    return float(exact.quantize(step, rounding=ROUND_HALF_UP))


def approx_ko(value: float, unit: str) -> str:
    """A converted amount as the review writes it: "약 7만3000달러"."""
    return f"약 {man_eok(significant(value))}{unit}"


def approx_en_usd(value: float) -> str:
    return f"about ${significant(value):,.0f}"


def in_sentence(label: str) -> str:
    """A headline-style label ("actor, event") as a phrase for running text, where the
    comma would read as a list separator: "북한, 국경 봉쇄" -> "북한의 국경 봉쇄". Only an actor
    of Hangul letters before the first comma is joined with 의; any other label is kept."""
    match = re.fullmatch(r"([가-힣]+), (.+)", label.strip())
    return f"{match[1]}의 {match[2]}" if match else label.strip()


def korean_date(text: str) -> str:
    """An ISO date at its own precision: "2011-12-17", "2015-05", "2012" -> 2011년 12월 17일 ..."""
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    if not match:
        raise ValueError(f"not an ISO date: {text!r}")
    year_text, month_text, day_text = match.groups()
    year, month, day = int(year_text), int(month_text or 1), int(day_text or 1)
    date(year, month, day)  # raises ValueError for 2015-00, 2015-13 or 2015-02-30
    words = (f"{year}년", f"{month}월" if month_text else "", f"{day}일" if day_text else "")
    return " ".join(word for word in words if word)


# Where a line must not break (the December 2026 review, L1): a year and the part of it it
# names (2025년 하반기), a modifier and the counted noun it modifies (없는 4건은; 년 ends in ㄴ
# too, so a year keeps its count: 2009년 2,914명), and a noun in -성 and the noun it
# qualifies (단발성 사건).
_BOUND_PAIRS = (
    (re.compile(r"[0-9]{4}년"), re.compile(r"(?:상반기|하반기|[1-4]분기|[0-9]{1,2}월)(?![0-9])")),
    (re.compile(r".*[가-힣]"), re.compile(r"[0-9][0-9,.]*(?:건|명|개|곳|대|번|차례)")),
    (re.compile(r".*[가-힣]성"), re.compile(r"[가-힣]")),
)
_ADNOMINAL_FINALS = (4, 8)  # ㄴ (없는, 밝힌), ㄹ (표시할): the endings of a modifier before its noun


def _binds(word: str, following: str) -> bool:
    year, modifier, quality = _BOUND_PAIRS
    if year[0].fullmatch(word) and year[1].match(following):
        return True
    if modifier[0].fullmatch(word) and modifier[1].match(following):
        return (ord(word[-1]) - 0xAC00) % 28 in _ADNOMINAL_FINALS
    return bool(quality[0].fullmatch(word) and quality[1].match(following))


def unbreakable_groups(words: list[str]) -> list[str]:
    """words joined, with a space, where a line must not break between them: ["2025년",
    "하반기", "수치임."] -> ["2025년 하반기", "수치임."]. Words of other scripts are left alone."""
    groups: list[str] = []
    for word in words:
        if groups and _binds(groups[-1].rsplit(" ", 1)[-1], word):
            groups[-1] += " " + word
        else:
            groups.append(word)
    return groups


# Nouns for a one-off act: wrong on a period (the review's M2, 쉐량 공정 출범 on a five-year bar).
ONE_OFF_NOUNS = ("출범", "발족")

# The editor's automatic checks: name -> (pattern, advice).
CHECKS: dict[str, tuple[re.Pattern[str], str]] = {
    "particle_placeholder": (
        re.compile(r"\((?:으|이|을)\)|[이을은과]\([가를는와]\)"),
        "choose the particle with josa()",
    ),
    "ro_after_consonant": (re.compile(r"[명원안]로(?![가-힣])"), "명, 원 and 위안 end in a consonant: write 으로"),
    "dash": (re.compile("[–—]"), "ranges use ~"),
    "won_in_digits": (re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}원"), "write won in 만/억"),
    # Digit lookarounds, not \b: Hangul counts as a word character, so \b would miss 2011-12-17일.
    "iso_date": (
        re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?(?![0-9])"),
        "write the date with korean_date()",
    ),
    "semicolon": (re.compile(";"), "split the sentence or use a comma"),
    "arrow": (re.compile("→"), "say the change in words"),
    # From the December 2026 review.
    "doubled_label": (
        re.compile(r"(?:참고|방법|주|출처|자료)\s*:\s*(?:참고|방법|주|출처|자료)\s*:"),
        "one label before a note: drop the inner one (참고: 방법: ...)",
    ),
    "euphemism": (
        re.compile(r"직업\s?여성"),
        "직업 여성 reads as 직업여성, a euphemism: name the group first (여성 49%가 무직)",
    ),
    "estimate_without_estimator": (
        re.compile(r"\(추정\)"),
        "estimates by different estimators are not one series: name who estimated (IHS마킷 추정)",
    ),
    "eseoui": (re.compile("에서의"), "-에서의 is translationese: write 북한 내 직업, or recast the phrase"),
    "one_off_over_period": (
        re.compile(
            r"~(?:[0-9]{4}년(?: [0-9]{1,2}월)?(?: [0-9]{1,2}일)?|현재) [^,.]*?(?:"
            + "|".join(ONE_OFF_NOUNS)
            + r")(?![가-힣])"
        ),
        "a period is not a launch: write 추진 or another word for what lasts",
    ),
    "straight_quote": (re.compile("\"[^\"\n]*\"|'[^'\n]*'|[\"']"), "Korean print uses curly quotes: “…” and ‘…’"),
}
# Which checks apply to which kind of text: TEXT_CHECKS to every Korean string (notes,
# legends, tick and event labels); more for source lines, titles and alt texts.
TEXT_CHECKS = frozenset(
    {
        "particle_placeholder",
        "ro_after_consonant",
        "dash",
        "won_in_digits",
        "doubled_label",
        "euphemism",
        "estimate_without_estimator",
        "eseoui",
        "straight_quote",
    }
)
SOURCE_CHECKS = TEXT_CHECKS | {"semicolon"}
TITLE_CHECKS = TEXT_CHECKS | {"semicolon", "iso_date"}
ALT_TEXT_CHECKS = TITLE_CHECKS | {"arrow", "one_off_over_period"}  # screen readers read ISO dates and arrows badly
ALL_CHECKS = frozenset(CHECKS)


def check_korean_text(text: str, checks: Iterable[str] = ALL_CHECKS) -> list[str]:
    """One line per fault found by the named checks ("check: 'found' at N: advice"); [] if clean.
    checks is a set above (TITLE_CHECKS ...), a list of names, or one name."""
    names = sorted({checks} if isinstance(checks, str) else set(checks))
    if unknown := [name for name in names if name not in CHECKS]:
        raise ValueError(f"unknown checks {unknown}; known: {', '.join(CHECKS)}")
    return [
        f"{name}: {found.group()!r} at {found.start()}: {CHECKS[name][1]}"
        for name in names
        for found in CHECKS[name][0].finditer(text)
    ]
