"""The schema's revisions: the Alembic scripts in ``migrations/``, their order and the head."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\b[^=\n]*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE
)


def alembic_config(connection: Any | None = None) -> Config:
    """Alembic's configuration for our scripts, running on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def schema_revisions() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the migration files.

    Alembic itself is imported only when a journal needs upgrading: it is a large import,
    and it would otherwise be paid at every start.
    """
    revisions: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        found = dict(
            (name, value or None)
            for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8"))
        )
        revisions[str(found["revision"])] = found.get("down_revision")
    return revisions


def head_revision() -> str:
    """The newest schema revision: the one no other migration follows."""
    revisions = schema_revisions()
    heads = set(revisions) - set(revisions.values())
    assert len(heads) == 1, f"the migrations must form one line, not {sorted(heads)}"
    return heads.pop()
