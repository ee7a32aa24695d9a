"""The committed charts/ are exactly what the package exports from the committed data.

Every chart is exported once per language into a scratch folder (the `english` and
`korean` chart sets of conftest.py); the tests here compare that export with charts/ byte
for byte and read it for what an export must be (deterministic, free of dates, with alt
text in the SVG). A chart edited by hand or left stale after a data change fails here, by name.
"""

import html
import subprocess
import sys
import warnings

import pytest

from nkarrivals import data, paths
from nkarrivals.output import export
from nkarrivals.text import i18n

COMMITTED = paths.ROOT / "charts"
SUFFIXES = (*export.FORMATS, "txt")


def stems(lang: str) -> list[str]:
    return [export.file_stem(name, lang) for name in export.CHARTS]


# --- charts/ against a fresh export -----------------------------------------------------


@pytest.mark.parametrize("name", list(export.CHARTS))
def test_committed_chart_is_a_fresh_export(charts_in, name):
    lang = charts_in.lang
    stem = export.file_stem(name, lang)
    assert name not in charts_in.result.failed, f"{name} ({lang}) failed to export: {charts_in.result.failed[name]}"
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
        new = charts_in.folder / path.name
        if not new.exists():
            wrong.append(f"charts/{path.name} is not a file any chart exports")
        elif path.read_bytes() != new.read_bytes():
            wrong.append(f"charts/{path.name} differs from a fresh export")
    assert not wrong, "; ".join(wrong) + ": run make charts"


def test_full_export_writes_every_format_of_every_chart(charts_in):
    assert sorted(path.name for path in charts_in.result.written) == sorted(
        f"{stem}.{suffix}" for stem in stems(charts_in.lang) for suffix in SUFFIXES
    )
    assert not charts_in.result.failed


def test_charts_folder_holds_only_what_the_charts_export():
    exported = {f"{stem}.{suffix}" for lang in i18n.LANGUAGES for stem in stems(lang) for suffix in SUFFIXES}
    strays = sorted(path.name for path in COMMITTED.iterdir() if path.name not in exported)
    assert strays == [], f"no chart exports these files in charts/: {', '.join(strays)}; delete them or export them"


# --- what every export must be --------------------------------------------------------------


def test_exports_are_byte_identical_across_processes(english, tmp_path):
    # A fresh interpreter draws two charts by name, on every core; the chart set drew them one by one
    # in this process, after building them. Same bytes: nothing depends on the process, the order,
    # the scheduling or the other charts. (Korean: the committed charts/*.ko.* came from such an
    # export and match the Korean chart set, test_committed_chart_is_a_fresh_export.)
    out = tmp_path / "other-process"
    names = ["arrivals-annual", "decline-before-covid"]
    result = subprocess.run(
        [sys.executable, "-m", "nkarrivals", "export", "--only", *names, "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == sorted(f"{name}.{suffix}" for name in names for suffix in SUFFIXES)
    for name in written:
        assert (out / name).read_bytes() == (english.folder / name).read_bytes(), name


def test_parallel_export_by_name_matches_the_set(charts_in, tmp_path):
    # By name, on two processes, in every format, with no warning while drawing (a missing glyph).
    names = ["arrivals-by-sex", "decline-before-covid"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Python 3.12+ warns when a process with threads (a test worker) forks the pool's workers.
        warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
        result = export.export_charts(names, out_dir=tmp_path, lang=charts_in.lang, workers=2, echo=None)
    assert not result.failed, result.failed
    for path in result.written:
        assert path.read_bytes() == (charts_in.folder / path.name).read_bytes(), path.name


def test_exports_carry_no_dates_or_versions(charts_in):
    import matplotlib

    for path in charts_in.folder.iterdir():
        if path.suffix in (".png", ".svg", ".pdf"):
            content = path.read_bytes()
            assert matplotlib.__version__.encode() not in content, path.name
            assert b"CreationDate" not in content and b"<dc:date>" not in content, path.name


def test_svg_embeds_the_alt_text_as_title_and_description(english):
    svg = (english.folder / "arrivals-recent.svg").read_text(encoding="utf-8")
    alt = (english.folder / "arrivals-recent.txt").read_text(encoding="utf-8").strip()
    assert f"<desc>{html.escape(alt)}</desc>" in svg  # MOU's: &#x27;
    assert svg.index("<title>") < svg.index("<g ")


# --- Korean --------------------------------------------------------------------------------


def test_korean_export_has_no_missing_glyphs(korean):
    # The chart set turns every warning into a failure, "Glyph ... missing from font(s)" included.
    assert not korean.result.failed
    assert sorted(p.name for p in korean.folder.glob("*.ko.png")) == sorted(f"{n}.ko.png" for n in export.CHARTS)


def test_korean_alt_text_uses_korean_numbers(korean):
    alt = (korean.folder / "arrivals-annual.ko.txt").read_text(encoding="utf-8")
    assert "2,914명" in alt and "탈북민" in alt


def test_charts_of_mixed_languages_are_each_written_under_their_own_name(tmp_path):
    dataset = data.load_dataset()
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
    # Side by side in one folder, neither overwrote the other: each is what charts/ holds.
    for name in ("broker-fees.png", "broker-fees.txt", "broker-fees.ko.png", "broker-fees.ko.txt"):
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), name
    assert (tmp_path / "broker-fees.ko.txt").read_bytes() != (tmp_path / "broker-fees.txt").read_bytes()
