"""Wiring: parses the command line, then either runs a headless command or the GUI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from pmo_journal import cli

    arguments = list(sys.argv[1:] if argv is None else argv)
    args = cli.parse(arguments)
    if getattr(args, "command", None):
        return cli.run(arguments)
    # The storage layer first: once PySide6 is loaded, its import hook inspects every
    # module imported after it, which would slow down importing SQLAlchemy and the models.
    import pmo_journal.core.storage.db  # noqa: F401
    from pmo_journal.ui.application import run_gui

    return run_gui(args)
