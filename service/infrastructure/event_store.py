"""The event log as the eventsourcing library keeps it: how kamledger's events are stored."""

import zlib

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.compressor import ZlibCompressor
from eventsourcing.persistence import EventStore, JSONTranscoder

from kamledger.domain.relationship import Relationship
from kamledger.service.infrastructure.fast_paths import snapshots_due
from kamledger.service.infrastructure.transcodings import DateAsISO, StandingAsDict
from kamledger.service.trust.privacy import SealingMapper


class LedgerLog(Application):
    """The event log and how its events are stored: what a projection runner follows."""

    name = "kamledger"
    snapshotting_intervals = {Relationship: 100}

    def construct_mapper(self) -> SealingMapper:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=SealingMapper)

    def construct_snapshot_store(self) -> EventStore:
        """Snapshots compressed (the events are not: the chain covers their bytes as they are): a
        snapshot holds the client's whole Standing, ~25 KB of JSON after a hundred events, and
        takes a fifth of that compressed. A snapshot written before they were compressed is read
        as it is."""
        mapper = type(self.mapper)(transcoder=self.mapper.transcoder, compressor=SnapshotCompressor(), cipher=self.mapper.cipher)
        return self.factory.event_store(mapper=mapper, recorder=self.factory.aggregate_recorder(purpose="snapshots"))

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(StandingAsDict())

    def _take_snapshots(self, processing_event: ProcessingEvent) -> None:
        """Snapshots in one write (service/infrastructure/fast_paths.py)."""
        if self.snapshots:
            due = snapshots_due(processing_event, self.snapshotting_intervals)
            if due:
                self.snapshots.put(due)


class SnapshotCompressor(ZlibCompressor):
    """zlib's fastest level; a snapshot stored uncompressed (JSON, before 2026-12) is read as it is."""

    def compress(self, data: bytes) -> bytes:
        return zlib.compress(data, 1)

    def decompress(self, data: bytes) -> bytes:
        return data if data[:1] == b"{" else zlib.decompress(data)
