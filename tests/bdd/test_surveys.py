"""Satisfaction surveys: satisfaction 1-10, the NPS answer 0-10, an optional comment."""

from pytest_bdd import scenarios, then, when

from .commands import survey_args
from .portfolio import step_text

scenarios("surveys.feature")


@when(step_text('the coach records a survey for "{key}": satisfaction {satisfaction}, NPS {nps}, by {channel}'),
      target_fixture="attempt")
def records_a_survey_by_channel(portfolio, key, satisfaction, nps, channel):
    return portfolio.attempt(*survey_args(key, satisfaction, nps, None, None, None), "--channel", channel)


@then(step_text('the latest survey of "{key}" shows satisfaction {satisfaction} and NPS {nps}'))
def latest_survey(portfolio, key, satisfaction, nps):
    survey = portfolio.client(key)["survey"]
    assert (survey["satisfaction"], survey["nps"]) == (int(satisfaction), int(nps))


@then(step_text('"{key}" has answered no survey'))
def no_survey(portfolio, key):
    assert portfolio.client(key)["survey"] is None
    assert portfolio.events(key, "SurveyAnswered") == []
