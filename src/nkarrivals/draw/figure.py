"""Frame a chart (title, subtitle, source, note) and render it to deterministic bytes.

The same data gives the same bytes in every run: no dates, version strings or
random ids go into PNG, SVG or PDF files.
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import logging
from dataclasses import dataclass

import matplotlib
import numpy as np

# Figures are drawn on an explicit Agg canvas, never through pyplot, so the
# user's notebook backend and pyplot state are left alone.
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from nkarrivals import paths
from nkarrivals.draw import palette
from nkarrivals.text import i18n, korean

WIDTH_INCHES = 12.0
HOUSE_DPI = 100  # a full chart's PNG is 1200 pixels wide
# The type scale: four sizes, none under 10 pt, in points on the 12-inch, 1200-pixel figure.
# Every piece of text takes one of these; no chart sets a size of its own.
TITLE_SIZE = 18
SUBTITLE_SIZE = 13
TEXT_SIZE = 12  # tick labels, direct labels on series, panel titles, band names
SMALL_SIZE = 10.5  # value labels, timeline labels, the source line, the note, the credit
TYPE_SIZES = (TITLE_SIZE, SUBTITLE_SIZE, TEXT_SIZE, SMALL_SIZE)
SMALLEST_SIZE = 10  # points: no text of a full chart is smaller
FOOTER_SIZE = SMALL_SIZE
TEXT_MARGIN = 0.3  # inches left and right of the title, subtitle and footer
ORPHAN_SHARE = 0.2  # a paragraph's last line is at least this share of the line, where words can move down

# The compact variant is read in a 640-pixel article column. It is drawn at that size, in inches
# at the house 100 dpi (6.4 x 3.6), and rendered at the dpi that makes its file 1200 x 675
# pixels (charts/formats.py): a size in points is then its size in the column, so the chart's
# own text keeps the type scale (ticks at TEXT_SIZE are 16.7 px there) and nothing is under
# 12 px at 640 wide. Its frame is set smaller, to leave the panels room: the title a step down,
# the footer at the smallest size that still reads 12 px in the column.
COMPACT_MIN_PIXELS = 12  # at 640 pixels wide
COMPACT_TITLE_SIZE = SUBTITLE_SIZE
COMPACT_SUBTITLE_SIZE = SMALL_SIZE
COMPACT_FOOTER_SIZE = 9  # 12.5 px in the column, 23.4 px in the 1200-pixel file
COMPACT_TEXT_MARGIN = 0.2


@dataclass(frozen=True)
class _Frame:
    """The frame's sizes (points) and spaces (inches): the full chart's, or the compact one's."""

    title: float
    subtitle: float
    footer: float
    text_margin: float
    right_margin: float
    top: float  # above the title
    under_title: float
    under_subtitle: float  # between the subtitle and the first panel
    under_panels: float  # the tick labels (and an x-axis label) under the last panel
    bottom: float


_FULL = _Frame(TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE, TEXT_MARGIN, 0.35, 0.25, 0.08, 0.3, 0.6, 0.2)
_COMPACT = _Frame(
    COMPACT_TITLE_SIZE,
    COMPACT_SUBTITLE_SIZE,
    COMPACT_FOOTER_SIZE,
    COMPACT_TEXT_MARGIN,
    0.25,
    0.12,
    0.05,
    0.2,
    0.3,
    0.12,
)

# Metadata that would otherwise carry dates or the matplotlib version.
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


class _QuietFontFallback(logging.Filter):
    """Drop a benign notice that every chart triggers on every run: NanumGothic has no
    bold (700) face, so bold text falls back to its semi-bold (600) one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("findfont: Failed to find font weight")


_QUIET = _QuietFontFallback()


class _QuietSubset(logging.Filter):
    """Drop fontTools' notice, on every PDF, that it leaves out NanumGothic's VTT hinting
    sources (TSI* tables) when it subsets the font: a PDF has no use for them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "NOT subset; don't know how to subset; dropped" not in record.getMessage()


_QUIET_SUBSET = _QuietSubset()


@functools.cache
def _house_rc() -> dict:
    # Read once: every chart is drawn and saved inside house_style().
    return dict(matplotlib.rc_params_from_file(paths.STYLE_FILE, use_default_template=False))


