"""``python -m pmo_journal`` runs the app."""

import sys

from pmo_journal.app import main

sys.exit(main())
