"""The timeline strip under the time series: lighter than the data, neutral in colour, its
crowded one-offs on one row, and its years labelled under the data, not under itself.

Every chart in the registry is checked, in both languages: charts may be merged or dropped, and a
chart with a strip is recognised by its strip axes (gid "timeline-strip"), not by its name."""

import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.text import Annotation

from nkarrivals import analysis, charts
from nkarrivals.draw import figure, palette, timeline
from nkarrivals.draw.figure import house_style
from nkarrivals.text import i18n

STRIP = "timeline-strip"


def _strip_axes(fig):
    return next((ax for ax in fig.axes if ax.get_gid() == STRIP), None)


def _with_strips(chart_set):
    found = {name: chart_set[name] for name in charts.CHARTS if _strip_axes(chart_set[name].figure) is not None}
    assert found, "no chart in the registry has a timeline strip"
    return found


def test_every_strip_is_at_most_half_the_data_panels_and_a_quarter_of_the_figure(charts_in):
    for name, chart in _with_strips(charts_in).items():
        fig = chart.figure
        strip = _strip_axes(fig)
        tall = fig.get_figheight()
        strip_height = strip.get_position().height * tall
        data_height = sum(ax.get_position().height * tall for ax in fig.axes if ax is not strip)
        assert strip_height <= 0.5 * data_height + 1e-9, (name, chart.lang, strip_height, data_height)
        assert strip_height <= 0.25 * tall + 1e-9, (name, chart.lang, strip_height, tall)


def test_a_strip_that_would_outweigh_the_data_makes_the_data_panels_taller():
    with house_style("en"):
        fig = figure.framed_figure(title="t", subtitle="s", source="x", note="", plot_height=2.0, strip_height=3.0)
    strip = _strip_axes(fig)
    tall = fig.get_figheight()
    data_height = fig.axes[0].get_position().height * tall
    assert data_height >= 2 * 3.0 - 1e-9
    assert strip.get_position().height * tall <= 0.25 * tall + 1e-9


def _colour(value) -> str | None:
    """A colour as hex, None where nothing is painted (no colour, or fully transparent)."""
    if value is None or (isinstance(value, str) and value.lower() == "none"):
        return None
    rgba = to_rgba(value)
    return None if rgba[3] == 0 else to_hex(rgba, keep_alpha=False)


def _spans_the_panel(artist, ax) -> bool:
    """Context drawn across the whole height of a data panel (the COVID-19 shading and the lines
    where its stages begin): the axvspan and axvline kind, which are not data marks."""
    if artist.get_transform() == ax.get_xaxis_transform():
        return True
    box, panel = artist.get_window_extent(), ax.get_window_extent()
    return box.y0 <= panel.y0 + 1 and box.y1 >= panel.y1 - 1


def _mark_colours(ax, *, skip) -> set[str]:
    """The colours of the lines, markers and patches drawn on `ax` (and of annotation arrows and
    scatter points), leaving out what `skip` says is not a mark."""
    found: set[str] = set()
    for line in ax.lines:
        if skip(line):
            continue
        painted = line.get_linestyle() not in ("None", "none", "", " ")
        if painted:
            found.add(_colour(line.get_color()))
        if line.get_marker() not in (None, "None", "none", "", " "):
            found |= {_colour(line.get_markerfacecolor()), _colour(line.get_markeredgecolor())}
    for patch in ax.patches:
        if skip(patch):
            continue
        found.add(_colour(patch.get_facecolor()))
        if patch.get_linewidth() > 0:
            found.add(_colour(patch.get_edgecolor()))
    for collection in ax.collections:
        if skip(collection):
            continue
        found |= {_colour(c) for c in collection.get_facecolors()} | {_colour(c) for c in collection.get_edgecolors()}
    for text in ax.texts:
        if isinstance(text, Annotation) and text.arrow_patch is not None:
            found |= {_colour(text.arrow_patch.get_edgecolor()), _colour(text.arrow_patch.get_facecolor())}
    return found - {None}


