"""Which kind of file an import was given: our JSON export, jrnl or Day One."""

from __future__ import annotations


def detect_format(raw: object) -> str:
    """json, jrnl or dayone, from the shape of a parsed file."""
    if isinstance(raw, dict):
        if "format" in raw:
            return "json"
        entries = raw.get("entries")
        if isinstance(entries, list) and entries and isinstance(entries[0], dict):
            return "dayone" if "creationDate" in entries[0] else "jrnl"
        if "metadata" in raw:
            return "dayone"
    return "json"
