"""What each CSV in data/ must look like.

One declaration serves three readers: the validating loaders in
``nkarrivals.data``, the Frictionless ``datapackage.json`` and the data
dictionary tests. Change a table here and all three follow.
"""

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

ROUTES = {
    "nk_to_china": "crossing from North Korea into China",
    "through_china": "transit through China to a third country",
    "full_route": "full route to South Korea",
    "unspecified": "unspecified",
}
EVENT_CATEGORIES = ("covid", "surveillance", "border-control", "repatriation", "politics")
DATE_PRECISIONS = ("day", "month", "year")
EVENT_STATUSES = ("confirmed", "reported", "alleged")
# Currencies we hold a sourced USD rate for, plus USD itself (ISO 4217 codes).
RATE_SERIES = {"KRW": "krw_per_usd", "CNY": "cny_per_usd"}
CPI_SERIES = "us_cpi_u"  # US CPI-U annual average, for constant dollars
CURRENCIES = ("USD", *RATE_SERIES)
USD_BASES = ("source", "converted")
# Who arrives: the categories MOU's cumulative profile tables use, per dimension, in table order.
PROFILE_CATEGORIES = {
    "age_at_arrival": ("0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_plus"),
    "occupation": ("managers", "military", "workers", "unemployed_or_dependants", "service", "arts_sports",
                   "professionals", "not_applicable"),
    "education": ("preschool", "kindergarten", "primary", "secondary", "college", "university", "none", "other"),
    "province": ("pyongyang", "south_pyongan", "north_pyongan", "jagang", "south_hwanghae", "north_hwanghae",
                 "kangwon", "south_hamgyong", "north_hamgyong", "ryanggang", "nampo", "rason", "kaesong", "other"),
}
# Combined figures a source published for several categories at once: name -> the categories it adds up.
PROFILE_GROUPS = {
    "province": {
        "north_hamgyong_ryanggang": ("north_hamgyong", "ryanggang"),
        "jagang_north_pyongan": ("jagang", "north_pyongan"),
        "south_pyongan_south_hamgyong": ("south_pyongan", "south_hamgyong"),
    },
}
PROFILE_TOTAL = "total"
# Fixed words a profile row's note starts a sentence with; validation reads them.
PARTIAL = "Partial:"  # the source gives only some categories of the dimension, and no total
PUBLISHED_ERROR = "Published error:"  # the source's own figures in this row do not add up; kept as published
DERIVED = "Derived:"  # a number in the row was computed from published ones, not published itself


