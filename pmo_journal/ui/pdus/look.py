"""The PDU screen's text colours, readable on the light and on the dark palette."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pmo_journal.ui.career.look import is_dark, muted_color, warning_color

_BOX = "QLabel {{ background: {0}; color: {1}; border: 1px solid {2}; border-radius: 4px;"
_BOX += " padding: 6px; }}"
# (background, text, border) of the pace box, light then dark.
_SHORT = (("#fdecea", "#8c1d18", "#f1b0aa"), ("#4a2a2a", "#ffb4ab", "#7d3b36"))
_ON_TRACK = (("#e9f5ec", "#1e5b2a", "#a9d5b3"), ("#243d2b", "#a6e3b4", "#3d6b48"))
_NOTICE = (("#fff4e0", "#6b4100", "#e8b35c"), ("#3d3220", "#f2cc8f", "#7a6032"))


def note_style(widget: QWidget, *, small: bool = False) -> str:
    """Secondary text (legends, hints) in the palette's muted colour."""
    size = " font-size: 11px;" if small else ""
    return f"color: {muted_color(widget).name()};{size}"


def caps_style(widget: QWidget) -> str:
    return f"color: {warning_color(widget.palette()).name()};"


def pace_style(widget: QWidget, *, falls_short: bool) -> str:
    colours = (_SHORT if falls_short else _ON_TRACK)[is_dark(widget.palette())]
    return _BOX.format(*colours)


def notice_style(widget: QWidget) -> str:
    """The amber box of a warning that does not stop the user (e.g. a capped claim)."""
    return _BOX.format(*_NOTICE[is_dark(widget.palette())])
