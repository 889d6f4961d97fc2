"""One runner for every core call that may be slow: off the GUI thread, with progress,
cancel, every error shown, and the journal's screens told what changed."""

from pmo_journal.ui.operations.runner import Failure, Operation, Work, run_operation

__all__ = ["Failure", "Operation", "Work", "run_operation"]
