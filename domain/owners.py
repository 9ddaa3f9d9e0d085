"""The account owners' results over a period: what improved with the clients they owned, each fact
credited to the owner of the client on its business date. The figure an incentive can be based on
(the method: reward the managers who improved the results with the clients assigned to them)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kamledger.domain.tiers import TIERS, Tier

# How much each kind of progress counts towards an owner's improvement (one home for the weights).
IMPROVEMENT_WEIGHTS = {
    "tier_moves": 3,  # per tier move up, minus per move down
    "pyramid_moves": 2,  # per pyramid move up, minus per move down
    "satisfaction_change": 1,  # per point of satisfaction gained (first vs last survey in the period, per client)
    "targets": 1,  # per plan target met, minus per objective overdue
}


@dataclass
class OwnerResult:
    owner: str | None
    clients: dict[str, int] = field(default_factory=dict)  # tier -> clients owned at the period's end
    satisfaction_change: int = 0  # each survey in the period against the client's one before it in the period, summed
    nps_change: int = 0
    score_change: int = 0
    tier_up: int = 0
    tier_down: int = 0
    pyramid_up: int = 0
    pyramid_down: int = 0
    profit: Decimal = Decimal(0)
    targets_met: int = 0
    objectives_overdue: int = 0
    surveys_held: int = 0
    surveys_due: int = 0

    @property
    def improvement(self) -> int:
        w = IMPROVEMENT_WEIGHTS
        return (w["tier_moves"] * (self.tier_up - self.tier_down) + w["pyramid_moves"] * (self.pyramid_up - self.pyramid_down)
                + w["satisfaction_change"] * self.satisfaction_change + w["targets"] * (self.targets_met - self.objectives_overdue))

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner, "improvement": self.improvement, "clients": dict(self.clients),
            "satisfaction_change": self.satisfaction_change, "nps_change": self.nps_change, "score_change": self.score_change,
            "tier_moves": {"up": self.tier_up, "down": self.tier_down},
            "pyramid_moves": {"up": self.pyramid_up, "down": self.pyramid_down},
            "profit": str(self.profit), "targets_met": self.targets_met, "objectives_overdue": self.objectives_overdue,
            "surveys": {"held": self.surveys_held, "due": self.surveys_due},
        }


def ranked(results: list[OwnerResult]) -> list[OwnerResult]:
    """The owners who improved their clients most first; then by profit, then by name."""
    return sorted(results, key=lambda r: (-r.improvement, -r.profit, r.owner is None, r.owner or ""))


def tier_direction(from_tier: str, to_tier: str) -> str | None:
    """'up' towards gold, 'down' towards bronze; None when either is unrated (a first rating, or
    a client no longer rated, is no move)."""
    if Tier.UNRATED.value in (from_tier, to_tier) or from_tier == to_tier:
        return None
    return "up" if TIERS.index(to_tier) < TIERS.index(from_tier) else "down"
