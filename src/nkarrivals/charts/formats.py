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
COMPACT_SIZE = (12.0, 6.75)  # inches, at the house 100 dpi
# Set by build_chart(compact=True) while a chart is built: its frame and strip read it.
COMPACT: ContextVar[bool] = ContextVar("compact", default=False)


def file_stem(name: str, lang: str, compact: bool = False) -> str:
    """'arrivals-annual' in English, 'arrivals-annual.ko' in Korean; 'arrivals-annual.compact'
    and 'arrivals-annual.compact.ko' for the compact variant."""
    stem = f"{name}.compact" if compact else name
    return stem if lang == "en" else f"{stem}.{lang}"
