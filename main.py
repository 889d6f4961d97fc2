"""Run PMO Career Journal: ``uv run main.py`` (same as the ``pmo-journal`` command)."""

import sys

from pmo_journal.app import main

if __name__ == "__main__":
    sys.exit(main())
