"""What each CSV in data/ must look like.

One declaration serves three readers: the validating loaders in
``nkarrivals.data``, the Frictionless ``datapackage.json`` and the data
dictionary tests. Change a table here and all three follow.

What lives where (every name is imported from here, as ``schema.TABLES``):

- ``schema.fields``: field kinds, Field, ForeignKey, Table and the shared patterns;
- ``schema.vocabularies``: the fixed words of routes, events, currencies, rates,
  profile categories and note markers;
- ``schema.arrivals``: sources.csv and MOU's counts of arrivals;
- ``schema.who_where``: profiles.csv and UNHCR's counts abroad;
- ``schema.fees_events``: broker fees, rates, events and surveillance estimates.
"""

from __future__ import annotations

from nkarrivals.data.schema.arrivals import ARRIVALS, EARLY_YEARS, HALFYEAR, QUARTERLY, REVISIONS, SOURCES
from nkarrivals.data.schema.fees_events import BROKER_FEES, EVENTS, RATES, SURVEILLANCE_SCALE
from nkarrivals.data.schema.fields import (
    BOOLEAN,
    DATE,
    INTEGER,
    LANGUAGE_PATTERN,
    MAX_LABEL_LENGTH,
    NUMBER,
    ONGOING,
    PARTIAL_DATE,
    PERIOD_END,
    SOURCE_ID_PATTERN,
    STRING,
    URL_PATTERN,
    Field,
    ForeignKey,
    Table,
)
from nkarrivals.data.schema.vocabularies import (
    CPI_SERIES,
    CURRENCIES,
    DATE_PRECISIONS,
    DERIVED,
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    PARTIAL,
    PROFILE_CATEGORIES,
    PROFILE_GROUPS,
    PROFILE_TOTAL,
    PUBLISHED_ERROR,
    RATE_SERIES,
    ROUTES,
    USD_BASES,
    profile_vocabulary,
)
from nkarrivals.data.schema.who_where import PROFILES, UNHCR_DPRK

__all__ = [
    "ARRIVALS",
    "BOOLEAN",
    "BROKER_FEES",
    "CPI_SERIES",
    "CURRENCIES",
    "DATE",
    "DATE_PRECISIONS",
    "DERIVED",
    "EARLY_YEARS",
    "EVENTS",
    "EVENT_CATEGORIES",
    "EVENT_STATUSES",
    "HALFYEAR",
    "INTEGER",
    "LANGUAGE_PATTERN",
    "MAX_LABEL_LENGTH",
    "NUMBER",
    "ONGOING",
    "PARTIAL",
    "PARTIAL_DATE",
    "PERIOD_END",
    "PROFILES",
    "PROFILE_CATEGORIES",
    "PROFILE_GROUPS",
    "PROFILE_TOTAL",
    "PUBLISHED_ERROR",
    "QUARTERLY",
    "RATES",
    "RATE_SERIES",
    "REVISIONS",
    "ROUTES",
    "SOURCES",
    "SOURCE_ID_PATTERN",
    "STRING",
    "SURVEILLANCE_SCALE",
    "TABLES",
    "UNHCR_DPRK",
    "URL_PATTERN",
    "USD_BASES",
    "Field",
    "ForeignKey",
    "Table",
    "profile_vocabulary",
]


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        SOURCES,
        ARRIVALS,
        QUARTERLY,
        HALFYEAR,
        EARLY_YEARS,
        PROFILES,
        UNHCR_DPRK,
        BROKER_FEES,
        RATES,
        EVENTS,
        REVISIONS,
        SURVEILLANCE_SCALE,
    )
}
