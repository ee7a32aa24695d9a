"""The website (`make site`, ``nkarrivals site``): every chart, the notebooks and the data as
static pages in English and Korean, readable from file:// and from any static host.

Built offline with what the `notebooks` extra already pins: Jinja2 renders the site's own
pages from the templates beside this module, and nbconvert turns each notebook into a page
with the report template (nkarrivals.output.notebooks), the site's navigation added on top.

Layout of the built folder (every link in it is relative)::

    index.html, data.html                 English home and data pages
    charts/NAME.html                      one page per chart
    ko/index.html, ko/data.html, ko/charts/NAME.html   the same in Korean
    notebooks/STEM.html                   the notebooks (in English)
    files/charts/, files/data/            the chart files and CSVs, as committed
    files/nk-arrivals-VERSION.zip         data/, charts/, CITATION.cff and the licences
    assets/site.css, assets/nav.css, assets/fonts.css (NanumGothic, cut to the Hangul and Hanja used)
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nkarrivals import __version__, paths
from nkarrivals.charts import CHARTS, FORMATS
from nkarrivals.files import write_atomic
from nkarrivals.text import i18n

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
HEADLINE_CHART = "arrivals-annual"
# A file in the built folder that marks it as a site, so a rebuild may empty it and nothing else.
MARKER = ".nkarrivals-site"
ZIP_LICENCES = ("LICENSE", "LICENSE-DATA.md")
# Every entry of the zip gets this time (the earliest a zip can hold) and these permissions.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DOWNLOAD_LABELS = {"png": "PNG", "svg": "SVG", "pdf": "PDF", "csv": "CSV", "json": "JSON"}

# The site's own words, keys of translations.csv; labels() reads them all.
WORD_KEYS = (
    "site_heading",
    "site_tagline",
    "site_navigation",
    "site_charts",
    "site_notebooks",
    "site_notebooks_intro",
    "site_data",
    "site_data_link",
    "site_other_language",
    "site_chart_page",
    "site_svg_link",
    "site_description",
    "site_note",
    "site_download",
    "site_sources",
    "site_undated",
    "site_cite",
    "site_data_heading",
    "site_data_intro",
    "site_zip_heading",
    "site_zip_contents",
    "site_files",
    "site_dictionary",
    "site_dictionary_language",
)


class SiteFolderError(OSError):
    """The output folder holds files that are not a previous build of the site."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Built:
    out_dir: Path
    pages: dict[str, list[str]]  # kind (home, chart, notebook, data) -> page paths in the site
    zip_name: str
    seconds: float


def labels(lang: str) -> dict[str, str]:
    """The site's words in `lang`, and the footer with the version."""
    words = {key: i18n.text(key, lang) for key in WORD_KEYS}
    words["site_footer"] = i18n.text("site_footer", lang, version=__version__)
    return words


def zip_name() -> str:
    return f"nk-arrivals-{__version__}.zip"


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _rel(target: str, page: str) -> str:
    """The relative link from the site page `page` to the site path `target` (both posix)."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    return posixpath.relpath(target, posixpath.dirname(page) or ".") + fragment


def _prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _other(lang: str) -> str:
    return "ko" if lang == "en" else "en"


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _png_size(path: Path) -> tuple[int, int]:
    from PIL import Image  # matplotlib's own dependency; it reads the header only

    with Image.open(path) as image:
        return image.size


def _context(page: str, lang: str, other_page: str, title: str) -> dict:
    """What every page's template needs: its language, the way home, the switch to the other language."""
    return {
        "lang": lang,
        "title": title,
        "root": _root(page),
        "words": labels(lang),
        "nav": {"home": _rel(_prefix(lang) + "index.html", page), "data": _rel(_prefix(lang) + "data.html", page)},
        "other_lang": _other(lang),
        "other_href": _rel(other_page, page),
    }


def _root(page: str) -> str:
    return "../" * page.count("/")


def _chart_file(name: str, lang: str, ext: str) -> str:
    return f"files/charts/{name}{'' if lang == 'en' else '.' + lang}.{ext}"


def _chart(name: str, lang: str, page: str, charts_dir: Path) -> dict:
    """A chart's words and files, as links from `page`."""
    stem = name if lang == "en" else f"{name}.{lang}"
    meta = json.loads((charts_dir / f"{stem}.json").read_text(encoding="utf-8"))
    alt = (charts_dir / f"{stem}.txt").read_text(encoding="utf-8").strip()
    width, height = _png_size(charts_dir / f"{stem}.png")
    licence = meta.get("licence") or {}
    return {
        "name": name,
        "title": meta["title"],
        "subtitle": meta.get("subtitle", ""),
        "note": meta.get("note", ""),
        "alt": alt,
        "sources": meta.get("sources", []),
        "citation": meta.get("citation", ""),
        "licence_name": licence.get("name", ""),
        "licence_url": licence.get("url", ""),
        "licence_attribution": licence.get("attribution", ""),
        "width": width,
        "height": height,
        "page": _rel(f"{_prefix(lang)}charts/{name}.html", page),
        "png": _rel(_chart_file(name, lang, "png"), page),
        "svg": _rel(_chart_file(name, lang, "svg"), page),
        "downloads": [
            {
                "label": DOWNLOAD_LABELS[ext],
                "href": _rel(_chart_file(name, lang, ext), page),
                "size": _size(charts_dir / f"{stem}.{ext}"),
            }
            for ext in FORMATS
            if ext in DOWNLOAD_LABELS
        ],
    }


