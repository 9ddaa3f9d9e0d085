"""The versioned tier policy: ordered rules, first match wins, read from data (TOML).

``evaluate_portfolio`` is the one evaluator: for each client it returns the tier, the id of
the rule that fired, the inputs it saw and the events those inputs came from.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from kamledger.domain.errors import InvalidInput
from kamledger.domain.pareto import ParetoPosition, pareto_positions, share_text
from kamledger.domain.scorecard import Band
from kamledger.domain.effort import cost_ratio, cost_ratio_at_least, profit_per_hour, profit_per_hour_below
from kamledger.domain.tiers import NOT_RATING_SOURCES, ClientInputs, EventRef, Tier
from kamledger.domain.value import ValueDimension

OVERRIDE_TIER = "override"  # a rule with this tier hands out the manual override's tier
_NOWHERE = ParetoPosition()  # the conditions tier_by asks alone do not read the Pareto position


@dataclass(frozen=True)
class Situation:
    """One client's inputs seen against the whole portfolio."""

    client: ClientInputs
    pareto: ParetoPosition


@dataclass(frozen=True)
class Condition:
    test: Callable[[Situation, Any], bool]
    argument: type | tuple[type, ...]
    sources: tuple[str, ...]  # the inputs it reads, so a decision can name its causes
    prepare: Callable[[Any], Any] = lambda argument: argument  # the policy's argument as the test takes it


def _band_at_least(s: Situation, rank: int) -> bool:
    return s.client.band is not None and s.client.band.rank >= rank


def _profit_at_most(s: Situation, limit: Decimal) -> bool:
    return s.client.profit is not None and s.client.profit <= limit


CONDITIONS: dict[str, Condition] = {
    "override": Condition(lambda s, on: (s.client.override is not None) == on, bool, ("override",)),
    "has_inputs": Condition(lambda s, on: s.client.has_inputs == on, bool, ()),
    "profit_at_most": Condition(_profit_at_most, (int, str), ("profit",), lambda limit: Decimal(limit)),
    "band_in": Condition(lambda s, bands: s.client.band is not None and s.client.band.value in bands, list, ("score",)),
    "band_at_least": Condition(_band_at_least, str, ("score",), lambda band: Band(band).rank),
    "burden_noted": Condition(lambda s, on: bool(s.client.burdens) == on, bool, ("burdens",)),
    "in_pareto_head": Condition(lambda s, on: s.pareto.in_head == on, bool, ("profit",)),
    "dimension_high": Condition(
        lambda s, dims: any(d.value in dims for d in s.client.high_dimensions), list, ("dimensions",)
    ),
    # What a client costs in time and trouble (domain/effort.py):
    "cost_ratio_at_least": Condition(
        lambda s, limit: cost_ratio_at_least(s.client.revenue, s.client.cost_to_serve, limit), (int, float, str), ("profit",),
        lambda limit: Decimal(str(limit)),
    ),
    "profit_per_hour_below": Condition(
        lambda s, limit: profit_per_hour_below(s.client.profit, s.client.hours, limit), (int, float, str), ("profit", "effort"),
        lambda limit: Decimal(str(limit)),
    ),
    "open_problems_at_least": Condition(lambda s, count: s.client.open_problems >= count, int, ("problems",)),
    # The people on both sides (domain/people.py): everything runs through one contact or one of ours.
    "single_threaded": Condition(lambda s, on: s.client.single_threaded == on, bool, ("people",)),
}
# The conditions TierPolicy.tier_by remembers a verdict by what they answer for the client.
_ANSWERED = ("cost_ratio_at_least", "profit_per_hour_below", "open_problems_at_least", "single_threaded")


@dataclass(frozen=True)
class Rule:
    id: str
    tier: str
    when: Mapping[str, Any]
    description: str = ""

    def fires_for(self, situation: Situation) -> bool:
        for test, argument in self._checks:  # a loop, not all() over a generator: every client is tested
            if not test(situation, argument):
                return False
        return True

    @cached_property
    def _checks(self) -> tuple[tuple[Callable[[Situation, Any], bool], Any], ...]:
        """Each condition's test with its argument prepared once (every client is tested)."""
        return tuple((CONDITIONS[name].test, CONDITIONS[name].prepare(arg)) for name, arg in self.when.items())

    @property
    def source_names(self) -> tuple[str, ...]:
        return tuple(source for name in self.when for source in CONDITIONS[name].sources)


@dataclass(frozen=True)
class Verdict:
    """The tier and the rule that gives it, without the explanation (cheap, for every client)."""

    tier: Tier
    rule: Rule
    pareto: ParetoPosition


