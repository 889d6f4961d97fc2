"""Use cases of moving data in and out: export as JSON, CSV or Markdown; import a file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pmo_journal.core.changes import NOTHING, Changes, Outcome
from pmo_journal.core.exchange.json_import import ImportSummary
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.tasks import Cancelled, Progress, WorkCancelled, never_cancelled, no_progress

ExportFormat = Literal["json", "csv", "markdown"]
ImportFormat = Literal["json", "jrnl", "dayone"]


class ExportCancelled(WorkCancelled):
    def __init__(self) -> None:
        super().__init__("The export was cancelled; nothing was written.")


def export_journal(
    journal: Journal,
    *,
    format: ExportFormat,
    target: Path,
    include_private: bool = False,
    overwrite: bool = False,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> Outcome[str]:
    """Write the journal to ``target`` (a folder for CSV); says what was written.

    ``target`` may never be a file of the journal or a database, and an existing file
    is replaced only with ``overwrite``.
    """
    progress(-1, "Exporting…")
    if cancelled():
        raise ExportCancelled()
    if format == "json":
        from pmo_journal.core.exchange.json_export import export_json

        counts = export_json(journal, target, include_private=include_private, overwrite=overwrite)
        what = f"{sum(counts.values())} records"
    elif format == "csv":
        from pmo_journal.core.exchange.readable import export_csv

        written = export_csv(journal, target, include_private=include_private, overwrite=overwrite)
        what = f"{len(written)} files"
    else:
        from pmo_journal.core.exchange.readable import export_markdown

        export_markdown(journal, target, include_private=include_private, overwrite=overwrite)
        what = "one document"
    return Outcome(what, NOTHING)


def read_import(source: Path, *, format: ImportFormat | None = None) -> tuple[str, object]:
    """The format of ``source`` (recognised when not given) and its parsed content.

    An export of ours is checked against the schema here, before any journal is opened.
    """
    from pmo_journal.core.exchange.formats import detect_format
    from pmo_journal.core.exchange.json_import import parse_document, read_json_file

    raw = read_json_file(source)
    kind = format or detect_format(raw)
    return kind, parse_document(raw) if kind == "json" else raw


def import_file(
    journal: Journal,
    source: Path,
    *,
    format: ImportFormat | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
    parsed: tuple[str, object] | None = None,
) -> Outcome[ImportSummary]:
    """Merge ``source`` (ours, jrnl or Day One) into the journal: all of it, or nothing.

    ``parsed`` is what :func:`read_import` already made of the file, if it was called.
    """
    from pmo_journal.core.exchange import schema
    from pmo_journal.core.exchange.foreign import import_foreign
    from pmo_journal.core.exchange.json_import import import_document

    kind, content = parsed or read_import(source, format=format)
    if isinstance(content, schema.Document):
        summary = import_document(journal, content, progress=progress, cancelled=cancelled)
    else:
        summary = import_foreign(journal, content, app=kind, progress=progress, cancelled=cancelled)
    return Outcome(summary, Changes.everything())
