"""The numbers behind a chart, as files: NAME.csv and NAME.json.

NAME.csv holds exactly the values drawn (``Chart.data``), one row per mark with the
source id of each row. English headers are the column names; Korean headers come from
translations.csv (``column_<name>``). Values are written as in data/: whole numbers
without a decimal point, other numbers in Python's shortest round-trip form, booleans
as true/false, a missing value as an empty cell. Codes (routes, series, units) stay
codes in both languages, except that a Korean file writes an event's kind and status
in Korean (``KOREAN_CODES``) and MOU's periods with ~ ("1999~2001", not "1999–2001").

NAME.json holds what the chart says (title, subtitle, note, alt text), the sources it
cites, the licence, a suggested citation and the names of the chart's files.

Both are byte-for-byte the same from run to run: nothing in them depends on the
time, the machine or the order of a dictionary.
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from nkarrivals import paths
from nkarrivals.charts.base import Chart
from nkarrivals.charts.formats import check_format
from nkarrivals.text import i18n

# A spreadsheet reads a cell starting with one of these as a formula (tab and carriage
# return can hide such a start); unless the cell is a number, a single quote goes first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")

# Licences CITATION.cff may name, by SPDX id.
LICENCES = {
    "CC-BY-4.0": (
        "CC BY 4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}


# Columns whose codes a Korean file writes in Korean: column -> prefix of the translation keys.
KOREAN_CODES = {"category": "lane", "status": "status"}


def escape_cell(text: str) -> str:
    """`text`, with a single quote in front if a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(value: object) -> str:
    """One value as written in the CSV: 1142, 62.72, true, '' for a missing value."""
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return ""
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))  # 1500.0 as 1500, as in data/
        return repr(number)  # the shortest text that reads back as the same float
    return escape_cell(str(value))


def header(column: str, lang: str) -> str:
    """The column's header in `lang` (translations.csv, key column_<name>)."""
    key = f"column_{column}"
    if key not in i18n.translations():
        raise KeyError(f"chart data column {column!r} has no header: add {key} to translations.csv")
    return i18n.text(key, lang)


def in_language(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as a file in `lang` writes it: in Korean, the codes of KOREAN_CODES by their Korean
    names ("alleged" -> "의혹") and ranges of MOU's periods with ~; English keeps every value."""
    i18n.check_language(lang)
    if lang == "en":
        return data
    data = data.copy()
    for column, prefix in KOREAN_CODES.items():
        if column in data.columns:
            data[column] = [
                i18n.label(prefix, str(code).replace("-", "_"), lang) if isinstance(code, str) and code else code
                for code in data[column]
            ]
    if "period" in data.columns:
        data["period"] = [p.replace("–", "~") if isinstance(p, str) else p for p in data["period"]]
    return data


def data_csv(data: pd.DataFrame, lang: str) -> bytes:
    """The values drawn as a UTF-8 CSV with '\\n' line endings and headers and codes in `lang`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([escape_cell(header(column, lang)) for column in data.columns])
    for row in in_language(data, lang).itertuples(index=False, name=None):
        writer.writerow([cell_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


@lru_cache(maxsize=1)
def citation_fields() -> dict[str, str]:
    """The fields of CITATION.cff a chart's citation is built from.

    Reads the top-level `key: value` lines and the names of the top-level authors:
    enough for this project's file, without a YAML parser.
    """
    fields: dict[str, str] = {}
    authors: list[str] = []
    in_authors = False
    for line in paths.CITATION_FILE.read_text(encoding="utf-8").splitlines():
        top = re.fullmatch(r"([A-Za-z-]+):\s*(.*)", line)
        if top:
            key, value = top.groups()
            in_authors = key == "authors" and value == ""
            fields[key] = value.strip().strip('"')
            continue
        author = re.fullmatch(r"\s+- name:\s*(.*)", line)
        if in_authors and author:
            authors.append(author.group(1).strip().strip('"'))
        elif in_authors and not line.startswith(" "):
            in_authors = False
    wanted = ("title", "version", "date-released", "license")
    missing = [key for key in wanted if not fields.get(key)] + ([] if authors else ["authors"])
    if missing:
        raise ValueError(f"{paths.CITATION_FILE.name} has no {', '.join(missing)}")
    if fields["license"] not in LICENCES:
        raise ValueError(
            f"{paths.CITATION_FILE.name}: licence {fields['license']!r} is not one of " + ", ".join(LICENCES)
        )
    return {key: fields[key] for key in wanted} | {"authors": "; ".join(authors)}


def licence(lang: str) -> dict[str, str]:
    cff = citation_fields()
    short, name, url = LICENCES[cff["license"]]
    return {
        "id": cff["license"],
        "name": name,
        "url": url,
        "attribution": i18n.text("data_attribution", lang, licence=short),
    }


def _authors(authors: str, lang: str) -> str:
    """The authors in `lang`: a collective author "nk-arrivals contributors" is "nk-arrivals 기여자" in Korean."""
    word = i18n.text("citation_contributors", lang)
    return "; ".join(re.sub(r" contributors$", f" {word}", name) for name in authors.split("; "))


def citation(chart: Chart) -> str:
    cff = citation_fields()
    return i18n.text(
        "data_citation",
        chart.lang,
        authors=_authors(cff["authors"], chart.lang),
        year=cff["date-released"][:4],
        title=chart.title,
        chart=chart.name,
        project=cff["title"],
        version=cff["version"],
        licence=LICENCES[cff["license"]][0],
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def metadata_json(chart: Chart, files: list[str]) -> bytes:
    """The chart's metadata, with its keys in a fixed order, as UTF-8 JSON."""
    sources = [
        {column: _text_or_none(row[column]) for column in ("id", "publisher", "title", "url", "published")}
        for _, row in chart.sources.iterrows()
    ]
    metadata = {
        "chart": chart.name,
        "language": chart.lang,
        "title": chart.title,
        "subtitle": chart.subtitle,
        "note": chart.note,
        "alt_text": chart.alt_text,
        "files": files,
        "sources": sources,
        "licence": licence(chart.lang),
        "citation": citation(chart),
    }
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def files(chart: Chart, formats: Iterable[str], scale: int = 1) -> dict[str, bytes]:
    """Every export file of the chart, in memory, keyed by suffix: the formats asked
    for, then the alt text. NAME.json lists the names of all of them. The PNG has `scale`
    times the pixels."""
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        check_format(fmt)
    names = sorted(f"{chart.stem}.{suffix}" for suffix in [*formats, "txt"])
    files = {}
    for fmt in formats:
        if fmt == "csv":
            files[fmt] = data_csv(chart.data, chart.lang)
        elif fmt == "json":
            files[fmt] = metadata_json(chart, names)
        else:
            files[fmt] = chart.render(fmt, scale)
    files["txt"] = (chart.alt_text + "\n").encode("utf-8")
    return files