@dataclass(frozen=True)
class Decision:
    key: str
    tier: Tier
    rule: str
    policy_version: str
    inputs: dict[str, Any]
    causes: tuple[EventRef, ...]


# What TierPolicy.tier_by remembers a verdict by covers what these conditions read.
_REMEMBERED_BY = frozenset({"override", "has_inputs", "profit_at_most", "band_in", "band_at_least", "burden_noted",
                            "in_pareto_head", "dimension_high", *_ANSWERED})
_ALL_REMEMBERED = set(CONDITIONS) <= _REMEMBERED_BY


@dataclass(frozen=True)
class TierPolicy:
    version: str
    pareto_share: Decimal
    rules: tuple[Rule, ...]
    description: str = ""

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def verdict(self, situation: Situation) -> Verdict:
        rule = next(r for r in self.rules if r.fires_for(situation))
        tier = situation.client.override if rule.tier == OVERRIDE_TIER else Tier(rule.tier)
        assert tier is not None, "an override rule fires only when there is an override"
        return Verdict(tier, rule, situation.pareto)

    def tier_by(self, client: ClientInputs, in_head: bool) -> tuple[Tier, Rule]:
        """The tier and rule alone, remembered by what the conditions read (the override, whether
        there are inputs, the profit against each limit the rules name, the band, the burdens, the
        high dimensions, the place in the head): walking many clients through many dates, most
        meet a combination seen before."""
        if not _ALL_REMEMBERED:  # a condition the key below does not cover
            verdict = self.verdict(Situation(client, ParetoPosition(in_head=in_head)))
            return verdict.tier, verdict.rule
        profit = client.profit
        answered = self._answered
        if answered:
            alone = Situation(client, _NOWHERE)
            answers = tuple(test(alone, argument) for test, argument in answered)
        else:
            answers = ()
        seen = (client.override, client.has_inputs, client.band, client.burdens, client.high_dimensions, in_head,
                None if profit is None else tuple(profit <= limit for limit in self._profit_limits), answers)
        found = self._tiers_by.get(seen)
        if found is None:
            verdict = self.verdict(Situation(client, ParetoPosition(in_head=in_head)))
            found = self._tiers_by[seen] = (verdict.tier, verdict.rule)
        return found

    @cached_property
    def _profit_limits(self) -> tuple[Decimal, ...]:
        return tuple(sorted({Decimal(rule.when["profit_at_most"]) for rule in self.rules if "profit_at_most" in rule.when}))

    @cached_property
    def _answered(self) -> tuple[tuple[Callable[[Situation, Any], bool], Any], ...]:
        """The tests of the conditions whose answers tier_by remembers, with their arguments."""
        return tuple(check for rule in self.rules for name, check in zip(rule.when, rule._checks) if name in _ANSWERED)

    @cached_property
    def _tiers_by(self) -> dict[tuple[Any, ...], tuple[Tier, Rule]]:
        return {}

    def decide(self, situation: Situation) -> Decision:
        """The verdict with what it saw and the events behind it (needs the client's sources)."""
        client = situation.client
        verdict = self.verdict(situation)
        # A catch-all rule reads no input of its own: everything the client has is its cause.
        wanted = verdict.rule.source_names or tuple(name for name in client.sources if name not in NOT_RATING_SOURCES)
        causes = tuple(dict.fromkeys(ref for name in wanted for ref in client.sources.get(name, ())))
        return Decision(client.key, verdict.tier, verdict.rule.id, self.version, inputs_seen(situation), causes)


def situations(policy: TierPolicy, clients: Iterable[ClientInputs]) -> dict[str, Situation]:
    """Each client seen against the whole portfolio (its Pareto position)."""
    clients = list(clients)
    positions = pareto_positions({c.key: c.profit for c in clients}, policy.pareto_share)
    return {c.key: Situation(c, positions.get(c.key, ParetoPosition())) for c in clients}


def portfolio_verdicts(policy: TierPolicy, clients: Iterable[ClientInputs]) -> dict[str, Verdict]:
    """The tier of every client under the policy, without explanations."""
    return {key: policy.verdict(s) for key, s in situations(policy, clients).items()}


def evaluate_portfolio(policy: TierPolicy, clients: Iterable[ClientInputs]) -> dict[str, Decision]:
    """The tier of every client under the policy, each with its rule, inputs and causes."""
    return {key: policy.decide(s) for key, s in situations(policy, clients).items()}


