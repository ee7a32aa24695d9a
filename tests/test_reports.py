"""The HTML reports (`make report`): the narrative shows, code waits behind the toggle.

The first tests read the built HTML; the rest open every report in headless Chromium
through Playwright and skip, saying why, when either is missing.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from soupsieve import SelectorSyntaxError

from nkarrivals import paths
from nkarrivals.output import notebooks

STEMS = [path.stem for path in notebooks.notebook_paths()]


def cells(stem: str, cell_type: str) -> list[str]:
    notebook = json.loads((paths.NOTEBOOKS_DIR / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == cell_type]


def first_heading(stem: str) -> str:
    """Read straight from the .ipynb: the first Markdown cell opens with the notebook's heading."""
    first_line = cells(stem, "markdown")[0].splitlines()[0]
    match = re.fullmatch(r"#+\s+(.+?)\s*", first_line)
    assert match, f"{stem}: the first Markdown cell does not open with a heading"
    return match.group(1)


def words(text: str) -> list[str]:
    """Letters and digits in order, without link targets or Markdown punctuation."""
    return re.findall(r"[^\W_]+", re.sub(r"\]\([^)]*\)", "]", text))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("reports")
    assert notebooks.report(out_dir=out_dir) == 0
    return {stem: out_dir / f"{stem}.html" for stem in STEMS}


def hidden_by_default(soup: BeautifulSoup) -> set[int]:
    """ids of the elements that a `display: none` rule in the page's own styles matches
    while the code is hidden (the body has no show-code class in the file)."""
    css = re.sub(r"/\*.*?\*/", "", " ".join(style.get_text() for style in soup.find_all("style")), flags=re.S)
    hidden = set()
    for selectors, declarations in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if not re.search(r"display\s*:\s*none", declarations):
            continue
        for selector in selectors.split(","):
            try:
                hidden |= {id(element) for element in soup.select(selector.strip())}
            except (SelectorSyntaxError, NotImplementedError):  # ::before, :hover and the like: not in a static page
                continue
    return hidden


@pytest.mark.parametrize("stem", STEMS)
def test_styles_hide_code_inputs_and_no_markdown(reports, stem):
    soup = BeautifulSoup(reports[stem].read_text(encoding="utf-8"), "html.parser")
    hidden = hidden_by_default(soup)
    markdown_cells = soup.select(".jp-MarkdownCell")
    assert len(markdown_cells) == len(cells(stem, "markdown"))
    for cell in markdown_cells:
        # Collapsers and anchor links are hidden on purpose; the text and its ancestors must not be.
        blocks = cell.select("h1, h2, h3, h4, h5, h6, p, li")
        assert blocks, f"{stem}: Markdown cell {cell.get('id')} is empty"
        for block in blocks:
            chain = [block, *block.parents]
            assert not [element for element in chain if id(element) in hidden], (
                f"{stem}: a display:none rule hides {block.name} in Markdown cell {cell.get('id')}"
            )
    code_inputs = soup.select(".jp-CodeCell > .jp-Cell-inputWrapper")
    assert len(code_inputs) == len(cells(stem, "code"))
    for wrapper in code_inputs:
        assert id(wrapper) in hidden or id(wrapper.parent) in hidden, f"{stem}: a code input is shown by default"


@pytest.mark.parametrize("stem", STEMS)
def test_every_chart_image_carries_its_charts_alt_text(reports, stem):
    soup = BeautifulSoup(reports[stem].read_text(encoding="utf-8"), "html.parser")
    shown = re.findall(r'= export\.build_chart\("([\w-]+)"', "\n".join(cells(stem, "code")))
    wanted = [(paths.ROOT / "charts" / f"{name}.txt").read_text(encoding="utf-8").strip() for name in shown]
    assert [img.get("alt", "").strip() for img in soup.find_all("img")] == wanted


