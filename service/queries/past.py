"""One client as it stood at a Moment, folded from its events with the domain's own fold."""

from typing import Any

from eventsourcing.application import Application

from kamledger.domain.relationship import Relationship, replay_standing, standing_on
from kamledger.domain.standing import Standing
from kamledger.service.queries.moments import Moment


def client_at(app: Application, key: str, moment: Moment) -> tuple[Standing | None, int]:
    """The client's standing at the moment and how many events it includes: as
    recorded by a moment, the fold of what was recorded then; on a business date, of the facts
    effective by then (recorded tier decisions left out)."""
    events = [e for e in app.events.get(Relationship.create_id(key)) if moment.as_of is None or e.timestamp <= moment.as_of]
    if moment.effective is not None:  # the facts of that date, not the tier decisions recorded
        events = [e for e in events if e.occurred_on <= moment.effective
                  and (isinstance(e, Relationship.Registered) or e.of_business_time)]
        return standing_on(events, moment.effective), len(events)  # how many facts had happened by then
    return replay_standing(events), (events[-1].originator_version if events else 0)


def rows_at(rows: list[dict[str, Any]], moment: Moment) -> list[dict[str, Any]]:
    """The timeline rows recorded and effective at the moment."""
    return [row for row in rows if moment.includes(row["recorded_at"], row["occurred_on"])]
