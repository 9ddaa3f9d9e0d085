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

    def short(self) -> list[Any]:
        """This reference without its client and event id, where those are known from where it is
        kept (a client's own events, in the read models: of_short)."""
        return [self.version, self.type, self.occurred_on, self.recorded_at, self.recorded_by]

    @classmethod
    def of_short(cls, client: str, event_id: str, short: list[Any]) -> "EventRef":
        return cls(client, event_id, *short)


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
        if self.sources and any(refs for name, refs in self.sources.items() if name not in NOT_RATING_SOURCES):
            object.__setattr__(self, "has_inputs", True)

    @classmethod
    def unsourced(cls, key: str, has_inputs: bool, profit: Decimal | None, score_total: int | None, band: Band | None,
                  high_dimensions: frozenset[ValueDimension], burdens: frozenset[BurdenSignal], override: "Tier | None",
                  revenue: Decimal | None, cost_to_serve: Decimal | None, hours: Decimal, open_problems: int,
                  single_threaded: bool) -> "ClientInputs":
        """The same as ``ClientInputs(...)`` with no sources, made without the frozen dataclass's
        ``__init__`` (which sets each of the fifteen fields through ``object.__setattr__``, and
        costs more than the policy's verdict): a walk through the business dates makes one for
        every change it meets."""
        made = object.__new__(cls)
        object.__setattr__(made, "__dict__", {
            "key": key, "has_inputs": has_inputs, "profit": profit, "score_total": score_total, "band": band,
            "high_dimensions": high_dimensions, "burdens": burdens, "override": override, "sources": {},
            "revenue": revenue, "cost_to_serve": cost_to_serve, "hours": hours, "open_problems": open_problems,
            "single_threaded": single_threaded,
        })
        return made


NOT_RATING_SOURCES = frozenset({"effort", "problems", "people"})
