"""Business time: what a client's inputs were on each business date, whatever order its facts were
typed in.

Every fact that sets an input puts a ``Mark`` on one *slot* of the client (its owner, its score,
the value of one period, one burden signal, ...). On a business date, each slot says what its
latest mark on or before that date says: the later business date wins, and on the same date the
later recorded fact (the higher version). The set of marks does not depend on the order they were
recorded in, so neither does anything read from them.

``DatedInputs`` is what a client's slots say together on one date: the plain columns a tier policy
and the standings read. ``span_of`` tells which of a client's dates a new mark changes, so the read
side can keep a client's dated inputs current one mark at a time.
"""

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from kamledger.domain.prospects import Stage
from kamledger.domain.pyramid import STARTING_LEVEL
from kamledger.domain.scorecard import band_for
from kamledger.domain.pareto import ParetoPosition, pareto_positions
from kamledger.domain.threads import is_single_threaded
from kamledger.domain.tier_policy import Situation, TierPolicy, Verdict
from kamledger.domain.tiers import ClientInputs, Tier
from kamledger.domain.value import BurdenSignal, Level, ValueDimension


T = TypeVar("T")


class Mark(NamedTuple):
    """What one fact says of one slot, on its business date; version orders facts of one date."""

    on: date
    version: int
    says: Any


# The slots a fact can mark: one of a kind, or one per period, dimension or signal ("value:2026-Q1").
OWNER, PYRAMID, SCORE, SURVEY, OVERRIDE = "owner", "pyramid", "score", "survey", "override"
STAGE = "stage"  # prospect, client or former (domain/prospects.py): only clients are in the portfolio
CLIENT_STAGE = Stage.CLIENT.value  # what the stage slot says before any stage mark
VALUE, DIMENSION, BURDEN = "value", "dimension", "burden"
# One slot per entry of work (each adds its hours for good) and per problem (open until resolved).
EFFORT, PROBLEM = "effort", "problem"
# The client's criteria for rating suppliers, and our latest rating on them (no tier input reads them:
# the matrix, the ideal-client profile and the standings do).
CRITERIA, RATING = "criteria", "rating"
# The people on both sides (domain/people.py): one slot per person at the client (at the client, left,
# forgotten) and per link of ours to them (its strength; None once unlinked) are tier inputs (the
# policy's single_threaded); a person's level, department, stance, whether they decide, and each
# touch are marked too, but no tier input reads them.
PERSON, LINK = "person", "link"
PRESENT = "present"  # what a person's slot says while they are at the client
PERSON_LEVEL, PERSON_DEPARTMENT, PERSON_STANCE, PERSON_DECIDES, TOUCH = (
    "person-level", "person-department", "person-stance", "person-decides", "touch")
_NOT_INPUTS = frozenset({PERSON_LEVEL, PERSON_DEPARTMENT, PERSON_STANCE, PERSON_DECIDES, TOUCH})


