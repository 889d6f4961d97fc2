"""What a slow core call is handed: ``progress(fraction, message)`` and ``cancelled()``.

The GUI's runner passes its own; the command line and the tests take the quiet defaults.
A cancellable call checks ``cancelled()`` between steps and raises its own
:class:`~pmo_journal.core.validation.JournalError` (which says nothing was changed).
"""

from __future__ import annotations

from collections.abc import Callable

from pmo_journal.core.validation import JournalError

#: ``progress(fraction, message)``: fraction from 0 to 1, or -1 when it can't be told.
Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
UNKNOWN = -1.0


def no_progress(_fraction: float, _message: str) -> None:
    """Progress nobody watches."""


def never_cancelled() -> bool:
    """A call nobody can cancel."""
    return False


class WorkCancelled(JournalError):
    """The user cancelled; the message says that nothing was changed or written."""
