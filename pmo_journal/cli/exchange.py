"""``export`` and ``import``: the journal to JSON, CSV or Markdown, and other journals into it."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmo_journal.cli.arguments import Add, db_path
from pmo_journal.cli.opening import open_journal


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    from pmo_journal.core.services.exchange import export_journal

    with open_journal(db_path(args)) as journal:
        what = export_journal(
            journal,
            format=args.format,
            target=out,
            include_private=args.include_private,
            overwrite=args.force,
        ).value
        from pmo_journal.core.disclosure import DisclosureChoice, left_out

        said = left_out(journal, DisclosureChoice(include_private=args.include_private)).sentence()
    print(f"Exported {what} to {out}. {said}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pmo_journal.core.services.exchange import import_file, read_import
    from pmo_journal.core.storage.journal_lock import exclusive_use

    source = Path(args.file).expanduser()
    parsed = read_import(source, format=args.format)  # a bad file is refused before opening
    path = db_path(args)
    new = not path.exists()
    with exclusive_use(path, command="import"):
        try:
            with open_journal(path, create=new) as journal:
                summary = import_file(journal, source, parsed=parsed).value
        except BaseException:
            if new:  # a refused import into a new journal leaves no empty journal behind
                for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
            raise
    print(f"Imported {source.name}: {summary.describe()}.")
    for line in summary.not_imported:
        print(f"  not imported: {line}")
    return 0


def register(add: Add) -> None:
    """Add ``export`` and ``import`` to the parser."""
    sub = add("export", cmd_export, "export the journal as JSON, CSV files or Markdown")
    sub.add_argument("--format", choices=("json", "csv", "markdown"), required=True)
    sub.add_argument("--out", metavar="PATH", required=True, help="file (a folder for csv)")
    sub.add_argument("--include-private", action="store_true", help="include private entries")
    sub.add_argument("--force", action="store_true", help="replace existing export files")
    sub = add("import", cmd_import, "merge an export (ours, jrnl or Day One) into the journal")
    sub.add_argument("file", metavar="FILE", help="the JSON file to import")
    sub.add_argument(
        "--format", choices=("json", "jrnl", "dayone"), help="default: recognised from the file"
    )
