"""The front-ends only call use cases: no unit of work, engine or Session in ui/ or cli/.

A use case in ``core/services`` opens its own transaction; sync will write its operations
in that same transaction, so a write that bypasses one would never reach the other laptop.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "pmo_journal"
FORBIDDEN_ATTRIBUTES = {"unit_of_work", "engine", "session"}
FORBIDDEN_NAMES = {"Session", "sessionmaker", "create_engine"}


def offences(source: str) -> list[str]:
    """Each use of a transaction, an engine or a Session in ``source``, by line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = {alias.name.split(".")[-1] for alias in node.names}
            if names & FORBIDDEN_NAMES:
                found.append(f"{node.lineno}: imports {sorted(names & FORBIDDEN_NAMES)}")
    return found


def test_the_scan_finds_what_it_forbids() -> None:
    assert offences("with journal.unit_of_work():\n    pass") == ["1: .unit_of_work"]
    assert offences("journal.engine.dispose()") == ["1: .engine"]
    assert offences("from sqlmodel import Session") == ["1: imports ['Session']"]
    assert offences("with journal.session() as s:\n    pass") == ["1: .session"]
    assert offences("entries.save_mentor_session(journal, entry_id=None, data={})") == []


def test_ui_and_cli_never_open_a_transaction_or_touch_the_engine() -> None:
    found = {
        str(path.relative_to(ROOT)): problems
        for front in ("ui", "cli")
        for path in sorted((ROOT / front).rglob("*.py"))
        if (problems := offences(path.read_text(encoding="utf-8")))
    }
    assert found == {}