@contextlib.contextmanager
def house_style(lang: str = "en"):
    """The package's .mplstyle plus the font for `lang`, for drawing and saving."""
    family = i18n.font_family(lang)
    logger = logging.getLogger("matplotlib.font_manager")
    logger.addFilter(_QUIET)
    subset_logger = logging.getLogger("fontTools.subset")
    subset_logger.addFilter(_QUIET_SUBSET)
    try:
        # PDFs embed the font as TrueType (Type 42, set in the style file), so their text can be
        # searched and copied: as Type 3 glyphs, no Hangul comes out of pdftotext.
        with matplotlib.rc_context({**_house_rc(), "font.family": family}):
            yield
    finally:
        logger.removeFilter(_QUIET)
        subset_logger.removeFilter(_QUIET_SUBSET)


_MEASURE_DPI = 72  # one pixel per point


@functools.cache
def _measuring_renderer() -> RendererAgg:
    return RendererAgg(10, 10, _MEASURE_DPI)


@functools.lru_cache(maxsize=4096)
def _measure(text: str, size: float, weight: str, family: tuple[str, ...]) -> float:
    font = FontProperties(family=list(family), size=size, weight=weight)
    width, _, _ = _measuring_renderer().get_text_width_height_descent(text, font, ismath=False)
    return width / _MEASURE_DPI


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of one line of text in inches, set in the current style's font (call inside house_style)."""
    return _measure(text, size, weight, tuple(matplotlib.rcParams["font.family"]))


def _greedy(words: list[str], fits) -> list[list[str]]:
    lines: list[list[str]] = []
    for word in words:
        if lines and fits([*lines[-1], word]):
            lines[-1].append(word)
        else:
            lines.append([word])  # a word wider than the line stands alone
    return lines


def wrap(text: str, size: float, width: float, *, weight: str = "normal", balance: bool = False) -> list[str]:
    """Lines of `text` no wider than `width` inches as drawn at `size` points in the current
    font, broken at spaces (Korean words are spaced, so Hangul breaks like Latin). Each
    newline starts a paragraph. No paragraph ends in an orphaned word or two: words move
    down to its last line until that fills a fifth of the width. With `balance` (headlines),
    lines are made as even as their number allows, so a two-line title breaks near its
    middle rather than before its last word."""
    # A line's width is its words' widths plus its spaces': each word is measured once.
    space = text_width(" ", size, weight)

    def line_width(words: list[str]) -> float:
        return sum(text_width(word, size, weight) for word in words) + space * (len(words) - 1)

    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = korean.unbreakable_groups(paragraph.split())
        if not words:
            lines.append("")
            continue

        def fits(line: list[str], limit: float = width) -> bool:
            return line_width(line) <= limit

        broken = _greedy(words, fits)
        if balance and len(broken) > 1:
            low, high = 0.0, width  # the narrowest width that needs no more lines
            for _ in range(12):
                middle = (low + high) / 2
                trial = _greedy(words, lambda line, m=middle: fits(line, m))
                low, high = (low, middle) if len(trial) <= len(broken) else (middle, high)
            broken = _greedy(words, lambda line, m=high: fits(line, m))
        else:  # no orphan: words move down while the last line is short
            while (
                len(broken) > 1
                and len(broken[-2]) > 2
                and line_width(broken[-1]) < ORPHAN_SHARE * width
                and fits([broken[-2][-1], *broken[-1]])
            ):
                broken[-2:] = [broken[-2][:-1], [broken[-2][-1], *broken[-1]]]
        lines.extend(" ".join(line) for line in broken)
    return lines


LEFT_MARGIN = {"en": 1.1, "ko": 1.5}  # inches: room for the widest tick label (Korean ones carry 달러 or 명)
RIGHT_MARGIN = _FULL.right_margin
PANEL_GAP = 0.25  # inches between stacked panels
STRIP_GAP = 0.5  # inches between the lowest data panel and the timeline strip: room for its year labels
STRIP_FOOT = 0.3  # inches between the strip, which has no tick labels, and the footer
STRIP_MAX_SHARE_OF_DATA = 0.5  # a strip is at most half as tall as the data panels together
STRIP_MAX_SHARE_OF_FIGURE = 0.25  # and at most a quarter of the figure


def plot_width(lang: str) -> float:
    """Width of the plotting area in inches: what the timeline strip lays its labels out in."""
    return WIDTH_INCHES - LEFT_MARGIN[lang] - RIGHT_MARGIN


