"""Rerun the notebooks in place, deterministically, and turn them into HTML reports.

``nkarrivals notebooks run`` executes every notebook in notebooks/ on the
available cores and writes it back only when it ran without error. No timing
metadata is recorded, so an unchanged notebook reruns to identical bytes.
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from nkarrivals import paths
from nkarrivals.files import write_atomic

if TYPE_CHECKING:
    import asyncio

# The report page: nbconvert's "lab" template with code inputs hidden until the
# reader asks for them. Markdown cells sit in a .jp-Cell-inputWrapper too, so only
# code cells' wrappers are hidden, and code cells with no output go with them; the
# "Out[n]:" prompts, which point at hidden code, keep their place but not their text.
# A PNG output carries its alt text in its metadata (a Chart puts it there), and the image
# says it, where nbconvert would write "No description has been provided for this image".
# The template's CDN scripts are left out: no output needs require.js (no widgets
# or JavaScript outputs), no cell uses Mermaid, and MathJax would read the dollar
# amounts in the fee tables as TeX. Offline they only fail to load.
_REPORT_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">
body:not(.nk-show-code) .jp-CodeCell > .jp-Cell-inputWrapper,
body:not(.nk-show-code) .jp-CodeCell.jp-mod-noOutputs { display: none; }
body:not(.nk-show-code) .jp-OutputPrompt { visibility: hidden; }
#nk-code-toggle { position: fixed; top: 0.8em; right: 0.8em; z-index: 10; padding: 0.4em 0.8em;
  font: 14px sans-serif; border: 1px solid #888; border-radius: 4px; background: #fff; cursor: pointer; }
@media print { #nk-code-toggle { display: none; } }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<button id="nk-code-toggle" type="button" aria-pressed="false" hidden>Show code</button>
{%- endblock body_header -%}
{%- block data_png scoped -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ output | get_metadata('alt', 'image/png') | escape_html }}">
</div>
{%- endblock data_png -%}
{%- block body_footer -%}
<script>
(function () {
  // Without JavaScript the button stays hidden: it could do nothing.
  var button = document.getElementById("nk-code-toggle");
  button.hidden = false;
  button.addEventListener("click", function () {
    var shown = document.body.classList.toggle("nk-show-code");
    button.textContent = shown ? "Hide code" : "Show code";
    button.setAttribute("aria-pressed", String(shown));
  });
})();
</script>
{{ super() }}
{%- endblock body_footer -%}
"""


class _HeadingText(HTMLParser):
    """The text of the first h1-h6 in an HTML fragment, without its anchor link."""

    def __init__(self):
        super().__init__()
        self.text: str | None = None
        self._parts: list[str] | None = None
        self._heading = ""
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if self.text is None and self._parts is None and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._parts, self._heading = [], tag
        elif self._parts is not None and (self._skip or "anchor-link" in (dict(attrs).get("class") or "").split()):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._parts is None:
            return
        if self._skip:
            self._skip -= 1
        elif tag == self._heading:
            self.text = " ".join("".join(self._parts).split())
            self._parts = None

    def handle_data(self, data):
        if self._parts is not None and not self._skip:
            self._parts.append(data)


def first_heading(notebook) -> str | None:
    """The plain text of the notebook's first Markdown heading, or None."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parser = _HeadingText()
            parser.feed(markdown2html_mistune(cell.source))
            parser.close()
            if parser.text:
                return parser.text
    return None


def report_exporter(extra_templates: dict[str, str] | None = None, template_file: str = "nkarrivals-report.html.j2"):
    """The report exporter; `extra_templates` (name: source) may extend the report template,
    as the website's notebook pages do, and `template_file` names the one to render."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file=template_file,
        extra_loaders=[DictLoader({"nkarrivals-report.html.j2": _REPORT_TEMPLATE, **(extra_templates or {})})],
    )


def report_html(notebook, name: str, exporter=None, resources: dict | None = None) -> str:
    """One notebook as a standalone HTML page, titled by its first heading; `resources` are
    passed to the template as well (the website's navigation)."""
    from nbformat import NotebookNode

    # A shallow copy, so the caller's notebook keeps its metadata (the exporter copies the rest).
    notebook = NotebookNode(notebook, metadata=NotebookNode(notebook.metadata))
    heading = first_heading(notebook)
    if heading:
        # The template HTML-escapes the title.
        notebook.metadata["title"] = heading
    body, _ = (exporter or report_exporter()).from_notebook_node(
        notebook, resources={**(resources or {}), "metadata": {"name": name}}
    )
    return body


