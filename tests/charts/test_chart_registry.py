"""The registry lists every chart once; a chart is one module, its words and one registry line."""

import importlib
import re
import textwrap

from nkarrivals import charts, paths
from nkarrivals.draw import figure
from nkarrivals.output import export

_MODULE = '''
"""A throwaway chart, registered by a test: yearly arrivals as plain bars."""

from nkarrivals import analysis
from nkarrivals.charts.base import arrivals_source, chart_text, finished, framed
from nkarrivals.draw import axes, palette

TEXT = chart_text(__file__)
NAME = "throwaway-bars"


def build(dataset, lang):
    years = analysis.single_years(dataset.arrivals)
    values = dict(first=int(years.index.min()), last=int(years.index.max()))
    source = arrivals_source(dataset, dataset.arrivals, lang, "last_year")
    fig, words = framed(NAME, TEXT, lang, values, source)
    ax = fig.axes[0]
    ax.bar(axes.year_middle(years.index), years["total"], color=palette.ARRIVALS)
    axes.round_year_ticks(ax, lang)
    data = years[["total", "source_id"]].reset_index()
    return finished(dataset, NAME, lang, fig, words, data)
'''

_TEXT = """
[title]
en = "Yearly arrivals, {first} to {last}"
ko = "연도별 탈북민 입국, {first}~{last}년"

[subtitle]
en = "People arriving in each year"
ko = "연도별 입국 인원"

[note]
en = "A chart made by a test."
ko = "시험용 차트임."

[alt]
en = "Bars of the people arriving in South Korea each year from {first} to {last}, one bar a year."
ko = "{first}년부터 {last}년까지 해마다 한국에 입국한 탈북민 수를 연도별 막대로 나타낸 차트임."
"""


def test_a_chart_is_its_module_its_words_and_one_registry_line(tmp_path, monkeypatch):
    (tmp_path / "throwaway_bars.py").write_text(textwrap.dedent(_MODULE), encoding="utf-8")
    (tmp_path / "throwaway_bars.toml").write_text(_TEXT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    monkeypatch.setitem(charts.CHARTS, "throwaway-bars", charts.module_builder("throwaway_bars"))
    out = tmp_path / "out"
    for lang in ("en", "ko"):
        result = export.export_charts(["throwaway-bars"], out_dir=out, lang=lang, echo=None)
        assert not result.failed, result.failed
        chart = charts.build_chart("throwaway-bars", lang=lang)
        with figure.house_style(lang):
            assert figure.text_problems(chart.figure) == []
    stems = ("throwaway-bars", "throwaway-bars.ko")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.{suffix}" for stem in stems for suffix in ("png", "svg", "pdf", "csv", "json", "txt")
    )
    assert "연도별 막대" in (out / "throwaway-bars.ko.txt").read_text(encoding="utf-8")


def test_every_registered_chart_is_a_module_with_its_words_beside_it():
    for name, build in charts.CHARTS.items():
        module = importlib.import_module(build.module)
        assert name == module.NAME
        assert charts.text_of(name).path.is_file(), name
        assert {"title", "subtitle", "note", "alt"} <= set(charts.text_of(name).parts()), name


def test_the_readme_lists_exactly_the_registered_charts():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"^Charts: (.*?)\. Their titles", readme, re.M | re.S)
    assert listed, "README.md: the 'Charts:' sentence"
    assert re.findall(r"`([a-z-]+)`", listed.group(1)) == list(charts.CHARTS)
