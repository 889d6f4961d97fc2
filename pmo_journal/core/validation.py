"""Turns validation failures into plain sentences the user can act on."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import pydantic

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)


class JournalError(Exception):
    """Any failure the user should read: the message is shown verbatim."""


# Terminal escapes and other control characters a hostile file could smuggle into a message.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ONE_LINE_LIMIT = 300
_DOUBLED_STOP = re.compile(r"\.(?:\s*\.)+(?=\s|$)")


def _first_line(text: object) -> str:
    first = (str(text).strip().splitlines() or [""])[0]
    return _CONTROL.sub("", first).strip()


def one_line(text: object) -> str:
    """``text`` (an exception, a value from a file) fit to show inside a one-line message.

    Only its first line, no control characters or terminal escapes, no trailing full stop
    (the sentence around it has its own), and not longer than a line should be.
    """
    clean = _first_line(text).rstrip(".")
    if len(clean) > ONE_LINE_LIMIT:
        clean = clean[: ONE_LINE_LIMIT - 1].rstrip() + "…"
    return clean


def message_line(text: object) -> str:
    """A whole message as the user sees it: one line, no escapes, never two full stops."""
    return _DOUBLED_STOP.sub(".", _first_line(text))


class EntryInvalid(JournalError):
    """An entry failed validation; ``problems`` maps a field name ("" for the whole entry)
    to one sentence about it."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


class NotFound(JournalError):
    pass


def _sentence(model: type[pydantic.BaseModel], error: Any) -> tuple[str, str]:
    loc = error.get("loc", ())
    field = str(loc[0]) if loc else ""
    info = model.model_fields.get(field)
    label = (info.title if info and info.title else field.replace("_", " ")).capitalize()
    kind = error.get("type", "")
    ctx = error.get("ctx", {}) or {}
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
    elif kind == "string_too_short" or (kind in {"missing", "date_type"} and field):
        message = f"{label} is required."
    elif kind == "string_too_long":
        message = f"{label} is too long (at most {ctx.get('max_length')} characters)."
    elif kind in {"greater_than_equal", "greater_than"}:
        message = f"{label} must be at least {ctx.get('ge', ctx.get('gt'))}."
    elif kind in {"less_than_equal", "less_than"}:
        message = f"{label} must be at most {ctx.get('le', ctx.get('lt'))}."
    elif kind == "enum":
        message = f"{label} must be one of: {ctx.get('expected')}."
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"{label} must be a date like 2026-03-31."
    elif kind.startswith(("int", "float")):
        message = f"{label} must be a number."
    else:
        message = f"{label}: {error.get('msg', 'is not valid')}."
    return field, message


def validated(model: type[ModelT], data: dict[str, Any] | ModelT) -> ModelT:
    """Validate ``data`` as ``model``, raising :class:`EntryInvalid` with friendly sentences."""
    try:
        if isinstance(data, pydantic.BaseModel):
            data = data.model_dump()
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors():
            field, message = _sentence(model, error)
            problems.setdefault(field, message)
        raise EntryInvalid(problems) from None


def problems_of(model: type[pydantic.BaseModel], data: dict[str, Any]) -> dict[str, str]:
    """The problems ``data`` has as ``model``; empty when it is valid (for live editor checks)."""
    try:
        validated(model, data)
    except EntryInvalid as exc:
        return exc.problems
    return {}
