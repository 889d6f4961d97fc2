"""Real disks that refuse writes, for tests: a read-only folder and a full one.

A read-only folder is a chmod for an ordinary user; root writes through any mode, so for
root it is a small memory disk (tmpfs) mounted read-only. A full disk is such a memory
disk filled to its last byte. Where neither can be made the test is skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

DISK_SIZE = "2m"


def _mount(folder: Path, *options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join((f"size={DISK_SIZE}", *options)), "tmpfs", folder],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("no memory disk can be mounted here")


def _remount(folder: Path, option: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{option}", folder], check=True)


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """``folder`` on a small disk of its own for the block: a tmpfs for root; for anyone
    else a plain folder (which :func:`read_only` can still make read-only)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        yield folder
        return
    if shutil.which("mount") is None:
        pytest.skip("root, but no mount command to make a disk that refuses writes")
    _mount(folder)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", folder], check=False)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` can't be written to for the block."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    _remount(folder, "ro")
    try:
        yield
    finally:
        _remount(folder, "rw")


@contextlib.contextmanager
def full(folder: Path) -> Iterator[None]:
    """The disk of ``folder`` (a :func:`small_disk`) holds not one more byte for the block."""
    if not os.path.ismount(folder):
        pytest.skip("filling a disk needs a small disk of its own (root)")
    filler = folder / "filler"
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 4096)
    try:
        yield
    finally:
        filler.unlink(missing_ok=True)
