"""Where a client stands: the latest score and survey by business date, and its plain-data form."""

import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamledger.domain.errors import KamError
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.standing import Standing, plain_data
from kamledger.domain.tier_policy import Decision
from kamledger.domain.tiers import EventRef, Tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension

from .conftest import BY

QUESTIONNAIRE = Questionnaire("v1", tuple(f"Question {n}?" for n in range(1, 13)))
MARCH, JUNE = date(2025, 3, 1), date(2025, 6, 1)


def test_a_back_dated_score_does_not_replace_a_newer_one(acme):
    acme.score(QUESTIONNAIRE, [9] * 12, None, JUNE, BY)
    acme.score(QUESTIONNAIRE, [3] * 12, "found an old scorecard", MARCH, BY)
    assert (acme.standing.score.total, acme.standing.score.occurred_on) == (108, JUNE)


def test_a_score_with_a_later_business_date_replaces_the_latest(acme):
    acme.score(QUESTIONNAIRE, [3] * 12, None, MARCH, BY)
    acme.score(QUESTIONNAIRE, [9] * 12, None, JUNE, BY)
    assert acme.standing.score.total == 108


def test_of_two_scores_on_the_same_day_the_later_recorded_counts(acme):
    acme.score(QUESTIONNAIRE, [9] * 12, None, MARCH, BY)
    acme.score(QUESTIONNAIRE, [4] * 12, "corrected", MARCH, BY)
    assert (acme.standing.score.total, acme.standing.score.ref.version) == (48, 3)


def test_a_back_dated_survey_does_not_replace_a_newer_one(acme):
    acme.answer_survey(9, 10, None, JUNE, BY)
    acme.answer_survey(2, 1, None, MARCH, BY)
    survey = acme.standing.survey
    assert (survey.satisfaction, survey.nps, survey.occurred_on) == (9, 10, JUNE)


def test_a_survey_with_a_later_business_date_replaces_the_latest(acme):
    acme.answer_survey(2, 1, None, MARCH, BY)
    acme.answer_survey(9, 10, None, JUNE, BY)
    assert acme.standing.survey.satisfaction == 9


def test_a_back_dated_value_dimension_note_does_not_replace_a_newer_one(acme):
    acme.note_value_dimension(ValueDimension.STRATEGIC, Level.HIGH, "flagship", JUNE, BY)
    acme.note_value_dimension(ValueDimension.STRATEGIC, Level.LOW, "old memo", MARCH, BY)
    assert acme.standing.dimensions[ValueDimension.STRATEGIC].level is Level.HIGH


def test_tier_inputs_name_the_events_each_input_came_from(acme):
    acme.record_value(Period.parse("2025-Q1"), Decimal(100), Decimal(30), MARCH, BY)
    acme.score(QUESTIONNAIRE, [7] * 12, None, JUNE, BY)
    acme.score(QUESTIONNAIRE, [2] * 12, None, MARCH, BY)
    acme.note_value_dimension(ValueDimension.POTENTIAL, Level.HIGH, "growing", MARCH, BY)
    acme.note_value_dimension(ValueDimension.REFERRAL, Level.LOW, "none yet", MARCH, BY)
    acme.note_burden(BurdenSignal.LOW_PROFIT, "thin margin", MARCH, BY)
    inputs = acme.standing.tier_inputs()
    assert (inputs.profit, inputs.score_total, inputs.high_dimensions, inputs.burdens, inputs.override) == (
        Decimal(70), 84, frozenset({ValueDimension.POTENTIAL}), frozenset({BurdenSignal.LOW_PROFIT}), None,
    )
    assert {name: [r.version for r in refs] for name, refs in inputs.sources.items()} == {
        "profit": [2], "score": [3], "dimensions": [5, 6], "burdens": [7],
    }
    assert inputs.has_inputs


def test_a_client_with_nothing_recorded_has_no_tier_inputs(acme):
    inputs = acme.standing.tier_inputs()
    assert (inputs.has_inputs, inputs.sources, inputs.profit) == (False, {}, None)


def test_plain_data_is_json_text_for_dates_money_and_choices(acme):
    acme.record_value(Period.parse("2025-Q1"), Decimal("100.10"), Decimal("0.05"), MARCH, BY)
    acme.note_burden(BurdenSignal.HARM_TO_TEAM, "rude", MARCH, BY)
    data = acme.standing.to_dict()
    assert data["registered_on"] == "2025-01-06"
    assert data["values"]["2025-Q1"]["revenue"] == "100.10"
    assert list(data["burdens"]) == ["harm-to-team"]
    assert data["pyramid_level"] == "transactional"
    assert data["tier"] == {"tier": "unrated", "rule": None, "policy_version": None, "ref": None}


# Random histories: each step is a command a coach might give, refused ones are skipped.
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30))
people = st.sampled_from(["coach", "ann", "Bea Müller"])
money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
periods = st.sampled_from(["2025", "2025-H1", "2025-H2", "2025-Q1", "2025-Q3", "2025-05", "2026-Q1", "2026-02"])
notes = st.one_of(st.none(), st.text(max_size=20))
steps = st.one_of(
    st.tuples(st.just("owner"), st.text(min_size=1, max_size=10)),
    st.tuples(st.just("score"), st.lists(st.integers(1, 10), min_size=12, max_size=12), notes),
    st.tuples(st.just("survey"), st.integers(1, 10), st.integers(0, 10), notes),
    st.tuples(st.just("pyramid"), st.sampled_from(list(PyramidLevel))),
    st.tuples(st.just("value"), periods, money, money),
    st.tuples(st.just("dimension"), st.sampled_from(list(ValueDimension)), st.sampled_from(list(Level))),
    st.tuples(st.just("burden"), st.sampled_from(list(BurdenSignal))),
    st.tuples(st.just("resolve"), st.sampled_from(list(BurdenSignal))),
    st.tuples(st.just("override"), st.sampled_from([Tier.GOLD, Tier.SILVER, Tier.BRONZE])),
    st.tuples(st.just("clear")),
    st.tuples(st.just("tier"), st.sampled_from(list(Tier)), st.sampled_from(["gold-pareto-head", "silver-default"])),
    st.tuples(st.just("goal"), st.text(min_size=1, max_size=10), st.one_of(st.none(), days)),
    st.tuples(st.just("done"), st.integers(1, 4)),
)
histories = st.lists(st.tuples(steps, days, people), max_size=30)


