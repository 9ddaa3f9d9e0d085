"""The PostgreSQL recorder that writes each save's chain links in the save's own transaction
(see chained_recorders.py). Creating the tables on open waits for another session's lock no
longer than the store's lock timeout."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Identifier

from kamledger.service.trust.chain import chain
from kamledger.service.trust.chained_recorders import HEAD, ChainedSaves


class ChainedPostgresRecorder(ChainedSaves, PostgresApplicationRecorder):
    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if self.chaining and ids:
            curs.execute(HEAD)
            head = curs.fetchone()
            head = head and (head["notification_id"], head["hash"])
            rows = self._links(head, stored_events, ids, lambda after, before: self._unchained(curs, after, before))
            curs.executemany(f"INSERT INTO {chain.name} (notification_id, hash) VALUES (%s, %s)", rows)
        return ids

    def _unchained(self, curs: Any, after: int, before: int) -> list[Notification]:
        curs.execute(SQL("SELECT notification_id, originator_id, originator_version, topic, state FROM {0}.{1} "
                         "WHERE notification_id > %s AND notification_id < %s ORDER BY notification_id").format(
                             Identifier(self.datastore.schema), Identifier(self.events_table_name)), (after, before))
        return [Notification(id=row["notification_id"], originator_id=row["originator_id"], originator_version=row["originator_version"],
                             topic=row["topic"], state=bytes(row["state"])) for row in curs.fetchall()]

    def _create_table(self, curs: Any) -> None:
        """Create what is missing, waiting for another session's lock no longer than the lock timeout."""
        curs.execute(SQL("SET LOCAL lock_timeout = '{0}s'").format(self.datastore.lock_timeout))
        super()._create_table(curs)
