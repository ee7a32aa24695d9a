"""Rules across rows and tables: sums, periods, reconciliations, conversions.

Each rule appends the Problems it finds and never raises, so one run lists them all.

What lives where: ``check`` below applies them, table by table, and ``DEPENDENCIES``
names the tables each table's rules read. ``rules.common`` holds the rules several
tables share (keys, men + women = total); ``rules.arrivals`` MOU's arrival counts
(periods, quarters, half-years, early years, revisions); ``rules.fees`` broker fees,
US dollars and rates; ``rules.events`` events.csv; ``rules.profiles`` profiles.csv
and UNHCR's counts abroad.
"""

from __future__ import annotations

from nkarrivals.data.problems import ParsedTable, Problem
from nkarrivals.data.rules.arrivals import (
    _check_arrivals,
    _check_early_years,
    _check_halfyear,
    _check_quarterly,
    _check_revisions,
)
from nkarrivals.data.rules.common import _check_foreign_keys, _check_primary_key
from nkarrivals.data.rules.events import _check_events
from nkarrivals.data.rules.fees import _check_broker_fees, _check_rates
from nkarrivals.data.rules.profiles import _check_profiles, _check_unhcr

# Tables each table's rules read besides itself (sources is always read).
DEPENDENCIES = {
    "early_years": ("arrivals",),
    "arrivals_quarterly": ("arrivals",),
    "arrivals_halfyear": ("arrivals", "arrivals_quarterly"),
    "broker_fees": ("rates",),
    "revisions": ("arrivals",),
}


def check(parsed: dict[str, ParsedTable], problems: list[Problem]) -> None:
    """Apply every rule to the readable tables in `parsed`."""
    sources = parsed["sources"]
    source_ids = {r.values["id"] for r in sources.rows} if sources.readable else None
    for name, table in parsed.items():
        if not table.readable:
            continue
        _check_primary_key(table, problems)
        _check_foreign_keys(table, source_ids, problems)
        if name == "arrivals":
            _check_arrivals(table, problems)
        elif name == "arrivals_quarterly":
            _check_quarterly(table, parsed.get("arrivals"), problems)
        elif name == "arrivals_halfyear":
            _check_halfyear(table, parsed.get("arrivals_quarterly"), parsed.get("arrivals"), problems)
        elif name == "profiles":
            _check_profiles(table, problems)
        elif name == "unhcr_dprk_origin":
            _check_unhcr(table, problems)
        elif name == "early_years":
            _check_early_years(table, parsed.get("arrivals"), problems)
        elif name == "broker_fees":
            _check_broker_fees(table, parsed.get("rates"), problems)
        elif name == "rates":
            _check_rates(table, problems)
        elif name == "events":
            _check_events(table, problems)
        elif name == "revisions":
            _check_revisions(table, parsed.get("arrivals"), problems)