def framed_figure(
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str,
    lang: str = "en",
    rows: int = 1,
    height_ratios: tuple[float, ...] | None = None,
    plot_height: float = 4.6,
    strip_height: float = 0.0,
    columns: int = 1,
    left_margin: float | None = None,
    column_gap: float = 0.0,
    row_gap: float = PANEL_GAP,
    title_room: float = 0.0,
    height: float | None = None,
    width: float = WIDTH_INCHES,
    dpi: float = HOUSE_DPI,
    compact: bool = False,
) -> Figure:
    """A figure with a title stating the finding, a subtitle saying what is measured,
    and a footer with the source and a note. Draw on ``fig.axes``: `rows` data panels
    sharing the x-axis, and below them, when `strip_height` (inches) is given, a
    timeline strip as the last axes (gid "timeline-strip"), STRIP_GAP under the lowest
    panel, whose year labels stand in that gap. The data panels are made taller where
    the strip would otherwise be more than half their height or a quarter of the figure.

    With `columns` > 1 the panels are small multiples, row by row in ``fig.axes``, each
    with its own x-axis, `column_gap` inches apart (room for the category labels of the
    panel to the right), `row_gap` inches between rows (room for panel titles) and
    `left_margin` inches from the left edge (default: the house margin for `lang`); no
    strip then. `title_room` adds inches above the first row of panels for their titles.

    With `height` (inches) the figure has that height and the panels take what the words
    leave. `compact` sets the frame of the compact variant (smaller title and footer, narrower
    margins), drawn `width` x `height` inches at `dpi`. A credit line (the project and the
    licence) goes under the footer, at the right."""
    if columns > 1 and strip_height:
        raise ValueError("a timeline strip runs under one column of panels, not under small multiples")
    frame = _COMPACT if compact else _FULL
    left = LEFT_MARGIN[lang] if left_margin is None else left_margin
    line_width = width - 2 * frame.text_margin
    title_lines = wrap(title, frame.title, line_width, weight="bold", balance=True)
    subtitle_lines = wrap(subtitle, frame.subtitle, line_width, balance=True)
    footer_lines = wrap(i18n.text("source_line", lang, sources=source), frame.footer, line_width)
    note_lines = wrap(i18n.text("note_line", lang, text=note), frame.footer, line_width) if note else []

    def inches(lines: list[str], size: float) -> float:
        return len(lines) * size * 1.35 / 72

    head = (
        frame.top
        + inches(title_lines, frame.title)
        + frame.under_title
        + inches(subtitle_lines, frame.subtitle)
        + frame.under_subtitle
        + title_room
    )
    credit_room = inches(["credit"], frame.footer)  # a line of its own, under the footer, at the right
    # Under the lowest panel: room for its tick labels, or less under a strip, which has none.
    under_panels = STRIP_FOOT if strip_height else frame.under_panels
    foot = under_panels + inches(footer_lines + note_lines, frame.footer) + credit_room + frame.bottom
    ratios = list(height_ratios or [1] * rows)
    panel_heights = [plot_height * r / sum(ratios) for r in ratios]
    gaps = row_gap * (len(panel_heights) - 1)
    under = strip_height + STRIP_GAP if strip_height else 0.0  # the strip and the gap above it
    if strip_height:  # the strip stays lighter than the data: the panels grow where it would not
        rest = head + foot + gaps + under
        least = max(strip_height / STRIP_MAX_SHARE_OF_DATA, strip_height / STRIP_MAX_SHARE_OF_FIGURE - rest)
        if sum(panel_heights) < least:
            panel_heights = [h * least / sum(panel_heights) for h in panel_heights]
    if height is not None:  # the words take what they need; the panels share the rest
        room = height - head - foot - gaps - (STRIP_GAP if strip_height else 0.0)
        if room < 0.5 * len(panel_heights):
            raise ValueError(f"a {height:g}-inch figure leaves {room:.2f} inches for its panels; shorten its words")
        scale = room / (sum(panel_heights) + strip_height)
        panel_heights = [h * scale for h in panel_heights]
        strip_height *= scale
        under = strip_height + STRIP_GAP if strip_height else 0.0
    else:  # the panels take their heights; the figure adds the words'
        height = head + sum(panel_heights) + gaps + under + foot
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    # gridspec spaces rows by a fraction of the mean row height: one fixed gap in inches.
    mean_row = sum(panel_heights) / len(panel_heights)
    # Likewise columns: wspace is a fraction of the mean panel width.
    panel_width = (width - left - frame.right_margin - column_gap * (columns - 1)) / columns
    fig.subplots(
        len(panel_heights),
        columns,
        sharex=columns == 1,
        squeeze=False,
        gridspec_kw={
            "height_ratios": panel_heights,
            "hspace": row_gap / mean_row,
            "wspace": column_gap / panel_width,
            "left": left / width,
            "right": 1 - frame.right_margin / width,
            "top": 1 - head / height,
            "bottom": (foot + under) / height,
        },
    )
    if strip_height:
        strip = fig.add_axes(
            (left / width, foot / height, 1 - (left + frame.right_margin) / width, strip_height / height),
            sharex=fig.axes[0],
        )
        strip.set_gid("timeline-strip")
    y = 1 - frame.top / height
    text_left = frame.text_margin / width
    fig.text(
        text_left,
        y,
        "\n".join(title_lines),
        fontsize=frame.title,
        fontweight="bold",
        color=palette.TEXT,
        va="top",
        gid="title",
    )
    y -= (inches(title_lines, frame.title) + frame.under_title) / height
    fig.text(
        text_left,
        y,
        "\n".join(subtitle_lines),
        fontsize=frame.subtitle,
        color=palette.SECONDARY_TEXT,
        va="top",
        gid="subtitle",
    )
    fig.text(
        text_left,
        (frame.bottom - 0.05 + credit_room) / height,
        "\n".join(footer_lines + note_lines),
        fontsize=frame.footer,
        color=palette.SECONDARY_TEXT,
        va="bottom",
        linespacing=1.35,
        gid="footer",
    )
    fig.text(
        1 - text_left,
        (frame.bottom - 0.08) / height,
        i18n.text("credit_line", lang),
        fontsize=frame.footer,
        color=palette.SECONDARY_TEXT,
        ha="right",
        va="bottom",
        gid="credit",
    )
    return fig