def test_no_colour_serves_both_data_marks_and_event_marks(charts_in):
    checked = 0
    for name in charts.CHARTS:
        fig = charts_in[name].figure
        strip = _strip_axes(fig)
        if strip is None:
            continue
        with house_style(charts_in.lang):
            fig.canvas.draw()  # window extents need a drawn figure
        events = _mark_colours(strip, skip=lambda artist: artist.get_gid() == "lane")
        data = set().union(
            *(
                _mark_colours(ax, skip=lambda artist, ax=ax: _spans_the_panel(artist, ax))
                for ax in fig.axes
                if ax is not strip
            )
        )
        assert events and data, name
        assert not events & data, (name, charts_in.lang, events & data)
        checked += 1
    assert checked


def test_every_strip_mark_takes_the_event_colour_and_an_event_glyph(charts_in):
    for name, chart in _with_strips(charts_in).items():
        strip = _strip_axes(chart.figure)
        colours = _mark_colours(strip, skip=lambda artist: artist.get_gid() == "lane")
        assert colours <= {_colour(c) for c in palette.EVENT_COLORS}, (name, colours)
        for line in strip.lines:
            assert line.get_marker() in palette.EVENT_GLYPHS or line.get_marker() in ("None", "", None), name
            assert line.get_alpha() in (None, 1), name
        for patch in strip.patches:
            assert patch.get_alpha() in (None, 1), name  # no tints: a solid bar or none
        assert {line.get_marker() for line in strip.lines} <= set(palette.EVENT_GLYPHS), name


def test_no_strip_label_sits_on_a_bar(charts_in):
    # Dark fill under text is hard to read: a label stands beside its bar or in a gap of it.
    for name, chart in _with_strips(charts_in).items():
        fig = chart.figure
        strip = _strip_axes(fig)
        with house_style(chart.lang):
            fig.canvas.draw()
        bars = [p.get_window_extent() for p in strip.patches if p.get_gid() != "lane"]
        for text in strip.texts:
            box = text.get_window_extent().padded(-0.5)
            assert not any(box.overlaps(bar) for bar in bars), (name, chart.lang, text.get_text())


def test_strip_and_lane_labels_are_set_in_the_small_size(charts_in):
    for name, chart in _with_strips(charts_in).items():
        strip = _strip_axes(chart.figure)
        sizes = {text.get_fontsize() for text in strip.texts}
        sizes |= {label.get_fontsize() for label in strip.get_yticklabels() if label.get_text()}
        assert sizes == {figure.SMALL_SIZE}, (name, sizes)


def test_years_are_labelled_under_the_lowest_data_panel_and_no_x_axis_has_a_title(charts_in):
    for name, chart in _with_strips(charts_in).items():
        fig = chart.figure
        strip = _strip_axes(fig)
        data_axes = [ax for ax in fig.axes if ax is not strip]
        lowest = min(data_axes, key=lambda ax: ax.get_position().y0)
        with house_style(chart.lang):
            fig.canvas.draw()
        shown = [label.get_text() for label in lowest.get_xticklabels() if label.get_visible() and label.get_text()]
        assert shown, name
        assert not [label for label in strip.get_xticklabels() if label.get_visible() and label.get_text()], name
        assert all(ax.get_xlabel() == "" for ax in fig.axes), name


# --- clusters: planned from events made up for the test --------------------------------------------


