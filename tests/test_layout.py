"""Chart layout as a reader sees it: no text collides, everything lies inside the figure,
events stand where they happened, and the data fill their panel."""

import pytest

from conftest import line_of
from nkarrivals import analysis, data, export, figure, i18n
from nkarrivals.figure import house_style


def _korean_font_installed() -> bool:
    try:
        i18n.korean_font()
    except i18n.FontMissingError:
        return False
    return True


LANGS = ["en"] + (["ko"] if _korean_font_installed() else [])
STRIP_CHARTS = ["arrivals-annual", "arrivals-quarterly", "broker-fees", "arrivals-and-fees"]


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def test_text_problems_finds_overlapping_and_outside_text():
    fig = figure.framed_figure(title="Title", subtitle="Subtitle", source="A source", note="")
    ax = fig.axes[0]
    ax.text(0.5, 0.5, "first label")
    ax.text(0.52, 0.5, "second label")
    ax.text(1.4, 0.2, "a label placed beyond the right edge of the figure")
    problems = figure.text_problems(fig)
    assert "overlap: 'first label' and 'second label'" in problems
    assert any(p.startswith("outside the figure: 'a label placed beyond") for p in problems)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(export.CHARTS))
def test_no_text_collides_or_leaves_the_figure(dataset, name, lang):
    chart = export.build_chart(name, dataset, lang)
    with house_style(lang):
        assert figure.text_problems(chart.figure) == []


def _add_close_events(data_dir):
    """Two extra events with long labels, within three months of existing ones."""
    events = data_dir / "events.csv"
    with open(events, "a", encoding="utf-8") as handle:
        handle.write('2023-11,month,,,,reported,repatriation,Another large group reported sent back,'
                     '"중국, 탈북민 대규모 추가 강제북송 보도",Test row within three months of 9 October 2023.,RFA_2023_10_12,\n')
        handle.write('2020-03-01,day,2021-06,month,,reported,covid,Quarantine camps along the whole border,'
                     '"북한, 국경 전 구간에 격리 시설 설치",Test row within three months of the closure.,IRRAWADDY_2020,\n')
    return line_of(events, "2023-11,")


@pytest.mark.parametrize("lang", LANGS)
def test_two_extra_close_events_with_long_labels_still_collide_with_nothing(data_copy, lang):
    _add_close_events(data_copy)
    extended = data.load_dataset(data_copy)
    for name in STRIP_CHARTS:
        chart = export.build_chart(name, extended, lang)
        labels = [t.get_text() for t in chart.figure.axes[-1].texts]
        with house_style(lang):
            assert figure.text_problems(chart.figure) == [], name
        if name == "arrivals-annual":
            wanted = "Another large group reported sent back" if lang == "en" else "중국, 탈북민 대규모 추가 강제북송 보도"
            assert wanted in labels


def test_periods_are_bars_from_start_to_end_and_ongoing_ones_reach_the_edge(dataset):
    chart = export.build_chart("arrivals-annual", dataset)
    strip = chart.figure.axes[-1]
    right = strip.get_xlim()[1]
    bars = {(round(p.get_x(), 3), round(p.get_x() + p.get_width(), 3)) for p in strip.patches if p.get_height() < 1}
    spans = analysis.event_spans(dataset.events)
    for _, period in spans[spans["is_period"]].iterrows():
        end = right if period["ongoing"] else period["x_end"]
        assert (round(period["x_start"], 3), round(end, 3)) in bars, period["label"]


def test_report_dated_border_controls_start_in_2020_not_at_their_report(dataset):
    chart = export.build_chart("arrivals-annual", dataset)
    strip = chart.figure.axes[-1]
    right = strip.get_xlim()[1]
    bars = {(round(p.get_x(), 3), round(p.get_x() + p.get_width(), 3)) for p in strip.patches if p.get_height() < 1}
    assert (2020.0, round(right, 3)) in bars  # the border cameras, in force from 2020 on
    assert (2020.0, 2024.0) in bars  # the fences, 2020 to the end of 2023
    events = chart.data[chart.data["layer"] == "event"].set_index("label")
    for label in ("Face-recognition border cameras", "New fences and guard posts"):
        assert events.loc[label, "start"] == "2020", label


def test_the_covid_shading_shows_the_closure_and_the_partial_reopening(dataset):
    chart = export.build_chart("arrivals-annual", dataset)
    ax = chart.figure.axes[0]
    labels = [patch.get_label() for patch in ax.patches if patch.get_label().startswith(("COVID", "Partly"))]
    assert labels == ["COVID-19 border closure", "Partly reopened"]


@pytest.mark.parametrize("name", ["arrivals-annual", "arrivals-quarterly", "broker-fees", "arrivals-by-sex",
                                  "decline-before-covid"])
def test_the_y_axis_top_is_at_most_a_quarter_above_the_largest_value(dataset, name):
    chart = export.build_chart(name, dataset)
    ax = chart.figure.axes[0]
    largest = max(patch.get_y() + patch.get_height() for patch in ax.patches if patch.get_height() < 1e6
                  and patch.get_width() < 5) if name != "broker-fees" else max(
        max(line.get_ydata()) for line in ax.lines if len(line.get_ydata()))
    assert ax.get_ylim()[1] <= 1.25 * largest