def _with_svg_description(svg: bytes, title: str, description: str) -> bytes:
    """Put <title> and <desc> first inside <svg>, where screen readers look."""
    marker = b"<svg "
    start = svg.index(marker)
    end = svg.index(b">", start) + 1
    block = f"\n <title>{html.escape(title)}</title>\n <desc>{html.escape(description)}</desc>".encode()
    return svg[:end] + block + svg[end:]


# SVG text stays text: where the house font is missing, a viewer takes the next family it has.
SVG_FONT_FALLBACKS = {
    "NanumGothic": ("NanumGothic", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "sans-serif"),
}


def _with_font_fallbacks(svg: bytes) -> bytes:
    for family, fallbacks in SVG_FONT_FALLBACKS.items():
        listed = ", ".join(name if name == "sans-serif" else f"'{name}'" for name in fallbacks)
        svg = svg.replace(f"font-family: '{family}'".encode(), f"font-family: {listed}".encode())
    return svg


def render(fig: Figure, fmt: str, *, title: str, description: str, scale: int = 1) -> bytes:
    """The figure as bytes in `fmt`; call inside house_style(). A PNG has `scale` times the pixels."""
    metadata = dict(_METADATA[fmt])
    if fmt == "svg":
        metadata.update({"Title": title, "Description": description})
    elif fmt == "pdf":
        metadata.update({"Title": title, "Subject": description})
    if fmt == "png":
        return _opaque_png(fig, scale)
    buffer = io.BytesIO()
    # fontTools notes the hinting tables it drops while it subsets a font into the PDF: noise here.
    subset_log = logging.getLogger("fontTools.subset")
    level = subset_log.level
    subset_log.setLevel(logging.ERROR)
    try:
        fig.savefig(buffer, format=fmt, metadata=metadata)
    finally:
        subset_log.setLevel(level)
    data = buffer.getvalue()
    return _with_svg_description(_with_font_fallbacks(data), title, description) if fmt == "svg" else data


