"""The one way the code finds the files shipped in ``resources/``."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def bundle_folder() -> Path | None:
    """The folder of the app bundle's data files when running frozen (packaging/), else None."""
    if not getattr(sys, "frozen", False):
        return None
    # PyInstaller puts the bundle's data files under sys._MEIPASS.
    return Path(getattr(sys, "_MEIPASS"))  # noqa: B009  (an attribute only a bundle has)


@cache
def resources_root() -> Traversable:
    """The resources folder: in the app bundle, the installed package or the source checkout."""
    bundle = bundle_folder()
    if bundle is not None:
        return bundle / "resources"
    # The installed package's folder, found without importlib.resources (a start-up cost)
    # when the package is plain files, as it is but in a zip.
    installed = Path(__file__).resolve().parents[1] / "resources"
    if installed.is_dir():
        return installed
    # In a source checkout (editable install) the folder sits beside the package.
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if (checkout / "icon.svg").is_file():
        return checkout
    from importlib import resources

    packaged = resources.files("pmo_journal") / "resources"
    if packaged.is_dir():
        return packaged
    return checkout


def resource(name: str) -> Traversable:
    """A shipped file by its path inside ``resources/`` (e.g. ``"skills.json"``)."""
    return resources_root().joinpath(*name.split("/"))


def read_json(name: str) -> Any:
    import json

    return json.loads(resource(name).read_text(encoding="utf-8"))


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")
