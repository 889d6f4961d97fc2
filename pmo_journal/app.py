"""Wiring: parses the command line, then either runs a headless command or the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def gui_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The GUI's options (``--db PATH``, ``--quit-after-load``) when they are all the command
    line holds, else ``None``: anything more (a command, ``--help``, ``--version``, a
    mistake) goes to the full parser, which knows every command.

    Building the parser of all the commands costs more than the rest of the parsing, and a
    GUI start needs none of it.
    """
    db: str | None = None
    quit_after_load = False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--quit-after-load":
            quit_after_load = True
        elif word == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif word.startswith("--db="):
            db = word.removeprefix("--db=")
        else:
            return None
    return argparse.Namespace(db=db, quit_after_load=quit_after_load, command=None)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = gui_options(arguments)
    if args is None:
        from pmo_journal import cli

        args = cli.parse(arguments)
        if getattr(args, "command", None):
            return cli.run(arguments)
    from pmo_journal.ui.application import run_gui

    return run_gui(args)
