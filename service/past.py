"""The ledger as it stood at a Moment, folded from the event log with the domain's own fold."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from eventsourcing.application import Application

from kamledger.domain.relationship import Fact, Relationship, replay_standing
from kamledger.domain.standing import Standing
from kamledger.service.moments import Moment

PAGE = 5000


def relationship_events(app: Application) -> Iterator[Any]:
    """Every relationship event in the log, in recording order."""
    start = None
    while page := app.recorder.select_notifications(start=start, limit=PAGE, inclusive_of_start=False):
        for notification in page:
            event = app.mapper.to_domain_event(notification)
            if isinstance(event, Relationship.Registered | Fact):
                yield event
        start = page[-1].id


def portfolio_at(app: Application, moment: Moment) -> list[Standing]:
    """Every client that existed at the moment, standing as it did then."""
    streams: dict[Any, list[Any]] = defaultdict(list)
    for event in relationship_events(app):
        if moment.includes_event(event):
            streams[event.originator_id].append(event)
    standings = (replay_standing(events) for events in streams.values())
    return [standing for standing in standings if standing is not None]


def client_at(app: Application, key: str, moment: Moment) -> tuple[Standing | None, int]:
    """The client's standing at the moment and the version of the last event it includes."""
    events = [e for e in app.events.get(Relationship.create_id(key)) if moment.includes_event(e)]
    return replay_standing(events), (events[-1].originator_version if events else 0)


def rows_at(rows: list[dict[str, Any]], moment: Moment) -> list[dict[str, Any]]:
    """The timeline rows recorded and effective at the moment."""
    return [row for row in rows if moment.includes(row["recorded_at"], row["occurred_on"])]
