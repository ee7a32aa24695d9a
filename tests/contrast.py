"""WCAG 2.1 contrast, written out (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): what the
palette and chart tests measure colours with. Marks need 3:1 against white (SC 1.4.11), text 4.5:1
(SC 1.4.3)."""

from matplotlib.colors import to_rgba

MARK_CONTRAST = 3.0
TEXT_CONTRAST = 4.5


def _linear(channel: float) -> float:
    """An sRGB channel (0-1) as linear light: the sRGB transfer function inverted."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def on_white(color) -> tuple[float, float, float]:
    """The colour as it shows on a white page: a translucent colour blended over white."""
    red, green, blue, alpha = to_rgba(color)
    return tuple(alpha * c + (1 - alpha) for c in (red, green, blue))  # type: ignore[return-value]


def relative_luminance(color) -> float:
    red, green, blue = (_linear(c) for c in on_white(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(color, background="white") -> float:
    """The contrast ratio of `color` against `background`, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(color), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
