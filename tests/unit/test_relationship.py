"""The Relationship aggregate: what each command records, and what it refuses."""

from datetime import date
from decimal import Decimal
from uuid import NAMESPACE_URL, uuid5

import pytest

from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Band
from kamledger.domain.tier_policy import Decision
from kamledger.domain.tiers import Tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension

from .conftest import BY, REGISTERED_ON

ON = date(2025, 3, 1)


def event_types(relationship: Relationship) -> list[str]:
    return [type(e).__name__ for e in relationship.collect_events()]


def decision(tier: Tier, causes=()) -> Decision:
    return Decision("acme", tier, "some-rule", "v1", {"profit": "10"}, tuple(causes))


def test_registering_records_who_the_client_is(acme):
    standing = acme.standing
    assert (standing.key, standing.name, standing.owner, standing.registered_on) == (
        "acme", "Acme GmbH", "ann", REGISTERED_ON,
    )
    assert (standing.pyramid_level, standing.tier.tier, standing.score) == (
        PyramidLevel.TRANSACTIONAL, Tier.UNRATED, None,
    )
    assert event_types(acme) == ["Registered"]


def test_a_client_id_is_derived_from_its_key():
    first = Relationship.register("acme", "Acme", None, ON, BY)
    again = Relationship.register(" acme ", "Acme again", None, ON, BY)
    other = Relationship.register("acme-2", "Acme 2", None, ON, BY)
    assert first.id == again.id == Relationship.create_id("acme") == uuid5(NAMESPACE_URL, "kamledger:client:acme")
    assert other.id != first.id


def test_names_and_owners_are_trimmed_and_a_blank_owner_is_none():
    relationship = Relationship.register("acme", "  Acme GmbH ", "   ", ON, BY)
    assert (relationship.standing.name, relationship.standing.owner) == ("Acme GmbH", None)


@pytest.mark.parametrize("key", ["", "Acme", "acme gmbh", "-acme", "acme/1", "ä", "a" * 65])
def test_a_key_that_is_not_lowercase_letters_digits_and_dashes_is_refused(key):
    with pytest.raises(InvalidInput, match="client key"):
        Relationship.register(key, "Acme", None, ON, BY)


def test_a_64_character_key_is_accepted():
    assert Relationship.register("a" * 64, "Acme", None, ON, BY).key == "a" * 64


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_client_needs_a_name(name):
    with pytest.raises(InvalidInput, match="name is required"):
        Relationship.register("acme", name, None, ON, BY)


def test_names_of_up_to_200_characters_are_accepted():
    relationship = Relationship.register("acme", "N" * 200, "O" * 200, ON, BY)
    relationship.assign_owner("P" * 200, ON, BY)
    assert (len(relationship.standing.name), relationship.standing.owner) == (200, "P" * 200)


@pytest.mark.parametrize(("name", "owner"), [("N" * 201, None), ("Acme", "O" * 201)])
def test_a_name_or_owner_longer_than_200_characters_is_refused(name, owner):
    with pytest.raises(InvalidInput, match="longer than 200 characters"):
        Relationship.register("acme", name, owner, ON, BY)


def test_assigning_an_owner_longer_than_200_characters_is_refused(acme):
    with pytest.raises(InvalidInput, match="longer than 200 characters"):
        acme.assign_owner("O" * 201, ON, BY)
    assert event_types(acme) == ["Registered"]


def test_every_event_carries_its_business_date_and_who_recorded_it(acme, questionnaire):
    acme.assign_owner("bob", date(2025, 2, 1), "bea")
    acme.score(questionnaire, [8] * 12, "first look", date(2025, 2, 2), "bea")
    acme.answer_survey(9, 10, None, date(2025, 2, 3), "bea")
    acme.change_pyramid_level(PyramidLevel.COOPERATION, "joint plan", date(2025, 2, 4), "bea")
    acme.record_value(Period.parse("2025-Q1"), Decimal("100"), Decimal("40"), date(2025, 2, 5), "bea")
    acme.note_value_dimension(ValueDimension.REFERRAL, Level.HIGH, "sent us two", date(2025, 2, 6), "bea")
    acme.note_burden(BurdenSignal.HARM_TO_TEAM, "shouting", date(2025, 2, 7), "bea")
    acme.resolve_burden(BurdenSignal.HARM_TO_TEAM, "apologised", date(2025, 2, 8), "bea")
    acme.override_tier(Tier.GOLD, "board says so", date(2025, 2, 9), "bea")
    acme.clear_tier_override("board changed its mind", date(2025, 2, 10), "bea")
    acme.change_tier(decision(Tier.SILVER), [], date(2025, 2, 11), "bea")
    events = acme.collect_events()
    assert [type(e).__name__ for e in events] == [
        "Registered", "OwnerAssigned", "Scored", "SurveyAnswered", "PyramidLevelChanged", "ValueRecorded",
        "ValueDimensionNoted", "BurdenSignalNoted", "BurdenSignalResolved", "TierOverridden",
        "TierOverrideCleared", "TierChanged",
    ]
    assert [(e.occurred_on, e.recorded_by) for e in events[1:]] == [
        (date(2025, 2, day), "bea") for day in range(1, 12)
    ]
    assert (events[0].occurred_on, events[0].recorded_by) == (REGISTERED_ON, BY)


