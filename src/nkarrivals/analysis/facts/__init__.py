"""One typed set of facts per chart, computed once from the data.

A chart's title, subtitle, note and alt text in each language, and the notebook
sentences about it, all format the same object, so the words never disagree; the
drawing of the trend reads it too, so the pre-COVID trend is fitted once.

What lives where (every name is imported from here, as ``facts.annual_facts``):

- ``facts.arrivals``: annual totals and MOU's periods, quarters, half-years (and the two
  together: the recent periods), men and women, and the trend before COVID-19;
- ``facts.fees``: broker fees, in dollars of each year and in constant dollars, and the
  arrivals over the same years;
- ``facts.who_arrives``: who arrives (MOU's cumulative profiles);
- ``facts.protection_abroad``: refugees and asylum-seekers abroad (UNHCR) against arrivals.
"""

from nkarrivals.analysis.facts.arrivals import (
    SMALL_BASE,
    WOMEN_SHARE_MARK_PCT,
    AnnualFacts,
    Half,
    HalfyearFacts,
    Period,
    Quarter,
    QuarterlyFacts,
    RecentFacts,
    RecentPeriod,
    SexFacts,
    TrendFacts,
    YearAfter,
    annual_facts,
    halfyear_facts,
    quarterly_facts,
    recent_facts,
    sex_facts,
    sex_shares,
    trend_facts,
)
from nkarrivals.analysis.facts.fees import ArrivalsAndFeesFacts, FeeFacts, arrivals_and_fees_facts, fee_facts
from nkarrivals.analysis.facts.protection_abroad import Host, ProtectionAbroadFacts, Window, protection_abroad_facts
from nkarrivals.analysis.facts.who_arrives import (
    AgeBand,
    ArrivedBy,
    CategoryChange,
    DimensionFacts,
    OriginShare,
    PartialFigure,
    ProfileFacts,
    ProfileSnapshot,
    PublishedError,
    SeriesTop,
    profile_facts,
)

__all__ = [
    "SMALL_BASE",
    "WOMEN_SHARE_MARK_PCT",
    "AgeBand",
    "AnnualFacts",
    "ArrivalsAndFeesFacts",
    "ArrivedBy",
    "CategoryChange",
    "DimensionFacts",
    "FeeFacts",
    "Half",
    "HalfyearFacts",
    "Host",
    "OriginShare",
    "PartialFigure",
    "Period",
    "ProfileFacts",
    "ProfileSnapshot",
    "ProtectionAbroadFacts",
    "PublishedError",
    "Quarter",
    "QuarterlyFacts",
    "RecentFacts",
    "RecentPeriod",
    "SeriesTop",
    "SexFacts",
    "TrendFacts",
    "Window",
    "YearAfter",
    "annual_facts",
    "arrivals_and_fees_facts",
    "fee_facts",
    "halfyear_facts",
    "profile_facts",
    "protection_abroad_facts",
    "quarterly_facts",
    "recent_facts",
    "sex_facts",
    "sex_shares",
    "trend_facts",
]
