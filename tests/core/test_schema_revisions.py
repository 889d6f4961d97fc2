"""The schema revisions read from the migration files are the ones Alembic sees."""

from __future__ import annotations

import subprocess
import sys

from alembic.config import Config
from alembic.script import ScriptDirectory

from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.revisions import MIGRATIONS, head_revision, schema_revisions


def alembic_scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_head_and_history_match_alembic() -> None:
    scripts = alembic_scripts()
    assert head_revision() == scripts.get_current_head()
    assert schema_revisions() == {
        script.revision: script.down_revision for script in scripts.walk_revisions()
    }


def test_opening_a_current_journal_does_not_import_alembic(journal: Journal) -> None:
    # Alembic is a large import; a journal that needs no upgrade must not pay for it.
    journal.close()
    probe = (
        "import sys\n"
        "from pmo_journal.core.storage.db import Journal\n"
        f"Journal.open({str(journal.path)!r}).close()\n"
        "print(sorted(name for name in sys.modules if name.startswith('alembic')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
