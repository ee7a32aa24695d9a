"""The set's one map from meaning to colour, glyph and texture.

Every chart takes its colours from here, never from a literal, so a colour means one thing in
every chart: blue is always "arrivals in South Korea", vermillion always "women". Data marks
(bars, markers, lines) have at least 3:1 contrast against white and text at least 4.5:1
(WCAG 2.1, SC 1.4.11 and 1.4.3); ``tests/charts/test_palette.py`` checks both, and that no
colour of a data series is also an event mark's. The README's "Colours and marks" section
prints this table for readers.
"""

from __future__ import annotations

# Data series: each colour has one meaning across the set.
ARRIVALS = "#0072B2"  # people arriving in South Korea (MOU's counts)
WOMEN = "#D55E00"
MEN = "#009E73"
REFUGEES = "#2B7A78"  # UNHCR: refugees of North Korean origin in third countries (year-end stock)
ASYLUM_SEEKERS = "#7A7A00"  # UNHCR: asylum-seekers, likewise (olive: brown is the COVID-19 shading's)
OTHER = "#7F7F7F"  # a series not singled out: a fee whose route is not said
# Broker fees, one hue light to dark as the route lengthens.
ROUTE = {
    "nk_to_china": "#9970AB",  # crossing from North Korea into China
    "through_china": "#762A83",  # from China on to a third country
    "full_route": "#40004B",  # the whole route, North Korea to South Korea
    "unspecified": OTHER,  # the report does not say which part
}
MODEL = "#222222"  # a fitted trend: drawn dashed, with its range as a band of MODEL_BAND
MODEL_BAND = "#D9D9D9"
MEDIAN = "#222222"  # a median across several reports: a thin solid line over the years it sums up

# Text.
TEXT = "#222222"
SECONDARY_TEXT = "#555555"  # subtitle, footer
VALUE_TEXT = TEXT  # one style for every value label: regular weight, this colour
GRID = "#DDDDDD"

# The COVID-19 shading: context, not data. Two stages told apart by tint and by an edge line.
COVID_CLOSED = "#F3DFB8"
COVID_REOPENED = "#FAF0DC"
COVID_EDGE = "#9A6B00"  # a 1 px line where a stage begins
COVID_TEXT = "#5C4400"  # the stage's name, written inside its band

# The timeline strip is neutral: its categories are told apart by row, not by colour.
EVENT = "#4D4D4D"  # every mark of the strip: bars, ticks, pins, stars, arrows (8.4:1 on white)
LANE_BACKGROUND = "#F2F2F2"  # every other lane of the strip: a background, not a mark

# Textures and outlines: one meaning each.
NOT_SINGLE_PERIOD = "///"  # hatch: a figure that covers more than the span it is drawn over
HATCH_LINE = "white"  # the lines of that hatch, drawn over the series colour
# Hollow, one meaning: a figure to read with care. An outline bar is an early, unrevised count
# (its series' colour as the edge); a hollow point is a share of fewer than 100 people.
EARLY_COUNT_FILL = "white"
SMALL_BASE_FILL = "white"

# Glyphs. Data points: a point on a line is a dot; a fee report's route is its shape as well as
# its colour. The strip's glyphs are its own, so no data glyph reappears there.
POINT = "o"
ROUTE_GLYPH = {"nk_to_china": "o", "through_china": "s", "full_route": "D", "unspecified": "^"}
EVENT_GLYPH = "v"  # a one-off event: a pin on its date
ESTIMATE_GLYPH = "*"  # a camera-count estimate
PERIOD_START_GLYPH = "|"  # where a period begins (none where the axis cuts it)
ONGOING_GLYPH = ">"  # a period still in force, running on past the right edge
DATA_GLYPHS = (POINT, *ROUTE_GLYPH.values())
EVENT_GLYPHS = (EVENT_GLYPH, ESTIMATE_GLYPH, PERIOD_START_GLYPH, ONGOING_GLYPH)

DATA_COLORS = (ARRIVALS, WOMEN, MEN, REFUGEES, ASYLUM_SEEKERS, *ROUTE.values(), OTHER, MODEL, MEDIAN)
EVENT_COLORS = (EVENT,)