def test_scoring_records_the_answers_total_band_and_questionnaire(acme, questionnaire):
    acme.score(questionnaire, [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1], "", ON, BY)
    scored = acme.collect_events()[-1]
    assert (scored.answers, scored.total, scored.band, scored.questionnaire_version, scored.note) == (
        [9] * 11 + [1], 100, "ideal", "v1", None,
    )
    assert (acme.standing.score.total, acme.standing.score.band) == (100, Band.IDEAL)


def test_scoring_with_bad_answers_records_nothing(acme, questionnaire):
    with pytest.raises(InvalidInput):
        acme.score(questionnaire, [9] * 11, None, ON, BY)
    assert event_types(acme) == ["Registered"]


@pytest.mark.parametrize(("satisfaction", "nps"), [(0, 5), (11, 5), (5, -1), (5, 11), (True, 5), (5, 7.0)])
def test_a_survey_out_of_range_is_refused(acme, satisfaction, nps):
    with pytest.raises(InvalidInput):
        acme.answer_survey(satisfaction, nps, None, ON, BY)


def test_the_same_owner_again_is_refused(acme):
    with pytest.raises(RuleViolation, match="ann already owns 'acme'"):
        acme.assign_owner("ann", ON, BY)


def test_assigning_an_owner_remembers_the_previous_one(acme):
    acme.assign_owner(" bob ", ON, BY)
    assigned = acme.collect_events()[-1]
    assert (assigned.owner, assigned.previous_owner, acme.standing.owner) == ("bob", "ann", "bob")


def test_moving_up_the_pyramid_records_the_direction_and_reason(acme):
    acme.change_pyramid_level(PyramidLevel.PARTNERSHIP, "shared roadmap", ON, BY)
    acme.change_pyramid_level(PyramidLevel.COOPERATION, "roadmap dropped", ON, BY)
    up, down = acme.collect_events()[1:]
    assert (up.from_level, up.to_level, up.direction, up.reason) == (
        "transactional", "partnership", "up", "shared roadmap",
    )
    assert (down.direction, acme.standing.pyramid_level) == ("down", PyramidLevel.COOPERATION)


def test_moving_to_the_pyramid_level_the_client_is_at_is_refused(acme):
    with pytest.raises(RuleViolation, match="'acme' is already at transactional"):
        acme.change_pyramid_level(PyramidLevel.TRANSACTIONAL, "no change", ON, BY)
    assert event_types(acme) == ["Registered"]


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_a_pyramid_move_needs_a_reason(acme, reason):
    with pytest.raises(InvalidInput, match="reason"):
        acme.change_pyramid_level(PyramidLevel.SYNERGY, reason, ON, BY)


@pytest.mark.parametrize(
    ("recorded", "clashing"), [("2025-Q1", "2025"), ("2025", "2025-03"), ("2025-H1", "2025-Q2"), ("2025-02", "2025-Q1")]
)
def test_a_period_overlapping_one_already_recorded_is_refused(acme, recorded, clashing):
    acme.record_value(Period.parse(recorded), Decimal(100), Decimal(10), ON, BY)
    with pytest.raises(RuleViolation, match=f"period {clashing} overlaps {recorded}"):
        acme.record_value(Period.parse(clashing), Decimal(100), Decimal(10), ON, BY)
    assert list(acme.standing.values) == [recorded]


