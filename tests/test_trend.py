"""The pre-COVID trend's comparison with actual arrivals, far from the years it was fitted on."""

import math

import pandas as pd

from nkarrivals import analysis


def test_a_projection_that_rounds_to_nobody_still_gives_a_finite_shortfall():
    # Fitted on a steep fall, the projection decades on is a fraction of a person: shown as 0,
    # but the comparison is made with the projection itself, not with its rounding.
    years = pd.DataFrame(
        {
            "period": ["2000", "2001", "2060"],
            "first_year": [2000, 2001, 2060],
            "last_year": [2000, 2001, 2060],
            "male": [100, 10, 1],
            "female": [900, 90, 9],
            "total": [1000, 100, 10],
            "source_id": ["X"] * 3,
        }
    )
    trend = analysis.Trend(2000, 2001, slope=math.log(0.1), intercept=math.log(1000) - 2000 * math.log(0.1))
    compared = analysis.trend_versus_actual(years, trend)
    assert compared.loc[2060, "trend"] == 0
    assert math.isfinite(compared.loc[2060, "actual_vs_trend_pct"]) and compared.loc[2060, "actual_vs_trend_pct"] > 0