def profile_vocabulary(dimension: str) -> tuple[str, ...]:
    """Every category a row of `dimension` may name: its categories, its published groups, and the total."""
    return (*PROFILE_CATEGORIES[dimension], *PROFILE_GROUPS.get(dimension, {}), PROFILE_TOTAL)


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
    return Field(name, STRING, f"Id in sources.csv of the source for {what}", required=required, pattern=SOURCE_ID_PATTERN)


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
        Field("published", PARTIAL_DATE, "Date of publication, as precise as known; blank where the copy read shows none",
              "ISO 8601 date", required=False),
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
        Field("first_year", INTEGER, "First year of the period; blank for 'up to 1998'", "year", required=False, minimum=1945),
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
        Field("derived", BOOLEAN, "true where any of male, female or total was computed from a half-year, annual or "
              "quarter total rather than published as such; the note says which and how", "true/false"),
        _source_id_field(),
        Field("note", STRING, "How a derived value was computed, and caveats; required where derived is true",
              required=False),
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
        Field("half", INTEGER, "Half of the year: 1 = January to June, 2 = July to December", "1-2",
              minimum=1, maximum=2),
        Field("male", INTEGER, "Men arriving; blank where unpublished (given together with female)", "people",
              required=False, minimum=0),
        Field("female", INTEGER, "Women arriving; blank where unpublished (given together with male)", "people",
              required=False, minimum=0),
        Field("total", INTEGER, "Everyone arriving in the half-year", "people", minimum=0),
        Field("derived", BOOLEAN, "true where any of male, female or total was computed from quarterly, half-year or "
              "annual figures rather than published as such; the note says which and how", "true/false"),
        _source_id_field(),
        Field("note", STRING, "How a derived value was computed, and caveats; required where derived is true",
              required=False),
    ),
    primary_key=("year", "half"),
    foreign_keys=(_source_fk(),),
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
        Field("as_of", PARTIAL_DATE, "Date the cumulative table runs to, as precise as the source says",
              "ISO 8601 date"),
        Field("dimension", STRING, "What the table classifies arrivals by", enum=tuple(PROFILE_CATEGORIES)),
        Field("category", STRING, "Category within the dimension, from its fixed list (in order): "
              + "; ".join(f"{d}: {', '.join(c)}" for d, c in PROFILE_CATEGORIES.items())
              + ". Combined figures a source published as one: "
              + "; ".join(f"{g} = {' + '.join(parts)}" for groups in PROFILE_GROUPS.values()
                          for g, parts in groups.items())
              + f". '{PROFILE_TOTAL}' is the table total",
              enum=tuple(dict.fromkeys(c for d in PROFILE_CATEGORIES for c in profile_vocabulary(d)))),
        Field("male", INTEGER, "Men in the category; blank where unpublished", "people", required=False, minimum=0),
        Field("female", INTEGER, "Women in the category; blank where unpublished", "people", required=False,
              minimum=0),
        Field("total", INTEGER, "Everyone in the category; blank where unpublished", "people", required=False,
              minimum=0),
        _source_id_field(),
        Field("note", STRING, f"Caveats. A sentence starting '{PARTIAL}' marks a snapshot that gives only some "
              f"categories and no total; '{PUBLISHED_ERROR}' a row whose published figures do not add up, kept as "
              f"published; '{DERIVED}' a number computed from published ones", required=False),
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
        Field("country_of_asylum", STRING, "Country where the people are, as UNHCR records it",
              "ISO 3166-1 alpha-3 code", pattern=r"[A-Z]{3}"),
        Field("refugees", INTEGER, "Refugees of DPRK origin in that country at the end of the year", "people",
              minimum=0),
        Field("asylum_seekers", INTEGER, "Asylum-seekers of DPRK origin awaiting a decision there at the end of the "
              "year", "people", minimum=0),
        _source_id_field(what="the figures, naming the release"),
    ),
    primary_key=("year", "country_of_asylum"),
    foreign_keys=(_source_fk(),),
)

BROKER_FEES = Table(
    name="broker_fees",
    filename="broker_fees.csv",
    title="Reported broker fees for escaping North Korea",
    description=(
        "One row per reported figure. Reports cover different parts of the route and "
        "different services; they are observations, not one comparable series."
    ),
    fields=(
        Field("reported_on", PARTIAL_DATE, "When the source reported the figure, as precise as known", "ISO 8601 date"),
        Field("period_start", INTEGER, "First year the figure refers to; blank where the source does not say", "year", required=False, minimum=1990),
        Field("period_end", INTEGER, "Last year the figure refers to; blank where the source does not say", "year", required=False, minimum=1990),
        Field("low", NUMBER, "Lowest amount reported; blank for 'less than' figures", "currency units per person", required=False, minimum=0),
        Field("high", NUMBER, "Highest amount reported; blank for 'more than' figures", "currency units per person", required=False, minimum=0),
        Field("currency", STRING, "Currency of low and high", "ISO 4217 code", enum=CURRENCIES),
        Field("low_usd", NUMBER, "low in US dollars", "USD per person", required=False, minimum=0),
        Field("high_usd", NUMBER, "high in US dollars", "USD per person", required=False, minimum=0),
        Field("usd_basis", STRING, "'source' if the source gave the USD figure; 'converted' if converted at rates.csv for period_end", enum=USD_BASES),
        Field("route", STRING, "Part of the route the fee pays for: " + "; ".join(f"{k} = {v}" for k, v in ROUTES.items()), enum=tuple(ROUTES)),
        _source_id_field(),
        Field("quote", STRING, "Short quote in the source's own words showing the number"),
        Field("note", STRING, "Context: who said it, what the figure covers", required=False),
    ),
    primary_key=(),
    foreign_keys=(_source_fk(),),
)

