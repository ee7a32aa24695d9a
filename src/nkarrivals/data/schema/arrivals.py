"""sources.csv, which every other table cites, and MOU's counts of arrivals in South Korea."""

from __future__ import annotations

from nkarrivals.data.schema.fields import (
    BOOLEAN,
    DATE,
    INTEGER,
    LANGUAGE_PATTERN,
    PARTIAL_DATE,
    SOURCE_ID_PATTERN,
    STRING,
    URL_PATTERN,
    Field,
    Table,
    _source_fk,
    _source_id_field,
)


def _derived_note_field() -> Field:
    """The note of a table whose rows may be derived rather than published as such."""
    return Field(
        "note",
        STRING,
        "How a derived value was computed, and caveats; required where derived is true",
        required=False,
    )


def _total_derived_field() -> Field:
    """Whether the total itself was computed. A row can be derived for its men and women alone,
    with a total MOU published: charts draw totals, and say which were computed."""
    return Field(
        "total_derived",
        BOOLEAN,
        "true where the total is a sum or difference of other published figures (quarters, half-years, "
        "a year) rather than a total MOU published, also where a reporter printed the same sum; derived "
        "is then true too, and the note says how",
        "true/false",
    )


SOURCES = Table(
    name="sources",
    filename="sources.csv",
    title="Sources",
    description="Every publication a figure or event in this package comes from.",
    fields=(
        Field("id", STRING, "Short id that other tables cite in source_id", pattern=SOURCE_ID_PATTERN),
        Field("publisher", STRING, "Who published it; a mirror or reprint is named as such"),
        Field("publisher_ko", STRING, "The publisher as Korean charts name it (Korean outlets by their Korean names)"),
        Field("title", STRING, "Headline or title; in [square brackets] where only a description is known"),
        Field("url", STRING, "Where it can be read", pattern=URL_PATTERN),
        Field(
            "published",
            PARTIAL_DATE,
            "Date of publication, as precise as known; blank where the copy read shows none",
            "ISO 8601 date",
            required=False,
        ),
        Field("accessed", DATE, "Date the figure was checked against this source", "ISO 8601 date"),
        Field("language", STRING, "Language of the source", "ISO 639-1 code", pattern=LANGUAGE_PATTERN),
        Field("note", STRING, "Caveats about the source", required=False),
    ),
    primary_key=("id",),
)

ARRIVALS = Table(
    name="arrivals",
    filename="arrivals.csv",
    title="North Korean arrivals in South Korea, by period of arrival (MOU)",
    description=(
        "People admitted to South Korea's protection centre after leaving North Korea, "
        "counted by the Ministry of Unification by year of arrival, not year of escape. "
        "MOU's multi-year buckets stay one row each."
    ),
    fields=(
        Field("period", STRING, "Period as MOU labels it"),
        Field(
            "first_year",
            INTEGER,
            "First year of the period; blank for 'up to 1998'",
            "year",
            required=False,
            minimum=1945,
        ),
        Field("last_year", INTEGER, "Last year of the period", "year", minimum=1945),
        Field("male", INTEGER, "Men arriving in the period", "people", minimum=0),
        Field("female", INTEGER, "Women arriving in the period", "people", minimum=0),
        Field("total", INTEGER, "Everyone arriving in the period; equals male + female", "people", minimum=0),
        _source_id_field(),
        Field("note", STRING, "Revisions and caveats", required=False),
    ),
    primary_key=("period",),
    foreign_keys=(_source_fk(),),
)

