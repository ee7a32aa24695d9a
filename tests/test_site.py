"""The website (`make site`): built once into a temporary folder, then read page by page.

The last tests open the home page, a chart page and a notebook page in headless Chromium
through Playwright, and skip, saying why, when either is missing (as tests/test_reports.py).
"""

import hashlib
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from nkarrivals import __version__, paths
from nkarrivals.charts import CHARTS
from nkarrivals.data import DataValidationError
from nkarrivals.output import notebooks, site

CHARTS_DIR = paths.ROOT / "charts"
NOTEBOOK_STEMS = [path.stem for path in notebooks.notebook_paths()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return site.build(tmp_path_factory.mktemp("site") / "site", echo=None)


@pytest.fixture(scope="module")
def soups(built) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site, by its path inside the site."""
    return {
        path.relative_to(built.out_dir).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(built.out_dir.rglob("*.html"))
    }


def alt_text(stem: str) -> str:
    return (CHARTS_DIR / f"{stem}.txt").read_text(encoding="utf-8").strip()


def test_page_counts(built, soups):
    assert sorted(built.pages["home"]) == ["index.html", "ko/index.html"]
    assert len(built.pages["chart"]) == len(CHARTS) * 2
    assert sorted(built.pages["chart"]) == sorted(
        f"{prefix}charts/{name}.html" for prefix in ("", "ko/") for name in CHARTS
    )
    assert sorted(built.pages["notebook"]) == [f"notebooks/{stem}.html" for stem in NOTEBOOK_STEMS]
    assert sorted(built.pages["data"]) == ["data.html", "ko/data.html"]
    assert sorted(soups) == sorted(page for pages in built.pages.values() for page in pages)


def _targets(soup: BeautifulSoup):
    for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if value is not None:
                yield value


def test_every_internal_link_and_image_resolves(built, soups):
    broken = []
    for page, soup in soups.items():
        folder = (built.out_dir / page).parent
        for target in _targets(soup):
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {target} leaves the site"
            resolved = (folder / unquote(parts.path)).resolve() if parts.path else built.out_dir / page
            if not resolved.is_file() or not resolved.is_relative_to(built.out_dir.resolve()):
                broken.append(f"{page}: {target}")
            elif parts.fragment and resolved.suffix == ".html":
                linked = soups[resolved.relative_to(built.out_dir.resolve()).as_posix()]
                if linked.find(id=parts.fragment) is None:
                    broken.append(f"{page}: {target} (no such id)")
    assert broken == []


def test_every_page_links_home_data_and_the_other_language(built, soups):
    for page, soup in soups.items():
        switch = soup.select_one(".site-lang a")
        assert switch is not None, page
        target = (built.out_dir / page).parent / urlsplit(switch["href"]).path
        other = target.resolve().relative_to(built.out_dir.resolve()).as_posix()
        if page.startswith("notebooks/"):
            assert other == "ko/index.html"  # the notebooks are in English only
        elif page.startswith("ko/"):
            assert other == page.removeprefix("ko/")
        else:
            assert other == f"ko/{page}"
        hrefs = {a["href"] for a in soup.select(".site-header a")}
        assert any(href.endswith("index.html#charts") for href in hrefs), page
        assert any(href.endswith("data.html") for href in hrefs), page


def test_every_chart_image_carries_its_charts_alt_text(soups):
    every_alt = {alt_text(name) for name in CHARTS}
    for page, soup in soups.items():
        images = soup.find_all("img")
        assert images or page.endswith("data.html"), f"{page} shows no chart"
        for img in images:
            src = img["src"]
            if src.startswith("data:"):  # a notebook's output: one of the charts, in English
                assert img.get("alt", "").strip() in every_alt, f"{page}: an image without its chart's alt text"
            else:
                stem = Path(urlsplit(src).path).name.removesuffix(".png")
                assert img.get("alt", "").strip() == alt_text(stem), f"{page}: {src}"


def test_chart_pages_show_their_words_sources_citation_and_downloads(soups):
    for name in CHARTS:
        for prefix, stem in (("", name), ("ko/", f"{name}.ko")):
            soup = soups[f"{prefix}charts/{name}.html"]
            meta = json.loads((CHARTS_DIR / f"{stem}.json").read_text(encoding="utf-8"))
            assert soup.h1.get_text() == meta["title"]
            text = soup.main.get_text(" ")
            assert alt_text(stem) in soup.select_one(".description").get_text()
            assert meta["note"] in text
            assert meta["citation"] in soup.select_one(".citation").get_text()
            assert __version__ in soup.select_one(".citation").get_text()
            for source in meta["sources"]:
                assert soup.find("a", href=source["url"]), f"{stem}: {source['id']}"
            downloads = {a.get_text(): a["href"] for a in soup.select(".downloads a")}
            assert sorted(downloads) == ["CSV", "JSON", "PDF", "PNG", "SVG"]
            for ext, href in downloads.items():
                assert href.endswith(f"/{stem}.{ext.lower()}")
            assert soup.select_one("figure a")["href"].endswith(f"/{stem}.svg")


def test_every_page_has_a_title_and_one_h1(soups):
    for page, soup in soups.items():
        assert soup.title and soup.title.get_text().strip(), page
        assert len(soup.find_all("h1")) == 1, page


def test_korean_pages_say_so(soups):
    for page, soup in soups.items():
        assert soup.html["lang"] == ("ko" if page.startswith("ko/") else "en"), page


def test_home_pages_show_the_latest_figures_and_the_headline_chart(soups):
    from nkarrivals.output import latest

    for lang, page in (("en", "index.html"), ("ko", "ko/index.html")):
        soup = soups[page]
        printed = latest.summary(latest.latest_figures(lang), lang).splitlines()
        shown = [li.get_text() for li in soup.select("#latest li")]
        assert soup.select_one("#latest h2").get_text() == printed[0]
        assert shown == [line.strip() for line in printed[1:]]
        stem = site.HEADLINE_CHART + ("" if lang == "en" else ".ko")
        assert soup.select_one("#headline img")["src"].endswith(f"/{stem}.png")
        assert len(soup.select("#charts li")) == len(CHARTS)
        assert len(soup.select("#notebooks a")) == len(NOTEBOOK_STEMS)


def test_data_page_offers_every_csv_the_dictionary_and_the_zip(built, soups):
    csvs = sorted(path.name for path in paths.DATA_DIR.glob("*.csv"))
    for page in ("data.html", "ko/data.html"):
        soup = soups[page]
        offered = [a.get_text() for a in soup.select(".downloads a")]
        assert set(csvs) <= set(offered), page
        tables = soup.select(".dictionary table")
        assert len(tables) == len(csvs), page
        assert soup.find("a", string=built.zip_name)
    for name in csvs:
        assert (built.out_dir / "files" / "data" / name).read_bytes() == (paths.DATA_DIR / name).read_bytes()


def test_the_zip_is_versioned_complete_and_byte_reproducible(built, tmp_path):
    archive = built.out_dir / "files" / f"nk-arrivals-{__version__}.zip"
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert {"data/arrivals.csv", "CITATION.cff", "LICENSE", "LICENSE-DATA.md"} <= set(names)
        assert f"charts/{site.HEADLINE_CHART}.ko.png" in names
        assert names == sorted(names)
        assert {info.date_time for info in opened.infolist()} == {site.ZIP_TIME}
        assert opened.read("data/arrivals.csv") == (paths.DATA_DIR / "arrivals.csv").read_bytes()
    again = tmp_path / "again.zip"
    site.write_zip(again)
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(archive.read_bytes()).digest()


def test_rebuilds_only_over_a_previous_site(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(site.SiteFolderError, match="not a site built by nkarrivals"):
        site.build(tmp_path, echo=None)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_bad_data_stops_the_build_before_the_previous_site_is_touched(built, data_copy, tmp_path):
    previous = tmp_path / "site"
    shutil.copytree(built.out_dir, previous)
    before = sorted(p.relative_to(previous) for p in previous.rglob("*"))
    with open(data_copy / "arrivals.csv", "a", encoding="utf-8") as handle:
        handle.write("bad,row\n")
    with pytest.raises(DataValidationError, match=r"arrivals\.csv"):
        site.build(previous, data_dir=data_copy, echo=None)
    assert sorted(p.relative_to(previous) for p in previous.rglob("*")) == before


# In the browser ------------------------------------------------------------------


def _open(browser, path: Path):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "request",
        lambda r: problems.append(f"request: {r.url}") if not r.url.startswith(("file:", "data:")) else None,
    )
    page.goto(path.as_uri(), wait_until="load")
    return page, problems


@pytest.mark.parametrize("page_path", ["index.html", "ko/charts/arrivals-annual.html"])
def test_site_pages_in_the_browser(browser, built, page_path):
    page, problems = _open(browser, built.out_dir / page_path)
    assert page.locator("h1").is_visible()
    assert page.locator(".site-header nav").is_visible()
    images = page.locator("main img")
    assert images.count() >= 1
    # Lazy images below the fold load when asked: each is made eager and decoded before it is judged.
    loaded = images.evaluate_all(
        "imgs => Promise.all(imgs.map(i => { i.loading = 'eager'; "
        "return i.decode().then(() => i.naturalWidth > 0, () => false); }))"
    )
    assert all(loaded), loaded
    assert problems == []
    page.close()


def test_notebook_page_in_the_browser(browser, built):
    stem = NOTEBOOK_STEMS[0]
    page, problems = _open(browser, built.out_dir / "notebooks" / f"{stem}.html")
    assert page.locator(".site-header nav").is_visible()
    assert page.locator(".jp-MarkdownCell h1").first.is_visible()
    shown = page.locator(".jp-CodeCell .jp-InputArea").evaluate_all(
        "areas => areas.map(a => a.checkVisibility() && a.getClientRects().length > 0)"
    )
    assert shown and not any(shown), "code is shown by default"
    page.locator("#nk-code-toggle").click()
    assert page.locator(".jp-CodeCell .jp-InputArea").first.is_visible()
    assert problems == []
    page.close()


def test_the_site_words_exist_in_both_languages():
    for lang in ("en", "ko"):
        words = site.labels(lang)
        assert all(words.values()), lang
        assert re.search(re.escape(__version__), words["site_footer"])


def test_the_embedded_font_has_every_korean_character_the_korean_pages_use(built, soups):
    # A machine without a CJK font has no other face for Hangul, or for the Hanja the text quotes
    # (雪亮). Only what NanumGothic has can be embedded: a Japanese source title's 脱 is not in it.
    import base64
    import io

    from fontTools.ttLib import TTFont

    from nkarrivals.text import i18n

    whole = set(map(chr, TTFont(i18n.korean_font_dir() / i18n.KOREAN_FONT_FILES[0]).getBestCmap()))
    css = (built.out_dir / "assets" / "fonts.css").read_text(encoding="utf-8")
    (encoded,) = re.findall(r"base64,([A-Za-z0-9+/=]+)", css)
    covered = set(map(chr, TTFont(io.BytesIO(base64.b64decode(encoded))).getBestCmap()))
    used = {
        character
        for page, soup in soups.items()
        if page.startswith("ko/")
        for character in soup.get_text()
        if re.match(r"[\uac00-\ud7af\u4e00-\u9fff]", character)
    }
    assert "雪" in used
    assert used & whole <= covered, sorted(used & whole - covered)
