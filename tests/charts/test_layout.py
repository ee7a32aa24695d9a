"""Chart layout as a reader sees it: no text collides, everything lies inside the figure,
events stand where they happened, and the data fill their panel."""

import pytest
import release
from conftest import line_of

from nkarrivals import analysis, data
from nkarrivals.draw import axes, figure, palette
from nkarrivals.draw.figure import house_style
from nkarrivals.output import export

LANGS = ["en", "ko"]


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


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_no_text_collides_or_leaves_the_figure(charts_in, name):
    with house_style(charts_in.lang):
        assert figure.text_problems(charts_in[name].figure) == []


def _add_close_events(data_dir):
    """Two extra events with long labels, within three months of existing ones."""
    events = data_dir / "events.csv"
    with open(events, "a", encoding="utf-8") as handle:
        handle.write(
            "2023-11,month,,,,reported,repatriation,Another large group reported sent back,"
            '"중국, 탈북민 대규모 추가 강제북송 보도",Test row within three months of 9 October 2023.,RFA_2023_10_12,\n'
        )
        handle.write(
            # border-control, not covid: every covid period with an end is a stage of the shading
            "2020-03-01,day,2021-06,month,,reported,border-control,Quarantine camps along the whole border,"
            '"북한, 국경 전 구간에 격리 시설 설치",Test row within three months of the closure.,IRRAWADDY_2020,\n'
        )
    return line_of(events, "2023-11,")


@pytest.mark.parametrize("lang", LANGS)
def test_two_extra_close_events_with_long_labels_still_collide_with_nothing(data_copy, lang):
    _add_close_events(data_copy)
    extended = data.load_dataset(data_copy)
    for name in export.CHARTS:  # the strip charts, and the others unchanged
        chart = export.build_chart(name, extended, lang)
        with house_style(lang):
            assert figure.text_problems(chart.figure) == [], name
        if name == "arrivals-annual":
            wanted = (
                "Another large group reported sent back" if lang == "en" else "중국, 탈북민 대규모 추가 강제북송 보도"
            )
            # Drawn with the other forced returns of those years (one row, one label), listed on its own.
            assert wanted in list(chart.data["label"])
            pins = [x for line in chart.figure.axes[-1].lines for x in line.get_xdata()]
            assert any(abs(x - (2023 + 10.5 / 12)) < 0.05 for x in pins)


@pytest.mark.parametrize("lang", LANGS)
def test_the_next_releases_still_collide_with_nothing(data_copy, monkeypatch, lang):
    # Each new year narrows every bar of the yearly charts; three more must still fit.
    for _ in range(3):
        _year, clock = release.add_next_year(data_copy, male=20, female=160)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    extended = data.load_dataset(data_copy)
    for name in export.CHARTS:
        chart = export.build_chart(name, extended, lang)
        with house_style(lang):
            assert figure.text_problems(chart.figure) == [], name


def _period_rows(strip) -> dict[float, tuple[set[float], set[float]]]:
    """Per row of the strip (by its middle): where bars and start ticks begin, and where bars end.
    A bar may be drawn in two pieces around its label."""
    rows: dict[float, tuple[set[float], set[float]]] = {}
    for patch in strip.patches:
        if patch.get_gid() == "lane":
            continue
        starts, ends = rows.setdefault(round(patch.get_y() + patch.get_height() / 2, 3), (set(), set()))
        starts.add(round(patch.get_x(), 3))
        ends.add(round(patch.get_x() + patch.get_width(), 3))
    for line in strip.lines:
        if line.get_marker() == palette.PERIOD_START_GLYPH:
            starts, _ = rows.setdefault(round(line.get_ydata()[0], 3), (set(), set()))
            starts.add(round(line.get_xdata()[0], 3))
    return rows


def _shown_periods(chart, dataset):
    """The periods of events.csv that the chart's strip shows (its data table lists them)."""
    spans = analysis.event_spans(dataset.events)
    listed = set(chart.data.loc[chart.data["layer"] == "event", "label"])
    return spans[spans["is_period"] & spans["label"].isin(listed)]


def _drawn_from_to(strip, start: float, end: float) -> bool:
    return any(round(start, 3) in starts and round(end, 3) in ends for starts, ends in _period_rows(strip).values())


@pytest.mark.parametrize("name", ["arrivals-annual", "arrivals-recent", "broker-fees"])
def test_periods_are_bars_from_start_to_end_and_ongoing_ones_reach_the_edge(english, dataset, name):
    chart = english[name]
    strip = chart.figure.axes[-1]
    left, right = strip.get_xlim()
    periods = _shown_periods(chart, dataset)
    assert not periods.empty
    for _, period in periods.iterrows():
        end = right if period["ongoing"] else min(period["x_end"], right)
        assert _drawn_from_to(strip, max(period["x_start"], left), end), period["label"]


