"""Business time in the domain: marks by business date, the inputs they give on a date, and the
tier steps a policy makes of them (no database)."""

from datetime import date
from decimal import Decimal

from kamledger.domain.business_time import (
    DatedInputs, Mark, ParetoHead, inputs_on, insert_mark, said_on, span_of, tier_steps,
)
from kamledger.domain.tiers import Tier
from kamledger.service.infrastructure.config import default_policy

JAN, FEB, MAR, APR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 10)


def marks_of(*marks: Mark) -> list[Mark]:
    slot: list[Mark] = []
    for mark in marks:
        insert_mark(slot, mark)
    return slot


def test_a_slot_says_its_latest_mark_by_business_date_whatever_order_they_came_in():
    typed_late = marks_of(Mark(MAR, 1, 72), Mark(JAN, 2, 96))
    assert said_on(typed_late, FEB) == 96 and said_on(typed_late, MAR) == 72
    assert said_on(typed_late, date(2026, 1, 9), "none") == "none"


def test_on_the_same_day_the_fact_recorded_later_wins():
    assert said_on(marks_of(Mark(FEB, 5, 80), Mark(FEB, 3, 60)), FEB) == 80


def test_a_mark_decides_from_its_date_up_to_the_next_mark_of_its_slot():
    slot = marks_of(Mark(JAN, 1, "a"), Mark(MAR, 2, "c"), Mark(FEB, 3, "b"))
    assert span_of(slot, 1) == (FEB, MAR)
    assert span_of(slot, 2) == (MAR, None)


def test_a_mark_outranked_on_its_own_day_decides_nothing():
    slot = marks_of(Mark(FEB, 5, "later"), Mark(FEB, 3, "earlier"))
    start, end = span_of(slot, 0)
    assert start == end == FEB


def test_a_period_recorded_again_replaces_its_profit_and_keeps_the_decimals_of_the_values_left():
    inputs = DatedInputs().with_change("value:2026-Q1", None, Mark(JAN, 1, "100.50"))
    inputs = inputs.with_change("value:2026-Q2", None, Mark(FEB, 2, "300"))
    assert inputs.profit == Decimal("400.50")
    corrected = inputs.with_change("value:2026-Q1", Mark(JAN, 1, "100.50"), Mark(MAR, 3, "200"))
    assert (str(corrected.profit), corrected.values) == ("500", 2)


def test_inputs_on_a_date_are_what_every_slot_says_then():
    marks = {
        "owner": marks_of(Mark(JAN, 1, "ann"), Mark(MAR, 4, "bob")),
        "burden:harm-to-team": marks_of(Mark(FEB, 2, True), Mark(APR, 5, False)),
        "score": marks_of(Mark(FEB, 3, 96)),
    }
    on_march = inputs_on(marks, MAR)
    assert (on_march.owner, on_march.burdens, on_march.score_band, on_march.has_inputs) == (
        "bob", frozenset({"harm-to-team"}), "workable", True)
    assert inputs_on(marks, APR).burdens == frozenset()
    assert inputs_on(marks, JAN).has_inputs is False


def test_the_pareto_head_of_a_date_places_a_client_by_its_profit_then():
    head = ParetoHead.of(FEB, {"big": Decimal(800), "mid": Decimal(150), "small": Decimal(50), "none": None}, Decimal("0.8"))
    assert head.boundary == (Decimal(800), "big")
    assert head.position("big", Decimal(800)).in_head and not head.position("mid", Decimal(150)).in_head
    assert head.position("none", None).share == 0


def test_the_tier_steps_run_forward_in_business_time():
    scored = DatedInputs(score_total=108)
    valued = scored.with_change("value:2026", None, Mark(MAR, 2, "1000"))
    burdened = valued.with_change("burden:harm-to-team", None, Mark(APR, 3, True))
    inputs = [(FEB, scored), (MAR, valued), (APR, burdened)]
    policy = default_policy()

    def head_on(day, share):
        return ParetoHead.of(day, {"acme": Decimal(1000)}, share) if day >= MAR else None

    steps = tier_steps("acme", JAN, inputs, [(date.min, policy)], [MAR], head_on, date(2026, 12, 31))
    assert [(s.day, s.from_tier, s.verdict.tier, s.verdict.rule.id) for s in steps] == [
        (JAN, Tier.UNRATED, Tier.UNRATED, "unrated-no-inputs"),
        (FEB, Tier.UNRATED, Tier.SILVER, "silver-default"),
        (MAR, Tier.SILVER, Tier.GOLD, "gold-pareto-head"),
        (APR, Tier.GOLD, Tier.BRONZE, "bronze-burden"),
    ]
