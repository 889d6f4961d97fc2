"""PyInstaller runtime hook (Windows): a windowed executable that still prints.

The bundle is built with ``console=False`` so a double-click opens no console window; then
Windows gives the process no standard streams (``sys.stdout`` is None). Started from a
console (cmd, PowerShell), the process attaches to that console and prints there; started
from Explorer, whatever it prints goes to ``pmo-journal.log`` in the user's log folder.
"""

import ctypes
import os
import sys

ATTACH_PARENT_PROCESS = -1


def _attach_parent_console() -> bool:
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    return bool(kernel32.AttachConsole(ATTACH_PARENT_PROCESS))


def _log_file():
    folder = os.path.join(
        os.environ.get("LOCALAPPDATA") or os.path.expanduser("~"),
        "PMO Career Journal",
        "Logs",
    )
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "pmo-journal.log")
    return open(path, "a", encoding="utf-8", buffering=1)


# The streams stay open for the life of the process, hence no `with`.
if sys.stdout is None or sys.stderr is None:
    if _attach_parent_console():
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        if sys.stdin is None:
            sys.stdin = open("CONIN$", encoding="utf-8")  # noqa: SIM115
    else:
        sys.stdout = sys.stderr = _log_file()
