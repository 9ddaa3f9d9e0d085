"""The Import aggregate: that a file was imported, saved in the same transaction as what it brought.

Its id is derived from what was imported (kind and content hash), so importing the same content
again finds it and writes nothing, and a crash before the commit leaves neither it nor the rows.
"""

from datetime import date
from typing import TYPE_CHECKING
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate


class Import(Aggregate):
    if TYPE_CHECKING:  # set by Imported (annotations here would make the library redefine __init__)
        file_name: str
        rows: int
        events: int
        recorded_by: str

    class Imported(Aggregate.Created):
        kind: str
        file_name: str
        content_hash: str
        rows: int
        events: int
        occurred_on: date
        recorded_by: str

        def apply(self, aggregate: "Import") -> None:
            aggregate.file_name, aggregate.rows, aggregate.events = self.file_name, self.rows, self.events
            aggregate.recorded_by = self.recorded_by

    @staticmethod
    def create_id(kind: str, content_hash: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"kamledger:import:{kind}:{content_hash}")

    @classmethod
    def record(
        cls, kind: str, file_name: str, content_hash: str, rows: int, events: int, occurred_on: date, recorded_by: str,
    ) -> "Import":
        return cls._create(
            cls.Imported, id=cls.create_id(kind, content_hash), kind=kind, file_name=file_name,
            content_hash=content_hash, rows=rows, events=events, occurred_on=occurred_on, recorded_by=recorded_by,
        )

    @property
    def recorded_on(self) -> date:
        return self.created_on.date()
