"""``prep-sheet --ask``: what the user wants from the session, printed on the one page,
and the holder's remembered name as the PDF's Author."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmo_journal.cli import run
from pmo_journal.core.services.holder import remember_holder
from pmo_journal.core.storage.db import Journal
from tests.privacy_journal import PRIVATE_MARKERS, fill_privacy_journal
from tests.report.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("planted") / "journal.db"
    with Journal.open(path) as journal:
        fill_privacy_journal(journal)
        remember_holder(journal, name="Alex Morgan", pmi_id="1234567")
    yield path


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_ask_is_printed_on_one_page(
    planted_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], paper: str
) -> None:
    out = tmp_path / "prep.pdf"
    ask = "Advice on the PMO analyst application"
    args = ["prep-sheet", "--db", str(planted_db), "--mentor", "okafor", "--out", str(out)]
    assert run([*args, "--paper", paper, "--ask", ask]) == 0
    assert f"Wrote {out} (1 page) for Sarah Okafor." in capsys.readouterr().out
    (text,) = page_texts(out)
    assert f"What I want from this session {ask}" in text
    assert not [marker for marker in PRIVATE_MARKERS if marker.casefold() in text.casefold()]
    info = PdfReader(out).metadata
    assert info is not None and info.author == "Alex Morgan"
    assert info.subject.startswith("Preparation for the next mentor session with Sarah Okafor")


def test_without_an_ask_the_sheet_leaves_lines_to_write_on(
    planted_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "prep.pdf"
    args = ["prep-sheet", "--db", str(planted_db), "--mentor", "okafor", "--out", str(out)]
    assert run(args) == 0
    (text,) = page_texts(out)
    assert "What I want from this session Action items still open" in text
