"""Every kind of event kamledger records, by the name it is stored and shown under."""

from collections.abc import Mapping
from typing import Any

from eventsourcing.domain import Aggregate

from kamledger.domain.facts import Recorded
from kamledger.domain.portfolio import Portfolio
from kamledger.domain.relationship import Relationship



def _describes_itself(kind: Any) -> bool:
    describe = getattr(kind, "describe", None)
    return describe is not None and getattr(describe, "__func__", None) is not vars(Recorded)["describe"].__func__


# The events that say what they mean (a client's Reviewed and the portfolio's are described alike).
EVENT_KINDS: dict[str, Any] = {
    name: kind
    for aggregate in (Portfolio, Relationship)
    for name, kind in vars(aggregate).items()
    if isinstance(kind, type) and issubclass(kind, Aggregate.Event) and _describes_itself(kind)
}


def describe(item: Mapping[str, Any]) -> str:
    """What a recorded event (its fields as shown) says, in one line, as its class declares it."""
    kind = EVENT_KINDS.get(item["type"])
    return str(kind.describe(item)) if kind else str(item["type"])