def _opaque_png(fig: Figure, scale: int = 1) -> bytes:
    """The figure as an RGB PNG, at `scale` times its pixels. The frame is opaque white, so
    an alpha channel would only add a quarter to the bytes to filter and compress."""
    from PIL import Image

    canvas = FigureCanvasAgg(fig) if not isinstance(fig.canvas, FigureCanvasAgg) else fig.canvas
    dpi = fig.dpi
    fig.dpi = dpi * scale  # drawn at more pixels per inch: the same figure, sharper
    try:
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
        if rgba[..., 3].min() < 255:
            raise ValueError("the figure has transparent pixels; give it an opaque facecolor")
        # frombuffer reads the canvas in place; convert drops the alpha channel in C.
        width, height = canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.dpi = dpi
    buffer = io.BytesIO()
    # zlib level 3 writes smaller PNGs than the default, and faster; no text chunks,
    # so nothing names a date or a version.
    image.save(buffer, format="png", compress_level=3, dpi=(dpi * scale, dpi * scale))
    return buffer.getvalue()


def drawn_text_artists(fig: Figure) -> list[Text]:
    """Every piece of text the figure draws, as matplotlib Text artists: titles, notes, axis and
    tick labels, panel titles, value and event labels, legend entries. Draws the figure first."""
    fig.canvas.draw()
    texts = list(fig.texts)
    for ax in fig.axes:
        # Matplotlib keeps a panel's left and right titles beside its centred one, with no public getter.
        titles = [getattr(ax, attribute, None) for attribute in ("title", "_left_title", "_right_title")]
        texts += [*filter(None, titles), ax.xaxis.label, ax.yaxis.label, *ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            texts += legend.get_texts()
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    texts.append(tick.label1)
    return [text for text in texts if text.get_visible() and text.get_text().strip()]


def drawn_texts(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every piece of text the figure draws (drawn_text_artists), with its box in pixels."""
    artists = drawn_text_artists(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas has one
    return [(text.get_text(), text.get_window_extent(renderer)) for text in artists]


def drawn_sizes(fig: Figure) -> list[tuple[str, float, float]]:
    """Every piece of text the figure draws with its size in points and in pixels of the PNG
    (at scale 1): what the type rules are checked on."""
    sizes = [(text.get_text(), float(text.get_fontsize())) for text in drawn_text_artists(fig)]
    return [(text, points, points * fig.dpi / 72) for text, points in sizes]


# The compact variant's chart text, a step down from the full scale: ticks and direct labels at
# the subtitle's size, value labels at the footer's.
COMPACT_SIZES = {TEXT_SIZE: COMPACT_SUBTITLE_SIZE, SMALL_SIZE: COMPACT_FOOTER_SIZE}
_FRAME_GIDS = ("title", "subtitle", "footer", "credit")


def compact_type(fig: Figure) -> None:
    """Set a finished compact figure's own text (not its frame's) a step down the scale
    (COMPACT_SIZES), so its short panels keep room: text shrinks about its anchor, so nothing
    that did not collide before collides now. A year axis needs no title: the x-axis labels go."""

    def smaller(text: Text) -> float:
        size = float(text.get_fontsize())
        return COMPACT_SIZES.get(size, size)

    for ax in fig.axes:
        ax.set_xlabel("")
    texts = [text for text in drawn_text_artists(fig) if text.get_gid() not in _FRAME_GIDS]
    for ax in fig.axes:  # tick labels through their axis, so ticks made later take the size too
        x_labels, y_labels = ax.get_xticklabels(which="both"), ax.get_yticklabels(which="both")
        if x_labels:
            ax.tick_params(axis="x", which="both", labelsize=smaller(x_labels[0]))
        if y_labels:
            ax.tick_params(axis="y", which="both", labelsize=smaller(y_labels[0]))
    ticks = {
        id(label) for ax in fig.axes for label in [*ax.get_xticklabels(which="both"), *ax.get_yticklabels(which="both")]
    }
    for text in texts:
        if id(text) not in ticks:
            text.set_fontsize(smaller(text))


def text_problems(fig: Figure) -> list[str]:
    """Pieces of text that overlap each other or reach outside the figure, one line each."""
    boxes = drawn_texts(fig)
    frame = fig.bbox
    problems = [
        f"outside the figure: {text!r}"
        for text, box in boxes
        if box.x0 < frame.x0 or box.y0 < frame.y0 or box.x1 > frame.x1 or box.y1 > frame.y1
    ]
    for index, (text, box) in enumerate(boxes):
        inner = box.padded(-0.5)  # boxes that only touch do not overlap
        for other_text, other in boxes[index + 1 :]:
            if inner.overlaps(other.padded(-0.5)):
                problems.append(f"overlap: {text!r} and {other_text!r}")
    return problems
