"""Objectives of a development plan: targets as typed, and their status from the dated facts."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from kamledger.domain.errors import InvalidInput
from kamledger.domain.plans import Status, Target, objective_status
from kamledger.domain.tiers import Tier

SET = {"type": "GoalAdded", "occurred_on": date(2026, 2, 1), "version": 3}


def survey(day: date, satisfaction: int, version: int = 10) -> dict:
    return {"type": "SurveyAnswered", "occurred_on": day, "version": version, "satisfaction": satisfaction, "nps": satisfaction}


@pytest.mark.parametrize("text, measure, threshold", [
    ("satisfaction>=8", "satisfaction", "8"), ("NPS >= 9", "nps", "9"), ("pyramid>=partnership", "pyramid", "partnership"),
    ("profit>=50000", "profit", "50000"), ("tier>=silver", "tier", "silver"), ("survey", "survey", None),
    ("burden-resolved", "burden-resolved", None),
])
def test_targets_are_read_as_typed(text, measure, threshold):
    assert Target.parse(text) == Target(measure, threshold)


@pytest.mark.parametrize("text", ["speed>=3", "survey>=2", "satisfaction", "satisfaction>=eleven", "nps>=11",
                                  "pyramid>=top", "tier>=unrated", "profit>=-5"])
def test_targets_the_ledger_cannot_check_are_refused(text):
    with pytest.raises(InvalidInput):
        Target.parse(text)


def test_a_state_that_already_holds_is_met_when_the_objective_is_set():
    facts = [survey(date(2026, 1, 5), 9), SET]
    verdict = objective_status(Target.parse("satisfaction>=8"), SET, date(2026, 6, 30), facts, date(2026, 3, 1))
    assert verdict.status is Status.MET and verdict.met_by is SET


def test_a_survey_before_the_objective_does_not_meet_a_survey_target():
    facts = [survey(date(2026, 1, 5), 9), SET]
    assert objective_status(Target.parse("survey"), SET, date(2026, 3, 31), facts, date(2026, 4, 1)).status is Status.OVERDUE


def test_a_tier_target_reads_the_tier_by_business_date():
    tiers = [(date(2026, 1, 1), Tier.BRONZE), (date(2026, 4, 1), Tier.SILVER), (date(2026, 8, 1), Tier.BRONZE)]
    verdict = objective_status(Target.parse("tier>=silver"), SET, date(2026, 12, 31), [SET], date(2026, 9, 1), tiers=tiers)
    assert verdict.status is Status.LOST
    assert (verdict.met_by["occurred_on"], verdict.lost_by["occurred_on"]) == (date(2026, 4, 1), date(2026, 8, 1))


def test_profit_counts_the_periods_within_the_objective():
    values = [{"type": "ValueRecorded", "occurred_on": date(2026, 4, 2), "version": 7, "period": q, "revenue": "40000", "cost_to_serve": "10000"}
              for q in ("2025-Q4", "2026-Q1", "2026-Q2")]
    objective = {**SET, "occurred_on": date(2026, 1, 1)}
    verdict = objective_status(Target.parse("profit>=50000"), objective, date(2026, 6, 30), [objective, *values], date(2026, 7, 1))
    assert verdict.status is Status.MET and verdict.met_by is values[2]


@given(st.lists(st.tuples(st.integers(-40, 200), st.integers(0, 10)), max_size=12), st.integers(0, 10), st.integers(0, 200))
def test_met_means_a_survey_between_setting_and_due_reached_the_target(surveys, threshold, due_in):
    """Whatever the surveys: met by the first one from the day after it was set to the due date
    that reached the threshold, if the state did not already hold; overdue or open otherwise."""
    added, today = SET["occurred_on"], date(2026, 12, 31)
    due = added + timedelta(days=due_in)
    facts = sorted([survey(added + timedelta(days=offset), score, version=n) for n, (offset, score) in enumerate(surveys)],
                   key=lambda s: (s["occurred_on"], s["version"]))
    verdict = objective_status(Target("satisfaction", str(threshold)), SET, due, facts, today)
    before = [s for s in facts if s["occurred_on"] <= added]
    after = [s for s in facts if added < s["occurred_on"] <= due]
    if before and before[-1]["satisfaction"] >= threshold:
        assert verdict.met_by is SET
    elif any(s["satisfaction"] >= threshold for s in after):
        assert verdict.met_by is next(s for s in after if s["satisfaction"] >= threshold)
    else:
        assert verdict.status is Status.OVERDUE and verdict.met_by is None
