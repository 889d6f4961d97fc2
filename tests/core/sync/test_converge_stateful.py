"""Random edits, deletes, undos and sync rounds on three laptops: all converge, nothing is lost.

After any history, every laptop holds the same journal once each has synced twice, and
every value a laptop wrote after its last round (which no other laptop could have seen,
so no one overwrote it knowingly) is still there: as the value, or kept as a conflict.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from pmo_journal.core.exchange.json_export import build_document, exported_at_removed
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import mentor_sessions, people, timeline
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import sync_round
from tests.core.sync.laptops import join, open_laptop, state_of, sync_all

FIELDS = ("topics", "takeaways")
words = st.text(alphabet="abcdefgh ", min_size=1, max_size=6).map(str.strip).filter(bool)


class ThreeLaptops(RuleBasedStateMachine):
    @initialize()
    def open_laptops(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sync-laptops-"))
        shared = self.folder / "shared"
        shared.mkdir()
        self.laptops: list[Journal] = []
        for n in range(3):
            journal = open_laptop(self.folder, f"laptop{n}")
            join(journal, shared, f"Laptop {n}")
            self.laptops.append(journal)
        mentor = people.create_person(
            self.laptops[0], data={"name": "Ada Mentor", "relationship": "mentor"}
        )
        self.mentor_uuid = mentor.uuid
        sync_all(*self.laptops)
        # (laptop, session uuid, field) -> value written since that laptop's last round
        self.unsynced: dict[tuple[int, str, str], str] = {}
        self.deleted: dict[int, list[int]] = {0: [], 1: [], 2: []}

    def teardown(self) -> None:
        for journal in getattr(self, "laptops", []):
            journal.close()
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder, ignore_errors=True)

    def _live(self, n: int) -> list[mentor_sessions.MentorSessionRead]:
        return mentor_sessions.list_mentor_sessions(self.laptops[n])

    @rule(n=st.integers(0, 2), topics=words)
    def add(self, n: int, topics: str) -> None:
        journal = self.laptops[n]
        [mentor] = [p for p in people.list_people(journal) if p.uuid == self.mentor_uuid]
        entry = mentor_sessions.log_mentor_session(
            journal, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": topics}
        )
        self.unsynced[(n, entry.uuid, "topics")] = topics

    @rule(n=st.integers(0, 2), pick=st.integers(0, 50), field=st.sampled_from(FIELDS), text=words)
    def edit(self, n: int, pick: int, field: str, text: str) -> None:
        live = self._live(n)
        if not live:
            return
        entry = live[pick % len(live)]
        mentor_sessions.update_mentor_session(
            self.laptops[n], entry.id, data={**entry.model_dump(), field: text}
        )
        self.unsynced[(n, entry.uuid, field)] = text

    @rule(n=st.integers(0, 2), pick=st.integers(0, 50))
    def delete(self, n: int, pick: int) -> None:
        live = self._live(n)
        if not live:
            return
        entry = live[pick % len(live)]
        timeline.delete_entry(self.laptops[n], EntryKind.MENTOR_SESSION, entry.id)
        self.deleted[n].append(entry.id)
        for key in [k for k in self.unsynced if k[0] == n and k[1] == entry.uuid]:
            del self.unsynced[key]

    @precondition(lambda self: any(self.deleted.values()))
    @rule(n=st.integers(0, 2))
    def undo(self, n: int) -> None:
        if not self.deleted[n]:
            return
        timeline.restore_entry(self.laptops[n], EntryKind.MENTOR_SESSION, self.deleted[n].pop())

    @rule(n=st.integers(0, 2))
    def sync(self, n: int) -> None:
        sync_round(self.laptops[n])
        for key in [k for k in self.unsynced if k[0] == n]:
            del self.unsynced[key]

    def check_converged(self) -> None:
        sync_all(*self.laptops)
        states = [state_of(journal) for journal in self.laptops]
        assert states[0] == states[1] == states[2]
        exports = [
            exported_at_removed(build_document(journal, include_private=True))
            for journal in self.laptops
        ]
        assert exports[0] == exports[1] == exports[2]
        conflicts = []
        for journal in self.laptops:
            connection = journal.engine.raw_connection()
            try:
                conflicts.append(
                    sorted(connection.execute("SELECT * FROM sync_conflict").fetchall())
                )
                values = {
                    (str(u), name): {value}
                    for u, fields in connection.execute("SELECT uuid, fields FROM sync_merged")
                    for name, value in json.loads(fields).items()
                }
                for u, f, kept, lost in connection.execute(
                    "SELECT uuid, field, kept_value, lost_value FROM sync_conflict"
                ):
                    values.setdefault((str(u), str(f)), set()).update(
                        {json.loads(kept), json.loads(lost)}
                    )
            finally:
                connection.close()
            for (_n, record, field), value in self.unsynced.items():
                assert value in values.get((record, field), set()), (record, field, value)
        assert conflicts[0] == conflicts[1] == conflicts[2]


class ThreeLaptopsConverge(ThreeLaptops):
    def teardown(self) -> None:
        if hasattr(self, "laptops"):
            self.check_converged()
        super().teardown()


ThreeLaptopsConverge.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_three_laptops_converge = ThreeLaptopsConverge.TestCase