RATES = Table(
    name="rates",
    filename="rates.csv",
    title="Annual exchange rates and US consumer prices",
    description="Annual averages used to convert broker fees to US dollars and to constant dollars.",
    fields=(
        Field("year", INTEGER, "Calendar year", "year", minimum=1990),
        Field("series", STRING, "krw_per_usd, cny_per_usd (annual average) or us_cpi_u (1982-84 = 100)",
              enum=(*RATE_SERIES.values(), CPI_SERIES)),
        Field("value", NUMBER, "Value of the series in that year", "currency units per USD, or index points", minimum=0),
        _source_id_field(what="the value"),
        Field("note", STRING, "Caveats", required=False),
    ),
    primary_key=("year", "series"),
    foreign_keys=(_source_fk(),),
)

EVENTS = Table(
    name="events",
    filename="events.csv",
    title="Dated events and periods for chart annotations",
    description=(
        "Events in North Korea and China that bear on escapes, each dated when it happened or came "
        "into force, never by the report that mentions it; a spread over time is one period."
    ),
    fields=(
        Field("start", PARTIAL_DATE, "When it happened or came into force, written to start_precision", "ISO 8601 date"),
        Field("start_precision", STRING, "How precisely start is known", enum=DATE_PRECISIONS),
        Field("end", PERIOD_END, "When a period ended, written to end_precision; 'ongoing' if still in force; "
              "blank for a one-off event", "ISO 8601 date or 'ongoing'", required=False),
        Field("end_precision", STRING, "How precisely end is known; blank when end is blank or 'ongoing'",
              required=False, enum=DATE_PRECISIONS),
        Field("reported_on", PARTIAL_DATE, "Date of the report, where it differs from the event", "ISO 8601 date",
              required=False),
        Field("status", STRING, "The source's own wording: confirmed, reported or alleged", enum=EVENT_STATUSES),
        Field("category", STRING, "Kind of event; one lane of the timeline strip", enum=EVENT_CATEGORIES),
        Field("label", STRING, "Short English label that fits on a chart", max_length=MAX_LABEL_LENGTH),
        Field("label_ko", STRING, "The label in Korean", max_length=MAX_LABEL_LENGTH),
        Field("description", STRING, "What happened and when, in a sentence or two"),
        _source_id_field(what="the event and its start"),
        _source_id_field("end_source_id", "the end, or that it is still in force, where another source gives it",
                         required=False),
    ),
    primary_key=("start", "label"),
    foreign_keys=(_source_fk(), _source_fk("end_source_id")),
)

SURVEILLANCE_SCALE = Table(
    name="surveillance_scale",
    filename="surveillance_scale.csv",
    title="Published estimates of the number of surveillance cameras in China",
    description=(
        "One row per published estimate, as published. Estimators and methods differ, so the rows are "
        "not one series; forecasts are kept but never drawn as observations."
    ),
    fields=(
        Field("year", INTEGER, "Year the estimate refers to", "year", minimum=2000),
        Field("cameras", INTEGER, "Estimated number of cameras in China", "cameras", minimum=0),
        Field("estimator", STRING, "Who made the estimate"),
        Field("forecast", BOOLEAN, "true for a forecast of a later year, false for an estimate of a past one", "true/false"),
        _source_id_field(what="the estimate"),
        Field("quote", STRING, "Short quote in the source's own words showing the number"),
        Field("note", STRING, "Caveats", required=False),
    ),
    primary_key=("year", "estimator", "forecast"),
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
        Field("male", INTEGER, "Men arriving in the year; blank where unpublished (given together with female)",
              "people", required=False, minimum=0),
        Field("female", INTEGER, "Women arriving in the year; blank where unpublished (given together with male)",
              "people", required=False, minimum=0),
        Field("total", INTEGER, "Everyone arriving in the year; equals male + female where they are given", "people",
              minimum=0),
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

TABLES: dict[str, Table] = {t.name: t for t in (
    SOURCES, ARRIVALS, QUARTERLY, HALFYEAR, EARLY_YEARS, PROFILES, UNHCR_DPRK, BROKER_FEES, RATES, EVENTS,
    REVISIONS, SURVEILLANCE_SCALE,
)}
