"""The two-sided matrix: how attractive a client is to us, held against how attractive we are to it.

Both sides are on 0-100:
- the client's attractiveness to us is its latest scorecard total as a share of 120;
- our attractiveness to the client is the mean of its latest survey's satisfaction (1-10, scaled
  so 1 is 0 and 10 is 100) and its NPS answer (0-10, times 10).
A side of 50 or more is high (another threshold can be chosen). The quadrants:

                         ours to them high     ours to them low
    theirs to us high    key                   develop
    theirs to us low     maintain              reconsider
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from kamledger.domain.scorecard import MAX_TOTAL

HIGH = Decimal(50)
_ONE_DECIMAL = Decimal("0.1")


class Quadrant(str, Enum):
    KEY = "key"
    DEVELOP = "develop"
    MAINTAIN = "maintain"
    RECONSIDER = "reconsider"


MEANINGS = {
    Quadrant.KEY: "attractive to us and we to them: invest and grow the partnership",
    Quadrant.DEVELOP: "attractive to us, less so we to them: win them over",
    Quadrant.MAINTAIN: "they value us more than we value them: serve well, at a sensible cost",
    Quadrant.RECONSIDER: "neither side gains much: rethink how, or whether, to serve them",
}


def client_attractiveness(score_total: int) -> Decimal:
    """The client's attractiveness to us, 0-100: its scorecard total as a share of 120."""
    return _scaled(Decimal(score_total) * 100 / MAX_TOTAL)


def our_attractiveness(satisfaction: int, nps: int) -> Decimal:
    """Our attractiveness to the client, 0-100, from its survey answers."""
    satisfaction_part = Decimal(satisfaction - 1) * 100 / 9
    return _scaled((satisfaction_part + Decimal(nps) * 10) / 2)


def quadrant_of(client_side: Decimal, our_side: Decimal, high: Decimal = HIGH) -> Quadrant:
    if client_side >= high:
        return Quadrant.KEY if our_side >= high else Quadrant.DEVELOP
    return Quadrant.MAINTAIN if our_side >= high else Quadrant.RECONSIDER


@dataclass(frozen=True)
class Placement:
    """Where one client sits; a side is None until it is known (no score, or no survey yet)."""

    key: str
    client_attractiveness: Decimal | None
    our_attractiveness: Decimal | None
    high: Decimal = HIGH

    @classmethod
    def of(cls, key: str, score_total: int | None, satisfaction: int | None, nps: int | None,
           high: Decimal = HIGH) -> "Placement":
        theirs = None if score_total is None else client_attractiveness(score_total)
        ours = None if satisfaction is None or nps is None else our_attractiveness(satisfaction, nps)
        return cls(key, theirs, ours, high)

    @property
    def quadrant(self) -> Quadrant | None:
        if self.client_attractiveness is None or self.our_attractiveness is None:
            return None
        return quadrant_of(self.client_attractiveness, self.our_attractiveness, self.high)

    @property
    def missing(self) -> tuple[str, ...]:
        """What must be recorded before the client can be placed."""
        return tuple(what for what, side in (("score", self.client_attractiveness), ("survey", self.our_attractiveness))
                     if side is None)


def _scaled(value: Decimal) -> Decimal:
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