def slot(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def insert_mark(marks: list[Mark], mark: Mark) -> int:
    """Put the mark in its place among a slot's marks (by business date, then version); its index."""
    position = bisect_right(marks, (mark.on, mark.version))
    marks.insert(position, mark)
    return position


def said_on(marks: list[Mark] | None, day: date, default: Any = None) -> Any:
    """What a slot says on the day: its latest mark on or before it, else the default."""
    if not marks:
        return default
    position = bisect_right(marks, (day, float("inf")))
    return marks[position - 1].says if position else default


def span_of(marks: list[Mark], position: int) -> tuple[date, date | None]:
    """The business dates on which the mark at position is what its slot says: from its date up
    to (not including) the next mark's date; empty when a later fact of the same date outranks it."""
    mark = marks[position]
    following = marks[position + 1].on if position + 1 < len(marks) else None
    return mark.on, following


class DatedInputs(NamedTuple):
    """A client's inputs on one business date, as plain values (a tuple: the read side makes one
    for every fact it projects)."""

    owner: str | None = None
    pyramid_level: str = STARTING_LEVEL.value
    score_total: int | None = None
    values: int = 0  # periods with a value recorded
    profit_sum: Decimal = Decimal(0)
    # How many of those periods' profits are written with 0, 1 and 2 decimals: the profit is written
    # with the most of them, as a sum of the periods' values is (so "1000" stays "1000").
    decimals: tuple[int, int, int] = (0, 0, 0)
    dimensions: tuple[tuple[str, str], ...] = ()  # (dimension, level), sorted
    burdens: frozenset[str] = frozenset()
    override: str | None = None
    survey: tuple[date, int, int] | None = None  # (date, satisfaction, nps) of the latest survey
    revenue_sum: Decimal = Decimal(0)  # of the periods with a value
    cost_sum: Decimal = Decimal(0)
    hours_sum: Decimal = Decimal(0)  # of every entry of work so far
    open_problems: int = 0
    criteria: tuple[tuple[str, str], ...] = ()  # (criterion, weight as given), in the client's order
    rating: tuple[str, tuple[tuple[str, int], ...]] | None = None  # (source, (criterion, 1-10)...) of the latest
    stage: str = CLIENT_STAGE
    linked: frozenset[str] = frozenset()  # "person/ours" of every link held (domain/people.py)
    present: frozenset[str] = frozenset()  # the persons at the client (not those who left or were forgotten)

    @property
    def single_threaded(self) -> bool:
        return _single_threaded(self.linked, self.present)

    @property
    def in_portfolio(self) -> bool:
        return self.stage == CLIENT_STAGE

    @property
    def profit(self) -> Decimal | None:
        if not self.values:
            return None
        return self.profit_sum.quantize(_places(self.decimals))

    @property
    def score_band(self) -> str | None:
        return None if self.score_total is None else band_for(self.score_total).value

    @property
    def high_dimensions(self) -> frozenset[str]:
        return frozenset(name for name, level in self.dimensions if level == Level.HIGH.value)

    @property
    def has_inputs(self) -> bool:
        return bool(self.values or self.score_total is not None or self.dimensions or self.burdens or self.override)

    def with_change(self, slot_name: str, before: Mark | None, after: Mark | None) -> "DatedInputs":
        """These inputs with one slot saying ``after`` where it said ``before``."""
        kind, _, name = slot_name.partition(":")
        new = after.says if after else None
        if kind == VALUE:
            (old, old_revenue, old_cost), (added, new_revenue, new_cost) = _money(before), _money(after)
            decimals = list(self.decimals)
            for amount, step in ((old, -1), (added, 1)):
                if amount is not None:
                    decimals[-amount.as_tuple().exponent] += step  # type: ignore[operator]
            return self._replace(
                values=self.values + (added is not None) - (old is not None),
                profit_sum=self.profit_sum + (added or 0) - (old or 0), decimals=tuple(decimals),  # type: ignore[arg-type]
                revenue_sum=self.revenue_sum + new_revenue - old_revenue, cost_sum=self.cost_sum + new_cost - old_cost,
            )
        if kind == EFFORT:
            hours = (Decimal(after.says[0]) if after else Decimal(0)) - (Decimal(before.says[0]) if before else Decimal(0))
            return self._replace(hours_sum=self.hours_sum + hours)
        if kind == PROBLEM:
            was_open, is_open = before is not None and before.says is not None, new is not None
            return self._replace(open_problems=self.open_problems + is_open - was_open)
        if kind == SCORE:
            return self._replace(score_total=new)
        if kind == SURVEY:
            return self._replace(survey=None if after is None else (after.on, *after.says))
        if kind == DIMENSION:
            others = tuple(pair for pair in self.dimensions if pair[0] != name)
            return self._replace(dimensions=tuple(sorted(others + (((name, new),) if new else ()))))
        if kind == BURDEN:
            return self._replace(burdens=self.burdens | {name} if new else self.burdens - {name})
        if kind == OVERRIDE:
            return self._replace(override=new)
        if kind == PYRAMID:
            return self._replace(pyramid_level=new or STARTING_LEVEL.value)
        if kind == OWNER:
            return self._replace(owner=new)
        if kind == STAGE:
            return self._replace(stage=new or CLIENT_STAGE)
        if kind == PERSON:
            return self._replace(present=self.present | {name} if new == PRESENT else self.present - {name})
        if kind == LINK:
            return self._replace(linked=self.linked | {name} if new else self.linked - {name})
        if kind in _NOT_INPUTS:
            return self
        if kind == CRITERIA:
            return self._replace(criteria=tuple(new.items()) if new else ())
        if kind == RATING:
            return self._replace(rating=None if new is None else (new["source"], tuple(new["ratings"].items())))
        raise ValueError(f"no such slot: {slot_name}")

    def read_by_policy(self) -> tuple[Any, ...]:
        """Every part of these inputs that ``client_inputs`` reads: where two dates' parts are equal,
        the tier policy sees the same client on both (the owner, the pyramid, the surveys, the
        criteria and the rating are not among them). The periods with a value and the profits' sum
        come first: the Pareto head reads them."""
        return (self.values, self.profit_sum, self.decimals, self.score_total, self.dimensions, self.burdens, self.override,
                self.revenue_sum, self.cost_sum, self.hours_sum, self.open_problems, self.linked, self.present)

    def client_inputs(self, key: str) -> ClientInputs:
        """What the tier policy reads (without the events behind it)."""
        band, high, signals, override, single_threaded = _policy_parts(
            self.score_total, self.dimensions, self.burdens, self.override, self.linked, self.present)
        valued = bool(self.values)
        return ClientInputs.unsourced(
            key=key, has_inputs=self.has_inputs,
            profit=self.profit, score_total=self.score_total,
            band=band, high_dimensions=high, burdens=signals, override=override,
            revenue=self.revenue_sum if valued else None, cost_to_serve=self.cost_sum if valued else None,
            hours=self.hours_sum, open_problems=self.open_problems, single_threaded=single_threaded,
        )


def _money(mark: Mark | None) -> tuple[Decimal | None, Decimal, Decimal]:
    """(profit, revenue, cost to serve) a value mark says: [profit, revenue, cost] as text; a mark
    kept before revenue and cost were (the profit alone) counts neither."""
    if mark is None:
        return None, Decimal(0), Decimal(0)
    if isinstance(mark.says, str):
        return Decimal(mark.says), Decimal(0), Decimal(0)
    profit, revenue, cost = mark.says
    return Decimal(profit), Decimal(revenue), Decimal(cost)


# Few distinct values, parsed into enums once (a review asks the policy about every change).
@lru_cache(maxsize=4096)
def _policy_parts(score_total: int | None, dimensions: tuple[tuple[str, str], ...], burdens: frozenset[str],
                  override: str | None, linked: frozenset[str], present: frozenset[str]) -> tuple[Any, ...]:
    """The band, the high dimensions, the burden signals, the override and single-threadedness:
    what the policy reads of the inputs other than money, effort and problems."""
    return (None if score_total is None else band_for(score_total), _high(dimensions), _signals(burdens),
            None if override is None else Tier(override), _single_threaded(linked, present))


@lru_cache(maxsize=1024)
def _single_threaded(linked: frozenset[str], present: frozenset[str]) -> bool:
    pairs = (name.partition("/") for name in linked)
    return is_single_threaded((person, ours) for person, _, ours in pairs if person in present)


@lru_cache(maxsize=64)
def _places(decimals: tuple[int, int, int]) -> Decimal:
    """The exponent a profit is written with: the most decimals among its periods' profits."""
    return Decimal(1).scaleb(-max(n for n, count in enumerate(decimals) if count))


@lru_cache(maxsize=1024)
def _high(dimensions: tuple[tuple[str, str], ...]) -> frozenset[ValueDimension]:
    return frozenset(ValueDimension(name) for name, level in dimensions if level == Level.HIGH.value)


@lru_cache(maxsize=256)
def _signals(burdens: frozenset[str]) -> frozenset[BurdenSignal]:
    return frozenset(BurdenSignal(b) for b in burdens)


def inputs_on(marks: dict[str, list[Mark]], day: date) -> DatedInputs:
    """What every slot says on the day, together."""
    inputs = DatedInputs()
    for name, slot_marks in marks.items():
        position = bisect_right(slot_marks, (day, float("inf")))
        if position:
            inputs = inputs.with_change(name, None, slot_marks[position - 1])
    return inputs


@dataclass(frozen=True)
class ParetoHead:
    """The Pareto head on one business date: its last client (profit, key) and the total profit of
    the clients ranked. A client is in the head on that date when it ranks at or before the last."""

    day: date
    boundary: tuple[Decimal, str] | None
    total: Decimal
    ranked: int
    recorded_at: Any = None  # when the latest change of that day was recorded, where known

    @classmethod
    def of(cls, day: date, profits: Mapping[str, Decimal | None], share: Decimal, recorded_at: Any = None) -> "ParetoHead":
        positions = pareto_positions(profits, share)
        head = [(-profits[key], key) for key, p in positions.items() if p.in_head]  # type: ignore[operator]
        last = max(head, default=None)
        total = sum((p for p in profits.values() if p is not None and p > 0), Decimal(0))
        return cls(day, None if last is None else (-last[0], last[1]), total, len(positions), recorded_at)

    def position(self, key: str, profit: Decimal | None) -> ParetoPosition:
        """Where a client with that profit stands against this head (its rank is not kept)."""
        if profit is None or profit <= 0 or not self.total:
            return ParetoPosition()
        in_head = self.boundary is not None and (-profit, key) <= (-self.boundary[0], self.boundary[1])
        return ParetoPosition(rank=None, share=profit / self.total, cumulative_share=None, in_head=in_head)


@dataclass(frozen=True)
class TierStep:
    """The tier a client's facts gave from a business date on, and how the policy saw them."""

    day: date
    from_tier: Tier
    verdict: Verdict
    situation: Situation
    policy_version: str
    head: ParetoHead | None = None  # the Pareto head in force on the day


def tier_steps(
    key: str, registered_on: date, inputs: Sequence[tuple[date, DatedInputs]],
    policies: Sequence[tuple[date, TierPolicy]], head_days: Sequence[date],
    head_on: Callable[[date, Decimal], ParetoHead | None], until: date,
) -> list[TierStep]:
    """The client's tier by business date up to `until`: a step wherever the policy's verdict moves.

    Its inputs move on its own dates, the policy on adoption dates, its Pareto position on the days
    a value was recorded for anyone (``head_on`` gives the head in force on a day, for a share)."""
    candidates = {day for day, _ in inputs} | {day for day, _ in policies} | set(head_days)
    days = sorted(day for day in candidates | {registered_on} if registered_on <= day <= until)
    input_days, policy_days = [d for d, _ in inputs], [d for d, _ in policies]
    steps: list[TierStep] = []
    tier = Tier.UNRATED
    for day in days:
        policy = _in_force(policies, policy_days, day)
        if policy is None:  # the caller gives the shipped policy from the start of time
            raise ValueError(f"no tier policy in force on {day}")
        own = _in_force(inputs, input_days, day) or DatedInputs()
        if not own.in_portfolio:  # a prospect, or a client that left: no tier while out of the portfolio
            continue
        head = head_on(day, policy.pareto_share)
        client = own.client_inputs(key)
        situation = Situation(client, head.position(key, client.profit) if head else ParetoPosition())
        verdict = policy.verdict(situation)
        if verdict.tier is not tier or not steps:
            steps.append(TierStep(day, tier, verdict, situation, policy.version, head))
            tier = verdict.tier
    return steps


def _in_force(dated: Sequence[tuple[date, T]], days: list[date], day: date) -> T | None:
    """The latest of the dated things (on those days, in order) on or before the day."""
    position = bisect_right(days, day)
    return dated[position - 1][1] if position else None
