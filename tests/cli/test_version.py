"""``pmo-journal --version`` names the app's version from pyproject, SQLite's and Qt's."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtCore import qVersion

ROOT = Path(__file__).resolve().parents[2]


def test_version_names_the_app_sqlite_and_qt() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    line = result.stdout.strip()
    assert line.startswith(f"pmo-journal {project['version']} (")
    assert f"SQLite {sqlite3.sqlite_version}" in line
    assert f"Qt {qVersion()}" in line
    assert result.stderr == ""
