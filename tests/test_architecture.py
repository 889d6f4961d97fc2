"""The walls between core, report and ui hold, and the code is linted."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the test environment"
    return found


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "pmo_journal", "tests", "benchmarks", "main.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_resources_are_found_through_one_function() -> None:
    from pmo_journal.core.resources import read_json, resources_root

    assert resources_root().joinpath("skills.json").is_file()
    assert len(read_json("skills.json")["skills"]) == 4


def test_core_never_imports_pyplot_or_a_qt_backend_of_matplotlib() -> None:
    # import-linter cannot forbid a submodule of an external package, so read the imports.
    forbidden = re.compile(
        r"^\s*(from\s+matplotlib(\.backends)?\s+import\s+.*(pyplot|backend_qt)"
        r"|import\s+matplotlib\.(pyplot|backends\.backend_qt)"
        r"|from\s+matplotlib\.(pyplot|backends\.backend_qt))",
        re.MULTILINE,
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "pmo_journal" / "core").rglob("*.py")
        if forbidden.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert forbidden.search("    from matplotlib.backends.backend_qtagg import FigureCanvas")
    assert forbidden.search("import matplotlib.pyplot as plt")


def test_report_lays_out_documents_without_widgets() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "pmo_journal" / "report").rglob("*.py")
        if "QtWidgets" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
