"""How attractive we are to a client, by the client's own yardstick.

A client rates its suppliers by criteria of its own (quality, price, delivery, ...), each with a
weight. We rate ourselves on each of them, 1-10, as the client told us or as we estimate it. Our
attractiveness to the client is the weighted mean of those ratings times 10: 0-100, the scale of
the two-sided matrix.

The weights are any positive numbers; they count as shares of their sum (normalised). A rating
names every criterion in force on its date and no other. When the criteria change after the
latest rating, the criteria it did not rate are left out of the mean (and shown as unrated).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

from kamledger.domain.errors import InvalidInput, RuleViolation

LOWEST_RATING, HIGHEST_RATING = 1, 10
MAX_CRITERIA = 20
MAX_WEIGHT = Decimal(1_000_000)
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_ONE_DECIMAL = Decimal("0.1")


class RatingSource(str, Enum):
    """Where a rating comes from: the client told us, or we estimate it."""

    CLIENT = "client"
    ESTIMATE = "estimate"


def _pairs(text: str, what: str) -> list[tuple[str, str]]:
    """'a=1,b=2' as [(name, value)]; names lowercase, digits and '-', each once."""
    pairs: list[tuple[str, str]] = []
    for part in (text or "").split(","):
        name, equals, value = part.partition("=")
        name = name.strip().lower()
        if not part.strip() or not equals or not value.strip():
            raise InvalidInput(f"{what} must be given as name=number, comma-separated, e.g. quality=30,price=25 (got '{part.strip()}')")
        if not _NAME.match(name):
            raise InvalidInput(f"criterion '{name}' must be 1-40 lowercase letters, digits or '-'")
        if any(name == seen for seen, _ in pairs):
            raise InvalidInput(f"criterion '{name}' is given twice")
        pairs.append((name, value.strip()))
    if len(pairs) > MAX_CRITERIA:
        raise InvalidInput(f"at most {MAX_CRITERIA} criteria, got {len(pairs)}")
    return pairs


def parse_criteria(text: str) -> dict[str, Decimal]:
    """The client's criteria and their weights, e.g. 'quality=30,price=25': each weight above zero."""
    criteria = {}
    for name, value in _pairs(text, "criteria"):
        try:
            weight = Decimal(value)
        except InvalidOperation:
            raise InvalidInput(f"the weight of '{name}' must be a number, got '{value}'") from None
        if not weight.is_finite() or weight <= 0:
            raise InvalidInput(f"the weight of '{name}' must be above zero, got '{value}'")
        if weight >= MAX_WEIGHT:
            raise InvalidInput(f"the weight of '{name}' is too large: {value}")
        criteria[name] = weight
    return criteria


def parse_ratings(text: str) -> dict[str, int]:
    """How we stand on each criterion, e.g. 'quality=8,price=6': whole numbers 1-10."""
    ratings = {}
    for name, value in _pairs(text, "ratings"):
        if not re.fullmatch(r"[0-9]{1,2}", value) or not LOWEST_RATING <= int(value) <= HIGHEST_RATING:
            raise InvalidInput(f"the rating of '{name}' must be a whole number from {LOWEST_RATING} to {HIGHEST_RATING}, got '{value}'")
        ratings[name] = int(value)
    return ratings


def checked_ratings(key: str, ratings: Mapping[str, int], criteria: Mapping[str, Decimal] | None) -> dict[str, int]:
    """The ratings, when they rate every criterion the client uses and no other."""
    if not criteria:
        raise RuleViolation(f"'{key}' has no criteria to be rated on yet (set them with kam criteria)")
    unknown = [name for name in ratings if name not in criteria]
    if unknown:
        raise RuleViolation(f"'{key}' does not rate suppliers by {', '.join(unknown)} (its criteria: {', '.join(criteria)})")
    missing = [name for name in criteria if name not in ratings]
    if missing:
        raise RuleViolation(f"every criterion of '{key}' must be rated: {', '.join(missing)} missing")
    return {name: ratings[name] for name in criteria}


def normalised(criteria: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Each weight as a share of their sum (they add up to 1)."""
    total = sum(criteria.values(), Decimal(0))
    return {name: weight / total for name, weight in criteria.items()}


def weighted_mean_x10(ratings: Mapping[str, int], criteria: Mapping[str, Decimal]) -> Decimal | None:
    """The weighted mean of the ratings of the criteria, times 10, to one decimal (0-100); only the
    criteria rated count. None when none of them is rated."""
    rated = {name: weight for name, weight in criteria.items() if name in ratings}
    if not rated:
        return None
    mean = sum((share * ratings[name] for name, share in normalised(rated).items()), Decimal(0))
    return (mean * 10).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class OurAttractiveness:
    """Our attractiveness to a client by its criteria, from our latest rating; where it came from."""

    value: Decimal
    source: RatingSource
    rated_on: str
    unrated: tuple[str, ...] = ()  # criteria set after the rating, left out of the mean

    @property
    def source_label(self) -> str:
        return f"rating-{self.source.value}"


def our_attractiveness_by_criteria(
    criteria: Mapping[str, Decimal] | None, ratings: Mapping[str, int] | None, source: str | None, rated_on: str | None,
) -> OurAttractiveness | None:
    """Our attractiveness from the latest rating against the criteria in force; None without both."""
    if not criteria or not ratings or source is None or rated_on is None:
        return None
    value = weighted_mean_x10(ratings, criteria)
    if value is None:
        return None
    return OurAttractiveness(value, RatingSource(source), rated_on, tuple(name for name in criteria if name not in ratings))


def moved(before: Mapping[str, int] | None, after: Mapping[str, int]) -> dict[str, int]:
    """What moved from one rating to the next: each criterion's change (those that changed)."""
    if not before:
        return {}
    return {name: value - before[name] for name, value in after.items() if name in before and value != before[name]}


def weights_text(criteria: Mapping[str, Decimal]) -> str:
    """'quality 30%, price 25%, ...': the criteria and their normalised weights."""
    return ", ".join(f"{name} {share * 100:.0f}%" for name, share in normalised(criteria).items())
