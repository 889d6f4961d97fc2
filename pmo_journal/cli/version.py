"""``--version``: what a user quotes in a bug report, the app's, SQLite's and Qt's versions."""

from __future__ import annotations

from pmo_journal.version import DISTRIBUTION, app_version


def _sqlcipher_version() -> str | None:
    try:
        import sqlcipher3
    except ImportError:
        return None
    connection = sqlcipher3.connect(":memory:")
    try:
        (found,) = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return str(found)


def versions_line() -> str:
    """``pmo-journal 0.1.0 (SQLite 3.51.1, SQLCipher 4.12.0 community, Qt 6.12.0)``."""
    import sqlite3

    from PySide6.QtCore import qVersion

    cipher = _sqlcipher_version()
    parts = [
        f"SQLite {sqlite3.sqlite_version}",
        f"SQLCipher {cipher}" if cipher else "no SQLCipher (encryption unavailable)",
        f"Qt {qVersion()}",
    ]
    return f"{DISTRIBUTION} {app_version()} ({', '.join(parts)})"