def _events(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """One-off events as events.csv holds them: (start, status, category, label)."""
    return pd.DataFrame(
        {
            "start": [r[0] for r in rows],
            "end": [None] * len(rows),
            "status": [r[1] for r in rows],
            "category": [r[2] for r in rows],
            "label": [r[3] for r in rows],
            "label_ko": [r[3] for r in rows],
            "source_id": [f"S{i}" for i in range(len(rows))],
        }
    )


def _plan(rows, xlim=(1998.0, 2027.0), lang="en"):
    with house_style(lang):
        return timeline.plan(analysis.event_spans(_events(rows)), None, xlim, 10.5, lang)


_RETURNS = [
    ("2021-07", "confirmed", "repatriation", "About 50 sent back"),
    ("2023-08-29", "confirmed", "repatriation", "80 sent back"),
    ("2023-09-18", "confirmed", "repatriation", "40 sent back"),
    ("2023-10-09", "confirmed", "repatriation", "500+ sent back"),
    ("2024-04-26", "confirmed", "repatriation", "About 60 sent back"),
    ("2025-09", "reported", "repatriation", "At least 28 sent back"),
]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_crowded_one_offs_of_one_kind_share_a_row_with_one_label_and_a_pin_each(lang):
    strip = _plan(_RETURNS, lang=lang)
    (item,) = strip.items
    assert item.kind == "cluster"
    assert len(item.dates) == len(_RETURNS)
    assert list(item.dates) == sorted(item.dates)
    lane = i18n.text("lane_repatriation", lang)
    years = "2021–25" if lang == "en" else "2021~2025년"
    assert item.text == i18n.text("strip_cluster", lang, lane=lane, count=len(_RETURNS), years=years)


def test_a_cluster_is_drawn_as_one_label_but_listed_event_by_event():
    strip = _plan(_RETURNS)
    table = timeline.records(strip)
    assert list(table["label"]) == [row[3] for row in _RETURNS]
    assert list(table["source_id"]) == [f"S{i}" for i in range(len(_RETURNS))]
    described = timeline.describe(strip, "en")
    assert all(row[3] in described for row in _RETURNS)


def test_one_offs_far_enough_apart_keep_their_own_labels():
    spread = [(f"{year}-06", "confirmed", "repatriation", f"Sent back in {year}") for year in (2000, 2010, 2020)]
    strip = _plan(spread)
    assert [item.text for item in strip.items] == [row[3] for row in spread]
    assert {item.row for item in strip.items} == {0}


def test_two_crowded_one_offs_keep_their_own_labels():
    pair = _RETURNS[1:3]
    strip = _plan(pair)
    assert sorted(item.text for item in strip.items) == sorted(row[3] for row in pair)


def test_an_alleged_event_is_never_merged_into_a_cluster():
    alleged = ("2023-09-01", "alleged", "repatriation", "Alleged return")
    strip = _plan([*_RETURNS, alleged])
    labels = [item.text for item in strip.items]
    assert i18n.text("event_alleged", "en", label="Alleged return") in labels
    (cluster,) = [item for item in strip.items if item.kind == "cluster"]
    assert len(cluster.dates) == len(_RETURNS)


def test_one_offs_of_different_kinds_do_not_merge():
    returns = _RETURNS[1:4]
    controls = [(row[0], row[1], "border-control", f"Border step {i}") for i, row in enumerate(returns)]
    strip = _plan([*returns, *controls])
    clusters = {item.category: item for item in strip.items if item.kind == "cluster"}
    assert set(clusters) == {"repatriation", "border-control"}
    assert all(len(item.dates) == len(returns) for item in clusters.values())


def test_a_start_tick_marks_only_a_period_that_begins_in_view():
    events = pd.DataFrame(
        {
            "start": ["2015-05", "2021"],
            "end": ["2024", "ongoing"],
            "status": ["confirmed", "confirmed"],
            "category": ["surveillance", "surveillance"],
            "label": ["Begun before the view", "Begun in the view"],
            "label_ko": ["앞", "뒤"],
            "source_id": ["S1", "S2"],
        }
    )
    with house_style("en"):
        strip = timeline.plan(analysis.event_spans(events), None, (2019.0, 2026.0), 10.5, "en")
    cut = {item.text.split(" (")[0]: item.cut for item in strip.items}
    assert cut == {"Begun before the view": True, "Begun in the view": False}


def test_the_strips_glyphs_and_colour_are_never_a_data_series_own():
    assert not set(palette.EVENT_GLYPHS) & set(palette.DATA_GLYPHS)
    assert not {c.lower() for c in palette.EVENT_COLORS} & {c.lower() for c in palette.DATA_COLORS}
