"""Words and numbers for the prep sheet and the PDU audit pack: figures with thousands
separators and quarter-hours as entered, dates in sentences, and the PDF's metadata."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice

from pmo_journal.report.compose import long_date
from pmo_journal.report.options import Paper
from pmo_journal.report.output import check_output_path
from pmo_journal.report.render import write_pdf_atomically


def figure(value: float) -> str:
    """A count or an amount of hours as entered: 1,234 · 4.25 · 0.5 (never rounded to 4.2)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pdus_text(value: float) -> str:
    """1 PDU · 2.5 PDUs · 1,250 PDUs."""
    return f"{figure(value)} PDU" + ("" if value == 1 else "s")


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def in_words(day: dt.date | None) -> str:
    """A date as a sentence prints it: 27 January 2027."""
    return long_date(day) if day else ""


# --------------------------------------------------------------------------- PDF metadata


def _pdf_string(text: str) -> bytes:
    """A PDF text string in UTF-16 with a byte-order mark, written in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


_TRAILER = re.compile(
    rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s*(?P<start>\d+)\s*%%EOF\s*$", re.S
)
_INFO = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+0\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_ID = re.compile(rb"/ID\s*\[[^\]]*\]")


def _old_info(data: bytes, number: int) -> bytes:
    """The entries of the Info dictionary the writer made, less the ones set again here."""
    found = re.search(rb"\n%d 0 obj\s*<<(?P<body>.*?)\n>>\s*endobj" % number, data, re.S)
    if found is None:
        return b""
    keep = []
    for line in found.group("body").split(b"\n"):
        if line.startswith((b"/CreationDate", b"/ModDate", b"/Creator", b"/Producer")):
            keep.append(line)
    return b"\n".join(keep)


def add_pdf_info(path: Path, *, title: str, author: str, subject: str) -> None:
    """Give the PDF at ``path`` its Title, Author and Subject: an incremental update, so the
    writer's own objects are untouched (Qt's writer has no Subject of its own)."""
    data = path.read_bytes()
    trailer = _TRAILER.search(data)
    if trailer is None:
        raise ValueError(f"{path.name} has no classic trailer to extend.")
    body, start = trailer.group("body"), int(trailer.group("start"))
    root, size = _ROOT.search(body), _SIZE.search(body)
    if root is None or size is None:
        raise ValueError(f"{path.name} has an unexpected trailer.")
    info = _INFO.search(body)
    number = int(size.group(1))
    entries = [
        b"/Title " + _pdf_string(title),
        b"/Author " + _pdf_string(author),
        b"/Subject " + _pdf_string(subject),
    ]
    old = _old_info(data, int(info.group(1))) if info else b""
    obj = b"%d 0 obj\n<<\n%s\n%s\n>>\nendobj\n" % (number, b"\n".join(entries), old)
    prefix = data if data.endswith(b"\n") else data + b"\n"
    offset = len(prefix)
    ids = _ID.search(body)
    xref_at = offset + len(obj)
    update = (
        obj
        + b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, offset)
        + b"trailer\n<<\n/Size %d\n/Info %d 0 R\n/Root %s 0 R\n/Prev %d\n%s\n>>\n"
        % (number + 1, number, root.group(1), start, ids.group(0) if ids else b"")
        + b"startxref\n%d\n%%%%EOF\n" % xref_at
    )
    path.write_bytes(prefix + update)


def write_pdf(
    path: Path,
    paint: Callable[[QPagedPaintDevice], int],
    *,
    paper: Paper,
    title: str,
    author: str,
    subject: str,
) -> int:
    """Paint a PDF with its Title, Author and Subject at ``path``, all or nothing; returns
    the page count."""
    target = check_output_path(path)
    staging = target.with_name(f".{target.stem}-{os.getpid()}.staging.pdf")
    try:
        pages = write_pdf_atomically(staging, paint, paper=paper, title=title)
        add_pdf_info(staging, title=title, author=author, subject=subject)
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise
    return pages
