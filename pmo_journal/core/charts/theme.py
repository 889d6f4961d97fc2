"""The charts' light and dark palettes (colour-blind safe), readable without matplotlib."""

from __future__ import annotations

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
    bars="#C9D3DE",
    alert=OKABE_ITO["vermillion"],
    series=tuple(OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")),
)
DARK = Theme(
    name="dark",
    background="#1E2227",
    text="#E6EAEF",
    muted="#A0AAB6",
    grid="#363C44",
    bars="#46505C",
    alert="#F07B3F",
    # On a dark ground the deep blue sinks; sky blue takes its place.
    series=tuple(
        OKABE_ITO[k] for k in ("sky", "orange", "green", "vermillion", "purple", "yellow")
    ),
)


def theme_for(name: ThemeName | Theme) -> Theme:
    if isinstance(name, Theme):
        return name
    return DARK if name == "dark" else LIGHT
