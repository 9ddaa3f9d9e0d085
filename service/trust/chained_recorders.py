"""The event store's recorders, writing each save's chain links in the save's own transaction.

The library's native SQLite and PostgreSQL application recorders, extended: once the events of a
save are inserted (their notification ids known, the table's write lock held), the links that
chain them — and any events a writer without links left unchained before them — are inserted on
the same cursor, so the events and their links are committed together or not at all. The store
names these classes in APPLICATION_RECORDER_TOPIC (service/infrastructure/store.py); the Ledger turns chaining on
once the chain's table exists (``chain_saves``). The PostgreSQL one is in chained_postgres.py, so
that a SQLite ledger never imports psycopg.
"""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

from kamledger.service.trust.chain import GENESIS, chain, link_rows

HEAD = f"SELECT notification_id, hash FROM {chain.name} ORDER BY notification_id DESC LIMIT 1"


class ChainedSaves:
    """What both recorders share: whether to chain, and under which key."""

    chaining = False
    chain_key: bytes | None = None

    def chain_saves(self, key: bytes | None) -> None:
        self.chaining, self.chain_key = True, key

    def _links(self, head: Any, saved: Sequence[StoredEvent], ids: Sequence[int], unchained) -> list[tuple]:
        position, previous = (head[0], bytes(head[1]).hex()) if head else (0, GENESIS)
        events = [] if ids[0] == position + 1 else unchained(position, ids[0])
        events += [Notification(id=i, originator_id=s.originator_id, originator_version=s.originator_version,
                                topic=s.topic, state=s.state) for i, s in zip(ids, saved)]
        rows = link_rows(previous, events, self.chain_key)
        return [(r["notification_id"], r["hash"]) for r in rows]


class ChainedSQLiteRecorder(ChainedSaves, SQLiteApplicationRecorder):
    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if self.chaining and ids:
            c.execute(HEAD)
            rows = self._links(c.fetchone(), stored_events, ids, lambda after, before: self._unchained(c, after, before))
            c.executemany(f"INSERT INTO {chain.name} (notification_id, hash) VALUES (?, ?)", rows)
        return ids

    def _unchained(self, c: Any, after: int, before: int) -> list[Notification]:
        c.execute(f"SELECT rowid, originator_id, originator_version, topic, state FROM {self.events_table_name} "
                  "WHERE rowid > ? AND rowid < ? ORDER BY rowid", (after, before))
        return [Notification(id=row[0], originator_id=self.convert_originator_id(row[1]), originator_version=row[2],
                             topic=row[3], state=row[4]) for row in c.fetchall()]
