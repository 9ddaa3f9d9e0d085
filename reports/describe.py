"""One-line descriptions of recorded events, for history and why: as each event class declares
its meaning (domain/events.py), plus the step a why shows when the Pareto head moved."""

from typing import Any

from kamledger.domain.events import describe as describe_event


def describe(item: dict[str, Any]) -> str:
    if item["type"] == "ParetoHeadMoved":  # not an event: a business-time step of the why chain
        return f"the Pareto head moved (last in it: {item.get('last_in_head')}, profit {item.get('its_profit')})"
    return describe_event(item)
