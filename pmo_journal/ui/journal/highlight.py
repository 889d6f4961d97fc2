"""Marking what a search matched in the entry shown in full: each word the search looks for,
at the start of a word, as the search itself matches it."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from pmo_journal.core.services.timeline import search_words


def match_format(*, dark: bool) -> QTextCharFormat:
    """A marker-pen background, readable on the light and the dark palette."""
    marked = QTextCharFormat()
    marked.setBackground(QColor("#7a6400" if dark else "#ffe867"))
    marked.setForeground(QColor("#ffffff" if dark else "#1f1f1f"))
    return marked


def highlight_matches(document: QTextDocument, search: str, *, dark: bool) -> QTextCursor | None:
    """Mark every match of ``search`` in ``document``; returns the first one (or None)."""
    marked = match_format(dark=dark)
    first: QTextCursor | None = None
    for word in search_words(search):
        pattern = QRegularExpression(
            rf"\b{QRegularExpression.escape(word)}\w*",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
        )
        cursor = document.find(pattern)
        while not cursor.isNull():
            cursor.mergeCharFormat(marked)
            if first is None or cursor.position() < first.position():
                first = QTextCursor(cursor)
            cursor = document.find(pattern, cursor)
    return first
