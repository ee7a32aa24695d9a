"""The semantic palette (draw/palette.py) and what the charts draw with it: contrast against the
white page (WCAG 2.1: 3:1 for marks, SC 1.4.11; 4.5:1 for text, SC 1.4.3), one meaning per
colour, and two COVID-19 stages a reader can tell apart."""

import re

import pytest
from contrast import MARK_CONTRAST, TEXT_CONTRAST, contrast
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex, to_rgba

from nkarrivals import charts
from nkarrivals.draw import axes, figure, palette
from nkarrivals.draw.figure import house_style


def roles() -> dict[str, object]:
    """palette.py's roles: each upper-case name bound to a colour, glyph, texture or a table of
    them (the tuples that gather roles, such as DATA_COLORS, are not roles of their own)."""
    return {name: value for name, value in vars(palette).items() if name.isupper() and isinstance(value, str | dict)}


TEXT_ROLES = sorted(name for name in roles() if name.endswith("TEXT"))
MARK_COLORS = sorted({*palette.DATA_COLORS, *palette.EVENT_COLORS, palette.COVID_EDGE})


def test_contrast_follows_wcag():
    assert contrast("black") == pytest.approx(21)
    assert contrast("white") == pytest.approx(1)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)  # the usual "just fails" grey
    assert contrast("#0072B2") == pytest.approx(5.19, abs=0.01)
    assert contrast((0, 0, 0, 0.5)) == pytest.approx(contrast((0.5, 0.5, 0.5)))  # blended over white


@pytest.mark.parametrize("color", MARK_COLORS)
def test_every_data_event_and_edge_colour_has_3_to_1_against_white(color):
    assert contrast(color) >= MARK_CONTRAST, f"{color}: {contrast(color):.2f}:1"


@pytest.mark.parametrize("name", TEXT_ROLES)
def test_every_text_colour_has_4_5_to_1_against_white(name):
    color = getattr(palette, name)
    assert contrast(color) >= TEXT_CONTRAST, f"palette.{name} {color}: {contrast(color):.2f}:1"


def test_the_stage_names_read_on_their_bands():
    for band in (palette.COVID_CLOSED, palette.COVID_REOPENED):
        assert contrast(palette.COVID_TEXT, band) >= TEXT_CONTRAST, band


def test_the_two_covid_stages_are_told_apart_by_their_fill_and_by_an_edge_line():
    assert to_hex(palette.COVID_CLOSED) != to_hex(palette.COVID_REOPENED)
    assert contrast(palette.COVID_CLOSED) > contrast(palette.COVID_REOPENED) > 1  # the closure darker
    for band in ("white", palette.COVID_CLOSED, palette.COVID_REOPENED):
        assert contrast(palette.COVID_EDGE, band) >= MARK_CONTRAST, band


def test_no_colour_of_a_data_series_is_an_event_mark():
    shared = {to_hex(c) for c in palette.DATA_COLORS} & {to_hex(c) for c in palette.EVENT_COLORS}
    assert not shared
    assert not set(palette.DATA_GLYPHS) & set(palette.EVENT_GLYPHS)


# --- what the charts draw -------------------------------------------------------------------


def _is_white(color) -> bool:
    return contrast(color) < 1.0001


def _spans_the_panel(patch, ax) -> bool:
    box = patch.get_window_extent()
    return box.x0 <= ax.bbox.x0 + 1 and box.x1 >= ax.bbox.x1 - 1


def _invisible(color) -> bool:
    return to_rgba(color)[3] == 0