_URL = re.compile(r"https?://\S+")


def _latest_lines(lang: str, data_dir: Path | None) -> tuple[str, list[dict]]:
    """`nkarrivals latest` in `lang`: its heading, then each line as HTML, its addresses made links."""
    from nkarrivals.output import latest

    lines = latest.summary(latest.latest_figures(lang, data_dir), lang).splitlines()
    shown = []
    for line in lines[1:]:
        parts, last = [], 0
        for match in _URL.finditer(line):
            url = match.group(0).rstrip(".,;)")
            parts += [html.escape(line[last : match.start()]), f'<a href="{html.escape(url)}">{html.escape(url)}</a>']
            last = match.start() + len(url)
        parts.append(html.escape(line[last:]))
        shown.append({"html": "".join(parts).strip(), "source": line.startswith(" ")})
    return lines[0], shown


def _dictionary_html() -> str:
    """data/README.md's data dictionary, generated from the schema, as HTML tables."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from nkarrivals.data import datapackage

    rendered = markdown2html_mistune(datapackage.data_dictionary())
    # nbconvert adds a pilcrow link to each heading; the site's pages have no use for it.
    return re.sub(r'<a class="anchor-link"[^>]*>¶</a>', "", rendered)


def _notebooks() -> list[tuple[Path, object, str]]:
    import nbformat

    from nkarrivals.output import notebooks

    found = []
    for path in notebooks.notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        found.append((path, notebook, notebooks.first_heading(notebook) or path.stem))
    return found


def write_zip(
    target: Path, root: Path = paths.ROOT, data_dir: Path | None = None, charts_dir: Path | None = None
) -> None:
    """data/, charts/, CITATION.cff and the licences in one zip whose bytes depend on their
    contents only: entries sorted by name, each with the same time and permissions."""
    data_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    charts_dir = Path(charts_dir) if charts_dir else root / "charts"
    entries: dict[str, Path] = {}
    for prefix, folder in (("data", data_dir), ("charts", charts_dir)):
        for path in folder.rglob("*"):
            relative = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                entries[f"{prefix}/{relative.as_posix()}"] = path
    for name in ("CITATION.cff", *ZIP_LICENCES):
        entries[name] = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the system building it
            archive.writestr(info, entries[name].read_bytes(), compresslevel=9)


def _prepare(out_dir: Path) -> None:
    """An empty out_dir, emptying it only when it holds a previous build (or nothing)."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise SiteFolderError(f"{out_dir} is a file, not a folder")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
            raise SiteFolderError(
                f"{out_dir} is not empty and is not a site built by nkarrivals ({MARKER} missing); "
                "choose an empty or new folder"
            )
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / MARKER).write_text("Built by `nkarrivals site`; rebuilt from scratch each time.\n", encoding="utf-8")


# Hangul, and the Hanja Korean text quotes (쉐량(雪亮)): a machine without a CJK font has no other face for them.
_KOREAN_SCRIPT = re.compile(r"[\u1100-\u11ff\u3000-\u303f\u3130-\u318f\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


def _korean_font_faces(text: str) -> str:
    """An @font-face rule for NanumGothic, cut down to the Korean characters in `text` and
    embedded as a data: URL: browsers refuse font files next to a page opened from file://,
    and the whole font would be 2 MB. One face, the regular: browsers embolden it for bold text."""
    import base64
    import io

    from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type hints

    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed; woff2 would need brotli
    options.name_IDs = ["*"]  # keep the font's name and licence records
    font = subset.load_font(str(i18n.korean_font_dir() / i18n.KOREAN_FONT_FILES[0]), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(_KOREAN_SCRIPT.findall(text)))))
    log = logging.getLogger("fontTools.subset")  # it notes each hinting table it drops: noise here
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        subsetter.subset(font)
    finally:
        log.setLevel(level)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        "/* NanumGothic (SIL Open Font License 1.1), cut down to the Hangul on these pages. */\n"
        '@font-face {\n  font-family: "NanumGothic";\n'
        f'  src: url("data:font/woff;base64,{data}") format("woff");\n  font-weight: 400;\n}}\n'
    )


