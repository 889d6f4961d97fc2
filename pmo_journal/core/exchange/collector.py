"""Python's cyclic garbage collector held off while an export or import builds its records.

An import of 100,000 entries holds about ten million live Python objects at once (the
parsed JSON, then one pydantic record per row), and an export as many. Every few
thousand new objects the collector runs, and its older generations walk all of the live
ones: the collection's cost grows with the journal, so the whole import grew faster than
its size (11.5× for 10× the entries). Almost none of these objects are in cycles, so
reference counting frees them anyway; with the collector paused for the duration, the
work is the same and its cost linear. The collector is switched back on at the end of
the block, failed or not, if it was on; blocks may nest and run on several threads.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while the block runs (see the module's docstring)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