def marks(chart) -> list[tuple[str, object]]:
    """(what, colour) of every bar, line and marker on every panel of the chart: the COVID-19
    bands (context, gid palette-named), gridlines, white fills and the timeline strip's lane
    backgrounds left out; an outline bar (white fill) counts by its edge."""
    fig = chart.figure
    strip = fig.axes[-1] if "layer" in chart.data.columns else None
    found: list[tuple[str, object]] = []
    for index, ax in enumerate(fig.axes):
        where = f"panel {index}"
        for patch in ax.patches:
            if patch.get_gid() == axes.COVID_BAND or not patch.get_visible():
                continue
            if ax is strip and _spans_the_panel(patch, ax):
                continue  # a lane's background
            face = patch.get_facecolor()
            if _invisible(face) or _is_white(face):
                if patch.get_linewidth() > 0 and not _invisible(patch.get_edgecolor()):
                    found.append((f"{where}: outline of {patch.get_label()!r}", patch.get_edgecolor()))
                continue
            found.append((f"{where}: bar or area {patch.get_label()!r}", face))
        for line in ax.lines:
            if not line.get_visible():
                continue
            if line.get_linestyle() not in ("None", "none", "", " "):
                found.append((f"{where}: line {line.get_label()!r}", line.get_color()))
            if line.get_marker() not in (None, "None", "none", "", " "):
                face = line.get_markerfacecolor()  # a hollow or white marker counts by its edge
                color = line.get_markeredgecolor() if _invisible(face) or _is_white(face) else face
                found.append((f"{where}: marker {line.get_marker()!r} of {line.get_label()!r}", color))
        for collection in ax.collections:
            if not collection.get_visible():
                continue
            if isinstance(collection, LineCollection):
                found += [(f"{where}: lines {collection.get_label()!r}", c) for c in collection.get_colors()]
            elif isinstance(collection, PathCollection):
                faces = [f for f in collection.get_facecolors() if not _invisible(f)]
                colors = faces or list(collection.get_edgecolors())
                found += [(f"{where}: markers {collection.get_label()!r}", c) for c in colors]
    return found


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_mark_of_a_chart_has_3_to_1_against_white(charts_in, name):
    low = sorted(
        {
            (what, to_hex(color), round(contrast(color), 2))
            for what, color in marks(charts_in[name])
            if contrast(color) < MARK_CONTRAST
        }
    )
    assert not low, f"{name} ({charts_in.lang}): marks under {MARK_CONTRAST}:1 against white: {low}"


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_text_of_a_chart_has_4_5_to_1_against_white(charts_in, name):
    chart = charts_in[name]
    with house_style(chart.lang):
        texts = figure.drawn_text_artists(chart.figure)
    low = sorted(
        {
            (text.get_text()[:40], to_hex(text.get_color(), keep_alpha=True), round(contrast(text.get_color()), 2))
            for text in texts
            if contrast(text.get_color()) < TEXT_CONTRAST
        }
    )
    assert not low, f"{name} ({chart.lang}): text under {TEXT_CONTRAST}:1 against white: {low}"


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_a_shaded_chart_draws_both_stages_with_their_edges(english, name):
    ax = english[name].figure.axes[0]
    bands = [patch for patch in ax.patches if patch.get_gid() == axes.COVID_BAND]
    if not bands:
        return
    assert [to_hex(band.get_facecolor()) for band in bands][:2] == [
        to_hex(palette.COVID_CLOSED),
        to_hex(palette.COVID_REOPENED),
    ][: len(bands)]
    edges = [line for line in ax.lines if line.get_gid() == axes.COVID_EDGE]
    assert edges and all(to_hex(line.get_color()) == to_hex(palette.COVID_EDGE) for line in edges)
    # 1 pixel at the house dpi
    assert all(line.get_linewidth() == pytest.approx(72 / figure.HOUSE_DPI) for line in edges)


# --- the README's table ------------------------------------------------------------------------


def _readme_rows() -> dict[str, str]:
    from nkarrivals import paths

    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Colours and marks", 1)[1].split("\n## ", 1)[0]
    return {match.group(1): match.group(0) for match in re.finditer(r"^\| `([A-Z_]+)` \|.*$", section, re.M)}


def test_the_readme_names_every_palette_role_and_no_other():
    named, defined = set(_readme_rows()), set(roles())
    assert not defined - named, f"README.md, Colours and marks: add {sorted(defined - named)}"
    assert not named - defined, f"README.md, Colours and marks: no such role in palette.py: {sorted(named - defined)}"


@pytest.mark.parametrize("name", sorted(roles()))
def test_the_readme_gives_each_role_its_value(name):
    row = _readme_rows().get(name, "")
    value = roles()[name]
    pairs = value.items() if isinstance(value, dict) else [(None, value)]
    for key, item in pairs:
        if key is not None:
            assert f"`{key}`" in row, (name, key)
        if str(item).startswith("#"):
            assert str(item).upper() in row.upper(), (name, key, item)
        else:  # a glyph or texture in backticks; a pipe escaped, as a Markdown table needs
            assert f"`{item}`".replace("|", "\\|") in row, (name, key, item)