class UnknownNotebookError(FileNotFoundError):
    """A notebook name that is not in notebooks/."""

    def __str__(self) -> str:
        return str(self.args[0])


def notebook_paths(names: list[str] | None = None) -> list[Path]:
    found = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    if not names:
        return found
    chosen = [p for p in found if p.name in names or p.stem in names]
    missing = set(names) - {p.name for p in chosen} - {p.stem for p in chosen}
    if missing:
        raise UnknownNotebookError(
            f"no such notebook in {paths.NOTEBOOKS_DIR.name}/: {', '.join(sorted(missing))}; "
            f"notebooks: {', '.join(p.stem for p in found)}"
        )
    return chosen


def _kernel_manager():
    """A kernel on this interpreter, whatever kernelspecs the user has installed."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name="Python 3 (ipykernel)",
                language="python",
            )

    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreter())


def _clean(notebook) -> None:
    """Drop metadata that changes from run to run."""
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("widgets", None)


async def execute(path: Path):
    """The notebook at `path`, executed in a fresh kernel on this interpreter and not written
    anywhere; CellExecutionError if a cell fails. Its data come from paths.data_dir()."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    _clean(notebook)
    # The kernel listens on localhost only; its notice about unencrypted TCP is noise here.
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        km=_kernel_manager(),
        extra_arguments=["--log-level=ERROR"],
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    await client.async_execute()
    _clean(notebook)
    return notebook


async def run_one(path: Path, limit: asyncio.Semaphore) -> tuple[Path, str | None]:
    """Execute one notebook; write it back only when every cell ran. Returns (path, error or None)."""
    import nbformat
    from nbclient.exceptions import CellExecutionError

    async with limit:
        try:
            notebook = await execute(path)
        except CellExecutionError as error:
            return path, str(error).splitlines()[-1] if str(error) else "cell failed"
        write_atomic(path, nbformat.writes(notebook) + "\n", subject=f"notebook {path.name}")
        return path, None


async def _run_all(notebooks: list[Path], jobs: int) -> list[tuple[Path, str | None]]:
    import asyncio

    limit = asyncio.Semaphore(jobs)
    return await asyncio.gather(*(run_one(path, limit) for path in notebooks))


def run(names: list[str] | None = None, jobs: int | None = None, data_dir: Path | None = None) -> int:
    # asyncio is imported here, not at import time: the CLI loads this module for its
    # sub-command even when it only exports charts.
    import asyncio

    from nkarrivals.data import DataValidationError, validate

    notebooks = notebook_paths(names)
    # Bad data would fail every notebook, each after starting a kernel: say so once, first.
    _, problems = validate(data_dir)
    if problems:
        raise DataValidationError(problems)
    if data_dir is not None:
        os.environ["NKARRIVALS_DATA_DIR"] = str(Path(data_dir).resolve())  # inherited by the kernels
    # One more than the cores: a kernel waiting on its start-up handshake leaves a core idle.
    jobs = jobs or (os.cpu_count() or 1) + 1
    failures = 0
    for path, error in asyncio.run(_run_all(notebooks, jobs)):
        if error:
            failures += 1
            print(f"FAILED {path.name}: {error}", file=sys.stderr)
        else:
            print(f"ran {path.name}")
    print(f"{len(notebooks) - failures} of {len(notebooks)} notebooks ran")
    return 1 if failures else 0


def report(names: list[str] | None = None, out_dir: Path | None = None) -> int:
    """Each notebook as one standalone HTML page, code hidden by default."""
    import nbformat

    out_dir = Path(out_dir) if out_dir else paths.REPORTS_DIR
    exporter = report_exporter()
    for path in notebook_paths(names):
        page = report_html(nbformat.read(path, as_version=4), path.stem, exporter)
        target = out_dir / f"{path.stem}.html"
        write_atomic(target, page.encode("utf-8"), subject=f"the report of {path.name}")
        print(f"wrote {target.relative_to(paths.ROOT) if target.is_relative_to(paths.ROOT) else target}")
    return 0
