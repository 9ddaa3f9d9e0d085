"""Tiers: gold clients come first, silver are important, bronze cost more than they bring."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from kamledger.domain.errors import InvalidInput
from kamledger.domain.scorecard import Band
from kamledger.domain.value import BurdenSignal, ValueDimension


class Tier(str, Enum):
    GOLD = "gold"
    SILVER = "silver"
    BRONZE = "bronze"
    UNRATED = "unrated"


TIERS = tuple(tier.value for tier in Tier)  # the order clients are listed and counted in: gold first


def check_tier(text: str) -> Tier:
    """A tier a person may choose: gold, silver or bronze."""
    try:
        tier = Tier(text.strip().lower())
    except ValueError:
        tier = None
    if tier is None or tier is Tier.UNRATED:
        raise InvalidInput(f"unknown tier '{text}' (one of: gold, silver, bronze)")
    return tier


@dataclass(frozen=True)
class EventRef:
    """Points at one recorded event: which client, which event, when and by whom."""

    client: str
    event_id: str
    version: int
    type: str
    occurred_on: str
    recorded_at: str
    recorded_by: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ClientInputs:
    """Everything a tier policy may look at for one client, with the events each came from.

    sources maps an input name (profit, score, dimensions, burdens, override; effort, problems) to
    its events; it may be left empty where only the tier is wanted, not its causes. Time spent and
    problems are read by the policy but do not make a client rated on their own (has_inputs).
    """

    key: str
    has_inputs: bool = False
    profit: Decimal | None = None
    score_total: int | None = None
    band: Band | None = None
    high_dimensions: frozenset[ValueDimension] = frozenset()
    burdens: frozenset[BurdenSignal] = frozenset()
    override: Tier | None = None
    sources: Mapping[str, tuple[EventRef, ...]] = field(default_factory=dict)
    revenue: Decimal | None = None  # over every recorded period, like profit
    cost_to_serve: Decimal | None = None
    hours: Decimal = Decimal(0)  # of work spent on the client
    open_problems: int = 0
    single_threaded: bool = False  # every link to the client's people runs through one of theirs or one of ours

    def __post_init__(self) -> None:
        # a client with source events has inputs by definition (time and problems alone do not rate it)
        if any(refs for name, refs in self.sources.items() if name not in NOT_RATING_SOURCES):
            object.__setattr__(self, "has_inputs", True)


NOT_RATING_SOURCES = frozenset({"effort", "problems", "people"})