@pytest.mark.parametrize("name", ["arrivals-recent", "arrivals-annual"])
def test_a_period_cut_by_the_left_edge_has_no_start_tick(english, dataset, name):
    # The Sharp Eyes bar (from May 2015) is cut where the recent chart's axis starts, in 2019: a start
    # tick there would date its start to 2019 (the Korean editor's review of December 2026, M2).
    chart = english[name]
    strip = chart.figure.axes[-1]
    left = strip.get_xlim()[0]
    ticks = [line.get_xdata()[0] for line in strip.lines if line.get_marker() == palette.PERIOD_START_GLYPH]
    periods = _shown_periods(chart, dataset)
    assert ticks and all(x > left + 1e-9 for x in ticks), ticks
    assert len(ticks) == (periods["x_start"] > left + 1e-9).sum()


def test_report_dated_border_controls_start_in_2020_not_at_their_report(english):
    chart = english["arrivals-annual"]
    strip = chart.figure.axes[-1]
    right = strip.get_xlim()[1]
    assert _drawn_from_to(strip, 2020.0, right)  # the border cameras, in force from 2020 on
    assert _drawn_from_to(strip, 2020.0, 2024.0)  # the fences, 2020 to the end of 2023
    events = chart.data[chart.data["layer"] == "event"].set_index("label")
    for label in ("Face-recognition border cameras", "New fences and guard posts"):
        assert events.loc[label, "start"] == "2020", label


def test_the_covid_shading_shows_the_closure_and_the_partial_reopening(english, dataset):
    ax = english["arrivals-annual"].figure.axes[0]
    bands = [patch for patch in ax.patches if patch.get_gid() == axes.COVID_BAND]
    stages = analysis.covid_stages(dataset.events)
    assert [round(band.get_x(), 6) for band in bands] == [round(stage.start, 6) for stage in stages]
    names = [text.get_text().replace("\n", " ") for text in ax.texts if text.get_gid() == axes.COVID_NAME]
    assert names == ["Border closed", "Partly reopened"]


def _tops(ax) -> list[float]:
    """The top of every data mark of a panel: bars, and the areas of fill_between."""
    bars = [
        patch.get_y() + patch.get_height() for patch in ax.patches if patch.get_height() < 1e6 and patch.get_width() < 5
    ]
    areas = [path.vertices[:, 1].max() for area in ax.collections for path in area.get_paths() if len(path.vertices)]
    return bars + areas


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_the_y_axis_top_is_at_most_a_quarter_above_the_largest_value(english, name):
    chart = english[name]
    ax = chart.figure.axes[0]
    if name == "arrivals-by-sex":  # a share of the whole runs over the whole scale, 0 to 100%
        assert ax.get_ylim() == (0, 100)
        return
    if name == "broker-fees":  # small multiples on one scale: the largest value in any panel
        panels = [a for a in chart.figure.axes if a.get_yscale() == "log"]
        largest = max(max(line.get_ydata()) for a in panels for line in a.lines if len(line.get_ydata()))
    else:
        largest = max(_tops(ax))
    assert ax.get_ylim()[1] <= 1.25 * largest


def test_the_host_countries_share_one_scale_that_their_largest_stock_fills(english):
    host_axes = english["protection-abroad"].figure.axes[1:]
    tops = {ax.get_ylim() for ax in host_axes}
    assert len(host_axes) > 1 and len(tops) == 1, "one y-axis for every country"
    largest = max(max(_tops(ax)) for ax in host_axes)
    assert next(iter(tops))[1] <= 1.25 * largest


def test_the_profile_share_panels_share_one_axis_that_their_largest_bar_fills(english):
    chart = english["arrivals-profile"]
    share_axes = [ax for ax in chart.figure.axes[2:]]
    limits = {ax.get_xlim() for ax in share_axes}
    assert len(share_axes) == 2 and len(limits) == 1, "one share axis for occupation and education"
    largest = max(patch.get_width() for ax in share_axes for patch in ax.patches)
    assert next(iter(limits))[1] <= 1.25 * largest


def test_each_side_of_the_pyramid_ends_within_a_label_of_its_longest_bar(english):
    ax = english["arrivals-profile"].figure.axes[0]
    left, right = ax.get_xlim()
    bars = [(patch.get_x(), patch.get_x() + patch.get_width()) for patch in ax.patches]
    ends = {"men": min(min(bar) for bar in bars), "women": max(max(bar) for bar in bars)}
    assert left <= ends["men"] < 0 < ends["women"] <= right
    span = right - left
    assert (ends["men"] - left) / span < 0.12 and (right - ends["women"]) / span < 0.12


# --- lines wrapped by measured width ------------------------------------------------------------

_LATIN = (
    "Source: Ministry of Unification; figures for 2020–2025 as reported by SBS, Dong-A Ilbo, Daily NK, "
    "Yonhap News Agency, Seoul Economic Daily, Newsis; rates: Federal Reserve (FRED)"
)
_HANGUL = (
    "참고: 빗금 막대는 통일부가 여러 해를 묶어 발표한 합계로 연간 수치가 아님. 탈북 연도가 아닌 한국 입국 연도 "
    "기준이며 통일부 수정치임. 아래 띠의 막대는 기간, 점은 단발성 사건, 네모는 중국 내 감시카메라 추정치임."
)