@pytest.mark.parametrize("stem", STEMS)
def test_title_is_the_first_heading_and_no_external_scripts(reports, stem):
    soup = BeautifulSoup(reports[stem].read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text() == first_heading(stem)
    assert soup.select_one(".jp-MarkdownCell :is(h1, h2, h3, h4, h5, h6)").get_text().rstrip("¶") == first_heading(stem)
    assert not soup.select("script[src], link[href]"), "the report loads something from outside the file"
    assert not soup.select("[onclick]")


def test_title_is_escaped_and_taken_from_the_first_heading_anywhere():
    notebook = new_notebook(
        cells=[
            new_code_cell("1 + 1"),
            new_markdown_cell("Some words first.\n\n## Fees & <em>costs</em> in `won`\n\n# Later"),
        ]
    )
    page = notebooks.report_html(notebook, "fallback-name")
    assert "<title>Fees &amp; costs in won</title>" in page
    assert "title" not in notebook.metadata, "the caller's notebook was changed"
    untitled = notebooks.report_html(new_notebook(cells=[new_markdown_cell("No heading here.")]), "a-file")
    assert "<title>a-file</title>" in untitled


def test_reports_replace_the_old_files_atomically(tmp_path):
    target = tmp_path / f"{STEMS[0]}.html"
    target.write_text("old", encoding="utf-8")
    assert notebooks.report([STEMS[0]], out_dir=tmp_path) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name], "a temporary file was left behind"


# In the browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(browser, reports):
    """Each report open in its own page, with everything it logged or fetched."""
    context = browser.new_context()  # one context for all: a page in it opens faster than a new context
    opened = {}
    for stem, report in reports.items():
        page = context.new_page()
        problems = []
        page.on(
            "console",
            lambda message, problems=problems: (
                problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error, problems=problems: problems.append(f"page error: {error}"))
        page.on(
            "request",
            lambda request, problems=problems: (
                problems.append(f"request: {request.url}") if not request.url.startswith(("file:", "data:")) else None
            ),
        )
        page.goto(report.as_uri(), wait_until="load")
        opened[stem] = page, problems
    yield opened
    context.close()


@pytest.mark.parametrize("stem", STEMS)
def test_title_and_narrative_show(pages, stem):
    page, _ = pages[stem]
    assert page.title() == first_heading(stem)
    heading = page.locator(".jp-MarkdownCell h1").first
    assert heading.is_visible()
    assert heading.inner_text().strip() == first_heading(stem)
    rendered = page.locator(".jp-MarkdownCell")
    sources = cells(stem, "markdown")
    assert rendered.count() == len(sources)
    for index, source in enumerate(sources):
        cell = rendered.nth(index)
        assert cell.is_visible(), f"{stem}: Markdown cell {index} is hidden"
        # innerText holds only what is rendered visibly; every word of the source must be in it.
        assert words(cell.inner_text()) == words(source), f"{stem}: Markdown cell {index} does not show its text"
    blocks = page.locator(".jp-MarkdownCell :is(h1, h2, h3, h4, h5, h6, p, li)")
    assert blocks.count() > len(sources)
    assert all(
        blocks.evaluate_all("elements => elements.map(e => e.checkVisibility() && e.getClientRects().length > 0)")
    )


def code_inputs_shown(page) -> list[bool]:
    return page.locator(".jp-CodeCell .jp-InputArea").evaluate_all(
        "areas => areas.map(a => a.checkVisibility() && a.getClientRects().length > 0)"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_code_is_hidden_until_the_toggle_is_clicked(pages, stem):
    page, problems = pages[stem]
    button = page.locator("#nk-code-toggle")
    assert len(code_inputs_shown(page)) == len(cells(stem, "code"))
    assert not any(code_inputs_shown(page))
    assert button.is_visible() and button.inner_text() == "Show code"
    button.click()
    assert all(code_inputs_shown(page))
    assert button.inner_text() == "Hide code"
    assert page.locator(".jp-MarkdownCell").first.is_visible()
    button.click()
    assert not any(code_inputs_shown(page))
    assert button.inner_text() == "Show code"
    assert problems == []


@pytest.mark.parametrize("stem", STEMS)
def test_no_console_errors_page_errors_or_network_requests(pages, stem):
    _, problems = pages[stem]
    assert problems == []
