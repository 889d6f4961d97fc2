"""The app's version: from pyproject through the package metadata, or baked into a bundle."""

from __future__ import annotations

from pmo_journal.core.resources import bundle_folder

DISTRIBUTION = "pmo-journal"


def app_version() -> str:
    """The app's version: the installed package's metadata, or what the bundle's build baked in."""
    bundle = bundle_folder()
    if bundle is not None:
        # A bundle carries no package metadata; its build wrote pyproject's version there.
        return (bundle / "VERSION").read_text(encoding="utf-8").strip()
    from importlib.metadata import version

    return version(DISTRIBUTION)