QUARTERLY = Table(
    name="arrivals_quarterly",
    filename="arrivals_quarterly.csv",
    title="North Korean arrivals in South Korea, by quarter (MOU)",
    description="Quarterly arrivals as announced by MOU and reported in the press.",
    fields=(
        Field("year", INTEGER, "Calendar year", "year", minimum=2003),
        Field("quarter", INTEGER, "Calendar quarter", "1-4", minimum=1, maximum=4),
        Field("male", INTEGER, "Men arriving; blank where unpublished", "people", required=False, minimum=0),
        Field("female", INTEGER, "Women arriving; blank where unpublished", "people", required=False, minimum=0),
        Field("total", INTEGER, "Everyone arriving in the quarter", "people", minimum=0),
        Field(
            "derived",
            BOOLEAN,
            "true where any of male, female or total was computed from a half-year, annual or "
            "quarter total rather than published as such; the note says which and how",
            "true/false",
        ),
        _total_derived_field(),
        _source_id_field(),
        _derived_note_field(),
    ),
    primary_key=("year", "quarter"),
    foreign_keys=(_source_fk(),),
)

HALFYEAR = Table(
    name="arrivals_halfyear",
    filename="arrivals_halfyear.csv",
    title="North Korean arrivals in South Korea, by half-year (MOU)",
    description=(
        "Half-yearly arrivals from 2019 on, as MOU announced them or as computed from its quarterly and annual "
        "figures. Since 2025 MOU publishes arrivals by half-year only."
    ),
    fields=(
        Field("year", INTEGER, "Calendar year", "year", minimum=2003),
        Field(
            "half", INTEGER, "Half of the year: 1 = January to June, 2 = July to December", "1-2", minimum=1, maximum=2
        ),
        Field(
            "male",
            INTEGER,
            "Men arriving; blank where unpublished (given together with female)",
            "people",
            required=False,
            minimum=0,
        ),
        Field(
            "female",
            INTEGER,
            "Women arriving; blank where unpublished (given together with male)",
            "people",
            required=False,
            minimum=0,
        ),
        Field("total", INTEGER, "Everyone arriving in the half-year", "people", minimum=0),
        Field(
            "derived",
            BOOLEAN,
            "true where any of male, female or total was computed from quarterly, half-year or "
            "annual figures rather than published as such; the note says which and how",
            "true/false",
        ),
        _total_derived_field(),
        _source_id_field(),
        _derived_note_field(),
    ),
    primary_key=("year", "half"),
    foreign_keys=(_source_fk(),),
)


EARLY_YEARS = Table(
    name="early_years",
    filename="early_years.csv",
    title="Single-year arrivals inside MOU's early buckets",
    description=(
        "Yearly figures from 2002 reports for years that MOU publishes only inside its "
        "'~1998' and '1999–2001' buckets. A separate series: never add it to arrivals.csv totals."
    ),
    fields=(
        Field("year", INTEGER, "Calendar year of arrival", "year", minimum=1945),
        Field(
            "male",
            INTEGER,
            "Men arriving in the year; blank where unpublished (given together with female)",
            "people",
            required=False,
            minimum=0,
        ),
        Field(
            "female",
            INTEGER,
            "Women arriving in the year; blank where unpublished (given together with male)",
            "people",
            required=False,
            minimum=0,
        ),
        Field(
            "total",
            INTEGER,
            "Everyone arriving in the year; equals male + female where they are given",
            "people",
            minimum=0,
        ),
        _source_id_field(),
        Field("note", STRING, "Which MOU bucket the year falls in", required=False),
    ),
    primary_key=("year",),
    foreign_keys=(_source_fk(),),
)

REVISIONS = Table(
    name="revisions",
    filename="revisions.csv",
    title="Revisions of MOU annual figures",
    description="First-released or provisional totals that MOU later revised; arrivals.csv holds the revised figure.",
    fields=(
        Field("period", STRING, "Period in arrivals.csv"),
        Field("superseded_total", INTEGER, "Total as first released", "people", minimum=0),
        Field("revised_total", INTEGER, "Total after revision; equals arrivals.csv", "people", minimum=0),
        _source_id_field("superseded_source_id", "the superseded figure"),
        _source_id_field("revised_source_id", "the revised figure"),
        Field("note", STRING, "Caveats", required=False),
    ),
    primary_key=("period",),
    foreign_keys=(_source_fk("superseded_source_id"), _source_fk("revised_source_id")),
)
