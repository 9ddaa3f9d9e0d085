"""Prospects: the scorecard's recommendation, decisions against it, the way in and out of the
portfolio by business date, the key prospects and the funnel. No database."""

from datetime import date
from decimal import Decimal

import pytest

from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.funnel import FunnelEntry, funnel_of
from kamledger.domain.prospects import (
    RECOMMENDATIONS, Choice, Recommendation, Stage, Status, against_scorecard, chance_from_answers, checked_chance,
    expected_profit, is_key_prospect, recommendation_for,
)
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Band, band_for
from kamledger.domain.standing import Standing
from kamledger.domain.value import Level, Period, ValueDimension

from .conftest import BY

ADDED = date(2026, 1, 5)


def answers(total: int, likelihood: int = 5) -> list[int]:
    """Twelve answers adding up to total, question 5 answered `likelihood`."""
    rest = [1] * 11
    left = total - likelihood - 11
    for n in range(11):
        step = min(9, left)
        rest[n] += step
        left -= step
    assert left == 0
    return rest[:4] + [likelihood] + rest[4:]


@pytest.fixture
def zeta() -> Relationship:
    return Relationship.add_prospect("zeta", "Zeta AG", "ann", "a fair", None, Decimal("50000"), ADDED, BY)


def scored(relationship, questionnaire, total, on=date(2026, 1, 10), likelihood=5):
    relationship.score(questionnaire, answers(total, likelihood), None, on, BY)
    return relationship


def test_every_band_has_its_recommendation_from_pursue_first_to_decline():
    assert [recommendation_for(band_for(total)) for total in (105, 85, 65, 57)] == [
        Recommendation.PURSUE_FIRST, Recommendation.PURSUE, Recommendation.PURSUE_WITH_A_PLAN, Recommendation.DECLINE]
    assert set(RECOMMENDATIONS) == set(Band) and recommendation_for(None) is None


@pytest.mark.parametrize("choice, band, against", [
    (Choice.DECLINE, Band.IDEAL, True), (Choice.PURSUE, Band.DECLINE, True),
    (Choice.PURSUE, Band.IDEAL, False), (Choice.DECLINE, Band.DECLINE, False),
    (Choice.DECLINE, Band.WORKABLE, False), (Choice.PURSUE, Band.AT_RISK, False), (Choice.PURSUE, None, False),
])
def test_going_against_the_scorecard_is_declining_an_ideal_or_pursuing_a_decline(choice, band, against):
    assert against_scorecard(choice, band) is against


def test_the_chance_defaults_to_question_five_and_must_be_a_percentage():
    assert chance_from_answers(answers(80, likelihood=7)) == 70
    assert checked_chance(0) == 0 and checked_chance(100) == 100 and checked_chance(None) is None
    for wrong in (-1, 101):
        with pytest.raises(InvalidInput, match="0 to 100"):
            checked_chance(wrong)


def test_the_expected_profit_is_the_chance_times_the_estimated_profit():
    assert expected_profit(30, Decimal("50000")) == Decimal("15000.00")
    assert expected_profit(None, Decimal("50000")) is None and expected_profit(30, None) is None


def test_a_key_prospect_is_likely_and_workable_or_of_high_strategic_value_or_potential():
    assert is_key_prospect(70, Band.WORKABLE, ())
    assert not is_key_prospect(69, Band.IDEAL, ())
    assert not is_key_prospect(90, Band.AT_RISK, ())
    assert is_key_prospect(None, None, [ValueDimension.POTENTIAL])
    assert not is_key_prospect(None, None, [ValueDimension.REFERRAL])


def test_a_prospect_is_out_of_the_portfolio_until_won_and_a_former_client_until_back(zeta, questionnaire):
    scored(zeta, questionnaire, 105)
    zeta.win(None, date(2026, 3, 1), BY)
    zeta.lose_client("went to a competitor", date(2026, 6, 1), BY)
    zeta.win_back("new buyer", date(2027, 6, 1), BY)
    s = zeta.standing
    assert [s.stage_on(date(2026, m, 1)) for m in (1, 3, 6)] == [Stage.PROSPECT, Stage.CLIENT, Stage.FORMER]
    assert s.stage is Stage.CLIENT and s.in_portfolio_on(date(2027, 6, 1)) and not s.in_portfolio_on(date(2026, 2, 1))
    assert s.stage_on(date(2020, 1, 1)) is Stage.PROSPECT  # before registration: as registered
    assert (s.prospect.status, s.prospect.outcome_on, s.departure.left_on, s.departure.back_on) == (
        Status.WON, date(2026, 3, 1), date(2026, 6, 1), date(2027, 6, 1))
    assert Standing.from_dict(s.to_dict()) == s


def test_the_stage_follows_business_dates_whatever_order_they_were_typed_in(questionnaire):
    one = Relationship.register("acme", "Acme", None, ADDED, BY)
    one.lose_client("gone", date(2026, 3, 1), BY)
    one.win_back("back", date(2026, 9, 1), BY)
    two = Relationship.register("acme", "Acme", None, ADDED, BY)
    two.lose_client("gone", date(2026, 3, 1), BY)
    two.win_back("back", date(2026, 9, 1), BY)
    two.lose_client("gone earlier, as we learn now", date(2026, 1, 15), BY)  # back-dated: in force until March
    assert one.standing.stage is two.standing.stage is Stage.CLIENT
    assert two.standing.stage_on(date(2026, 2, 1)) is Stage.FORMER and one.standing.stage_on(date(2026, 2, 1)) is Stage.CLIENT


