"""Charts build from the real data, export safely, and follow the data.

Whole exports, their determinism and the committed charts: test_committed_charts.py."""

import json
import subprocess
import sys

import pytest
import release

from nkarrivals import charts, cli, data, paths
from nkarrivals.draw import figure
from nkarrivals.draw.figure import house_style
from nkarrivals.output import export


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_each_chart_builds_from_the_real_data(english, name):
    chart = english[name]
    assert chart.figure.axes, "nothing drawn"
    texts = {t.get_gid(): t.get_text() for t in chart.figure.texts}
    assert texts["title"] and texts["subtitle"]
    assert texts["footer"].startswith("Source: ") and "Note: " in texts["footer"]
    assert len(chart.alt_text) > 100


def test_png_is_opaque_rgb_with_the_pixels_matplotlib_drew(english):
    import io

    import numpy as np
    from PIL import Image

    chart = english["broker-fees"]
    png = Image.open(io.BytesIO(chart.render("png")))
    assert png.mode == "RGB"
    assert png.size == chart.figure.canvas.get_width_height()
    assert round(png.info["dpi"][0]) == chart.figure.dpi
    drawn = np.asarray(chart.figure.canvas.buffer_rgba())
    assert (np.asarray(png) == drawn[..., :3]).all()


def test_png_export_refuses_a_transparent_figure(dataset):
    from nkarrivals.draw.figure import render

    chart = export.build_chart("broker-fees", dataset)
    chart.figure.patch.set_alpha(0)
    with house_style(), pytest.raises(ValueError, match="transparent pixels"):
        render(chart.figure, "png", title=chart.title, description=chart.alt_text)


def test_failure_mid_export_leaves_earlier_files_unchanged(tmp_path, monkeypatch, dataset):
    names = list(export.CHARTS)[:2]
    export.export_charts(names, out_dir=tmp_path, dataset=dataset, formats=["svg"], echo=lambda _: None)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    failing = names[1]

    def broken(dataset, lang):
        raise RuntimeError("simulated failure while drawing")

    monkeypatch.setitem(export.CHARTS, failing, broken)
    messages = []
    result = export.export_charts(names, out_dir=tmp_path, dataset=dataset, formats=["svg"], echo=messages.append)
    assert list(result.failed) == [failing]
    assert f"FAILED {failing}: RuntimeError: simulated failure while drawing" in messages
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before, "a file changed or a temporary file was left behind"


def test_what_a_pool_worker_runs_is_found_by_name_so_any_start_method_can_send_it():
    # Where fork is missing (spawn, forkserver), the pool pickles the function it submits.
    import pickle

    assert pickle.loads(pickle.dumps(export.chart_files)) is export.chart_files


def test_failure_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    from nkarrivals import files

    target = tmp_path / "chart.png"
    target.write_bytes(b"previous version")

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError):
        files.write_atomic(target, b"new version")
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_cli_export_exits_non_zero_and_names_the_failing_chart(tmp_path, monkeypatch, capsys):
    def broken(dataset, lang):
        raise ValueError("no data for this chart")

    monkeypatch.setitem(export.CHARTS, "arrivals-by-sex", broken)
    status = cli.main(
        ["export", "--only", "arrivals-annual", "arrivals-by-sex", "--out", str(tmp_path), "--format", "png"]
    )
    assert status == 1
    assert "FAILED arrivals-by-sex: ValueError: no data for this chart" in capsys.readouterr().out
    assert (tmp_path / "arrivals-annual.png").exists()


def test_invalid_data_exports_nothing(tmp_path, data_copy, capsys):
    arrivals = data_copy / "arrivals.csv"
    arrivals.write_text(
        arrivals.read_text(encoding="utf-8").replace("662,2252,2914", "662,2252,2915"), encoding="utf-8"
    )
    out = tmp_path / "out"
    status = cli.main(["export", "--data-dir", str(data_copy), "--out", str(out)])
    assert status == 1
    stderr = capsys.readouterr().err
    assert "arrivals.csv:11: column 'total'" in stderr and "nothing exported" in stderr
    assert not out.exists()


def test_a_new_year_in_the_data_extends_the_charts(tmp_path, data_copy, monkeypatch, capsys):
    year, clock = release.add_next_year(data_copy, male=31, female=170)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    longer = data.load_dataset(data_copy)
    total = int(longer.arrivals.iloc[-1]["total"])
    out = tmp_path / "out"
    status = cli.main(
        ["export", "--data-dir", str(data_copy), "--out", str(out), "--only", "arrivals-annual", "--format", "svg"]
    )
    assert status == 0, capsys.readouterr().err
    alt = (out / "arrivals-annual.txt").read_text(encoding="utf-8")
    assert f"in {year}, {total:,}" in alt and f"to {year}" in alt
    charts = {name: export.build_chart(name, longer) for name in export.CHARTS}  # every chart still builds
    chart = charts["arrivals-annual"]
    assert chart.figure.axes[0].get_xlim()[1] > year
    assert "Test publisher" in next(t.get_text() for t in chart.figure.texts if t.get_gid() == "footer")


def test_unknown_chart_name_is_rejected(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--only", "pie-chart", "--out", str(tmp_path)])
    assert exit_.value.code == 2 and "pie-chart" in capsys.readouterr().err


def test_package_import_does_not_load_matplotlib():
    code = "import sys, nkarrivals, nkarrivals.data; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_dollar_amounts_are_never_parsed_as_math():
    import matplotlib

    with house_style():
        assert matplotlib.rcParams["text.parse_math"] is False
        assert matplotlib.rcParams["svg.hashsalt"] == "nk-arrivals"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_pdf_keeps_its_title_as_text(lang):
    # TrueType fonts embedded (pdf.fonttype 42): a desk can search and edit the words.
    from pypdf import PdfReader

    for name in export.CHARTS:
        stem = export.file_stem(name, lang)
        title = json.loads((paths.ROOT / "charts" / f"{stem}.json").read_text(encoding="utf-8"))["title"]
        text = PdfReader(paths.ROOT / "charts" / f"{stem}.pdf").pages[0].extract_text()
        assert "".join(title.split()) in "".join(text.split()), stem


def test_every_compact_variant_is_16_by_9_without_a_strip_and_collides_with_nothing(compact_in):
    lang = compact_in.lang
    for name in [n for n in export.CHARTS if charts.has_compact_variant(n)]:
        chart = compact_in[name]
        pixels = chart.figure.get_size_inches() * chart.figure.dpi  # the file, at scale 1
        assert tuple(pixels) == pytest.approx((1200, 675)), name
        assert "layer" not in chart.data, name  # no event marks: the periods are shading only
        assert chart.stem == export.file_stem(name, lang, compact=True)
        with house_style(lang):
            assert figure.text_problems(chart.figure) == [], name


def test_cli_exports_a_compact_korean_png_at_twice_the_pixels(tmp_path):
    from PIL import Image

    status = cli.main(
        ["export", "--compact", "--scale", "2", "--only", "arrivals-annual", "--lang", "ko", "--out", str(tmp_path)]
    )
    assert status == 0
    with Image.open(tmp_path / "arrivals-annual.compact.ko.png") as image:
        assert image.size == (2400, 1350)
    assert (tmp_path / "arrivals-annual.compact.ko.json").is_file()


def test_every_chart_carries_the_credit_line(english):
    for name in export.CHARTS:
        credits = [t.get_text() for t in english[name].figure.texts if t.get_gid() == "credit"]
        assert credits == ["nk-arrivals · CC BY 4.0"], name
