"""What charts are written as: the file formats, the file names, and the compact variant.

Light on purpose (no pandas, no matplotlib): the CLI and the export read these before any
chart is drawn.
"""

from __future__ import annotations

from contextvars import ContextVar

IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "json")  # the values drawn; the metadata, sources and citation
FORMATS = IMAGE_FORMATS + DATA_FORMATS


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


# The compact variant, for the web and social media: 1200 x 675 pixels (16:9), no strip.
COMPACT_SIZE = (12.0, 6.75)  # the file: inches at the house 100 dpi, 1200 x 675 pixels
# It is read in an article column 640 pixels wide, so it is drawn at that size (6.4 inches at
# 100 dpi) and rendered at 187.5 dpi into the 1200 pixels: its type is set for the column.
COMPACT_COLUMN_PIXELS = 640
HOUSE_DPI = 100


def compact_geometry() -> tuple[float, float, float]:
    """The compact figure's width and height in inches and the dpi it is rendered at: the column's
    size at the house dpi, rendered into COMPACT_SIZE's pixels."""
    width = COMPACT_COLUMN_PIXELS / HOUSE_DPI
    scale = COMPACT_SIZE[0] / width
    return width, COMPACT_SIZE[1] / scale, HOUSE_DPI * scale


# Set by build_chart(compact=True) while a chart is built: its frame and strip read it.
COMPACT: ContextVar[bool] = ContextVar("compact", default=False)


def file_stem(name: str, lang: str, compact: bool = False) -> str:
    """'arrivals-annual' in English, 'arrivals-annual.ko' in Korean; 'arrivals-annual.compact'
    and 'arrivals-annual.compact.ko' for the compact variant."""
    stem = f"{name}.compact" if compact else name
    return stem if lang == "en" else f"{stem}.{lang}"
