"""A journal file named with "?", "#" or "%41" is that file, not one cut off at the "?"."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmo_journal import cli


@pytest.mark.parametrize("name", ["q?x.db", "a%41b.db", "h#x.db", "sp ace&=.db"])
def test_demo_and_check_use_the_file_named(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    assert cli.run(["demo", "--db", str(path), "--years", "1"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [name]
    assert cli.run(["check", "--db", str(path)]) == 0
    assert "ok" in capsys.readouterr().out
