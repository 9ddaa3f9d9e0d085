"""What a client costs in time and trouble: hours and problems, profit per hour, cost ratio, the
tier policy conditions that read them, and their business dates whatever order they were typed in."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from kamledger.domain.business_time import DatedInputs, Mark, inputs_on
from kamledger.domain.effort import (
    EffortKind, Severity, cost_ratio, cost_ratio_at_least, parse_hours, profit_per_hour, profit_per_hour_below,
)
from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.pareto import ParetoPosition
from kamledger.domain.relationship import Relationship, standing_on
from kamledger.domain.tier_policy import Situation, policy_from_dict
from kamledger.domain.tiers import ClientInputs, Tier
from kamledger.domain.value import Period
from kamledger.service.infrastructure.config import default_policy_document

START = date(2026, 1, 1)


@pytest.mark.parametrize(("text", "hours"), [("2", "2"), ("1.5", "1.5"), (" 0.25 ", "0.25"), ("24", "24")])
def test_hours_of_one_entry(text, hours):
    assert parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize("text", ["0", "0.00", "24.01", "25", "-1", "1.234", "abc", "", "1e2"])
def test_hours_above_zero_and_at_most_a_day_or_refused_as_bad_input(text):
    with pytest.raises(InvalidInput):
        parse_hours(text)


def test_profit_per_hour_and_cost_ratio():
    assert profit_per_hour(Decimal(6000), Decimal(40)) == Decimal("150.00")
    assert profit_per_hour(Decimal(1000), Decimal(3)) == Decimal("333.33")
    assert profit_per_hour(None, Decimal(3)) is None and profit_per_hour(Decimal(5), Decimal(0)) is None
    assert cost_ratio(Decimal(10000), Decimal(8500)) == Decimal("0.8500")
    assert cost_ratio(Decimal(0), Decimal(10)) is None and cost_ratio(None, None) is None


@pytest.mark.parametrize(("revenue", "cost", "holds"), [
    ("10000", "8000", True), ("10000", "7999.99", False), ("0", "1", True), ("0", "0", False), (None, None, False),
])
def test_cost_ratio_at_least_eighty_per_cent(revenue, cost, holds):
    revenue, cost = (None if text is None else Decimal(text) for text in (revenue, cost))
    assert cost_ratio_at_least(revenue, cost, Decimal("0.8")) is holds


def test_profit_per_hour_below_needs_hours_and_a_profit():
    assert profit_per_hour_below(Decimal(3999), Decimal(40), Decimal(100))
    assert not profit_per_hour_below(Decimal(4000), Decimal(40), Decimal(100))
    assert not profit_per_hour_below(Decimal(1), Decimal(0), Decimal(100))
    assert not profit_per_hour_below(None, Decimal(5), Decimal(100))


def policy_with(condition: str, argument) -> "object":
    document = default_policy_document()
    rules = list(document["rules"])
    rules.insert(5, {"id": "bronze-costly", "tier": "bronze", "when": {condition: argument}})
    return policy_from_dict({**document, "version": "v9", "rules": rules})


def situation(**inputs) -> Situation:
    return Situation(ClientInputs("acme", has_inputs=True, **inputs), ParetoPosition())


@pytest.mark.parametrize(("condition", "argument", "inputs", "tier"), [
    ("cost_ratio_at_least", "0.8", {"profit": Decimal(1500), "revenue": Decimal(10000), "cost_to_serve": Decimal(8500)}, Tier.BRONZE),
    ("cost_ratio_at_least", 0.8, {"profit": Decimal(2500), "revenue": Decimal(10000), "cost_to_serve": Decimal(7500)}, Tier.SILVER),
    ("profit_per_hour_below", "100", {"profit": Decimal(3000), "hours": Decimal(40)}, Tier.BRONZE),
    ("profit_per_hour_below", 100, {"profit": Decimal(5000), "hours": Decimal(40)}, Tier.SILVER),
    ("open_problems_at_least", 2, {"open_problems": 2}, Tier.BRONZE),
    ("open_problems_at_least", 2, {"open_problems": 1}, Tier.SILVER),
])
def test_the_time_and_trouble_conditions(condition, argument, inputs, tier):
    policy = policy_with(condition, argument)
    assert policy.verdict(situation(**inputs)).tier is tier
    assert policy.tier_by(ClientInputs("acme", has_inputs=True, **inputs), False)[0] is tier


@pytest.mark.parametrize(("condition", "argument"), [
    ("cost_ratio_at_least", "lots"), ("cost_ratio_at_least", 0), ("profit_per_hour_below", "NaN"),
    ("open_problems_at_least", 0), ("open_problems_at_least", "2"), ("open_problems_at_least", True),
])
def test_a_bad_argument_of_a_time_and_trouble_condition_is_refused(condition, argument):
    with pytest.raises(InvalidInput):
        policy_with(condition, argument)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=12))
def test_tier_by_remembers_verdicts_without_mixing_up_what_the_conditions_answer(clients):
    """tier_by remembers a verdict by what the conditions answer: it must always equal the verdict."""
    policy = policy_from_dict({**default_policy_document(), "version": "v9", "rules": [
        *default_policy_document()["rules"][:5],
        {"id": "a", "tier": "bronze", "when": {"cost_ratio_at_least": "0.8"}},
        {"id": "b", "tier": "bronze", "when": {"profit_per_hour_below": "50"}},
        {"id": "c", "tier": "bronze", "when": {"open_problems_at_least": 2}},
        *default_policy_document()["rules"][5:],
    ]})
    for cost, hours, problems in clients:
        inputs = ClientInputs("acme", has_inputs=True, profit=Decimal(1000 - cost * 200), revenue=Decimal(1000),
                              cost_to_serve=Decimal(cost * 200), hours=Decimal(hours * 10), open_problems=problems)
        verdict = policy.verdict(Situation(inputs, ParetoPosition()))
        assert policy.tier_by(inputs, False) == (verdict.tier, verdict.rule)


def test_value_marks_of_before_revenue_was_kept_still_count_their_profit():
    inputs = DatedInputs().with_change("value:2026-Q1", None, Mark(START, 1, "100.50"))
    inputs = inputs.with_change("value:2026-Q2", None, Mark(START, 2, ["300", "1000", "700"]))
    assert (inputs.profit, inputs.revenue_sum, inputs.cost_sum) == (Decimal("400.50"), Decimal(1000), Decimal(700))


def client() -> Relationship:
    return Relationship.register("acme", "Acme", None, START, "coach")


def test_a_problem_is_resolved_only_while_open_on_that_date():
    acme = client()
    assert acme.note_problem("Invoice dispute", Severity.HIGH, date(2026, 2, 1), "coach") == 1
    with pytest.raises(RuleViolation, match="no problem 2"):
        acme.resolve_problem(2, None, date(2026, 3, 1), "coach")
    with pytest.raises(RuleViolation, match="not open on 2026-01-15 \\(noted on 2026-02-01\\)"):
        acme.resolve_problem(1, None, date(2026, 1, 15), "coach")
    acme.resolve_problem(1, "Credit note sent", date(2026, 3, 1), "coach")
    with pytest.raises(RuleViolation, match="not open \\(resolved on 2026-03-01\\)"):
        acme.resolve_problem(1, None, date(2026, 3, 5), "coach")
    assert acme.standing.open_problems == [] and acme.standing.tier_inputs().open_problems == 0


def test_time_and_problems_alone_do_not_rate_a_client():
    acme = client()
    acme.spend_effort(Decimal(3), EffortKind.SUPPORT, None, date(2026, 2, 1), "coach")
    acme.note_problem("Escalation", Severity.LOW, date(2026, 2, 1), "coach")
    assert acme.standing.tier_inputs().has_inputs is False
    assert DatedInputs().with_change("effort:2", None, Mark(START, 2, ["3", "support"])).has_inputs is False


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["effort", "problem", "value"]), st.integers(1, 8)),
                min_size=1, max_size=10),
       st.randoms(use_true_random=False))
def test_hours_problems_and_money_by_business_date_do_not_depend_on_the_order_typed(facts, shuffle):
    """The same dated facts folded in the order typed and in another give the same hours, open
    problems, revenue and cost on every date, in the standing and in its dated inputs."""
    acme = client()
    for n, (offset, kind, amount) in enumerate(facts):
        day = START + timedelta(days=offset)
        if kind == "effort":
            acme.spend_effort(Decimal(amount), EffortKind.MEETINGS, None, day, "coach")
        elif kind == "problem":
            problem_id = acme.note_problem(f"problem {n}", Severity.MEDIUM, day, "coach")
            if amount % 2:
                acme.resolve_problem(problem_id, None, day + timedelta(days=amount), "coach")
        else:
            acme.record_value(Period.parse(f"{2020 + n}"), Decimal(amount * 100), Decimal(amount * 30), day, "coach")
    events = acme.collect_events()
    shuffled = events[1:]
    shuffle.shuffle(shuffled)
    for day in sorted({START + timedelta(days=d) for d in range(0, 70, 3)}):
        typed, other = standing_on(events, day), standing_on([events[0], *shuffled], day)
        seen = [(s.hours, len(s.open_problems), s.revenue, s.cost_to_serve, s.tier_inputs().hours) for s in (typed, other)]
        assert seen[0] == seen[1]
        assert inputs_on(typed.marks, day) == inputs_on(other.marks, day)
        dated = inputs_on(acme.standing.marks, day)
        assert (dated.hours_sum, dated.open_problems) == (typed.hours, len(typed.open_problems))
