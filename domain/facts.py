"""What every recorded event carries: the business date it happened and who recorded it."""

from datetime import date

from eventsourcing.domain import Aggregate

from kamledger.domain.errors import InvalidInput
from kamledger.domain.tiers import EventRef


class Recorded(Aggregate.Event):
    occurred_on: date
    recorded_by: str

    def ref(self, client: str) -> EventRef:
        """A pointer to this event, for the causes of a tier change."""
        return EventRef(
            client=client,
            event_id=str(self.originator_id),
            version=self.originator_version,
            type=type(self).__name__,
            occurred_on=self.occurred_on.isoformat(),
            recorded_at=self.timestamp.isoformat(),
            recorded_by=self.recorded_by,
        )


def check_review_period(period_from: date | None, period_to: date) -> None:
    if period_from is not None and period_from > period_to:
        raise InvalidInput(f"a review period cannot end ({period_to}) before it starts ({period_from})")
