"""The charts' light and dark palettes (colour-blind safe), readable without matplotlib."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["light", "dark"]

# Okabe & Ito's palette, distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
}
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h")
RATING_TICKS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Theme:
    name: ThemeName
    background: str
    text: str
    muted: str
    grid: str
    bars: str
    alert: str
    series: tuple[str, ...]
    #: How strongly the 90-day average line is drawn over its points (1 is opaque).
    trend_alpha: float = 0.55

    def color(self, index: int) -> str:
        return self.series[index % len(self.series)]

    def marker(self, index: int) -> str:
        return MARKERS[index % len(MARKERS)]


LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1F2933",
    muted="#5F6B7A",
    grid="#E3E7EC",
    bars="#B4C0CD",
    alert=OKABE_ITO["vermillion"],
    series=tuple(OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")),
)
DARK = Theme(
    name="dark",
    background="#1E2227",
    text="#E6EAEF",
    muted="#A0AAB6",
    grid="#363C44",
    bars="#5E6A7A",
    alert="#F07B3F",
    # On a dark ground the deep blue sinks; sky blue takes its place.
    series=tuple(
        OKABE_ITO[k] for k in ("sky", "orange", "green", "vermillion", "purple", "yellow")
    ),
)


# For paper, often copied in greyscale: every line and point at least 3:1 against white
# (WCAG's figure for graphics), so the hues that are light on white are taken darker; the
# order keeps each skill's hue family, and the trend line is drawn near opaque.
PRINT = dataclasses.replace(
    LIGHT,
    series=("#0072B2", "#B37A00", "#009E73", "#D55E00", "#A34F80", "#3B8CC4"),
    trend_alpha=0.9,
)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: tuple[int, int, int] | str) -> float:
    """WCAG's relative luminance of an sRGB colour: 0 for black, 1 for white."""
    red, green, blue = rgb(colour) if isinstance(colour, str) else colour
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(one: tuple[int, int, int] | str, other: tuple[int, int, int] | str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def grey_lightness(colour: tuple[int, int, int] | str) -> float:
    """CIE L* (0-100): how light the colour prints on a greyscale copy."""
    y = relative_luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def theme_for(name: ThemeName | Theme) -> Theme:
    if isinstance(name, Theme):
        return name
    return DARK if name == "dark" else LIGHT
