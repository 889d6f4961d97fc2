"""A lighter PySide6 import hook, put in place as PySide6 is first imported (the app's
start-up imports this module before anything else of its own)."""

from __future__ import annotations

import sys
import types

import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature, the hook lightened here)


def lighten_import_hook() -> None:
    """Once loaded, PySide6 looks at each module imported after it for the word "PySide6"
    (for its ``__feature__`` switching) through ``inspect.getsource``, which costs about a
    tenth of importing the module. The same test, reading the file: every module the app
    imports after the window's frame paints (sqlmodel, the tables) is imported that much
    faster."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: types.ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # built in, compiled or without a file: inspect finds no source
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010  (a private name)


lighten_import_hook()
