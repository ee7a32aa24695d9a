"""Who arrives (MOU's cumulative profiles) and where else North Koreans seek protection (UNHCR)."""

from __future__ import annotations

from nkarrivals.data.schema.fields import INTEGER, PARTIAL_DATE, STRING, Field, Table, _source_fk, _source_id_field
from nkarrivals.data.schema.vocabularies import (
    DERIVED,
    PARTIAL,
    PROFILE_CATEGORIES,
    PROFILE_GROUPS,
    PROFILE_TOTAL,
    PUBLISHED_ERROR,
    profile_vocabulary,
)

PROFILES = Table(
    name="profiles",
    filename="profiles.csv",
    title="Who arrives: cumulative profiles of arrivals by age, occupation, education and province (MOU)",
    description=(
        "Snapshots of MOU's cumulative tables of everyone who has arrived, by age at arrival, occupation and "
        "education in North Korea, and province of origin, split by sex where published. One snapshot is the "
        "rows sharing as_of, dimension and source_id; values are kept as published, errors included."
    ),
    fields=(
        Field(
            "as_of", PARTIAL_DATE, "Date the cumulative table runs to, as precise as the source says", "ISO 8601 date"
        ),
        Field("dimension", STRING, "What the table classifies arrivals by", enum=tuple(PROFILE_CATEGORIES)),
        Field(
            "category",
            STRING,
            "Category within the dimension, from its fixed list (in order): "
            + "; ".join(f"{d}: {', '.join(c)}" for d, c in PROFILE_CATEGORIES.items())
            + ". Combined figures a source published as one: "
            + "; ".join(
                f"{g} = {' + '.join(parts)}" for groups in PROFILE_GROUPS.values() for g, parts in groups.items()
            )
            + f". '{PROFILE_TOTAL}' is the table total",
            enum=tuple(dict.fromkeys(c for d in PROFILE_CATEGORIES for c in profile_vocabulary(d))),
        ),
        Field("male", INTEGER, "Men in the category; blank where unpublished", "people", required=False, minimum=0),
        Field("female", INTEGER, "Women in the category; blank where unpublished", "people", required=False, minimum=0),
        Field(
            "total", INTEGER, "Everyone in the category; blank where unpublished", "people", required=False, minimum=0
        ),
        _source_id_field(),
        Field(
            "note",
            STRING,
            f"Caveats. A sentence starting '{PARTIAL}' marks a snapshot that gives only some "
            f"categories and no total; '{PUBLISHED_ERROR}' a row whose published figures do not add up, kept as "
            f"published; '{DERIVED}' a number computed from published ones",
            required=False,
        ),
    ),
    primary_key=("as_of", "dimension", "category", "source_id"),
    foreign_keys=(_source_fk(),),
)

UNHCR_DPRK = Table(
    name="unhcr_dprk_origin",
    filename="unhcr_dprk_origin.csv",
    title="Refugees and asylum-seekers from the DPRK in other countries (UNHCR)",
    description=(
        "UNHCR's end-of-year counts of refugees and asylum-seekers whose country of origin is the DPRK, by year "
        "and country of asylum, as published in one release of UNHCR's refugees data package and extracted by "
        "scripts/unhcr_dprk_origin.py. South Korea is not a country of asylum here: see README.md."
    ),
    fields=(
        Field("year", INTEGER, "Year whose end the counts refer to", "year", minimum=1951),
        Field(
            "country_of_asylum",
            STRING,
            "Country where the people are, as UNHCR records it",
            "ISO 3166-1 alpha-3 code",
            pattern=r"[A-Z]{3}",
        ),
        Field(
            "refugees", INTEGER, "Refugees of DPRK origin in that country at the end of the year", "people", minimum=0
        ),
        Field(
            "asylum_seekers",
            INTEGER,
            "Asylum-seekers of DPRK origin awaiting a decision there at the end of the year",
            "people",
            minimum=0,
        ),
        _source_id_field(what="the figures, naming the release"),
    ),
    primary_key=("year", "country_of_asylum"),
    foreign_keys=(_source_fk(),),
)
