"""PMO Career Journal: an offline career journal for project professionals."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up on first use, not at import: reading package metadata costs start-up time.
    if name == "__version__":
        from pmo_journal.version import app_version

        return app_version()
    raise AttributeError(f"module 'pmo_journal' has no attribute {name!r}")