def test_recording_the_same_period_again_replaces_its_value(acme):
    acme.record_value(Period.parse("2025-q1"), Decimal("100.00"), Decimal("10.00"), ON, BY)
    acme.record_value(Period.parse("2025-Q1"), Decimal("150.00"), Decimal("20.00"), ON, BY)
    assert list(acme.standing.values) == ["2025-Q1"]
    assert acme.standing.profit == Decimal("130.00")


def test_periods_that_do_not_overlap_add_up_to_the_profit(acme):
    acme.record_value(Period.parse("2025-Q1"), Decimal("100.50"), Decimal("10.25"), ON, BY)
    acme.record_value(Period.parse("2025-Q2"), Decimal("20"), Decimal("50"), ON, BY)
    assert acme.standing.profit == Decimal("60.25")


def test_a_client_without_recorded_value_has_no_profit(acme):
    assert acme.standing.profit is None


def test_a_value_dimension_note_needs_text(acme):
    with pytest.raises(InvalidInput, match="a note is required"):
        acme.note_value_dimension(ValueDimension.STRATEGIC, Level.HIGH, " ", ON, BY)


def test_a_burden_is_open_until_resolved(acme):
    acme.note_burden(BurdenSignal.LOW_PROFIT, "margin 2%", ON, BY)
    assert set(acme.standing.burdens) == {BurdenSignal.LOW_PROFIT}
    acme.resolve_burden(BurdenSignal.LOW_PROFIT, "price raised", ON, BY)
    assert acme.standing.burdens == {}


def test_resolving_a_burden_that_is_not_open_is_refused(acme):
    acme.note_burden(BurdenSignal.LOW_PROFIT, "margin 2%", ON, BY)
    with pytest.raises(RuleViolation, match="'acme' has no open harm-to-team burden signal"):
        acme.resolve_burden(BurdenSignal.HARM_TO_TEAM, "fine now", ON, BY)
    assert event_types(acme) == ["Registered", "BurdenSignalNoted"]


def test_an_override_sets_the_tier_by_hand_until_cleared(acme):
    acme.override_tier(Tier.BRONZE, "late payer", ON, BY)
    assert acme.standing.override.tier is Tier.BRONZE
    acme.clear_tier_override("paid", ON, BY)
    assert acme.standing.override is None


def test_an_override_to_unrated_is_refused(acme):
    with pytest.raises(InvalidInput, match="gold, silver or bronze"):
        acme.override_tier(Tier.UNRATED, "forget them", ON, BY)


def test_an_override_needs_a_reason(acme):
    with pytest.raises(InvalidInput, match="reason"):
        acme.override_tier(Tier.GOLD, "", ON, BY)


def test_clearing_an_override_that_does_not_exist_is_refused(acme):
    with pytest.raises(RuleViolation, match="'acme' has no tier override to clear"):
        acme.clear_tier_override("tidy up", ON, BY)
    assert event_types(acme) == ["Registered"]


def test_a_tier_decision_that_changes_nothing_records_nothing(acme):
    acme.collect_events()
    assert acme.change_tier(decision(Tier.UNRATED), [], ON, BY) is False
    assert acme.collect_events() == []


def test_a_tier_change_records_the_rule_inputs_and_causes_including_its_triggers(acme, questionnaire):
    acme.record_value(Period.parse("2025"), Decimal(100), Decimal(10), ON, BY)
    acme.score(questionnaire, [9] * 12, None, ON, BY)
    valued, scored = acme.collect_events()[1:]
    value_ref, score_ref = valued.ref("acme"), scored.ref("acme")
    assert acme.change_tier(decision(Tier.GOLD, [value_ref]), [score_ref, value_ref], ON, BY) is True
    changed = acme.collect_events()[-1]
    assert (changed.from_tier, changed.to_tier, changed.rule, changed.policy_version, changed.inputs) == (
        "unrated", "gold", "some-rule", "v1", {"profit": "10"},
    )
    assert changed.causes == [value_ref.to_dict(), score_ref.to_dict()]
    assert (acme.standing.tier.tier, acme.standing.tier.rule) == (Tier.GOLD, "some-rule")
    assert acme.change_tier(decision(Tier.GOLD), [], ON, BY) is False


