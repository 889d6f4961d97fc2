"""What makes a drawn chart legible, measured on its artists after a draw.

Colours are blended with their alpha onto the paper (or the screen's background) first,
as a reader sees them; contrast is WCAG's ratio and lightness CIE L*, as a greyscale copy
prints it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pmo_journal.core.charts.theme import contrast, grey_lightness

#: Lines and points against the paper: WCAG's minimum for graphics.
LINE_CONTRAST = 3.0
#: Filled bars, which cover far more ink than a line.
FILL_CONTRAST = 1.3
#: Two legend entries told apart by greyness alone differ at least this much in L*.
LIGHTNESS_APART = 15.0


def seen(colour: object, paper: str, alpha: float | None = None) -> tuple[int, int, int]:
    """``colour`` as it shows over ``paper``: its alpha blended in."""
    red, green, blue, own_alpha = to_rgba(colour)  # type: ignore[arg-type]
    opacity = own_alpha * (1.0 if alpha is None else alpha)
    ground = to_rgba(paper)
    return (
        round(255 * (red * opacity + ground[0] * (1 - opacity))),
        round(255 * (green * opacity + ground[1] * (1 - opacity))),
        round(255 * (blue * opacity + ground[2] * (1 - opacity))),
    )


@dataclass(frozen=True)
class Cue:
    """How a legend entry looks without its hue."""

    label: str
    lightness: float
    marker: str
    linestyle: str
    hatch: str

    def apart_from(self, other: Cue) -> bool:
        shapes = (self.marker, self.linestyle, self.hatch)
        return (
            shapes != (other.marker, other.linestyle, other.hatch)
            or abs(self.lightness - other.lightness) >= LIGHTNESS_APART
        )


def _cue(label: str, handle: object, paper: str) -> Cue:
    if isinstance(handle, Line2D):
        marker = str(handle.get_marker())
        colour = handle.get_markerfacecolor() if marker not in ("None", "none", "") else None
        return Cue(
            label,
            grey_lightness(seen(colour or handle.get_color(), paper, handle.get_alpha())),
            "" if marker in ("None", "none") else marker,
            "" if handle.get_linestyle() in ("None", "none", " ", "") else handle.get_linestyle(),
            "",
        )
    if isinstance(handle, Collection | Patch):
        face = handle.get_facecolor()
        if isinstance(handle, Collection):
            face = face[0]
        return Cue(
            label,
            grey_lightness(seen(face, paper)),  # a face colour carries its alpha
            "",
            "",
            handle.get_hatch() or "",
        )
    raise TypeError(f"unexpected legend handle {handle!r}")


def problems(figure: Figure, paper: str) -> list[str]:
    """Everything on ``figure`` a reader of ``paper`` could not make out, in words."""
    FigureCanvasAgg(figure).draw()  # lays the legend out as it prints
    found = []
    for ax in figure.axes:
        for line in ax.get_lines():
            if not line.get_visible() or not len(line.get_xdata()):  # type: ignore[arg-type]
                continue
            marked = str(line.get_marker()) not in ("None", "none", "")
            colour = line.get_markerfacecolor() if marked else line.get_color()
            ratio = contrast(seen(colour, paper, line.get_alpha()), seen(paper, paper))
            if ratio < LINE_CONTRAST:
                found.append(f"{line.get_label()!r} is {ratio:.2f}:1 against the paper")
        for collection in ax.collections:
            for face in collection.get_facecolor():
                ratio = contrast(seen(face, paper), seen(paper, paper))
                if ratio < FILL_CONTRAST:
                    found.append(f"{collection.get_label()!r} is {ratio:.2f}:1 filled")
    for legend in figure.legends:
        cues = [
            _cue(text.get_text(), handle, paper)
            for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
        ]
        for one, other in itertools.combinations(cues, 2):
            if not one.apart_from(other):
                found.append(
                    f"{one.label!r} and {other.label!r} look alike in greyscale "
                    f"(L* {one.lightness:.0f} and {other.lightness:.0f}, same shapes)"
                )
    return found