def test_a_decision_against_the_scorecard_needs_a_reason_and_is_marked(zeta, questionnaire):
    scored(zeta, questionnaire, 57)
    with pytest.raises(RuleViolation, match="against the scorecard"):
        zeta.decide(Choice.PURSUE, "  ", date(2026, 1, 11), BY)
    assert zeta.decide(Choice.PURSUE, "the CEO insists", date(2026, 1, 11), BY) is True
    assert zeta.decide(Choice.DECLINE, None, date(2026, 1, 12), BY) is False
    record = zeta.standing.prospect
    assert (record.status, record.against_scorecard(zeta.standing.band_on)) == (Status.DECLINED, False)  # the later decision holds


def test_the_decision_goes_by_the_score_of_its_business_date(zeta, questionnaire):
    scored(zeta, questionnaire, 105, on=date(2026, 1, 10))
    scored(zeta, questionnaire, 50, on=date(2026, 2, 10))
    assert zeta.decide(Choice.DECLINE, "budget cut", date(2026, 1, 20), BY) is True  # it was ideal then
    assert zeta.decide(Choice.DECLINE, None, date(2026, 2, 20), BY) is False


def test_against_the_scorecard_is_judged_by_the_scores_of_the_decision_date_whatever_order_typed(zeta, questionnaire):
    zeta.decide(Choice.PURSUE, None, date(2026, 1, 20), BY)  # not scored yet when typed
    assert not zeta.standing.prospect.against_scorecard(zeta.standing.band_on)
    scored(zeta, questionnaire, 50, on=date(2026, 1, 15))  # a score of before the decision, typed after it
    assert zeta.standing.prospect.against_scorecard(zeta.standing.band_on)


def test_winning_a_prospect_the_scorecard_said_to_decline_needs_a_reason(zeta, questionnaire):
    scored(zeta, questionnaire, 50)
    with pytest.raises(RuleViolation, match="give --reason"):
        zeta.win(None, date(2026, 3, 1), BY)
    assert zeta.win("a strategic logo", date(2026, 3, 1), BY) is True
    assert zeta.standing.prospect.against_scorecard(zeta.standing.band_on)


def test_only_an_open_prospect_can_be_decided_won_or_lost(zeta, acme, questionnaire):
    with pytest.raises(RuleViolation, match="not a prospect"):
        acme.decide(Choice.PURSUE, "why not", date(2025, 3, 1), BY)
    with pytest.raises(InvalidInput, match="reason"):
        zeta.lose_prospect("", date(2026, 2, 1), BY)
    zeta.lose_prospect("chose a cheaper agency", date(2026, 2, 1), BY)
    with pytest.raises(RuleViolation, match="was lost"):
        zeta.win("they came back", date(2026, 3, 1), BY)
    with pytest.raises(RuleViolation, match="before that"):
        Relationship.add_prospect("x", "X", None, None, 50, None, ADDED, BY).decide(Choice.PURSUE, None, date(2025, 1, 1), BY)


def test_a_prospect_has_no_values_surveys_or_tiers_before_it_is_won(zeta, questionnaire):
    scored(zeta, questionnaire, 90)
    zeta.note_value_dimension(ValueDimension.STRATEGIC, Level.HIGH, "a logo", date(2026, 1, 6), BY)
    with pytest.raises(RuleViolation, match="is a prospect"):
        zeta.record_value(Period.parse("2026-Q1"), Decimal(1), Decimal(0), date(2026, 2, 1), BY)
    with pytest.raises(RuleViolation, match="is a prospect"):
        zeta.answer_survey(8, 9, None, date(2026, 2, 1), BY)
    zeta.win(None, date(2026, 3, 1), BY)
    with pytest.raises(RuleViolation, match="is a prospect on 2026-02-01"):  # back-dated before the win
        zeta.record_value(Period.parse("2026-Q1"), Decimal(1), Decimal(0), date(2026, 2, 1), BY)
    zeta.record_value(Period.parse("2026-Q1"), Decimal(1), Decimal(0), date(2026, 3, 2), BY)


def test_a_client_leaves_and_comes_back_only_from_the_right_stage(acme, zeta):
    with pytest.raises(RuleViolation, match="only a former client"):
        acme.win_back("never left", date(2025, 3, 1), BY)
    with pytest.raises(RuleViolation, match="kam prospect lost"):
        zeta.lose_client("not yet a client", date(2026, 2, 1), BY)
    acme.lose_client("a competitor", date(2025, 3, 1), BY)
    with pytest.raises(RuleViolation, match="already a former client"):
        acme.lose_client("again", date(2025, 4, 1), BY)


def test_the_funnel_counts_each_step_and_the_win_rate_per_band():
    found = funnel_of([
        FunnelEntry(Status.WON, Choice.PURSUE, Band.IDEAL), FunnelEntry(Status.LOST, Choice.PURSUE, Band.IDEAL),
        FunnelEntry(Status.WON, None, Band.IDEAL), FunnelEntry(Status.DECLINED, Choice.DECLINE, Band.DECLINE),
        FunnelEntry(Status.WON, Choice.PURSUE, Band.DECLINE, against=True), FunnelEntry(Status.OPEN, None, None),
    ])
    assert (found.prospects, found.scored, found.pursued, found.declined, found.won, found.lost, found.against) == (6, 5, 3, 1, 3, 1, 1)
    assert found.win_rate == Decimal(3) / 4
    by_band = {b.band: (b.prospects, b.won, b.lost, b.win_rate) for b in found.bands}
    assert by_band["ideal"] == (3, 2, 1, Decimal(2) / 3)
    assert by_band["decline"] == (2, 1, 0, Decimal(1))
    assert by_band["workable"] == (0, 0, 0, None) and by_band["unscored"] == (1, 0, 0, None)
    assert [b.band for b in found.bands] == ["ideal", "workable", "at-risk", "decline", "unscored"]
