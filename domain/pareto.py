"""The Pareto view: the few clients that bring most of the profit."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

PARETO_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class ParetoPosition:
    rank: int | None = None
    share: Decimal = Decimal(0)
    cumulative_share: Decimal | None = None
    in_head: bool = False


def pareto_positions(
    values: Mapping[str, Decimal | None], head_share: Decimal = PARETO_SHARE
) -> dict[str, ParetoPosition]:
    """Rank clients by positive value; the head is the fewest that together bring head_share.

    Clients with no value, or a value of zero or less, have no position. Ties rank by key.
    """
    ranked = sorted(
        ((value, key) for key, value in values.items() if value is not None and value > 0),
        key=lambda pair: (-pair[0], pair[1]),
    )
    total = sum((value for value, _ in ranked), Decimal(0))
    positions: dict[str, ParetoPosition] = {}
    cumulative = Decimal(0)
    for rank, (value, key) in enumerate(ranked, start=1):
        in_head = cumulative < head_share * total
        cumulative += value
        positions[key] = ParetoPosition(rank, value / total, cumulative / total, in_head)
    return positions
