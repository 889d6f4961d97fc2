"""An import and an export hold Python's cyclic garbage collector off while they build their
records (its cost grew with the journal), and always give it back as they found it:
after a good import, a refused one, a cancelled one, and around an export."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_journal.core.exchange import files
from pmo_journal.core.exchange.collector import collector_paused
from pmo_journal.core.exchange.json_export import build_document, export_json
from pmo_journal.core.exchange.json_import import (
    ImportCancelled,
    ImportRefused,
    import_json_bytes,
)
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import fill_every_table
from tests.journal_template import JournalTemplate


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Each test starts with the collector on, and leaves it on whatever it did."""
    gc.enable()
    yield
    gc.enable()


@pytest.fixture
def exported(journal: Journal) -> bytes:
    fill_every_table(journal)
    return json.dumps(build_document(journal, include_private=True)).encode()


def _empty(template: JournalTemplate, folder: Path, name: str) -> Journal:
    (folder / name).mkdir()
    return template.open(folder / name / "journal.db")


def test_the_collector_is_off_while_an_import_runs_and_on_again_after(
    exported: bytes, journal_template: JournalTemplate, tmp_path: Path
) -> None:
    seen: list[bool] = []
    with _empty(journal_template, tmp_path, "target") as target:
        import_json_bytes(target, exported, progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_refused_or_cancelled_import_gives_the_collector_back(
    exported: bytes, journal_template: JournalTemplate, tmp_path: Path
) -> None:
    document = json.loads(exported)
    document["skill_reflections"][0]["rating"] = "lots"
    with _empty(journal_template, tmp_path, "refused") as target:
        with pytest.raises(ImportRefused):
            import_json_bytes(target, json.dumps(document).encode())
        assert gc.isenabled()
        with pytest.raises(ImportRefused):
            import_json_bytes(target, b'{"format": "pmo-career-journal", "version": 2, ')
        assert gc.isenabled()
    with _empty(journal_template, tmp_path, "cancelled") as target:
        with pytest.raises(ImportCancelled):
            import_json_bytes(target, exported, cancelled=lambda: True)
        assert gc.isenabled()


def test_an_import_leaves_a_collector_that_was_off_off(
    exported: bytes, journal_template: JournalTemplate, tmp_path: Path
) -> None:
    gc.disable()
    with _empty(journal_template, tmp_path, "target") as target:
        import_json_bytes(target, exported)
    assert not gc.isenabled()


def test_the_collector_is_off_while_an_export_is_written(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_every_table(journal)
    seen: list[bool] = []
    write_document = files.write_document

    def watched(*args: object, **kwargs: object) -> None:
        seen.append(gc.isenabled())
        write_document(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "write_document", watched)
    export_json(journal, tmp_path / "export.json", include_private=True)
    assert seen == [False]
    assert gc.isenabled()
    assert json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))["people"]


def test_pauses_nest_and_overlap_across_threads() -> None:
    """The collector comes back on when the last of the overlapping blocks ends."""
    inner_started = threading.Event()
    outer_done = threading.Event()
    states: list[bool] = []

    def other_thread() -> None:
        with collector_paused():
            inner_started.set()
            outer_done.wait(5)
            states.append(gc.isenabled())
        states.append(gc.isenabled())

    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        thread = threading.Thread(target=other_thread)
        thread.start()
        assert inner_started.wait(5)
    assert not gc.isenabled()  # the other thread's block is still running
    outer_done.set()
    thread.join(5)
    assert states == [False, True]
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the block failed")
    assert gc.isenabled()


@pytest.mark.parametrize("pieces", [1, 3, files.WRITE_PIECES])
def test_the_export_is_written_in_pieces_with_the_text_of_one_json_dump(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pieces: int
) -> None:
    """Written piece by piece, the export is byte for byte the one ``json.dumps`` with an
    indent of 2 makes, the files' bytes streamed in as the last list."""
    fill_every_table(journal)  # evidence files included
    monkeypatch.setattr(files, "WRITE_PIECES", pieces)
    export_json(journal, tmp_path / "export.json", include_private=True)
    written = (tmp_path / "export.json").read_text(encoding="utf-8")
    document = json.loads(written)
    assert document["files"] and document["attachments"]
    assert written == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
