"""Where a client's events lie in the log, from the index the event store keeps anyway.

The timeline (kam_timeline) is keyed by its events' notification ids. A client's rows are found
through the library's own index on its events table (originator id, version), which holds each
event's notification id (SQLite's row id) or leads to it (PostgreSQL), rather than through an
index of the timeline's own by client: that one took 26 MB of the bench ledger's 987, and time in
every catch-up. The library's recorder offers no such select, so it is made here, in SQL, for its
native SQLite and PostgreSQL recorders (their events table lies in the read models' database);
for any other recorder there is none, and the read models keep their own index by client.
"""

import sys
from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from sqlalchemy import Select, column, select, table

# The notification ids of one originator's events, as a select to use inside a query.
PositionsOf = Callable[[UUID | str], Select[Any]]


def positions_in_log(recorder: ApplicationRecorder) -> PositionsOf | None:
    """How to select the notification ids of an originator's events, or None where the recorder is
    not one whose table this knows."""
    if isinstance(recorder, SQLiteApplicationRecorder):  # an id as 32 hex digits; the row id is the notification id
        sqlite = table(recorder.events_table_name, column("rowid"), column("originator_id"))
        return lambda originator_id: select(sqlite.c.rowid).where(sqlite.c.originator_id == _uuid(originator_id).hex)
    if is_postgres(recorder):
        postgres = table(recorder.events_table_name, column("notification_id"), column("originator_id"),  # type: ignore[attr-defined]
                         schema=recorder.datastore.schema)  # type: ignore[attr-defined]
        return lambda originator_id: select(postgres.c.notification_id).where(postgres.c.originator_id == _uuid(originator_id))
    return None


def is_postgres(recorder: Any) -> bool:
    """The library's native PostgreSQL recorder, or one based on it (eventsourcing.postgres is
    imported only where a ledger is on PostgreSQL)."""
    postgres = sys.modules.get("eventsourcing.postgres")
    return postgres is not None and isinstance(recorder, postgres.PostgresApplicationRecorder)


def _uuid(originator_id: UUID | str) -> UUID:
    return originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
