"""Korean charts: real Hangul glyphs, Korean number style, a clear error without a font."""

import string
import warnings

import pytest

from conftest import run_cli_after
from nkarrivals import export, i18n


def _korean_font_or_none():
    try:
        return i18n.korean_font()
    except i18n.FontMissingError:
        return None


needs_korean_font = pytest.mark.skipif(
    _korean_font_or_none() is None,
    reason="no Korean font installed (Debian: apt-get install fonts-nanum); .ci/run installs one")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_translation_has_both_languages_with_the_same_placeholders():
    for key, row in i18n.translations().items():
        assert row["en"] and row["ko"], key
        assert _placeholders(row["en"]) == _placeholders(row["ko"]), key


def test_every_translation_is_used_by_the_package(monkeypatch):
    # Build every chart and notebook table, recording the keys asked for.
    from nkarrivals import data, fees

    used = set()
    real_text = i18n.text

    def recording_text(key, lang, **values):
        used.add(key)
        return real_text(key, lang, **values)

    monkeypatch.setattr(i18n, "text", recording_text)
    dataset = data.load_dataset()
    for name in export.CHARTS:
        export.build_chart(name, dataset)
    fees.fee_table(dataset.broker_fees, dataset.sources)
    assert set(i18n.translations()) - used == set()


def test_korean_number_and_period_formats():
    assert i18n.count(2914, "ko") == "2,914명"
    assert i18n.usd(2000, "ko") == "2,000달러"
    assert i18n.period_label(None, 1998, "ko") == "1998년까지"
    assert i18n.period_label(1999, 2001, "ko") == "1999~2001년"
    assert i18n.quarter_label(2020, 2, "ko") == "2020년 2분기"


@needs_korean_font
def test_korean_export_has_no_missing_glyphs(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" becomes a failure
        result = export.export_charts(out_dir=tmp_path, lang="ko", formats=["png", "svg"], workers=1,
                                      echo=lambda _: None)
    assert not result.failed
    assert sorted(p.name for p in tmp_path.glob("*.ko.png")) == sorted(f"{n}.ko.png" for n in export.CHARTS)


@needs_korean_font
def test_korean_alt_text_uses_korean_numbers(tmp_path):
    export.export_charts(["arrivals-annual"], out_dir=tmp_path, lang="ko", formats=["png"], echo=lambda _: None)
    alt = (tmp_path / "arrivals-annual.ko.txt").read_text(encoding="utf-8")
    assert "2,914명" in alt and "탈북민" in alt


@needs_korean_font
def test_korean_export_is_deterministic_beside_english(tmp_path):
    # English determinism is tested in test_charts.py; here Korean, in the same folder.
    export.export_charts(["broker-fees"], out_dir=tmp_path / "a", echo=lambda _: None)
    first = export.export_charts(out_dir=tmp_path / "a", lang="ko", echo=lambda _: None)
    second = export.export_charts(out_dir=tmp_path / "b", lang="ko", echo=lambda _: None)
    for path_a, path_b in zip(first.written, second.written, strict=True):
        assert path_a.read_bytes() == path_b.read_bytes(), path_a.name
    assert (tmp_path / "a" / "broker-fees.ko.pdf").exists() and (tmp_path / "a" / "broker-fees.pdf").exists()


def test_missing_korean_font_fails_at_once_and_writes_nothing(tmp_path):
    setup = (
        "from matplotlib import font_manager\n"
        "from nkarrivals import i18n\n"
        "i18n.KOREAN_FONTS = ('No Such Korean Font',)\n"
        "i18n.korean_font.cache_clear()\n"
        "font_manager.findSystemFonts = lambda *args, **kwargs: []"
    )
    result = run_cli_after(setup, "export", "--lang", "ko", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: nothing exported: No Korean font found")
    assert "fonts-nanum" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
