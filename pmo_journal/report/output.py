"""Where a report may be written: checked before any work, so bad input leaves no file."""

from __future__ import annotations

import os
from pathlib import Path

from pmo_journal.core.storage.journal_files import refuse_unsafe_output
from pmo_journal.core.validation import JournalError


def check_output_path(path: Path) -> Path:
    """``path`` made absolute, or a one-line :class:`JournalError` if it can't be written."""
    path = Path(path).expanduser().absolute()
    folder = path.parent
    if not folder.is_dir():
        raise JournalError(f"The folder {folder} does not exist; create it or choose another.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(f"The folder {folder} can't be written to; choose another.")
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give a file name ending in .pdf.")
    refuse_unsafe_output(path, overwrite=True)
    return path
