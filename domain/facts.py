"""What every recorded event carries: the business date it happened and who recorded it."""

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from kamledger.domain.errors import InvalidInput
from kamledger.domain.tiers import EventRef


class Recorded(Aggregate.Event):
    """An event of kamledger's; each class declares what it means: ``describe`` (one line, for
    history and why) and ``personal`` (its free-text fields that may be about people: sealed with
    the client's key, unreadable once the client is forgotten; see domain/privacy.py)."""

    personal: ClassVar[tuple[str, ...]] = ()
    decides_tiers: ClassVar[bool] = False  # a portfolio fact that every client's tier from its date on follows
    occurred_on: date
    recorded_by: str

    @classmethod
    def describe(cls, e: Mapping[str, Any]) -> str:
        """What happened, in one line, from the event's fields as shown."""
        return cls.__name__

    def ref(self, client: str) -> EventRef:
        """A pointer to this event, for the causes of a tier change."""
        return EventRef(
            client=client,
            event_id=id_text(self.originator_id),
            version=self.originator_version,
            type=type(self).__name__,
            occurred_on=self.occurred_on.isoformat(),
            recorded_at=self.timestamp.isoformat(),
            recorded_by=self.recorded_by,
        )


@lru_cache(maxsize=1 << 16)
def id_text(originator_id: UUID) -> str:
    """An aggregate's id as text, made once per id: str() formats the UUID's 128 bits each time, and
    a rebuild asks for it twice for each of a million events (its client, its reference)."""
    return str(originator_id)


def check_review_period(period_from: date | None, period_to: date) -> None:
    if period_from is not None and period_from > period_to:
        raise InvalidInput(f"a review period cannot end ({period_to}) before it starts ({period_from})")


def with_note(text: str, note: str | None) -> str:
    return f"{text}: {note}" if note else text


def review_described(e: Mapping[str, Any]) -> str:
    return f"coaching review of {e.get('period_from') or 'the start'} to {e['period_to']}"
