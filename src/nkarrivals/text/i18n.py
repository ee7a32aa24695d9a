"""Chart text in English and Korean, from one table (translations.csv), and the font both are set in.

Numbers follow each language's conventions: people are "2,914" in English and "2,914명"
in Korean; money is "$2,000", "5 million won" in English and, in Korean, grouped by 만/억
without commas as nkarrivals.text.korean writes it: "2000달러", "1만달러", "500만원".

A Korean template asks for a particle by rule with a format spec that is a particle pair:
"{low:으로/로}" formats `low`, then adds 으로 or 로 to agree with how it ends
(``korean.josa``). Any other format spec behaves as in ``str.format``.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import string
from functools import lru_cache
from pathlib import Path

from nkarrivals import paths
from nkarrivals.text import korean

LANGUAGES = ("en", "ko")

# Both languages are drawn in NanumGothic (SIL Open Font License 1.1) from the font files that the
# pinned koreanize-matplotlib wheel carries, never from a font the system has: another
# build of NanumGothic, or Noto Sans CJK KR, would change the chart bytes. The files are
# byte-identical to Debian's fonts-nanum 20200506. Only the faces fonts-nanum has are used:
# matplotlib reads the wheel's ExtraBold as weight 700, which would take over bold text.
KOREAN_FONT = "NanumGothic"
KOREAN_FONT_PACKAGE = "koreanize_matplotlib"
KOREAN_FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def translations() -> dict[str, dict[str, str]]:
    """Every key of translations.csv with its English and Korean text."""
    with open(paths.PACKAGE_DIR / "text" / "translations.csv", encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")


class ParticleFormatter(string.Formatter):
    """str.format, plus a field spec that is a particle pair: "{count:이/가}" gives
    "2,914명이", "{share:으로/로}" gives "72.2%로"."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "/" in format_spec:  # no standard format spec contains a slash
            return korean.josa(format(value), format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = ParticleFormatter()


def format_text(template: str, **values: object) -> str:
    """template formatted with values, particle specs included."""
    return _FORMATTER.format(template, **values)


def text(key: str, lang: str, **values: object) -> str:
    check_language(lang)
    return format_text(translations()[key][lang], **values)


def label(prefix: str, code: str, lang: str) -> str:
    """The name in `lang` of a code from the data, kept as `<prefix>_<code>` in translations.csv:
    label("profile_category", "30_39", "ko") -> "30~39세", label("country", "GBR", "en") ->
    "United Kingdom". A code without a translation is a KeyError naming the key to add."""
    key = f"{prefix}_{code}"
    if key not in translations():
        raise KeyError(f"no translation {key!r} for the value {code!r} in the data: add it to translations.csv")
    return text(key, lang)


def count(value: float, lang: str) -> str:
    """A number of people."""
    return f"{value:,.0f}명" if lang == "ko" else f"{value:,.0f}"


def series(items: list[str], lang: str) -> str:
    """'2020, 2021 and 2022' / '2020·2021·2022': items named in a row."""
    if lang == "ko":
        return "·".join(items)
    return items[0] if len(items) < 2 else ", ".join(items[:-1]) + " and " + items[-1]


def number(value: float, lang: str) -> str:
    return f"{value:,.0f}"


_UNITS_KO = {"USD": "달러", "KRW": "원", "CNY": "위안"}
_UNITS_EN = {"USD": "", "KRW": " won", "CNY": " yuan"}


def _numbers_en(values: list[float], currency: str) -> tuple[list[str], str]:
    """English digits for amounts in one currency, and the unit that follows them.
    Won of a million or more are counted in millions where that is exact: "2.5 million won"."""
    if currency == "KRW" and all(v >= 1e6 and v % 10_000 == 0 for v in values):
        return [f"{v / 1e6:g}" for v in values], " million won"
    return [f"{v:,.0f}" for v in values], _UNITS_EN[currency]


def money(low: float | None, high: float | None, currency: str, lang: str, approx: bool = False) -> str:
    """An amount or range in one currency, as each language writes it: "$10,000–15,000",
    "2–2.5 million won", "more than 500 yuan"; "1만~1만5000달러", "200만~250만원", "500위안 이상".
    A missing low or high gives an open range. With approx, the ends are rounded to two
    significant figures and marked: "about $73,000", "약 7만3000달러"."""
    if low is None and high is None:
        raise ValueError("an amount needs a low or a high end")
    if approx:
        low, high = (None if v is None else korean.significant(v) for v in (low, high))
    ends = [v for v in (low, high) if v is not None]
    if len(ends) == 2 and ends[0] > ends[1]:
        raise ValueError(f"range ends reversed: {low} > {high}")
    if lang == "ko":
        written = [korean.man_eok(v) for v in ends]
        body = "~".join(dict.fromkeys(written)) + _UNITS_KO[currency]
        if len(ends) == 1:
            body += " 이상" if low is not None else " 미만"
        return f"약 {body}" if approx else body
    check_language(lang)
    written, unit = _numbers_en(ends, currency)
    body = "–".join(dict.fromkeys(written)) + unit
    if currency == "USD":
        body = "$" + body
    if approx:
        body = "about " + body
    if len(ends) == 1:
        body = ("more than " if low is not None else "less than ") + body
    return body


def usd(value: float, lang: str) -> str:
    """A dollar amount: "$2,000" / "2000달러", "1만달러" (tick labels, amounts the source gave)."""
    return money(value, value, "USD", lang)


def usd_range(low: float | None, high: float | None, lang: str, approx: bool = False) -> str:
    """'$10,000–15,000', 'more than $6,000', 'less than $2,000' (and Korean forms)."""
    return money(low, high, "USD", lang, approx)


def fee_amount(
    low: float | None,
    high: float | None,
    currency: str,
    low_usd: float | None,
    high_usd: float | None,
    lang: str,
    approx: bool = False,
) -> str:
    """A fee as the source gave it; where that was not in dollars, its value in US dollars
    follows in brackets: exact for tables, or, with approx (titles and alt texts), rounded
    to two significant figures and marked: "100 million won (about $73,000)",
    "1억원(약 7만3000달러)", "500만원 이상(약 4400달러 이상)"."""
    if currency == "USD":
        return money(low_usd, high_usd, "USD", lang)
    original = money(low, high, currency, lang)
    in_usd = money(low_usd, high_usd, "USD", lang, approx)
    return f"{original}({in_usd})" if lang == "ko" else f"{original} ({in_usd})"


def percent(value: float, lang: str, digits: int = 0) -> str:
    return f"{value:.{digits}f}%"


def percent_range(low: float, high: float, lang: str) -> str:
    """Two percentages as one rounded range, '5–10%' / '5~10%', or one figure where they round alike."""
    first, last = sorted((round(low), round(high)))
    if first == last:
        return percent(first, lang)
    return f"{first}~{last}%" if lang == "ko" else f"{first}–{last}%"


_UNIT_FRACTIONS_EN = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth", 6: "a sixth", 7: "a seventh"}
_UNIT_FRACTIONS_EN |= {8: "an eighth", 9: "a ninth", 10: "a tenth"}


def share_in_words(pct: float, lang: str) -> str:
    """A share as a reader says it: the nearest of a half to a tenth where it lies within a tenth
    of it ('a fifth' / '5분의 1' for 20.9%), otherwise the whole percentage ('35%'). Say 'about'
    around it: the words round."""
    whole = round(100 / pct) if pct > 0 else 0
    if 2 <= whole <= 10 and abs(pct - 100 / whole) <= 0.1 * 100 / whole:
        return f"{whole}분의 1" if lang == "ko" else _UNIT_FRACTIONS_EN[whole]
    return percent(pct, lang)


def period_label(first_year, last_year, lang: str) -> str:
    """MOU period labels read naturally: '~1998' -> 'up to 1998' / '1998년까지'."""
    from pandas import isna

    if first_year is None or isna(first_year):  # open start
        return text("bucket_open", lang, year=last_year)
    first_year, last_year = int(first_year), int(last_year)
    if first_year == last_year:
        return f"{last_year}년" if lang == "ko" else str(last_year)
    return text("bucket_range", lang, first=first_year, last=last_year)


def quarter_label(year: int, quarter: int, lang: str) -> str:
    return text("quarter", lang, year=year, quarter=quarter)


def half_label(year: int, half: int, lang: str) -> str:
    """'H1 2019' / '2019년 상반기'."""
    return text("half", lang, year=year, name=half_name(half, lang))


def half_name(half: int, lang: str) -> str:
    """'H1' / '상반기': a half-year where its year is already said."""
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, not {half!r}")
    return text(f"half_name_{half}", lang)


def year_label(year: int, lang: str) -> str:
    return f"{year}년" if lang == "ko" else str(year)


def year_span(first: int, last: int, lang: str) -> str:
    """A span of whole years as a headline writes it: "2010", "2015–17", "1998–2001";
    "2010년", "2015~2017년"."""
    first, last = int(first), int(last)
    if first == last:
        return year_label(first, lang)
    if lang == "ko":
        return f"{first}~{last}년"
    check_language(lang)
    return f"{first}–{last % 100:02d}" if first // 100 == last // 100 else f"{first}–{last}"


_FOLD_EN = {
    2: "twofold",
    3: "threefold",
    4: "fourfold",
    5: "fivefold",
    6: "sixfold",
    7: "sevenfold",
    8: "eightfold",
    9: "ninefold",
    10: "tenfold",
}


def times(ratio: float, lang: str) -> str:
    """A ratio of two or more as a whole multiple, as a headline writes it: 4.87 -> "fivefold",
    "5배"; beyond ten, "12-fold"."""
    whole = round(ratio)
    if whole < 2:
        raise ValueError(f"{ratio:.2f} is no multiple: say how much it changed instead")
    if lang == "ko":
        return f"{whole}배"
    check_language(lang)
    return _FOLD_EN.get(whole, f"{whole}-fold")


def korean_font_dir() -> Path:
    """The folder of the shipped Korean font files, found without importing their package
    (its import changes rcParams, and imports distutils, which Python 3.12 removed)."""
    spec = importlib.util.find_spec(KOREAN_FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontMissingError(
            f"the Korean font package {KOREAN_FONT_PACKAGE} is not installed; reinstall from requirements.lock"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@lru_cache(maxsize=1)
def korean_font() -> str:
    """Register the shipped Korean font files with matplotlib, so that its family name
    resolves to them and to nothing else, and return that name. A missing file is a
    FontMissingError in one line."""
    from matplotlib import font_manager

    files = [korean_font_dir() / name for name in KOREAN_FONT_FILES]
    for path in files:
        if not path.is_file():
            raise FontMissingError(f"Korean font file missing: {path}; reinstall from requirements.lock")
    shipped = {os.path.realpath(path) for path in files}  # as findfont gives them
    manager = font_manager.fontManager
    # A system font of the same name (another build, or more faces such as ExtraBold) would
    # compete with the shipped files: in this process the name stands for those files only.
    manager.ttflist = [entry for entry in manager.ttflist if entry.name != KOREAN_FONT]
    for path in files:
        manager.addfont(path)  # also forgets the fonts findfont found before
    for weight in ("normal", "bold"):
        found = manager.findfont(font_manager.FontProperties(family=KOREAN_FONT, weight=weight))
        if found not in shipped:
            raise FontMissingError(
                f"{KOREAN_FONT} ({weight}) resolves to {found}, not to the shipped files in {files[0].parent}"
            )
    return KOREAN_FONT


def font_family(lang: str) -> list[str]:
    """The house font, the same in both languages: the shipped NanumGothic, whose Latin letters
    and figures were drawn with its Hangul, so the English and Korean editions share one texture
    and weight (it has every character the English charts use; tests/test_korean.py checks the
    strings). One family and nothing else: a PDF lists its fonts in the order of their file
    paths, so mixing it with matplotlib's bundled DejaVu Sans would make the PDFs depend on
    where the virtual environment lives."""
    check_language(lang)
    return [korean_font()]


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def partial_date(text: str, lang: str) -> str:
    """A date written as precisely as it is known: '17 December 2011', 'May 2015', '2012' (and Korean)."""
    from nkarrivals.text import korean

    if lang == "ko":
        return korean.korean_date(text)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def date_span(start: str, end: str | None, lang: str) -> str:
    """When an event happened, or the span of a period: 'May 2015 to 2020', '2020, still in force'."""
    if end is None or (isinstance(end, float)) or end == "":
        return partial_date(start, lang)
    if end == "ongoing":
        return text("period_ongoing", lang, start=partial_date(start, lang))
    if lang == "ko" and len(start) == len(end) == 4:  # two years take 년 once: 2020~2023년
        return text("period_range", lang, start=start, end=partial_date(end, lang))
    return text("period_range", lang, start=partial_date(start, lang), end=partial_date(end, lang))


def _amount(value: object) -> float | None:
    """A cell of a table as a number, None where it is blank (NaN or NA)."""
    import pandas as pd

    return None if pd.isna(value) else float(value)  # type: ignore[arg-type]  # a number or blank


def fee_text(report, lang: str, approx: bool = False) -> str:
    """A fee report's amount (a row of broker_fees.csv) as the source gave it, with its value in
    US dollars: exact (tables), or with approx (titles, alt texts) rounded to two significant
    figures and marked 'about' where we converted it. A dollar value the source gave is shown as given."""
    low, high = _amount(report["low"]), _amount(report["high"])
    low_usd, high_usd = _amount(report["low_usd"]), _amount(report["high_usd"])
    converted = approx and report["usd_basis"] == "converted"
    return fee_amount(low, high, str(report["currency"]), low_usd, high_usd, lang, approx=converted)


def source_publishers(sources, source_ids, lang: str = "en") -> list[str]:
    """Publishers of the given sources (rows of sources.csv), in first-cited order, without reprint
    notes: "Dong-A Ilbo (Newsis report)" -> "Dong-A Ilbo". In Korean, by their Korean names
    (publisher_ko): "동아일보(뉴시스 보도)" -> "동아일보", while a bracketed acronym stays,
    as Korean outlets write it: "자유아시아방송(RFA)"."""
    import re

    table = sources.set_index("id")
    names: list[str] = []
    for source_id in source_ids:
        if lang == "ko":
            name = str(table.loc[source_id, "publisher_ko"])
            bracket = re.search(r"\(([^()]*)\)$", name)
            if bracket and not re.fullmatch(r"[A-Z]+", bracket[1]):
                name = name[: bracket.start()].rstrip()
        else:
            name = str(table.loc[source_id, "publisher"]).split(" (")[0]
        if name not in names:
            names.append(name)
    return names
