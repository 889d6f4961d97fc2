"""The GUI's prompts answered from a script: the ``prompts`` fixture of the widget tests.

A test says beforehand what the user will answer (``prompts.answer("ask", True)``) and
that a message will be told (``prompts.expect_tell()``). A prompt nobody scripted fails
the test, and so does a scripted answer no prompt used.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pmo_journal.ui import prompts as ui_prompts

PROMPTS = (
    "tell",
    "ask",
    "choose",
    "pick",
    "choose_open_file",
    "choose_open_files",
    "choose_save_file",
    "choose_folder",
    "fill_in",
)
KINDS = ("ask", "choose", "pick", "open_file", "open_files", "save_file", "folder", "form")


def accept_form(dialog: Any) -> bool:
    """A ``form`` answer: the user leaves the form as it is and presses its accept button."""
    dialog.accept()
    return bool(dialog.result())


class UnexpectedPrompt(AssertionError):
    """The code under test asked something the test did not script."""


@dataclass(frozen=True)
class Told:
    message: str
    title: str
    details: str


@dataclass(frozen=True)
class Asked:
    kind: str
    text: str
    detail: str = ""


@dataclass
class ScriptedPrompts:
    """Stands in for every function of ``pmo_journal.ui.prompts`` that opens a window."""

    answers: dict[str, deque[Any]] = field(default_factory=lambda: {k: deque() for k in KINDS})
    tells_expected: int = 0
    told: list[Told] = field(default_factory=list)
    asked: list[Asked] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def answer(self, kind: str, *answers: Any) -> None:
        """The user's next answers to prompts of ``kind`` (one of ``KINDS``), in order."""
        self.answers[kind].extend(answers)

    def expect_tell(self, count: int = 1) -> None:
        """``count`` more messages may be told."""
        self.tells_expected += count

    # ------------------------------------------------------------------ the stand-ins
    def tell(
        self, _parent: object, message: str, *, title: str = "", details: str = "", **_: Any
    ) -> None:
        self.told.append(Told(message, title, details))
        if len(self.told) > self.tells_expected:
            self._unexpected(f"tell: {title} {message}".strip())

    def ask(self, _parent: object, question: str, *, detail: str = "", **_options: Any) -> bool:
        return bool(self._next("ask", question, detail))

    def choose(
        self, _parent: object, message: str, options: Any, *, detail: str = "", **_options: Any
    ) -> str | None:
        chosen = self._next("choose", message, detail)
        assert chosen is None or chosen in options, f"{chosen!r} is not one of {options!r}"
        return chosen  # type: ignore[no-any-return]

    def pick(self, _parent: object, question: str, names: Any, **_options: Any) -> int | None:
        return self._next("pick", question)  # type: ignore[no-any-return]

    def choose_open_file(self, _parent: object, title: str, **_options: Any) -> Path | None:
        return self._next("open_file", title)  # type: ignore[no-any-return]

    def choose_open_files(self, _parent: object, title: str, **_options: Any) -> list[Path]:
        return self._next("open_files", title)  # type: ignore[no-any-return]

    def choose_save_file(
        self, _parent: object, title: str, suggested: str, **_options: Any
    ) -> Path | None:
        self.offered.append(suggested)
        return self._next("save_file", title)  # type: ignore[no-any-return]

    def choose_folder(self, _parent: object, title: str, **_options: Any) -> Path | None:
        return self._next("folder", title)  # type: ignore[no-any-return]

    def fill_in(self, dialog: Any) -> bool:
        """The scripted answer is a function that fills ``dialog`` in as the user would
        and returns whether they pressed its accept button (``dialog.accept()``)."""
        fill = self._next("form", dialog.windowTitle())
        return bool(fill(dialog))

    # ------------------------------------------------------------------ bookkeeping
    def _next(self, kind: str, text: str, detail: str = "") -> Any:
        self.asked.append(Asked(kind, text, detail))
        if not self.answers[kind]:
            self._unexpected(f"{kind}: {text}")
        return self.answers[kind].popleft()

    def _unexpected(self, what: str) -> None:
        self.unexpected.append(what)
        raise UnexpectedPrompt(f"An unexpected prompt: {what}")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in PROMPTS:
            monkeypatch.setattr(ui_prompts, name, getattr(self, name))

    def verify(self) -> None:
        """Fails for a prompt nobody scripted (even one a Qt slot swallowed) or an
        answer no prompt took."""
        if self.unexpected:
            pytest.fail("Unexpected prompts: " + "; ".join(self.unexpected))
        unused = {k: list(v) for k, v in self.answers.items() if v}
        if unused:
            pytest.fail(f"Scripted answers no prompt asked for: {unused}")
        if len(self.told) < self.tells_expected:
            pytest.fail(f"Expected {self.tells_expected} messages, {len(self.told)} were told")
