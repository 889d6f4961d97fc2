"""Full-text search at 100,000 entries: a page costs the same whatever the number of hits.

Side by side, interleaved, median CPU time of:
- ours: what the journal screen asks for a search, a page of 200 whole entries newest
  first and its count (``timeline_page``), on a connection of its own;
- by hand: one SQL statement that a developer would write for the same page, on an open
  connection: every hit joined to its entry, sorted by date, the first 200 with the
  count of all of them (``count(*) OVER ()``).

Goals: ours ≤ 1× by hand; ours for a search with ~11k hits ≤ 2× one with few hits.

    uv run python benchmarks/search.py [--entries 100000] [--runs 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from side_by_side import large_journal, medians, verdict

from pmo_journal.core.services.timeline import (
    TimelineFilter,
    fts_query,
    timeline_page,
)
from pmo_journal.core.storage.db import Journal

PAGE = 200
BY_HAND_GOAL, HITS_GOAL = 1.0, 2.0
# Searches with few and with many hits in the generated journal (its texts repeat, so
# hit counts come in steps; the fewest any word has at 100,000 entries is about 750).
FEW, MANY = "agile", "board"
MASK = (1 << 40) - 1
BY_HAND = f"""
SELECT *, count(*) OVER () FROM (
  SELECT 0 AS code, t.id, t.uuid, t.date AS day, 'Session with ' || COALESCE(p.name, '?'),
    substr(CASE WHEN t.takeaways != '' THEN t.takeaways ELSE t.topics END, 1, 160),
    COALESCE(p.name, ''),
    (SELECT group_concat(s.name, ', ') FROM mentorsessionskilllink l
       JOIN skill s ON s.id = l.skill_id WHERE l.session_id = t.id),
    t.starred, t.private, NULL
  FROM entry_fts f JOIN mentorsession t ON t.id = f.rowid & {MASK}
  LEFT JOIN person p ON p.id = t.mentor_id
  WHERE entry_fts MATCH :match AND (f.rowid >> 40) & 3 = 0 AND t.deleted_at IS NULL
  UNION ALL
  SELECT 1, t.id, t.uuid, t.start_date, t.title, substr(t.outcome, 1, 160),
    COALESCE(p.name, ''),
    (SELECT group_concat(s.name, ', ') FROM helperassignmentskilllink l
       JOIN skill s ON s.id = l.skill_id WHERE l.assignment_id = t.id),
    t.starred, t.private, NULL
  FROM entry_fts f JOIN helperassignment t ON t.id = f.rowid & {MASK}
  LEFT JOIN person p ON p.id = t.leader_id
  WHERE entry_fts MATCH :match AND (f.rowid >> 40) & 3 = 1 AND t.deleted_at IS NULL
  UNION ALL
  SELECT 2, t.id, t.uuid, t.date, s.name || ' reflection',
    substr(CASE WHEN t.result != '' THEN t.result ELSE t.situation END, 1, 160),
    '', s.name, t.starred, t.private, t.rating
  FROM entry_fts f JOIN skillreflection t ON t.id = f.rowid & {MASK}
  JOIN skill s ON s.id = t.skill_id
  WHERE entry_fts MATCH :match AND (f.rowid >> 40) & 3 = 2 AND t.deleted_at IS NULL
)
ORDER BY day DESC, code DESC, id DESC LIMIT {PAGE}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = large_journal(args.entries, rebuild=args.rebuild)
    raw = sqlite3.connect(path)
    actions = {}
    hits = {}
    with Journal.open(path, auto_backup=False) as journal:
        for word in (FEW, MANY):
            flt = TimelineFilter(text=word)
            match = {"match": fts_query(word)}

            def ours(flt: TimelineFilter = flt) -> object:
                return timeline_page(journal, flt, limit=PAGE)

            def by_hand(match: dict[str, str] = match) -> object:
                return raw.execute(BY_HAND, match).fetchall()

            page = by_hand()
            hits[word] = page[0][-1]
            assert [(e.id, e.date.isoformat()) for e in ours().entries] == [
                (row[1], row[3]) for row in page
            ], "the same page both ways"
            actions[f"ours, {word}"] = ours
            actions[f"by hand, {word}"] = by_hand
        times = medians(actions, runs=args.runs)
    raw.close()
    print(f"\n{args.entries:,}-entry journal, median CPU of {args.runs} interleaved runs")
    for word in (FEW, MANY):
        print(f"\n{word!r}: {hits[word]:,} hits")
        for side in ("ours", "by hand"):
            print(f"  {side:<10}{times[f'{side}, {word}'] * 1000:>8.2f} ms")
    print()
    for word in (FEW, MANY):
        ratio = times[f"ours, {word}"] / times[f"by hand, {word}"]
        print(f"ours vs by hand, {hits[word]:,} hits: {verdict(ratio, BY_HAND_GOAL)}")
    growth = times[f"ours, {MANY}"] / times[f"ours, {FEW}"]
    print(f"ours, {hits[MANY]:,} hits vs {hits[FEW]:,} hits: {verdict(growth, HITS_GOAL)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
