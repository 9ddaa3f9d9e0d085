"""Parts of the event log, for a rebuild in several processes.

A client's events all fall in the part of its id's last byte (mod the number of parts), so a
process can fold its part's standings alone. The library's reader cannot select by originator:
on its native SQLite and PostgreSQL recorders a part is selected in SQL, so each process reads
only its own rows (reading and converting every row in every process was a tenth of a rebuild);
any other recorder reads every row and keeps the part's.
"""

from collections.abc import Iterator
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification
from eventsourcing.sqlite import SQLiteApplicationRecorder

from kamledger.projections.log_index import is_postgres

# SQLite keeps an id as 32 hex digits; 3.40 has no unhex(), so the last two are read one by one.
_HEX_DIGIT = "(instr('0123456789abcdef', substr(originator_id, {}, 1)) - 1)"
_SQLITE_LAST_BYTE = f"({_HEX_DIGIT.format(-2)} * 16 + {_HEX_DIGIT.format(-1)})"


def part_of(originator_id: UUID | str, parts: int) -> int:
    """The part of an aggregate's events: its id's last byte, mod parts."""
    return (originator_id if isinstance(originator_id, UUID) else UUID(originator_id)).int % 256 % parts


def part_pages(recorder: ApplicationRecorder, part: int, parts: int, stop: int, limit: int) -> Iterator[list[Notification]]:
    """The notifications up to stop of the part's aggregates, a page (at most limit) at a time."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        select = _sqlite_select
    elif is_postgres(recorder):
        select = _postgres_select
    else:
        yield from _filtered_pages(recorder, part, parts, stop, limit)
        return
    position = 0
    while page := select(recorder, part, parts, position, stop, limit):
        yield page
        position = page[-1].id


def _sqlite_select(recorder: SQLiteApplicationRecorder, part: int, parts: int, start: int, stop: int, limit: int) -> list[Notification]:
    statement = (
        f"SELECT rowid, * FROM {recorder.events_table_name} WHERE rowid > ? AND rowid <= ? "
        f"AND {_SQLITE_LAST_BYTE} % ? = ? ORDER BY rowid LIMIT ?"
    )
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, (start, stop, parts, part, limit))
        return [
            Notification(
                id=row["rowid"], originator_id=UUID(row["originator_id"]), originator_version=row["originator_version"],
                topic=row["topic"], state=row["state"],
            )
            for row in cursor.fetchall()
        ]


def _postgres_select(recorder: ApplicationRecorder, part: int, parts: int, start: int, stop: int, limit: int) -> list[Notification]:
    from psycopg.sql import SQL, Identifier

    statement = SQL(
        "SELECT * FROM {schema}.{table} WHERE notification_id > %s AND notification_id <= %s "
        "AND get_byte(uuid_send(originator_id), 15) %% %s = %s ORDER BY notification_id LIMIT %s"
    ).format(schema=Identifier(recorder.datastore.schema), table=Identifier(recorder.events_table_name))
    with recorder.datastore.get_connection() as connection, connection.cursor() as cursor:
        cursor.execute(statement, (start, stop, parts, part, limit), prepare=True)
        return [
            Notification(
                id=row["notification_id"], originator_id=row["originator_id"], originator_version=row["originator_version"],
                topic=row["topic"], state=bytes(row["state"]),
            )
            for row in cursor.fetchall()
        ]


def _filtered_pages(recorder: ApplicationRecorder, part: int, parts: int, stop: int, limit: int) -> Iterator[list[Notification]]:
    position = None
    while page := recorder.select_notifications(start=position, limit=limit, stop=stop, inclusive_of_start=False):
        if kept := [notification for notification in page if part_of(notification.originator_id, parts) == part]:
            yield kept
        position = page[-1].id