def inputs_seen(situation: Situation) -> dict[str, Any]:
    client, pareto = situation.client, situation.pareto
    return {
        "profit": None if client.profit is None else str(client.profit),
        "rank": pareto.rank,
        "share": share_text(pareto.share),
        "cumulative_share": share_text(pareto.cumulative_share),
        "in_pareto_head": pareto.in_head,
        "score_total": client.score_total,
        "score_band": None if client.band is None else client.band.value,
        "high_dimensions": sorted(d.value for d in client.high_dimensions),
        "burdens": sorted(b.value for b in client.burdens),
        "override": None if client.override is None else client.override.value,
        "cost_ratio": share_text(cost_ratio(client.revenue, client.cost_to_serve)),
        "hours": str(client.hours),
        "profit_per_hour": plain(profit_per_hour(client.profit, client.hours)),
        "open_problems": client.open_problems,
        **({"single_threaded": True} if client.single_threaded else {}),  # shown where it holds (older decisions lack it)
    }


def plain(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def policy_from_dict(data: Mapping[str, Any]) -> TierPolicy:
    """Build a policy from parsed TOML, refusing anything the evaluator would not understand."""
    version = str(data.get("version", "")).strip()
    if not version:
        raise InvalidInput("the tier policy has no version")
    share = _checked_share(data.get("pareto_share", "0.8"))
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise InvalidInput(f"tier policy {version} has no [[rules]]")
    rules = tuple(_rule_from_dict(raw) for raw in raw_rules)
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise InvalidInput(f"tier policy {version} repeats a rule id")
    if rules[-1].when:
        raise InvalidInput(f"the last rule of tier policy {version} must have no conditions")
    return TierPolicy(version, share, rules, str(data.get("description", "")))


def _checked_share(raw: Any) -> Decimal:
    try:
        share = Decimal(str(raw))
    except InvalidOperation:
        share = Decimal(-1)
    if not share.is_finite() or not Decimal(0) < share <= Decimal(1):
        raise InvalidInput(f"pareto_share must be above 0 and at most 1, got {raw!r}")
    return share


def _rule_from_dict(raw: Any) -> Rule:
    if not isinstance(raw, Mapping) or not raw.get("id"):
        raise InvalidInput("every tier policy rule needs an id")
    rule_id = str(raw["id"])
    tier = str(raw.get("tier", ""))
    if tier not in {t.value for t in Tier} | {OVERRIDE_TIER}:
        raise InvalidInput(f"rule {rule_id}: unknown tier '{tier}'")
    when = raw.get("when", {})
    if not isinstance(when, Mapping):
        raise InvalidInput(f"rule {rule_id}: 'when' must be a table of conditions")
    when = dict(when)
    for name, argument in when.items():
        condition = CONDITIONS.get(name)
        if condition is None:
            raise InvalidInput(f"rule {rule_id}: unknown condition '{name}'")
        if isinstance(argument, bool) != (condition.argument is bool) or not isinstance(
            argument, condition.argument
        ):
            raise InvalidInput(f"rule {rule_id}: {name} cannot take {argument!r}")
    _check_named_values(rule_id, when)
    return Rule(rule_id, tier, when, str(raw.get("description", "")))


def _check_named_values(rule_id: str, when: dict[str, Any]) -> None:
    """Band and dimension names must exist; a profit limit must be an amount."""
    bands = when.get("band_in", []) + [when[k] for k in ("band_at_least",) if k in when]
    dimensions = when.get("dimension_high", [])
    unknown = [b for b in bands if b not in {band.value for band in Band}] + [
        d for d in dimensions if d not in {dim.value for dim in ValueDimension}
    ]
    if unknown:
        raise InvalidInput(f"rule {rule_id}: unknown band or dimension {unknown[0]!r}")
    if "profit_at_most" in when:
        when["profit_at_most"] = str(_checked_amount(rule_id, when["profit_at_most"]))
    for name in ("cost_ratio_at_least", "profit_per_hour_below"):
        if name in when:
            when[name] = str(_checked_amount(rule_id, when[name], name))
    if when.get("cost_ratio_at_least") is not None and Decimal(when["cost_ratio_at_least"]) <= 0:
        raise InvalidInput(f"rule {rule_id}: cost_ratio_at_least must be above 0, got {when['cost_ratio_at_least']}")
    if when.get("open_problems_at_least", 1) < 1:
        raise InvalidInput(f"rule {rule_id}: open_problems_at_least must be 1 or more, got {when['open_problems_at_least']}")


def _checked_amount(rule_id: str, raw: Any, name: str = "profit_at_most") -> Decimal:
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise InvalidInput(f"rule {rule_id}: {name} {raw!r} is not an amount")
    return amount
