"""Chart text in English and Korean, from one table (translations.csv), and fonts.

Numbers follow each language's conventions: "2,914" and "$2,000" in English,
"2,914명" and "2,000달러" in Korean.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from nkarrivals import paths

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


def text(key: str, lang: str, **values: object) -> str:
    check_language(lang)
    return translations()[key][lang].format(**values)


def count(value: float, lang: str) -> str:
    """A number of people."""
    return f"{value:,.0f}명" if lang == "ko" else f"{value:,.0f}"


def number(value: float, lang: str) -> str:
    return f"{value:,.0f}"


def usd(value: float, lang: str) -> str:
    return f"{value:,.0f}달러" if lang == "ko" else f"${value:,.0f}"


def usd_range(low: float | None, high: float | None, lang: str) -> str:
    """'$10,000–15,000', 'more than $6,000', 'less than $2,000' (and Korean forms)."""
    if low is not None and high is not None:
        if low == high:
            return usd(low, lang)
        return f"{low:,.0f}~{high:,.0f}달러" if lang == "ko" else f"${low:,.0f}–{high:,.0f}"
    if low is not None:
        return f"{usd(low, lang)} 이상" if lang == "ko" else f"more than {usd(low, lang)}"
    return f"{usd(high, lang)} 미만" if lang == "ko" else f"less than {usd(high, lang)}"


_CURRENCY_WORDS = {"en": {"KRW": "won", "CNY": "yuan"}, "ko": {"KRW": "원", "CNY": "위안"}}


def fee_amount(low: float | None, high: float | None, currency: str,
               low_usd: float | None, high_usd: float | None, lang: str) -> str:
    """A fee as the source gave it, with its USD value where it was not in USD."""
    in_usd = usd_range(low_usd, high_usd, lang)
    if currency == "USD":
        return in_usd
    word = _CURRENCY_WORDS[lang][currency]
    if low is not None and high is not None:
        amount = f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"
        original = f"{amount}{word}" if lang == "ko" else f"{amount} {word}"
    else:
        bound = low if low is not None else high
        original = f"{bound:,.0f}{word}" if lang == "ko" else f"{bound:,.0f} {word}"
        original = usd_range(low, high, lang).replace(usd(bound, lang), original)
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
