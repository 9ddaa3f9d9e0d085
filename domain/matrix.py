"""The two-sided matrix: how attractive a client is to us, held against how attractive we are to it.

Both sides are on 0-100:
- the client's attractiveness to us is its latest scorecard total as a share of 120;
- our attractiveness to the client is, by the client's own criteria, the weighted mean of our latest
  ratings times 10 (domain/attractiveness.py); where no rating exists yet, the survey's proxy: the
  mean of its latest survey's satisfaction (1-10, scaled so 1 is 0 and 10 is 100) and its NPS
  answer (0-10, times 10).
High on the client's side is a score in the workable band or better (80 of 120); on ours, 70 or
more (both can be chosen). The quadrants:

                         ours to them high     ours to them low
    theirs to us high    key                   develop
    theirs to us low     maintain              reconsider
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from kamledger.domain.attractiveness import our_attractiveness_by_criteria
from kamledger.domain.business_time import DatedInputs
from kamledger.domain.scorecard import BAND_FLOORS, MAX_TOTAL, Band
from kamledger.domain.standing import Standing

HIGH = Decimal(50)  # the line both sides once shared (a score of 60, at risk, counted as high)
CLIENT_HIGH = dict(BAND_FLOORS)[Band.WORKABLE]  # a score of 80 of 120 or more: attractive to us
OUR_HIGH = Decimal(70)  # 0-100: attractive to the client


class OurSource(str, Enum):
    """Where our side of the matrix comes from."""

    RATING_CLIENT = "rating-client"  # the client rated us by its criteria
    RATING_ESTIMATE = "rating-estimate"  # we estimated how it would rate us
    SURVEY = "survey"  # no rating yet: satisfaction and NPS stand in
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


def quadrant_of(client_side: Decimal, our_side: Decimal, high: Decimal = HIGH, our_high: Decimal | None = None) -> Quadrant:
    """The quadrant of two sides on 0-100: the client's high from `high`, ours from `our_high`
    (the same line when not given)."""
    return quadrant_for(client_side >= high, our_side >= (high if our_high is None else our_high))


def quadrant_for(client_high: bool, our_high: bool) -> Quadrant:
    if client_high:
        return Quadrant.KEY if our_high else Quadrant.DEVELOP
    return Quadrant.MAINTAIN if our_high else Quadrant.RECONSIDER


# A quadrant is not a tier: the matrix weighs two attractiveness scores; the tier policy weighs profit.
QUADRANT_IS_NOT_TIER = (
    "A quadrant is not a tier: the matrix holds our scorecard of the client against how the client rates us; "
    "the tier is the tier policy's verdict on profit (the Pareto head), the score band, burdens and value noted. "
    "A key client that brings little profit is not gold, and a gold client may still have to be won over."
)


def quadrant_against_tier(quadrant: "Quadrant | None", tier: str, rule: str | None, meaning: str | None = None) -> str | None:
    """Why a key client is not gold, or a gold one not key, by the rule that set its tier and what
    that rule means (None when they agree, or the client is not placed)."""
    by = f" by {rule}" + (f" ({meaning.rstrip('.')})" if meaning else "") if rule else ""
    if quadrant is Quadrant.KEY and tier != "gold":
        return f"key, yet {tier}{by}"
    if quadrant is not None and quadrant is not Quadrant.KEY and tier == "gold":
        return f"{quadrant.value}, yet gold{by}"
    return None


def client_high_line(score: int) -> Decimal:
    """Where a client-side line drawn at a score falls on 0-100."""
    return client_attractiveness(score)


@dataclass(frozen=True)
class Placement:
    """Where one client sits; a side is None until it is known (no score, or neither a rating nor a
    survey yet). The client's side is high from a score of `client_high` of 120, ours from `our_high`."""

    key: str
    score_total: int | None
    our_attractiveness: Decimal | None
    our_source: OurSource | None = None
    client_high: int = CLIENT_HIGH
    our_high: Decimal = OUR_HIGH

    @classmethod
    def of(cls, key: str, score_total: int | None, satisfaction: int | None, nps: int | None,
           client_high: int = CLIENT_HIGH, our_high: Decimal = OUR_HIGH) -> "Placement":
        """Placed by the survey's proxy for our side."""
        ours = None if satisfaction is None or nps is None else our_attractiveness(satisfaction, nps)
        return cls(key, score_total, ours, None if ours is None else OurSource.SURVEY, client_high, our_high)

    @property
    def client_attractiveness(self) -> Decimal | None:
        return None if self.score_total is None else client_attractiveness(self.score_total)

    @property
    def quadrant(self) -> Quadrant | None:
        if self.score_total is None or self.our_attractiveness is None:
            return None
        return quadrant_for(self.score_total >= self.client_high, self.our_attractiveness >= self.our_high)

    @property
    def missing(self) -> tuple[str, ...]:
        """What must be recorded before the client can be placed."""
        return tuple(what for what, side in (("score", self.score_total), ("rating", self.our_attractiveness))
                     if side is None)


def _scaled(value: Decimal) -> Decimal:
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def our_side(standing: "Standing") -> tuple[Decimal | None, OurSource | None]:
    """Our attractiveness to the client (0-100) and where it comes from: our latest rating by its
    criteria, else its latest survey, else nothing."""
    rating = standing.rating
    by_criteria = rating and our_attractiveness_by_criteria(
        standing.criteria, rating.ratings, rating.source, rating.occurred_on.isoformat())
    if by_criteria:
        return by_criteria.value, OurSource(by_criteria.source_label)
    if standing.survey:
        return our_attractiveness(standing.survey.satisfaction, standing.survey.nps), OurSource.SURVEY
    return None, None


def our_side_dated(inputs: DatedInputs) -> tuple[Decimal | None, OurSource | None]:
    """Our side of the matrix from a client's inputs on a business date (as our_side does from a standing)."""
    if inputs.rating is not None:
        source, ratings = inputs.rating
        by_criteria = our_attractiveness_by_criteria(
            {name: Decimal(weight) for name, weight in inputs.criteria}, dict(ratings), source, "dated")
        if by_criteria:
            return by_criteria.value, OurSource(by_criteria.source_label)
    if inputs.survey is not None:
        _, satisfaction, nps = inputs.survey
        return our_attractiveness(satisfaction, nps), OurSource.SURVEY
    return None, None