def apply(relationship: Relationship, step: tuple, on: date, by: str) -> None:
    kind, *args = step
    commands = {
        "owner": lambda owner: relationship.assign_owner(owner, on, by),
        "score": lambda answers, note: relationship.score(QUESTIONNAIRE, answers, note, on, by),
        "survey": lambda satisfaction, nps, comment: relationship.answer_survey(satisfaction, nps, comment, on, by),
        "pyramid": lambda level: relationship.change_pyramid_level(level, "moved", on, by),
        "value": lambda period, revenue, cost: relationship.record_value(Period.parse(period), revenue, cost, on, by),
        "dimension": lambda dimension, level: relationship.note_value_dimension(dimension, level, "seen", on, by),
        "burden": lambda signal: relationship.note_burden(signal, "seen", on, by),
        "resolve": lambda signal: relationship.resolve_burden(signal, "gone", on, by),
        "override": lambda tier: relationship.override_tier(tier, "by hand", on, by),
        "clear": lambda: relationship.clear_tier_override("policy decides", on, by),
        "goal": lambda text, due: relationship.add_goal(text, due, on, by),
        "done": lambda goal_id: relationship.complete_goal(goal_id, on, by),
        "tier": lambda tier, rule: relationship.change_tier(
            Decision(relationship.key, tier, rule, "v1", {"profit": None}, ()), [], on, by
        ),
    }
    try:
        commands[kind](*args)
    except KamError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_a_standing_survives_its_plain_json_form(history):
    relationship = Relationship.register("acme", "Acme GmbH", None, date(2024, 1, 1), BY)
    for step, on, by in history:
        apply(relationship, step, on, by)
    standing = relationship.standing
    text = json.dumps(standing.to_dict())
    assert Standing.from_dict(json.loads(text)) == standing
    short = json.dumps(standing.to_dict(short_refs=True))  # the read models' copy
    assert Standing.from_dict(json.loads(short)) == standing
    assert len(short) < len(text) or "refs_of" not in json.loads(short)  # shorter wherever a reference is
    generic = {name: value for name, value in plain_data(asdict(standing)).items() if name != "covering"}  # derived from values
    assert standing.to_dict() == generic  # spelled out, it says what the generic form says


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories)
def test_replaying_any_history_gives_the_same_standing(history):
    relationship = Relationship.register("acme", "Acme GmbH", None, date(2024, 1, 1), BY)
    for step, on, by in history:
        apply(relationship, step, on, by)
    rebuilt = None
    for event in relationship.collect_events():
        rebuilt = event.mutate(rebuilt)
    assert rebuilt.standing == relationship.standing


def test_the_read_models_copy_writes_references_to_the_clients_own_events_short_and_others_in_full(acme):
    acme.record_value(Period.parse("2025-01"), Decimal("1200.50"), Decimal("300"), date(2025, 2, 1), BY)
    standing = acme.standing
    theirs = EventRef("globex", "another id", 3, "ValueRecorded", "2024-02-01", "2024-02-01T09:00:00+00:00", "finance")
    standing.effort_refs = [theirs]
    data = standing.to_dict(short_refs=True)
    own = next(iter(standing.values.values())).ref
    assert data["refs_of"] == [own.client, own.event_id] and data["effort_refs"] == [theirs.to_dict()]
    assert next(iter(data["values"].values()))["ref"] == [own.version, own.type, own.occurred_on, own.recorded_at, own.recorded_by]
    assert Standing.from_dict(data) == standing


def test_a_standing_from_before_goals_existed_has_none(acme):
    older = acme.standing.to_dict()
    del older["goals"]
    assert Standing.from_dict(older).goals == {}


def recorded_for(label: str) -> Standing:
    """A new client's standing with a value recorded for the period."""
    client = Relationship.register("acme", "Acme GmbH", None, MARCH, BY)
    client.record_value(Period.parse(label), Decimal(100), Decimal(0), MARCH, BY)
    return client.standing


@pytest.mark.parametrize(
    ("one", "other"),
    [("2026", "2026-Q1"), ("2026", "2026-12"), ("2026-H1", "2026-Q2"), ("2026-H1", "2026-06"),
     ("2026-Q3", "2026-H2"), ("2026-03", "2026-Q1")],
)
def test_periods_that_share_a_month_overlap_both_ways(one, other):
    assert recorded_for(one).period_overlapping(Period.parse(other)) == Period.parse(one)
    assert recorded_for(other).period_overlapping(Period.parse(one)) == Period.parse(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("2025", "2026"), ("2025-12", "2026-01"), ("2026-H1", "2026-Q3"), ("2026-Q1", "2026-04"),
     ("2026-H1", "2026-H2"), ("2025-Q4", "2026-Q1"),
     ("2026-Q1", "2026-Q1")],  # the same period again replaces its value: no overlap
)
def test_periods_with_no_month_in_common_do_not_overlap(one, other):
    assert recorded_for(one).period_overlapping(Period.parse(other)) is None
    assert recorded_for(other).period_overlapping(Period.parse(one)) is None