@pytest.mark.parametrize("lang, text", [("en", _LATIN * 2), ("ko", _HANGUL), ("ko", _LATIN)])
def test_wrapped_lines_fit_and_are_only_broken_where_the_next_word_would_not_fit(lang, text):
    width = 7.0
    with house_style(lang):
        lines = figure.wrap(text, figure.FOOTER_SIZE, width)
        widths = [figure.text_width(line, figure.FOOTER_SIZE) for line in lines]
        next_words = [following.split()[0] for following in lines[1:]]
        pairs = zip(lines, next_words, strict=False)  # the last line has no word after it
        overflow = [figure.text_width(f"{line} {word}", figure.FOOTER_SIZE) for line, word in pairs]
    assert " ".join(lines) == " ".join(text.split())
    assert max(widths) <= width
    # Every line but the last two (words may move down to avoid an orphan) is full.
    assert all(w > width for w in overflow[:-1])


def test_a_paragraph_does_not_end_in_an_orphaned_word():
    words = "word " * 40
    with house_style("en"):
        plain = figure.wrap(words + "end", figure.FOOTER_SIZE, 3.0)
        last_width = figure.text_width(plain[-1], figure.FOOTER_SIZE)
    assert len(plain) > 1 and len(plain[-1].split()) >= 2
    assert last_width >= figure.ORPHAN_SHARE * 3.0


def test_balanced_headline_breaks_near_its_middle():
    title = "탈북민 분기별 입국, 코로나19 국경 봉쇄로 2019년 4분기 272명에서 2021년 2분기 5명으로 급감"
    with house_style("ko"):
        greedy = figure.wrap(title, figure.TITLE_SIZE, 6.0, weight="bold")
        balanced = figure.wrap(title, figure.TITLE_SIZE, 6.0, weight="bold", balance=True)
        widths = [figure.text_width(line, figure.TITLE_SIZE, "bold") for line in balanced]
    assert len(balanced) == len(greedy) == 2
    assert min(widths) / max(widths) > 0.7, balanced


def test_recent_chart_labels_its_years_under_the_bars_and_separates_them(english, dataset):
    chart = english["arrivals-recent"]
    ax, strip = chart.figure.axes[0], chart.figure.axes[-1]
    periods = analysis.recent_periods(dataset.quarterly, dataset.halfyear)
    bars = sorted((p.get_x(), p.get_x() + p.get_width()) for p in ax.patches if p.zorder == 2)
    assert len(bars) == len(periods)
    for (left, right), (_, row) in zip(bars, periods.iterrows(), strict=True):
        assert row["start"] < left < right < row["end"]  # each period over its own span on the calendar
    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    years = periods.groupby("year").agg(start=("start", "min"), end=("end", "max"))
    assert [t.get_text() for t in labels] == [str(year) for year in years.index]
    for tick, (_, year) in zip(ax.get_xticks(), years.iterrows(), strict=True):
        assert tick == pytest.approx((year["start"] + year["end"]) / 2)  # under the middle of what is drawn
    assert not [t for t in strip.get_xticklabels() if t.get_visible() and t.get_text()]  # not again under the strip
    separators = [
        tick for tick in ax.xaxis.get_minor_ticks() if tick.gridline.get_visible()
    ]  # thin lines between years
    assert [tick.get_loc() for tick in separators] == [float(year) for year in years.index[1:]]
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""  # units in the subtitle, no axis titles


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", [(1990.0, 2026.0), (1950.0, 2024.2)])
def test_a_stage_name_wider_than_its_band_goes_where_it_meets_no_other_text(lang, view):
    # The wider view leaves both bands narrower than their names: the names go above the panel,
    # the second a line higher where it would meet the first.
    stages = [analysis.Stage(2020.06, 2023.6), analysis.Stage(2023.6, None)]
    with house_style(lang):
        fig = figure.framed_figure(title="Title", subtitle="Subtitle", source="A source", note="", lang=lang)
        ax = fig.axes[0]
        ax.set_xlim(*view)
        ax.set_ylim(0, 100)
        axes.shade_covid(ax, stages, lang)
        names = [text for text in ax.texts if text.get_gid() == axes.COVID_NAME]
        assert len(names) == 2
        assert figure.text_problems(fig) == []
    band_ends = [(stage.start, stage.end or view[1]) for stage in stages]
    renderer = fig.canvas.get_renderer()
    for text, (start, end) in zip(names, band_ends, strict=True):
        box = text.get_window_extent(renderer)
        inside = ax.transData.transform((start, 0))[0] <= box.x0 and box.x1 <= ax.transData.transform((end, 0))[0]
        assert inside or box.y0 >= ax.bbox.y1, text.get_text()  # inside its band, or above the panel
