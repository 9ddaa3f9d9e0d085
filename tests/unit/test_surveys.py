"""Survey arithmetic: the NPS and its tally, the survey cadence, periods of time."""

from datetime import date
from decimal import Decimal

import pytest

from kamledger.domain.surveys import Interval, SurveyCadence, SurveyTally, add_months


def test_nps_is_the_share_of_promoters_minus_the_share_of_detractors():
    tally = SurveyTally.of([(9, 10), (8, 9), (7, 8), (5, 6), (3, 0)])
    assert (tally.responses, tally.promoters, tally.passives, tally.detractors) == (5, 2, 1, 2)
    assert tally.nps == 0 and tally.mean_satisfaction == Decimal("6.4")


def test_nps_rounds_half_away_from_zero_and_runs_from_minus_to_plus_100():
    assert SurveyTally.of([(9, 9), (9, 9), (9, 5)]).nps == 33
    assert SurveyTally.of([(9, 9), (9, 9), (9, 9), (9, 9), (9, 9), (9, 9), (9, 9), (9, 5)]).nps == 75
    assert SurveyTally.of([(1, 0)]).nps == -100 and SurveyTally.of([(10, 10)]).nps == 100


def test_no_answers_give_no_nps():
    assert SurveyTally.of([]) == SurveyTally(0, 0, 0, 0, None, None)


def test_gold_is_due_six_months_and_silver_twelve_after_the_last_survey():
    cadence = SurveyCadence()
    assert cadence.due_on("gold", date(2026, 1, 15)) == date(2026, 7, 15)
    assert cadence.due_on("silver", date(2026, 1, 15)) == date(2027, 1, 15)
    assert cadence.is_due("gold", date(2026, 1, 15), on=date(2026, 7, 15))
    assert not cadence.is_due("gold", date(2026, 1, 15), on=date(2026, 7, 14))
    assert cadence.is_due("gold", date(2026, 1, 15), on=date(2026, 7, 1), within_days=14)


def test_a_key_client_never_surveyed_is_due_and_other_tiers_never_are():
    cadence = SurveyCadence()
    assert cadence.is_due("silver", None, on=date(2026, 1, 1)) and cadence.due_on("silver", None) is None
    assert not cadence.is_due("bronze", None, on=date(2026, 1, 1))
    assert not cadence.is_due("unrated", date(2020, 1, 1), on=date(2026, 1, 1))


def test_the_cadence_can_be_chosen():
    assert SurveyCadence(gold_months=3).due_on("gold", date(2026, 1, 15)) == date(2026, 4, 15)


@pytest.mark.parametrize(("day", "months", "later"), [
    (date(2026, 8, 31), 6, date(2027, 2, 28)), (date(2027, 8, 31), 6, date(2028, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)), (date(2026, 12, 1), 12, date(2027, 12, 1)),
])
def test_months_later_is_the_same_day_or_the_last_of_a_shorter_month(day, months, later):
    assert add_months(day, months) == later


@pytest.mark.parametrize(("interval", "label"), [(Interval.MONTH, "2026-05"), (Interval.QUARTER, "2026-Q2"), (Interval.YEAR, "2026")])
def test_survey_days_group_into_periods_written_like_value_periods(interval, label):
    assert interval.label(date(2026, 5, 31)) == label
