"""The fixed words some columns take: routes, event kinds, currencies, profile categories, note markers."""

from __future__ import annotations

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
    "occupation": (
        "managers",
        "military",
        "workers",
        "unemployed_or_dependants",
        "service",
        "arts_sports",
        "professionals",
        "not_applicable",
    ),
    "education": ("preschool", "kindergarten", "primary", "secondary", "college", "university", "none", "other"),
    "province": (
        "pyongyang",
        "south_pyongan",
        "north_pyongan",
        "jagang",
        "south_hwanghae",
        "north_hwanghae",
        "kangwon",
        "south_hamgyong",
        "north_hamgyong",
        "ryanggang",
        "nampo",
        "rason",
        "kaesong",
        "other",
    ),
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
