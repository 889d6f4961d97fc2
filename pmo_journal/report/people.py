"""How people are named in a report: in full, or as initials and role when anonymised."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pmo_journal.core.models import PersonRead


def initials(name: str) -> str:
    """Initials of a name, keeping hyphenated parts: Priya Raman-Shah -> P. R.-S."""
    words = [word for word in re.split(r"\s+", name.strip()) if word]
    parts = []
    for word in words:
        pieces = [piece for piece in word.split("-") if piece]
        parts.append("-".join(f"{piece[0].upper()}." for piece in pieces))
    return " ".join(parts) or "?"


class PeopleNamer:
    """Names people consistently across a report and scrubs their names from free text."""

    def __init__(
        self, people: Iterable[PersonRead], *, anonymise: bool, include_private: bool
    ) -> None:
        self.anonymise = anonymise
        self._by_id = {person.id: person for person in people}
        # A person marked private is anonymised even when the others are named.
        self._hidden = {
            person.id
            for person in self._by_id.values()
            if anonymise or (person.private and not include_private)
        }
        hidden = [self._by_id[person_id] for person_id in self._hidden]
        self._by_name = {person.name: person for person in hidden}
        self._first_names = {person.name.split()[0]: person for person in hidden}
        self._pattern: re.Pattern[str] | None = None
        names = [name for name in {*self._by_name, *self._first_names} if len(name) > 1]
        if names:
            # Longest first, so a full name wins over the first name inside it.
            names.sort(key=len, reverse=True)
            self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def _anonymous(self, person: PersonRead) -> str:
        return f"{initials(person.name)} ({person.role or person.relationship.label})"

    def name(self, person_id: int | None, *, fallback: str = "") -> str:
        person = self._by_id.get(person_id) if person_id is not None else None
        if person is None:
            return initials(fallback) if self.anonymise and fallback else fallback
        return self._anonymous(person) if person.id in self._hidden else person.name

    def short(self, person_id: int | None) -> str:
        """Initials only when anonymised (for running text), the full name otherwise."""
        person = self._by_id.get(person_id) if person_id is not None else None
        if person is None:
            return ""
        return initials(person.name) if person.id in self._hidden else person.name

    def scrub(self, text: str) -> str:
        """``text`` with every known name (full or first) replaced by initials."""
        if self._pattern is None or not text:
            return text

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            person = self._by_name.get(word) or self._first_names[word]
            return initials(person.name)

        return self._pattern.sub(replace, text)
