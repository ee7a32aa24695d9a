"""The frame every chart is drawn in (draw.figure): what it refuses and what its text check finds."""

import pytest

from nkarrivals.draw import figure
from nkarrivals.draw.figure import house_style


def test_small_multiples_take_no_timeline_strip():
    with pytest.raises(ValueError, match="small multiples"):
        figure.framed_figure(title="t", subtitle="s", source="x", note="", columns=2, strip_height=1.0)


def test_panel_titles_are_checked_for_collisions():
    with house_style("en"):
        fig = figure.framed_figure(
            title="Title",
            subtitle="Subtitle",
            source="A source",
            note="",
            rows=1,
            columns=2,
            column_gap=0.0,
            left_margin=1.0,
        )
        left, right = fig.axes
        left.set_title("a long panel title that runs on and on, well into the panel beside it", loc="left", fontsize=16)
        right.set_title("second panel", loc="left")
        assert any("panel title" in p and "second panel" in p for p in figure.text_problems(fig))
