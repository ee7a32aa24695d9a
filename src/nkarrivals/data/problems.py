"""What validation finds, and the parsed rows the rules look at.

``nkarrivals.data.load`` fills these while it reads a CSV; ``nkarrivals.data.rules`` adds the
problems that span rows and tables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from nkarrivals.data.schema import Table


@dataclass(frozen=True)
class Problem:
    """One broken rule, located as precisely as the rule allows."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is None:
            return _one_line(f"{where}: {self.message}")
        if self.value is None:
            return _one_line(f"{where}: column '{self.column}': {self.message}")
        return _one_line(f"{where}: column '{self.column}': '{self.value}' {self.message}")


def _one_line(text: str) -> str:
    """Line breaks and other invisible characters from the data written as escapes (\\n, \\ufeff):
    one problem stays one line, and the reader sees what is in the file."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")
        else char
        for char in text
    )


class DataValidationError(ValueError):
    """Raised by every loader; lists all problems found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([header, *map(str, self.problems)]))


@dataclass
class Row:
    """One CSV record: its line, the parsed values (None where blank or broken), the raw text, and the
    columns whose text broke its rule (already reported, so the rules that read them stay quiet)."""

    line: int
    values: dict[str, Any]
    raw: dict[str, str]
    broken: frozenset[str] = field(default_factory=frozenset)


@dataclass
class ParsedTable:
    table: Table
    display: str
    rows: list[Row]
    readable: bool  # False when the header is too broken to check rows against it
