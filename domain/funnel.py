"""The funnel: how far the prospects went, and the win rate per score band — does the scorecard
predict who is worth it?"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from kamledger.domain.prospects import Choice, Status
from kamledger.domain.scorecard import Band

UNSCORED = "unscored"  # the funnel's row for prospects never scored


@dataclass(frozen=True)
class FunnelEntry:
    """One prospect as the funnel counts it: how far it went and the band the scorecard gave it
    (at its win or loss, for those that ended)."""

    status: Status
    choice: Choice | None
    band: Band | None
    against: bool = False  # a decision or a win against the scorecard


@dataclass(frozen=True)
class BandOutcome:
    band: str  # a band's name, or UNSCORED
    prospects: int
    pursued: int
    won: int
    lost: int

    @property
    def win_rate(self) -> Decimal | None:
        """Of those that ended, the share won: does the band predict who is worth it?"""
        ended = self.won + self.lost
        return None if not ended else Decimal(self.won) / ended


@dataclass(frozen=True)
class Funnel:
    prospects: int
    scored: int
    pursued: int
    declined: int
    won: int
    lost: int
    against: int
    bands: tuple[BandOutcome, ...]  # ideal first, unscored last

    @property
    def win_rate(self) -> Decimal | None:
        ended = self.won + self.lost
        return None if not ended else Decimal(self.won) / ended


def funnel_of(entries: Iterable[FunnelEntry]) -> Funnel:
    """How many were scored, pursued, declined, won and lost, and the win rate per score band."""
    entries = list(entries)

    def count(test: Callable[[FunnelEntry], bool]) -> int:
        return sum(1 for e in entries if test(e))

    bands = []
    for band in (*Band, None):
        mine = [e for e in entries if e.band is band]
        bands.append(BandOutcome(
            UNSCORED if band is None else band.value, len(mine), sum(e.choice is Choice.PURSUE for e in mine),
            sum(e.status is Status.WON for e in mine), sum(e.status is Status.LOST for e in mine),
        ))
    return Funnel(
        prospects=len(entries), scored=count(lambda e: e.band is not None),
        pursued=count(lambda e: e.choice is Choice.PURSUE), declined=count(lambda e: e.choice is Choice.DECLINE),
        won=count(lambda e: e.status is Status.WON), lost=count(lambda e: e.status is Status.LOST),
        against=count(lambda e: e.against), bands=tuple(bands),
    )
