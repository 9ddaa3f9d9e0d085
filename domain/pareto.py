"""The Pareto view: the few clients that bring most of the profit."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from operator import itemgetter

PARETO_SHARE = Decimal("0.8")


class Measure(str, Enum):
    """What a Pareto view ranks clients by."""

    PROFIT = "profit"
    REVENUE = "revenue"
    COST = "cost"

    def of(self, revenue: Decimal, cost_to_serve: Decimal) -> Decimal:
        return {"profit": revenue - cost_to_serve, "revenue": revenue, "cost": cost_to_serve}[self.value]


def share_text(value: Decimal | None) -> str | None:
    """A share as text with four decimals, e.g. '0.6149'."""
    return None if value is None else str(value.quantize(Decimal("0.0001")))


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
    ranked = _ranked(values)
    total = sum((value for value, _ in ranked), Decimal(0))
    positions: dict[str, ParetoPosition] = {}
    cumulative = Decimal(0)
    for rank, (value, key) in enumerate(ranked, start=1):
        in_head = _in_head(cumulative, head_share, total)
        cumulative += value
        positions[key] = ParetoPosition(rank, value / total, cumulative / total, in_head)
    return positions


def pareto_head(values: Mapping[str, Decimal | None], head_share: Decimal = PARETO_SHARE) -> frozenset[str]:
    """The clients in the head alone (those pareto_positions puts there), without their ranks and
    shares: what a walk through many dates asks on each."""
    ranked = _ranked(values)
    total = sum((value for value, _ in ranked), Decimal(0))
    head, cumulative = [], Decimal(0)
    for value, key in ranked:
        if not _in_head(cumulative, head_share, total):
            break
        head.append(key)
        cumulative += value
    return frozenset(head)


def _ranked(values: Mapping[str, Decimal | None]) -> list[tuple[Decimal, str]]:
    """The positive values, highest first, ties by key (sorted by key, then by value: a sort keeps
    the order of equal values, reversed too, and makes no negated Decimal for each client)."""
    ranked = sorted(((value, key) for key, value in values.items() if value is not None and value > 0), key=itemgetter(1))
    ranked.sort(key=itemgetter(0), reverse=True)
    return ranked


def _in_head(cumulative: Decimal, head_share: Decimal, total: Decimal) -> bool:
    """A client is in the head while the clients ranked before it bring less than the share."""
    return cumulative < head_share * total


@dataclass(frozen=True)
class ParetoRow:
    key: str
    value: Decimal
    position: ParetoPosition


@dataclass(frozen=True)
class ParetoView:
    """A portfolio ranked by one measure: the head, and how concentrated the portfolio is.

    ``rows`` are the clients with a positive value, highest first; ``others`` those whose value
    is zero or less (they are counted among the clients, but bring no share).
    """

    rows: tuple[ParetoRow, ...]
    others: tuple[tuple[str, Decimal], ...]
    head_share: Decimal

    @property
    def head(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows if row.position.in_head)

    @property
    def clients(self) -> int:
        return len(self.rows) + len(self.others)

    @property
    def concentration(self) -> Decimal | None:
        """The share of the clients (with a value) that make up the head: 0.2 is the classic 80/20."""
        return Decimal(len(self.head)) / self.clients if self.clients else None


def pareto_view(values: Mapping[str, Decimal], head_share: Decimal = PARETO_SHARE) -> ParetoView:
    positions = pareto_positions(values, head_share)
    rows = sorted((ParetoRow(key, values[key], p) for key, p in positions.items()), key=lambda r: r.position.rank or 0)  # every row here has a rank
    others = sorted(((k, v) for k, v in values.items() if k not in positions), key=lambda kv: (-kv[1], kv[0]))
    return ParetoView(tuple(rows), tuple(others), head_share)


@dataclass(frozen=True)
class CostToServe:
    """What serving a client costs against what it brings: cost to serve per unit of revenue."""

    key: str
    revenue: Decimal
    cost_to_serve: Decimal
    cost_share: Decimal  # of the whole portfolio's cost to serve

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cost_to_serve

    @property
    def ratio(self) -> Decimal | None:
        """Cost to serve / revenue; None when it brings no revenue at all."""
        return self.cost_to_serve / self.revenue if self.revenue else None


def costliest_to_serve(money: Mapping[str, tuple[Decimal, Decimal]]) -> list[CostToServe]:
    """The reverse Pareto view: clients with any cost to serve, the highest cost per unit of revenue
    first (no revenue at all comes first of all); ties by cost share, then key."""
    total = sum((cost for _, cost in money.values()), Decimal(0))
    rows = [CostToServe(key, revenue, cost, cost / total) for key, (revenue, cost) in money.items() if cost > 0]
    return sorted(rows, key=lambda r: (r.ratio is not None, -(r.ratio or 0), -r.cost_share, r.key))
