"""Timing for the benchmarks: actions run interleaved, compared as ratios of medians.

Absolute times wander on a shared machine; running the two sides in alternation and
dividing their medians (of CPU time, which other programs disturb less) does not.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from large_journal import build_large_journal, cached_path

from pmo_journal.core.storage.db import Journal


def large_journal(entries: int, *, rebuild: bool = False) -> Path:
    """The cached generated journal of ``entries`` entries, built on first use."""
    path = cached_path(f"large-{entries}.db")
    if rebuild or not path.exists():
        print(f"building a {entries:,}-entry journal in {path.parent.name}/ …", flush=True)
        build_large_journal(path, entries=entries)
    else:
        Journal.open(path, auto_backup=False).close()  # brings an older cache to the schema
    return path


def medians(actions: dict[Any, Callable[[], object]], *, runs: int) -> dict[Any, float]:
    """Median CPU seconds of each action, run in alternation after one warm-up each."""
    for action in actions.values():
        action()
    times: dict[Any, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.process_time()
            action()
            times[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def verdict(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}× (goal ≤ {goal}×: {'met' if ratio <= goal else 'MISSED'})"
