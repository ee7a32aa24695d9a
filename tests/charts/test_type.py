"""Type for the screen it is read on (the design review of December 2026, finding 6; issue 22).

A full chart sets no text under 10 pt and uses at most four sizes, those of the type scale
(draw/figure.py). The compact variant is read in a 640-pixel article column: there no text is
under 12 px, which is 22.5 px in its 1200-pixel file.
"""

import pytest

from nkarrivals import charts
from nkarrivals.charts.formats import COMPACT_COLUMN_PIXELS, COMPACT_SIZE, HOUSE_DPI
from nkarrivals.draw import figure
from nkarrivals.draw.figure import house_style

COMPACT_NAMES = [name for name in charts.CHARTS if charts.has_compact_variant(name)]


def _sizes(chart) -> list[tuple[str, float, float]]:
    with house_style(chart.lang):
        return figure.drawn_sizes(chart.figure)


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_no_text_of_a_full_chart_is_under_10_pt(charts_in, name):
    small = sorted({(size, text) for text, size, _ in _sizes(charts_in[name]) if size < figure.SMALLEST_SIZE})
    assert not small, f"{name} ({charts_in.lang}): text under {figure.SMALLEST_SIZE} pt: {small}"


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_a_full_chart_sets_its_text_in_at_most_four_sizes_of_the_type_scale(charts_in, name):
    sizes = _sizes(charts_in[name])
    used = sorted({size for _, size, _ in sizes})
    assert len(used) <= 4, f"{name} ({charts_in.lang}): {len(used)} type sizes {used}"
    off_scale = sorted({(size, text) for text, size, _ in sizes if size not in figure.TYPE_SIZES})
    assert not off_scale, f"{name} ({charts_in.lang}): sizes off the scale {figure.TYPE_SIZES}: {off_scale}"


@pytest.mark.parametrize("name", COMPACT_NAMES)
def test_no_text_of_a_compact_chart_is_under_12_px_in_a_640_px_column(compact_in, name):
    chart = compact_in[name]
    file_width = chart.figure.get_figwidth() * chart.figure.dpi
    assert file_width == pytest.approx(COMPACT_SIZE[0] * HOUSE_DPI)
    least = figure.COMPACT_MIN_PIXELS * file_width / COMPACT_COLUMN_PIXELS  # 22.5 px in the 1200-px file
    small = sorted({(round(pixels, 1), text) for text, _, pixels in _sizes(chart) if pixels < least - 1e-9})
    assert not small, f"{name} ({compact_in.lang}, compact): text under {least:g} px in the file: {small}"


def test_a_size_in_points_is_its_size_in_the_column_of_the_compact_variant():
    # The compact figure is drawn at the column's size at the house dpi: a point is a point there.
    width, height, dpi = charts.formats.compact_geometry()
    assert width * HOUSE_DPI == COMPACT_COLUMN_PIXELS
    assert (width * dpi, height * dpi) == pytest.approx((COMPACT_SIZE[0] * HOUSE_DPI, COMPACT_SIZE[1] * HOUSE_DPI))
    smallest = min(figure.COMPACT_FOOTER_SIZE, *figure.COMPACT_SIZES.values())
    assert smallest * HOUSE_DPI / 72 >= figure.COMPACT_MIN_PIXELS


def test_the_type_scale_has_four_sizes_none_under_the_smallest():
    assert len(set(figure.TYPE_SIZES)) == 4
    assert min(figure.TYPE_SIZES) >= figure.SMALLEST_SIZE
