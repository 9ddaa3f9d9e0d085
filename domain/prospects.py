"""Prospects and the way in and out of the portfolio: the rules a KAM lead applies before the
first deal and when a client leaves.

A relationship is in one *stage* on each business date: a prospect (before the first deal), a
client, or a former client (it left). Only clients are in the portfolio: standings, tiers, Pareto,
the matrix, surveys due and owners' counts. The scorecard's band gives a prospect its
recommendation; going against it is allowed, with a reason, and is marked wherever it shows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from kamledger.domain.errors import InvalidInput
from kamledger.domain.scorecard import Band
from kamledger.domain.value import ValueDimension


class Stage(str, Enum):
    PROSPECT = "prospect"
    CLIENT = "client"
    FORMER = "former"


IN_PORTFOLIO = Stage.CLIENT  # the one stage standings, tiers, Pareto, matrix, surveys and owners count


class Status(str, Enum):
    """Where a prospect is in the pipeline."""

    OPEN = "open"
    PURSUED = "pursued"
    DECLINED = "declined"
    WON = "won"
    LOST = "lost"


class Choice(str, Enum):
    """What the business decided to do about a prospect."""

    PURSUE = "pursue"
    DECLINE = "decline"


class Recommendation(str, Enum):
    PURSUE_FIRST = "pursue first"
    PURSUE = "pursue"
    PURSUE_WITH_A_PLAN = "pursue with a plan"
    DECLINE = "decline"


# What the scorecard says about a prospect in each band (100+ go for it, below 60 better decline).
RECOMMENDATIONS = {
    Band.IDEAL: Recommendation.PURSUE_FIRST,
    Band.WORKABLE: Recommendation.PURSUE,
    Band.AT_RISK: Recommendation.PURSUE_WITH_A_PLAN,
    Band.DECLINE: Recommendation.DECLINE,
}

LIKELIHOOD_QUESTION = 5  # "How likely is the deal to succeed?": a chance's default, answer x 10 %
KEY_CHANCE = 70  # a prospect this likely to be won, workable or better, is a key prospect
KEY_DIMENSIONS = frozenset({ValueDimension.STRATEGIC, ValueDimension.POTENTIAL})


def recommendation_for(band: Band | None) -> Recommendation | None:
    return None if band is None else RECOMMENDATIONS[band]


def against_scorecard(choice: Choice, band: Band | None) -> bool:
    """Declining an ideal prospect, or pursuing one in the decline band."""
    if band is None:
        return False
    return (choice is Choice.DECLINE and band is Band.IDEAL) or (choice is Choice.PURSUE and band is Band.DECLINE)


def winning_against_scorecard(band: Band | None) -> bool:
    """Winning a prospect the scorecard said to decline."""
    return band is Band.DECLINE


def checked_chance(chance: int | None) -> int | None:
    if chance is not None and not 0 <= chance <= 100:
        raise InvalidInput(f"a chance is a percentage from 0 to 100, got {chance}")
    return chance


def chance_from_answers(answers: Iterable[int]) -> int:
    """The scorecard's own word on the likelihood: question 5's answer (1-10) as a percentage."""
    return list(answers)[LIKELIHOOD_QUESTION - 1] * 10


def expected_profit(chance: int | None, estimated_profit: Decimal | None) -> Decimal | None:
    """Chance x the yearly profit expected if won."""
    if chance is None or estimated_profit is None:
        return None
    return (estimated_profit * chance / 100).quantize(Decimal("0.01"))


def is_key_prospect(chance: int | None, band: Band | None, high_dimensions: Iterable[ValueDimension]) -> bool:
    """Very likely to be won and workable or better, or of high strategic value or potential."""
    likely = chance is not None and chance >= KEY_CHANCE and band is not None and band.rank >= Band.WORKABLE.rank
    return likely or bool(KEY_DIMENSIONS & set(high_dimensions))


@dataclass(frozen=True)
class ProspectRecord:
    """A relationship's time as a prospect: how it came, what was decided, how it ended. (The
    reasons are personal text, sealed in their events: read from the timeline, never kept here.)"""

    added_on: date
    source: str | None = None
    chance: int | None = None  # as given; None: the scorecard's question 5 tells
    estimated_profit: Decimal | None = None
    choice: Choice | None = None
    decided_on: date | None = None
    outcome: Status | None = None  # won or lost
    outcome_on: date | None = None

    def against_scorecard(self, band_on: Callable[[date], Band | None]) -> bool:
        """Whether its decision, or its win, went against what the scorecard said on that business
        date (band_on: the band on a date), whatever order the score and the decision were typed in."""
        decided = self.choice is not None and against_scorecard(self.choice, band_on(self.decided_on))  # type: ignore[arg-type]
        return decided or (self.outcome is Status.WON and winning_against_scorecard(band_on(self.outcome_on)))  # type: ignore[arg-type]

    @property
    def status(self) -> Status:
        if self.outcome is not None:
            return self.outcome
        if self.choice is not None:
            return Status.PURSUED if self.choice is Choice.PURSUE else Status.DECLINED
        return Status.OPEN

    def to_dict(self) -> dict[str, Any]:
        return {
            "added_on": self.added_on.isoformat(), "source": self.source, "chance": self.chance,
            "estimated_profit": None if self.estimated_profit is None else str(self.estimated_profit),
            "choice": self.choice and self.choice.value, "decided_on": _iso(self.decided_on),
            "outcome": self.outcome and self.outcome.value, "outcome_on": _iso(self.outcome_on),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ProspectRecord":
        return cls(
            added_on=date.fromisoformat(data["added_on"]), source=data["source"], chance=data["chance"],
            estimated_profit=None if data["estimated_profit"] is None else Decimal(data["estimated_profit"]),
            choice=data["choice"] and Choice(data["choice"]), decided_on=_day(data["decided_on"]),
            outcome=data["outcome"] and Status(data["outcome"]), outcome_on=_day(data["outcome_on"]),
        )


@dataclass(frozen=True)
class Departure:
    """A client that left on left_on; back_on once it was won back. (Why is a reason, personal
    text sealed in its event: read from the timeline, never kept here.)"""

    left_on: date
    back_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"left_on": self.left_on.isoformat(), "back_on": _iso(self.back_on)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Departure":
        return cls(date.fromisoformat(data["left_on"]), _day(data["back_on"]))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
