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


# --- one type family for both languages -------------------------------------------------------


def _font_characters(name: str) -> set[int]:
    from fontTools.ttLib import TTFont

    from nkarrivals.text import i18n

    with TTFont(i18n.korean_font_dir() / name) as font:
        return set(font.getBestCmap())


def test_both_languages_are_set_in_the_shipped_family_and_only_in_it():
    from nkarrivals.text import i18n

    assert i18n.font_family("en") == i18n.font_family("ko") == [i18n.KOREAN_FONT]


def test_the_house_font_has_every_character_the_charts_write(charts_in):
    import tomllib

    from nkarrivals import charts, paths
    from nkarrivals.text import i18n

    written: set[str] = set()
    for name in charts.CHARTS:
        chart = charts_in[name]
        with house_style(chart.lang):
            written |= {char for text, _ in figure.drawn_texts(chart.figure) for char in text}
        written |= set(chart.title + chart.subtitle + chart.note)
    written |= {char for row in i18n.translations().values() for char in row[charts_in.lang]}
    for path in (paths.PACKAGE_DIR / "charts").glob("*.toml"):
        for part in tomllib.loads(path.read_text(encoding="utf-8")).values():
            written |= set(part.get(charts_in.lang, ""))
    written -= {"\n"}
    for face in i18n.KOREAN_FONT_FILES:
        missing = sorted(char for char in written if ord(char) not in _font_characters(face))
        assert not missing, f"{face} has no glyph for {missing} ({charts_in.lang})"


def test_a_pdf_embeds_the_one_family_and_is_the_same_bytes_each_time(english):
    import io

    from pypdf import PdfReader

    chart = english["arrivals-by-sex"]
    with house_style(chart.lang):
        first = figure.render(chart.figure, "pdf", title=chart.title, description=chart.alt_text)
        second = figure.render(chart.figure, "pdf", title=chart.title, description=chart.alt_text)
    assert first == second
    fonts = PdfReader(io.BytesIO(first)).pages[0]["/Resources"]["/Font"].values()
    families = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts}
    assert families <= {"NanumGothic", "NanumGothicBold"}, families


def test_negative_numbers_take_a_minus_the_font_has():
    # NanumGothic has no U+2212: matplotlib's unicode minus would be a missing glyph.
    import matplotlib

    with house_style("en"):
        assert matplotlib.rcParams["axes.unicode_minus"] is False
