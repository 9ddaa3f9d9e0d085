"""Where kamledger goes around the eventsourcing library for speed, all in one place.

Each is measured (docs/performance.md) and tested to give what the library's own path gives
(tests/test_fast_paths.py). Garbage-collector control is not here: only the command line
(cli/main.py, cli/app.py) tunes the collector, for the life of its process.
"""

from collections.abc import Iterable
from typing import Any

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.utils import get_topic


def project_aggregate(aggregate: Any, events: Iterable[Any]) -> Any:
    """The library's project_aggregate without its assert, for every event, that the event fits a
    runtime-checkable Protocol: on Python 3.11 that check was 45% of loading a client."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def snapshots_due(processing_event: ProcessingEvent, intervals: dict[type, int]) -> list[Any]:
    """The snapshots a save calls for, taken from the aggregates as they are in memory. (The
    library's Application._take_snapshots reloads every such aggregate from the store at that
    version and writes its snapshots one by one: in a bulk save of thousands of clients that costs
    more than the save.)"""
    due: dict[Any, Aggregate] = {}
    for event in processing_event.events:
        aggregate = processing_event.aggregates.get(event.originator_id)
        interval = intervals.get(type(aggregate))
        if interval and event.originator_version % interval == 0:
            due[event.originator_id] = aggregate
    return [type(aggregate).Snapshot.take(aggregate) for aggregate in due.values()]


def event_with_state(domain_event: Any, state: dict[str, Any]) -> Any:
    """An event of the same class with the given attributes (its personal texts sealed), made
    without running the frozen dataclass's __init__ (which would check and convert every field
    again, and refuses to set attributes)."""
    copy = object.__new__(type(domain_event))
    object.__setattr__(copy, "__dict__", state)
    return copy


def aggregate_from_its_state(aggregate_class: type, first_event: Any, last_event: Any, state: dict[str, Any]) -> Any:
    """The aggregate as its events leave it, made from the state they fold into (for a client: the
    Standing the read models hold at the version of its last event), through the library's own
    path from a snapshot (Snapshot.mutate), its created and modified times those of its first and
    last events. Folding a client's hundred events again cost four times as much, and a bulk
    import leaves no snapshots to start from."""
    snapshot = Snapshot(
        originator_id=last_event.originator_id, originator_version=last_event.originator_version,
        timestamp=last_event.timestamp, topic=get_topic(aggregate_class),
        state={"_created_on": first_event.timestamp, "_modified_on": last_event.timestamp, **state},
    )
    return snapshot.mutate(None)