def build(
    out_dir: Path | None = None,
    data_dir: Path | None = None,
    charts_dir: Path | None = None,
    echo=print,
) -> Built:
    """Build the site into out_dir (default: site/ in the repository), from scratch, after the data
    validate (bad data leaves a previous site as it was).

    The charts are read from the committed charts/ (or `charts_dir`), never drawn here."""
    from nkarrivals.output import notebooks

    start = time.perf_counter()
    out_dir = Path(out_dir) if out_dir else paths.ROOT / "site"
    data_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    charts_dir = Path(charts_dir) if charts_dir else paths.ROOT / "charts"
    env = _environment()
    from nkarrivals.data import validate

    problems = validate(data_dir)[1]  # bad data stops the build before the old site is emptied
    if problems:
        from nkarrivals.data import DataValidationError

        raise DataValidationError(problems)
    _prepare(out_dir)
    pages: dict[str, list[str]] = {"home": [], "chart": [], "notebook": [], "data": []}

    def write(page: str, text: str, kind: str) -> None:
        write_atomic(out_dir / page, text, subject=f"the site page {page}")
        pages[kind].append(page)

    # Files: the stylesheets, the chart files and CSVs as they are, the zip.
    for css in ("site.css", "nav.css"):
        (out_dir / "assets").mkdir(exist_ok=True)
        shutil.copyfile(TEMPLATES_DIR / css, out_dir / "assets" / css)

    (out_dir / "files" / "charts").mkdir(parents=True)
    for name in CHARTS:
        for path in sorted(charts_dir.glob(f"{name}.*")):
            if re.fullmatch(rf"{re.escape(name)}(\.ko)?\.\w+", path.name):
                shutil.copyfile(path, out_dir / "files" / "charts" / path.name)
    data_files = sorted(p for p in data_dir.iterdir() if p.suffix in (".csv", ".json") and p.is_file())
    (out_dir / "files" / "data").mkdir(parents=True)
    for path in data_files:
        shutil.copyfile(path, out_dir / "files" / "data" / path.name)
    zip_path = out_dir / "files" / zip_name()
    write_zip(zip_path, data_dir=data_dir, charts_dir=charts_dir)

    found_notebooks = _notebooks()
    dictionary = _dictionary_html()

    for lang in i18n.LANGUAGES:
        prefix, other = _prefix(lang), _prefix(_other(lang))
        # Home
        page = f"{prefix}index.html"
        heading, lines = _latest_lines(lang, data_dir)
        context = _context(page, lang, f"{other}index.html", labels(lang)["site_heading"])
        context.update(
            latest_heading=heading,
            latest_lines=lines,
            headline=_chart(HEADLINE_CHART, lang, page, charts_dir),
            charts=[_chart(name, lang, page, charts_dir) for name in CHARTS],
            notebooks=[
                {"page": _rel(f"notebooks/{path.stem}.html", page), "title": title}
                for path, _, title in found_notebooks
            ],
            zip={"href": _rel(f"files/{zip_name()}", page), "name": zip_name()},
        )
        write(page, env.get_template("home.html.j2").render(context), "home")
        # One page per chart
        for name in CHARTS:
            page = f"{prefix}charts/{name}.html"
            chart = _chart(name, lang, page, charts_dir)
            context = _context(page, lang, f"{other}charts/{name}.html", f"{chart['title']} · nk-arrivals")
            context["chart"] = chart
            write(page, env.get_template("chart.html.j2").render(context), "chart")
        # Data
        page = f"{prefix}data.html"
        context = _context(page, lang, f"{other}data.html", f"{labels(lang)['site_data_heading']} · nk-arrivals")
        context.update(
            zip={"href": _rel(f"files/{zip_name()}", page), "name": zip_name(), "size": _size(zip_path)},
            files=[
                {"name": path.name, "href": _rel(f"files/data/{path.name}", page), "size": _size(path)}
                for path in data_files
            ],
            dictionary=dictionary,
        )
        write(page, env.get_template("data.html.j2").render(context), "data")

    # The notebooks, in English; their language switch leads to the Korean home page's list.
    exporter = notebooks.report_exporter(
        {"nkarrivals-site-notebook.html.j2": (TEMPLATES_DIR / "notebook.html.j2").read_text(encoding="utf-8")},
        template_file="nkarrivals-site-notebook.html.j2",
    )
    nav = env.get_template("nav.html.j2")
    for path, notebook, _ in found_notebooks:
        page = f"notebooks/{path.stem}.html"
        context = _context(page, "en", "ko/index.html#notebooks", "")
        resources = {"nk_nav": nav.render(context), "nk_root": context["root"]}
        write(page, notebooks.report_html(notebook, path.stem, exporter, resources), "notebook")

    # Hangul in the charts' own font, for readers whose system has no Korean one.
    pages_text = "".join((out_dir / page).read_text(encoding="utf-8") for found in pages.values() for page in found)
    write_atomic(out_dir / "assets" / "fonts.css", _korean_font_faces(pages_text), subject="the site's fonts")

    seconds = time.perf_counter() - start
    if echo:
        counts = ", ".join(f"{len(found)} {kind} pages" for kind, found in pages.items())
        echo(f"built {out_dir}: {counts}, {zip_name()} ({seconds:.1f} s)")
    return Built(out_dir=out_dir, pages=pages, zip_name=zip_name(), seconds=seconds)
