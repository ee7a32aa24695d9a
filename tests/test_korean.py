"""Korean chart text: every translation in both languages, Korean number style, a clear error without a font.

Korean exports (glyphs, alt text, determinism): test_committed_charts.py."""

import string

from conftest import run_cli_after
from nkarrivals import export, i18n


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
    assert "No Korean font found" in result.stderr and "fonts-nanum" in result.stderr
    assert "nothing exported" in result.stderr
    assert not (tmp_path / "out").exists()
