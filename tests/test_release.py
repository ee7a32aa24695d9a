"""One version everywhere: CITATION.cff, the package and its metadata, `nkarrivals --version`,
the top release in CHANGELOG.md and every committed chart's citation agree, and the version
follows the scheme in CHANGELOG.md. Nothing here names the current version or date, so the
tests hold after the next release as they do now."""

import datetime
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib

import pytest
from packaging.version import Version

import nkarrivals
from nkarrivals import cli, paths
from nkarrivals.output import sidecars

CHANGELOG = paths.ROOT / "CHANGELOG.md"
# "## [2026.12.0] - 2026-12-05" or "## [Unreleased]"
HEADING = re.compile(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", re.MULTILINE)
# YYYY.M.N: the month without a leading zero, as PEP 440 normalises it.
CALENDAR_VERSION = re.compile(r"(20\d\d)\.(1[0-2]|[1-9])\.(0|[1-9][0-9]*)")


def cff() -> dict[str, str]:
    sidecars.citation_fields.cache_clear()
    return sidecars.citation_fields()


def releases() -> list[tuple[str, str | None]]:
    """(version, date) of every heading in CHANGELOG.md, top first; Unreleased has no date."""
    return HEADING.findall(CHANGELOG.read_text(encoding="utf-8"))


def test_package_version_is_the_version_in_citation_cff():
    assert nkarrivals.__version__ == cff()["version"]


def test_installed_metadata_has_the_same_version():
    # Stale after a release until the package is reinstalled (make does so when __init__.py changes).
    assert importlib.metadata.version("nkarrivals") == nkarrivals.__version__


def test_pyproject_reads_the_version_from_the_package():
    pyproject = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"], "write the version only in src/nkarrivals/__init__.py"
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "nkarrivals.__version__"}


def test_cli_prints_the_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.build_parser().parse_args(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"nkarrivals {cff()['version']}\n"


def test_python_dash_m_prints_the_version():
    done = subprocess.run([sys.executable, "-m", "nkarrivals", "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"nkarrivals {cff()['version']}\n", "")


def test_version_follows_the_calendar_scheme_and_pep_440():
    version, released = cff()["version"], cff()["date-released"]
    match = CALENDAR_VERSION.fullmatch(version)
    assert match, f"{version!r} is not YYYY.M.N (CHANGELOG.md, Versions)"
    assert str(Version(version)) == version, "PEP 440 would write it differently"
    date = datetime.date.fromisoformat(released)
    assert (int(match.group(1)), int(match.group(2))) == (date.year, date.month), (
        f"version {version} is not of the month it was released, {released}"
    )


def test_changelog_starts_with_unreleased_then_the_cited_release():
    headings = releases()
    assert headings[0] == ("Unreleased", ""), "CHANGELOG.md starts with ## [Unreleased]"
    assert headings[1] == (cff()["version"], cff()["date-released"]), (
        "the top release in CHANGELOG.md is the version and date-released of CITATION.cff"
    )


def test_changelog_releases_are_dated_and_newest_first():
    released = releases()[1:]
    assert all(date for _, date in released), "every release but Unreleased has a date"
    assert len({version for version, _ in released}) == len(released), "a version appears twice"
    versions = [Version(version) for version, _ in released]
    dates = [datetime.date.fromisoformat(date) for _, date in released]
    assert versions == sorted(versions, reverse=True)
    assert dates == sorted(dates, reverse=True)
    # Every calendar release follows the scheme and is of its own month.
    for version, date in released:
        match = CALENDAR_VERSION.fullmatch(version)
        if match:
            assert (match.group(1), match.group(2).zfill(2)) == tuple(date.split("-")[:2]), version


def test_every_committed_chart_cites_the_release_in_its_language():
    fields = cff()
    expected = {"en": f"Version {fields['version']}.", "ko": f"버전 {fields['version']}."}
    files = sorted(paths.ROOT.joinpath("charts").glob("*.json"))
    assert files
    for path in files:
        metadata = json.loads(path.read_text(encoding="utf-8"))
        assert expected[metadata["language"]] in metadata["citation"], f"{path.name}: re-export the JSON"
        assert f"({fields['date-released'][:4]})" in metadata["citation"], path.name


def test_readme_how_to_cite_names_no_other_version():
    # It says where the version is; a version it shows as an example must be the current one.
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## How to cite\n", 1)[1].split("\n## ", 1)[0]
    for shown in re.findall(r"\b\d+\.\d+\.\d+\b", section):
        assert shown == cff()["version"], f"README.md, How to cite, shows version {shown}"
