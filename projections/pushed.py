"""The ledger's projection as the library's projection runner drives it, one pushed event at a time
(`kam projections follow` on PostgreSQL, service/queries/follower.py). Kept apart from
ledger_projection.py, which every command imports: the library's projection module is not needed
to catch up, and importing it took 4-5 ms of every command's start-up."""

from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from kamledger.projections.ledger_projection import project
from kamledger.projections.read_models import ReadModels


class LedgerProjection(Projection[ReadModels]):
    name = "ledger"

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:  # type: ignore[override]
        """One event in its own transaction (the library's ProjectionRunner calls this)."""
        start = self.view.max_tracking_id(tracking.application_name)
        with self.view.batch(tracking.application_name, start) as batch:
            project(batch, domain_event, tracking)
