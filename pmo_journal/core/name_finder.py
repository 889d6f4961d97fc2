"""Finds the people of the journal where free text mentions them, and replaces the mentions.

A person is found by the full name, the first name, the surname and each part of a
hyphenated or multi-word surname; by initials ("Z. F.-Q.") and an initial with the
surname; with or without a title (Mr, Ms, Mrs, Dr, Prof), with a possessive 's, in any
letter case and across line breaks. A name that is also an ordinary word (Mark, Will,
``resources/name_words.txt``) is found only where it is capitalised as a name, and not
where it opens a sentence as the word ("Mark the date", "Will we…").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pmo_journal.core.resources import read_text

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame")
# Lower-case words inside a surname ("van der Berg") are never a name on their own.
_WORD_GAP = r"\s+"
_PIECE_GAP = r"\s*[-\s]\s*"
_TITLE = r"(?P<title>(?i:(?:" + "|".join(TITLES) + r")\.?)\s+)?"
_SENTENCE_ENDS = ".!?\n\r"
# After a word that opens a sentence, these say it was the word and not a name.
_NOT_A_NAME_NEXT = frozenset(
    {
        "a",
        "an",
        "the",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "we",
        "you",
        "i",
        "he",
        "she",
        "they",
        "them",
        "our",
        "your",
        "my",
        "his",
        "her",
        "their",
        "me",
        "us",
        "up",
        "down",
        "out",
        "in",
        "on",
        "off",
    }
)

Replacement = Callable[[int], str]


@cache
def ordinary_words() -> frozenset[str]:
    """Given names and surnames that are also ordinary words, lower case."""
    lines = read_text("name_words.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _ordinary(token: str) -> bool:
    return len(token) <= 2 or token.lower() in ordinary_words()


def _pieces(word: str) -> list[str]:
    return [piece for piece in re.split(r"-+", word) if piece]


def _spelled(words: Sequence[str]) -> str:
    """A run of words as a pattern: any spaces or line breaks between words and pieces."""
    return _WORD_GAP.join(_PIECE_GAP.join(map(re.escape, _pieces(word))) for word in words)


def _initials(words: Sequence[str]) -> str:
    """Dotted initials as a pattern: Z. F.-Q., Z.F.-Q., Z. F-Q."""
    return r"\s*".join(
        r"\.?\s*-\s*".join(re.escape(piece[0].upper()) for piece in _pieces(word)) + r"\."
        for word in words
    )


@dataclass(frozen=True)
class _Form:
    """One way of writing a person's name, as a regular expression."""

    pattern: str
    person: int
    rank: int  # longer, more specific forms are tried first
    ordinary: bool = False  # one ordinary word: capitalised only, not as a sentence's word


def _word_form(token: str, person: int) -> _Form:
    if _ordinary(token):
        cased = "|".join(dict.fromkeys((token[:1].upper() + token[1:], token.upper())))
        return _Form(f"(?-i:{cased})", person, len(token), ordinary=True)
    return _Form(f"(?i:{re.escape(token)})", person, len(token))


def _whole_forms(first: str, surname: list[str], person: int) -> list[_Form]:
    """The forms that name the whole person: full name, initials, initial and surname."""
    initial = re.escape(first[0].upper())
    spelled = _spelled([first, *surname])
    forms = [
        _Form(f"(?i:{spelled})", person, 100),
        _Form(rf"(?i:{_spelled([first])})\s+(?-i:{_initials(surname)})", person, 96),
        _Form(rf"(?-i:{initial}\.)\s*(?i:{_spelled(surname)})", person, 95),
        _Form(f"(?-i:{_initials([first, *surname])})", person, 90),
    ]
    if len(surname) > 1 or "-" in surname[0]:
        forms.append(_Form(f"(?i:{_spelled(surname)})", person, 99))
    return forms


def forms_of(name: str, person: int) -> list[_Form]:
    """Every way of writing ``name`` that is looked for."""
    words = name.split()
    if not words:
        return []
    first, surname = words[0], words[1:]
    forms = _whole_forms(first, surname, person) if surname else []
    tokens = [first, *(word for word in surname if not word.islower())]
    for token in tokens:
        pieces = _pieces(token)
        if len(pieces) > 1:
            forms.append(_Form(f"(?i:{_spelled([token])})", person, 80 + len(token)))
        forms += [_word_form(piece, person) for piece in pieces if len(piece) > 1]
    return list({form.pattern: form for form in forms}.values())


def _opens_sentence(text: str, start: int) -> bool:
    index = start
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index == 0 or text[index - 1] in _SENTENCE_ENDS


class NameFinder:
    """Finds mentions of a set of people (id and name) in free text."""

    def __init__(self, people: Iterable[tuple[int, str]]) -> None:
        forms = [form for person, name in people for form in forms_of(name, person)]
        forms.sort(key=lambda form: form.rank, reverse=True)
        self._forms = forms
        self._pattern: re.Pattern[str] | None = None
        if forms:
            alternatives = "|".join(f"(?P<f{i}>{form.pattern})" for i, form in enumerate(forms))
            # The form's group closes last, so ``lastgroup`` names it.
            self._pattern = re.compile(rf"(?<![\w.-]){_TITLE}(?:{alternatives})(?:['’]s)?(?![\w-])")

    def _found(self, text: str, match: re.Match[str]) -> _Form | None:
        """The form a match stands for, or None where an ordinary word is just the word."""
        group = match.lastgroup
        assert group is not None and group.startswith("f")
        form = self._forms[int(group[1:])]
        if not form.ordinary or match.group("title") or match.end() != match.end(group):
            return form
        if not _opens_sentence(text, match.start()):
            return form
        following = re.match(r"\s+(\w+)", text[match.end() : match.end() + 40])
        if following is None or following.group(1).lower() in _NOT_A_NAME_NEXT:
            return None  # "Mark the date.", "Will we …?"
        return form

    def mentions(self, text: str) -> set[int]:
        """The people ``text`` mentions."""
        if self._pattern is None or not text:
            return set()
        found = (self._found(text, match) for match in self._pattern.finditer(text))
        return {form.person for form in found if form is not None}

    def replace(self, text: str, replacement: Replacement) -> str:
        """``text`` with every mention replaced by ``replacement(person)``, keeping a 's."""
        if self._pattern is None or not text:
            return text

        def swap(match: re.Match[str]) -> str:
            form = self._found(text, match)
            if form is None:
                return match.group(0)
            new = replacement(form.person)
            if _opens_sentence(text, match.start()):
                new = new[:1].upper() + new[1:]
            assert match.lastgroup is not None
            return new + match.group(0)[match.end(match.lastgroup) - match.start() :]

        return self._pattern.sub(swap, text)
