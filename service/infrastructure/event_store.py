"""The event log as the eventsourcing library keeps it: how kamledger's events are stored."""

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.persistence import JSONTranscoder

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
