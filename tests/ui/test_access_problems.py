"""A read-only folder and a full disk are told as such — by the core, shown as they are by
the app and the commands — never as damage, a bad file or "open in another window"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.cli import parse
from pmo_journal.core.services import people
from pmo_journal.core.storage.access import JournalNotWritable, access_problem
from pmo_journal.core.storage.backup import backup_journal
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.application import run_gui
from tests.disks import full, read_only, small_disk
from tests.journal_template import JournalTemplate


@pytest.fixture
def on_small_disk(tmp_path: Path) -> Iterator[Path]:
    """A journal with one person and one backup, alone on a small disk."""
    with small_disk(tmp_path / "disk") as folder:
        path = JournalTemplate.shared().copy_to(folder / "journal.db")
        journal = Journal.open(path, auto_backup=False)
        people.create_person(journal, data={"name": "Ada"})
        journal.close()
        backup_journal(path)
        yield path


def _refused_everywhere(path: Path, export: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The sentence the core gives, which opening, ``import`` and the app all show as it is."""
    said = access_problem(path)
    assert said is not None
    before = path.read_bytes()
    with pytest.raises(JournalNotWritable) as caught:
        Journal.open(path)
    assert str(caught.value) == f"{said}."
    for command in (["import", str(export)], ["restore", str(next(path.parent.glob("backups/*")))]):
        assert cli.run([*command, "--db", str(path)]) == 1
        assert capsys.readouterr().err == f"pmo-journal: {said}.\n", command
    assert run_gui(parse(["--db", str(path), "--quit-after-load"])) == 1
    assert capsys.readouterr().err == f"pmo-journal: {said}.\n"
    assert path.read_bytes() == before
    return said


def test_a_read_only_folder_is_told_as_such(
    qapp, on_small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    assert (
        cli.run(["export", "--db", str(on_small_disk), "--format", "json", "--out", str(export)])
        == 0
    )
    with read_only(on_small_disk.parent):
        said = _refused_everywhere(on_small_disk, export, capsys)
    assert said.startswith(f"The folder {on_small_disk.parent} is read-only")
    assert "damaged" not in said and "another" not in said
    assert access_problem(on_small_disk) is None
    assert [p.name for p in people.list_people(Journal.open(on_small_disk))] == ["Ada"]


def test_a_full_disk_is_told_as_such(
    qapp, on_small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    assert (
        cli.run(["export", "--db", str(on_small_disk), "--format", "json", "--out", str(export)])
        == 0
    )
    with full(on_small_disk.parent):
        said = _refused_everywhere(on_small_disk, export, capsys)
    assert said.startswith("The disk that holds journal.db is full")
    assert not list(on_small_disk.parent.glob("*.probe-*"))
    assert not list(on_small_disk.parent.glob("*.damaged-*"))
