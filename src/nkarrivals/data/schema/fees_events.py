"""Broker fees, the rates that convert them, dated events and surveillance estimates."""

from __future__ import annotations

from nkarrivals.data.schema.fields import (
    BOOLEAN,
    INTEGER,
    MAX_LABEL_LENGTH,
    NUMBER,
    PARTIAL_DATE,
    PERIOD_END,
    STRING,
    Field,
    Table,
    _source_fk,
    _source_id_field,
)
from nkarrivals.data.schema.vocabularies import (
    CPI_SERIES,
    CURRENCIES,
    DATE_PRECISIONS,
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    RATE_SERIES,
    ROUTES,
    USD_BASES,
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
        Field(
            "period_start",
            INTEGER,
            "First year the figure refers to; blank where the source does not say",
            "year",
            required=False,
            minimum=1990,
        ),
        Field(
            "period_end",
            INTEGER,
            "Last year the figure refers to; blank where the source does not say",
            "year",
            required=False,
            minimum=1990,
        ),
        Field(
            "low",
            NUMBER,
            "Lowest amount reported; blank for 'less than' figures",
            "currency units per person",
            required=False,
            minimum=0,
        ),
        Field(
            "high",
            NUMBER,
            "Highest amount reported; blank for 'more than' figures",
            "currency units per person",
            required=False,
            minimum=0,
        ),
        Field("currency", STRING, "Currency of low and high", "ISO 4217 code", enum=CURRENCIES),
        Field("low_usd", NUMBER, "low in US dollars", "USD per person", required=False, minimum=0),
        Field("high_usd", NUMBER, "high in US dollars", "USD per person", required=False, minimum=0),
        Field(
            "usd_basis",
            STRING,
            "'source' if the source gave the USD figure; 'converted' if converted at rates.csv for period_end",
            enum=USD_BASES,
        ),
        Field(
            "route",
            STRING,
            "Part of the route the fee pays for: " + "; ".join(f"{k} = {v}" for k, v in ROUTES.items()),
            enum=tuple(ROUTES),
        ),
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
        Field(
            "series",
            STRING,
            "krw_per_usd, cny_per_usd (annual average) or us_cpi_u (1982-84 = 100)",
            enum=(*RATE_SERIES.values(), CPI_SERIES),
        ),
        Field(
            "value", NUMBER, "Value of the series in that year", "currency units per USD, or index points", minimum=0
        ),
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
        Field(
            "start", PARTIAL_DATE, "When it happened or came into force, written to start_precision", "ISO 8601 date"
        ),
        Field("start_precision", STRING, "How precisely start is known", enum=DATE_PRECISIONS),
        Field(
            "end",
            PERIOD_END,
            "When a period ended, written to end_precision; 'ongoing' if still in force; blank for a one-off event",
            "ISO 8601 date or 'ongoing'",
            required=False,
        ),
        Field(
            "end_precision",
            STRING,
            "How precisely end is known; blank when end is blank or 'ongoing'",
            required=False,
            enum=DATE_PRECISIONS,
        ),
        Field(
            "reported_on",
            PARTIAL_DATE,
            "Date of the report, where it differs from the event",
            "ISO 8601 date",
            required=False,
        ),
        Field("status", STRING, "The source's own wording: confirmed, reported or alleged", enum=EVENT_STATUSES),
        Field("category", STRING, "Kind of event; one lane of the timeline strip", enum=EVENT_CATEGORIES),
        Field("label", STRING, "Short English label that fits on a chart", max_length=MAX_LABEL_LENGTH),
        Field(
            "label_ko", STRING, "The label in Korean; an alleged event's says so (의혹)", max_length=MAX_LABEL_LENGTH
        ),
        Field("description", STRING, "What happened and when, in a sentence or two"),
        _source_id_field(what="the event and its start"),
        _source_id_field(
            "end_source_id", "the end, or that it is still in force, where another source gives it", required=False
        ),
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
        Field(
            "forecast",
            BOOLEAN,
            "true for a forecast of a later year, false for an estimate of a past one",
            "true/false",
        ),
        _source_id_field(what="the estimate"),
        Field("quote", STRING, "Short quote in the source's own words showing the number"),
        Field("note", STRING, "Caveats", required=False),
    ),
    primary_key=("year", "estimator", "forecast"),
    foreign_keys=(_source_fk(),),
)
