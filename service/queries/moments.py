"""Points of view on the ledger in time: as it was recorded by a moment (what we knew then), and as
it was effective on a business date (what had happened by then, back-dated entries included)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from kamledger.domain.errors import InvalidInput


@dataclass(frozen=True)
class Moment:
    as_of: datetime | None = None  # recording time: only events recorded at or before it
    effective: date | None = None  # business date: only events that occurred on or before it

    @property
    def is_now(self) -> bool:
        return self.as_of is None and self.effective is None

    def includes(self, recorded_at: datetime, occurred_on: date) -> bool:
        return (self.as_of is None or recorded_at <= self.as_of) and (
            self.effective is None or occurred_on <= self.effective
        )

    def includes_event(self, event: Any) -> bool:
        return self.includes(event.timestamp, event.occurred_on)

    def describe(self) -> str:
        parts = []
        if self.as_of is not None:
            parts.append(f"as recorded by {self.as_of.isoformat(timespec='seconds')}")
        if self.effective is not None:
            parts.append(f"effective {self.effective.isoformat()}")
        return " and ".join(parts) or "now"


NOW = Moment()


def parse_moment(as_of: str | None = None, effective: str | None = None) -> Moment:
    """--as-of: an ISO date (the end of that day, UTC) or date-time (UTC when it has no offset);
    --effective: an ISO date."""
    return Moment(_parse_as_of(as_of) if as_of else None, _parse_effective(effective) if effective else None)


def _parse_as_of(text: str) -> datetime:
    text = text.strip()
    try:
        return datetime.combine(date.fromisoformat(text), time.max, tzinfo=UTC)
    except ValueError:
        pass  # not a date alone: a date-time
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--as-of '{text}' is not a date (2026-03-31) or date-time (2026-03-31T17:00+01:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_effective(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--effective '{text}' is not a date like 2026-03-31") from None