def test_an_event_reference_names_the_client_event_and_recorder(acme):
    acme.note_burden(BurdenSignal.COST_TO_SERVE, "ten calls a day", ON, "bea")
    noted = acme.collect_events()[-1]
    ref = noted.ref("acme")
    assert (ref.client, ref.event_id, ref.version, ref.type, ref.occurred_on, ref.recorded_by) == (
        "acme", str(acme.id), 2, "BurdenSignalNoted", "2025-03-01", "bea",
    )
    assert ref.recorded_at == noted.timestamp.isoformat()


def test_replaying_the_recorded_events_gives_the_same_standing(acme, questionnaire, replayed):
    acme.score(questionnaire, [7] * 12, None, date(2025, 2, 1), BY)
    acme.score(questionnaire, [9] * 12, None, date(2025, 1, 7), BY)
    acme.answer_survey(8, 9, "good", ON, BY)
    acme.change_pyramid_level(PyramidLevel.SYNERGY, "merged teams", ON, BY)
    acme.record_value(Period.parse("2025-H1"), Decimal("1000.10"), Decimal("200.05"), ON, BY)
    acme.note_value_dimension(ValueDimension.STRATEGIC, Level.HIGH, "flagship", ON, BY)
    acme.note_burden(BurdenSignal.COST_TO_SERVE, "many calls", ON, BY)
    acme.override_tier(Tier.SILVER, "wait and see", ON, BY)
    acme.change_tier(decision(Tier.SILVER), [], ON, BY)
    loaded = replayed(acme)
    assert loaded.standing == acme.standing
    assert loaded.version == acme.version == 10


def test_mutating_the_events_in_order_gives_the_same_standing(acme, questionnaire):
    acme.score(questionnaire, [5] * 12, None, ON, BY)
    acme.record_value(Period.parse("2025-03"), Decimal(5), Decimal(7), ON, BY)
    rebuilt = None
    for event in acme.collect_events():
        rebuilt = event.mutate(rebuilt)
    assert rebuilt.standing == acme.standing


# The development plan

def test_goals_are_numbered_per_client_and_kept_with_their_due_date(acme):
    assert acme.add_goal("  Joint roadmap  ", date(2025, 6, 30), ON, BY) == 1
    assert acme.add_goal("Meet the CFO", None, ON, BY) == 2
    added = acme.collect_events()[-1]
    assert (type(added).__name__, added.goal_id, added.text, added.due) == ("GoalAdded", 2, "Meet the CFO", None)
    assert [(g.id, g.text, g.due, g.done_on) for g in acme.standing.goals.values()] == [
        (1, "Joint roadmap", date(2025, 6, 30), None), (2, "Meet the CFO", None, None),
    ]


def test_a_goal_done_keeps_its_number_and_the_next_goal_gets_a_new_one(acme):
    acme.add_goal("Joint roadmap", None, ON, BY)
    assert acme.complete_goal(1, date(2025, 4, 1), BY) == "Joint roadmap"
    assert acme.standing.goals[1].done_on == date(2025, 4, 1) and acme.standing.open_goals == []
    assert acme.add_goal("Second site", None, ON, BY) == 2


def test_a_goal_cannot_be_done_twice_or_before_it_exists(acme):
    acme.add_goal("Joint roadmap", None, ON, BY)
    acme.complete_goal(1, ON, BY)
    with pytest.raises(RuleViolation, match="goal 1 of 'acme' was already done on 2025-03-01"):
        acme.complete_goal(1, ON, BY)
    with pytest.raises(RuleViolation, match="'acme' has no goal 2"):
        acme.complete_goal(2, ON, BY)


def test_a_goal_needs_text_and_cannot_be_due_before_it_is_set(acme):
    with pytest.raises(InvalidInput, match="a goal is required"):
        acme.add_goal(" ", None, ON, BY)
    with pytest.raises(InvalidInput, match=r"cannot be due \(2025-02-28\) before it is set \(2025-03-01\)"):
        acme.add_goal("Joint roadmap", date(2025, 2, 28), ON, BY)
    assert event_types(acme) == ["Registered"]


def test_goal_events_are_facts_of_the_standing_but_not_tier_inputs(acme, replayed):
    acme.add_goal("Joint roadmap", date(2025, 6, 30), ON, BY)
    acme.complete_goal(1, ON, BY)
    assert [e.counts_for_tiers for e in acme.pending_events[1:]] == [False, False]
    assert acme.standing.tier_inputs().has_inputs is False
    assert replayed(acme).standing == acme.standing
