"""The committed charts/ are exactly what the package exports from the committed data.

Every chart is exported once per language, in parallel, into a scratch folder (fixture
`fresh`); the tests here compare that export with charts/ byte for byte and read it for
what an export must be (deterministic, free of dates, with alt text in the SVG). A chart
edited by hand or left stale after a data change fails here, by name.
"""

import gc
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from nkarrivals import data, export, i18n, paths

COMMITTED = paths.ROOT / "charts"
SUFFIXES = (*export.FORMATS, "txt")
HAS_KOREAN_FONT = i18n.has_korean_font()
NO_KOREAN_FONT = (
    "no Korean font installed (Debian: apt-get install fonts-nanum), so Korean charts are not exported here"
)
needs_korean_font = pytest.mark.skipif(not HAS_KOREAN_FONT, reason=NO_KOREAN_FONT)


@dataclass
class FreshExport:
    folder: Path
    results: dict[str, export.ExportResult]  # by language
    freeze_count_before: int
    freeze_count_after: int
    collector_enabled_after: bool


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, dataset) -> FreshExport:
    """Every chart in every language this machine can draw, English and Korean side by side in one folder."""
    folder = tmp_path_factory.mktemp("fresh-charts")
    results = {}
    frozen_before = gc.get_freeze_count()
    with warnings.catch_warnings():
        # A warning while drawing, such as "Glyph ... missing from font(s)", fails that chart.
        warnings.simplefilter("error")
        # Python 3.12+ warns when a process with threads (a test worker) forks the render helper.
        warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
        for lang in ["en", "ko"] if HAS_KOREAN_FONT else ["en"]:
            results[lang] = export.export_charts(out_dir=folder, dataset=dataset, lang=lang, workers=2, echo=None)
    return FreshExport(folder, results, frozen_before, gc.get_freeze_count(), gc.isenabled())


def stems(lang: str) -> list[str]:
    return [export.file_stem(name, lang) for name in export.CHARTS]


# --- charts/ against a fresh export -----------------------------------------------------


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", list(export.CHARTS))
def test_committed_chart_is_a_fresh_export(fresh, name, lang):
    if lang not in fresh.results:
        pytest.skip(NO_KOREAN_FONT)
    stem = export.file_stem(name, lang)
    assert name not in fresh.results[lang].failed, (
        f"{name} ({lang}) failed to export: {fresh.results[lang].failed[name]}"
    )
    # 'broker-fees.png', not 'broker-fees.ko.png': the suffix after the stem holds no dot.
    committed = sorted(
        path
        for path in COMMITTED.iterdir()
        if path.name.startswith(f"{stem}.") and "." not in path.name[len(stem) + 1 :]
    )
    assert committed, f"charts/ has no files for chart {stem}: run make charts and commit them"
    wrong = [
        f"charts/{stem}.{suffix} is missing" for suffix in SUFFIXES if not (COMMITTED / f"{stem}.{suffix}").exists()
    ]
    for path in committed:
        new = fresh.folder / path.name
        if not new.exists():
            wrong.append(f"charts/{path.name} is not a file any chart exports")
        elif path.read_bytes() != new.read_bytes():
            wrong.append(f"charts/{path.name} differs from a fresh export")
    assert not wrong, "; ".join(wrong) + ": run make charts"


def test_charts_folder_holds_only_what_the_charts_export(fresh):
    exported = {f"{stem}.{suffix}" for lang in i18n.LANGUAGES for stem in stems(lang) for suffix in SUFFIXES}
    for lang, result in fresh.results.items():
        assert {path.name for path in result.written} == {
            f"{stem}.{suffix}" for stem in stems(lang) for suffix in SUFFIXES
        }
    strays = sorted(path.name for path in COMMITTED.iterdir() if path.name not in exported)
    assert strays == [], f"no chart exports these files in charts/: {', '.join(strays)}; delete them or export them"


# --- what every export must be --------------------------------------------------------------


def test_exports_are_byte_identical_across_processes(fresh, tmp_path):
    # A fresh interpreter draws one chart on its own (serially); the fixture drew every chart in parallel.
    # Same bytes: nothing depends on the process, the order or the other charts. (Korean: the committed
    # charts/*.ko.* came from another process and match the fixture's, test_committed_chart_is_a_fresh_export.)
    out = tmp_path / "other-process"
    result = subprocess.run(
        [sys.executable, "-m", "nkarrivals", "export", "--only", "arrivals-annual", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted(f"arrivals-annual.{suffix}" for suffix in SUFFIXES)
    for name in names:
        assert (out / name).read_bytes() == (fresh.folder / name).read_bytes(), name


def test_full_export_writes_every_format_of_every_chart(fresh):
    english = sorted(path.name for path in fresh.results["en"].written)
    assert len(english) == (len(export.FORMATS) + 1) * len(export.CHARTS)  # and the alt text
    assert not fresh.results["en"].failed


def test_parallel_export_leaves_the_collector_as_it_was(fresh):
    assert fresh.freeze_count_after == fresh.freeze_count_before
    assert fresh.collector_enabled_after


def test_exports_carry_no_dates_or_versions(fresh):
    import matplotlib

    for path in fresh.folder.iterdir():
        if path.suffix in (".png", ".svg", ".pdf"):
            content = path.read_bytes()
            assert matplotlib.__version__.encode() not in content, path.name
            assert b"CreationDate" not in content and b"<dc:date>" not in content, path.name


def test_svg_embeds_the_alt_text_as_title_and_description(fresh):
    svg = (fresh.folder / "arrivals-quarterly.svg").read_text(encoding="utf-8")
    alt = (fresh.folder / "arrivals-quarterly.txt").read_text(encoding="utf-8").strip()
    assert f"<desc>{alt}</desc>" in svg
    assert svg.index("<title>") < svg.index("<g ")


# --- Korean --------------------------------------------------------------------------------


@needs_korean_font
def test_korean_export_has_no_missing_glyphs(fresh):
    # The fixture turns every warning into a failure, "Glyph ... missing from font(s)" included.
    assert not fresh.results["ko"].failed
    assert sorted(p.name for p in fresh.folder.glob("*.ko.png")) == sorted(f"{n}.ko.png" for n in export.CHARTS)


@needs_korean_font
def test_korean_alt_text_uses_korean_numbers(fresh):
    alt = (fresh.folder / "arrivals-annual.ko.txt").read_text(encoding="utf-8")
    assert "2,914명" in alt and "탈북민" in alt


@needs_korean_font
def test_korean_and_english_files_sit_side_by_side(fresh):
    # Both languages were exported into one folder; neither overwrote the other.
    assert (fresh.folder / "broker-fees.ko.pdf").exists() and (fresh.folder / "broker-fees.pdf").exists()
    assert (fresh.folder / "broker-fees.ko.txt").read_bytes() != (fresh.folder / "broker-fees.txt").read_bytes()


@needs_korean_font
def test_charts_of_mixed_languages_are_each_written_under_their_own_name(fresh, dataset, tmp_path):
    mixed = [
        export.build_chart("broker-fees", dataset, lang="en"),
        export.build_chart("broker-fees", dataset, lang="ko"),
    ]
    result = export.export_charts(mixed, out_dir=tmp_path, formats=["png"], echo=None)
    assert sorted(path.name for path in result.written) == [
        "broker-fees.ko.png",
        "broker-fees.ko.txt",
        "broker-fees.png",
        "broker-fees.txt",
    ]
    for name in ("broker-fees.png", "broker-fees.txt", "broker-fees.ko.png", "broker-fees.ko.txt"):
        assert (tmp_path / name).read_bytes() == (fresh.folder / name).read_bytes(), name
