"""The building blocks of a table declaration: field kinds, Field, ForeignKey, Table and shared patterns."""

from __future__ import annotations

from dataclasses import dataclass, field

# Field kinds. A "partial_date" is YYYY, YYYY-MM or YYYY-MM-DD: written only as
# precisely as the source allows, so no day or month is ever invented.
INTEGER = "integer"
NUMBER = "number"
STRING = "string"
BOOLEAN = "boolean"
DATE = "date"
PARTIAL_DATE = "partial_date"
# The end of a period: a partial date, or "ongoing" for what is still in force.
PERIOD_END = "period_end"
ONGOING = "ongoing"


SOURCE_ID_PATTERN = r"[A-Z][A-Z0-9_]*"
LANGUAGE_PATTERN = r"[a-z]{2}"
URL_PATTERN = r"https?://\S+"
MAX_LABEL_LENGTH = 40


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    unit: str = ""
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    reference: str


@dataclass(frozen=True)
class Table:
    name: str
    filename: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _source_fk(column: str = "source_id") -> ForeignKey:
    return ForeignKey(column, "sources", "id")


def _source_id_field(name: str = "source_id", what: str = "the figure", required: bool = True) -> Field:
    return Field(
        name, STRING, f"Id in sources.csv of the source for {what}", required=required, pattern=SOURCE_ID_PATTERN
    )
