"""The analysis stage: numbers computed from the validated data, for the charts and the notebooks.

- ``analysis.series``: yearly, quarterly and half-yearly series, COVID-19 stages, the trend, events
  (its names are also importable from ``nkarrivals.analysis`` itself);
- ``analysis.fees``: broker fees in dollars and constant dollars; ``analysis.profiles``: who arrives;
  ``analysis.abroad``: UNHCR's counts beside the arrivals; ``analysis.claims``: the article's claims;
- ``analysis.facts``: one typed set of facts per chart, computed once.
"""

from nkarrivals.analysis.series import (
    Stage,
    Trend,
    arrivals_by_sex,
    buckets,
    covid_periods,
    covid_stages,
    covid_start,
    early_single_years,
    event_spans,
    female_share,
    fit_trend,
    half_start,
    halfyear_series,
    inside_period,
    last_year_before_covid,
    percent_change,
    pre_covid_trend,
    pre_covid_trends,
    quarter_start,
    recent_periods,
    same_half,
    single_year_rows,
    single_years,
    step_year,
    trend_versus_actual,
)

__all__ = [
    "Stage",
    "Trend",
    "arrivals_by_sex",
    "buckets",
    "covid_periods",
    "covid_stages",
    "covid_start",
    "early_single_years",
    "event_spans",
    "female_share",
    "fit_trend",
    "half_start",
    "halfyear_series",
    "inside_period",
    "last_year_before_covid",
    "percent_change",
    "pre_covid_trend",
    "pre_covid_trends",
    "quarter_start",
    "recent_periods",
    "same_half",
    "single_year_rows",
    "single_years",
    "step_year",
    "trend_versus_actual",
]
