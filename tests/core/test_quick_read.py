"""The start-up's quick look into the file (``core.quick_read``): the dashboard's cards read
with sqlite3 alone are the service's cards, and every file it cannot vouch for (older
schema, encrypted, damaged, empty, a write-ahead log cut short) is left to the opening."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmo_journal.core import progress
from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.quick_read import quick_headline, quick_look
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.encryption import encrypt_journal
from tests.privacy_journal import PERIOD, fill_privacy_journal

TODAY = dt.date(2026, 6, 30)
PERIODS = [
    progress.last_months(12, today=TODAY),
    progress.last_months(6, today=TODAY),
    (None, TODAY),
    (dt.date(2024, 3, 5), dt.date(2025, 2, 11)),
]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, years=3, today=TODAY)
    return path


def _service(path: Path, **period: object) -> progress.HeadlineFigures:
    with Journal.open(path, auto_backup=False) as journal:
        return progress.headline_figures(journal, **period)  # type: ignore[arg-type]


@pytest.mark.parametrize("since, until", PERIODS)
@pytest.mark.parametrize("today", [TODAY, TODAY + dt.timedelta(days=45)])
def test_the_quick_cards_are_the_services_cards_on_the_demo_journal(
    demo_file: Path, since: dt.date | None, until: dt.date, today: dt.date
) -> None:
    quick = quick_headline(demo_file, since=since, until=until, today=today)
    assert quick is not None
    assert quick == _service(demo_file, since=since, until=until, today=today)
    # Something to compare: the demo's cards are not all zero.
    assert quick.sessions_in_range or since is not None
    assert quick.next_session is not None


@pytest.mark.parametrize("include_private", [True, False])
def test_private_entries_count_as_the_disclosure_rule_says(
    journal: Journal, include_private: bool
) -> None:
    fill_privacy_journal(journal)
    since, until = PERIOD
    today = until
    service = progress.headline_figures(
        journal, since=since, until=until, include_private=include_private, today=today
    )
    everything = progress.headline_figures(journal, since=since, until=until, today=today)
    journal.close()
    quick = quick_headline(
        journal.path, since=since, until=until, include_private=include_private, today=today
    )
    assert quick == service
    if not include_private:
        # The private sessions and items are really there, and left out.
        assert everything.sessions_in_range > service.sessions_in_range
        assert everything.open_action_items > service.open_action_items


def test_the_quick_look_never_writes(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    before = path.read_bytes()
    look = quick_look(path)
    assert look is not None
    assert look.headline(since=None, until=TODAY, today=TODAY) is not None
    look.close()
    assert path.read_bytes() == before
    # SQLite's read-only reader of a WAL journal may leave its (empty) log and index.
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with Journal.open(path, auto_backup=False) as journal:  # and the opening is content
        assert journal.recovery_problem is None


def test_a_missing_file_and_an_empty_journal_are_left_to_the_opening(
    journal_path: Path, tmp_path: Path
) -> None:
    assert quick_look(tmp_path / "nothing-here.db") is None
    assert quick_look(journal_path) is None  # nothing in it: the welcome page greets it


def test_an_older_schema_is_left_to_the_opening(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(demo_file, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.close()
    assert quick_look(path) is None


def test_an_older_journal_made_by_the_migrations_is_left_to_the_opening(tmp_path: Path) -> None:
    from tests.old_journals import earlier_revisions, journal_at_revision

    path = tmp_path / "old.db"
    journal_at_revision(path, earlier_revisions()[-1])
    assert quick_look(path) is None
    with Journal.open(path, auto_backup=False):  # the opening upgrades it
        pass
    assert quick_look(path) is not None


def test_an_encrypted_journal_is_left_to_the_opening(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    shutil.copyfile(demo_file, path)
    encrypt_journal(path, passphrase="correct horse battery staple")
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert quick_look(path) is None
    assert quick_headline(path, since=None, until=TODAY, today=TODAY) is None


@pytest.mark.parametrize("damage", ["header", "truncated", "pages", "zero"])
def test_a_damaged_file_is_left_to_the_opening(
    demo_file: Path, tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "damaged.db"
    shutil.copyfile(demo_file, path)
    data = bytearray(path.read_bytes())
    if damage == "header":
        data[:16] = b"not a journal!!!"
    elif damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "zero":
        data = bytearray()
    else:  # every page after the first overwritten: the tables' pages are garbage
        page = int.from_bytes(data[16:18], "big")
        data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))
    assert quick_headline(path, since=None, until=TODAY, today=TODAY) is None


def test_a_write_ahead_log_cut_short_is_left_to_the_opening(
    demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 20)
    assert quick_look(path) is None


def test_the_quick_look_imports_no_storage_layer(demo_file: Path) -> None:
    script = (
        "import sys, datetime as dt\n"
        "from pmo_journal.core.quick_read import quick_headline\n"
        f"figures = quick_headline({str(demo_file)!r}, since=None, until=dt.date(2026, 6, 30))\n"
        "assert figures is not None\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'pmo_journal.core.models', 'alembic', 'pydantic')\n"
        "print(*[name for name in heavy if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == [], result.stderr
