"""Chart text in English and Korean, from one table (translations.csv), and fonts.

Numbers follow each language's conventions: people are "2,914" in English and "2,914명"
in Korean; money is "$2,000", "5 million won" in English and, in Korean, grouped by 만/억
without commas as nkarrivals.korean writes it: "2000달러", "1만달러", "500만원".

A Korean template asks for a particle by rule with a format spec that is a particle pair:
"{low:으로/로}" formats `low`, then adds 으로 or 로 to agree with how it ends
(``korean.josa``). Any other format spec behaves as in ``str.format``.
"""

from __future__ import annotations

import csv
import string
from functools import lru_cache

from nkarrivals import korean, paths

LANGUAGES = ("en", "ko")
KOREAN_FONTS = ("Noto Sans CJK KR", "NanumGothic", "Apple SD Gothic Neo", "Malgun Gothic")
INSTALL_HINT = (
    "No Korean font found. Install one of: "
    + ", ".join(KOREAN_FONTS)
    + ". On Debian or Ubuntu: sudo apt-get install fonts-nanum "
    "(then delete ~/.cache/matplotlib/fontlist-*.json so matplotlib sees it). "
    "On macOS and Windows, Apple SD Gothic Neo or Malgun Gothic come with the system."
)


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def translations() -> dict[str, dict[str, str]]:
    """Every key of translations.csv with its English and Korean text."""
    with open(paths.PACKAGE_DIR / "translations.csv", encoding="utf-8", newline="") as handle:
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
    if half not in (1, 2):
        raise ValueError(f"half must be 1 or 2, not {half!r}")
    return text(f"half_{half}", lang, year=year)


def year_label(year: int, lang: str) -> str:
    return f"{year}년" if lang == "ko" else str(year)


@lru_cache(maxsize=1)
def korean_font() -> str:
    """Name of an installed Korean font, or FontMissingError with how to get one."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in KOREAN_FONTS:
        if name in installed:
            return name
    # A font installed after matplotlib built its cache: look on disk once.
    for path in font_manager.findSystemFonts():
        try:
            name = font_manager.FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        if name in KOREAN_FONTS:
            font_manager.fontManager.addfont(path)
            return name
    raise FontMissingError(INSTALL_HINT)


def has_korean_font() -> bool:
    """Whether Korean charts can be drawn here (`make charts` and the tests ask before exporting them)."""
    try:
        korean_font()
    except FontMissingError:
        return False
    return True


def font_family(lang: str) -> list[str]:
    """The house font for English. Korean charts set all their text in the Korean font,
    which has Latin letters too: a PDF lists its fonts in the order of their file paths,
    so mixing a system font with matplotlib's bundled one would make the Korean PDFs
    depend on where the virtual environment lives."""
    check_language(lang)
    return [korean_font()] if lang == "ko" else ["DejaVu Sans"]


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
    from nkarrivals import korean

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
