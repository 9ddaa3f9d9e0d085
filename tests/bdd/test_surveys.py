"""Satisfaction surveys: satisfaction 1-10, the NPS answer 0-10, an optional comment."""

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("surveys.feature")


@then(step_text('the latest survey of "{key}" shows satisfaction {satisfaction} and NPS {nps}'))
def latest_survey(portfolio, key, satisfaction, nps):
    survey = portfolio.client(key)["survey"]
    assert (survey["satisfaction"], survey["nps"]) == (int(satisfaction), int(nps))


@then(step_text('"{key}" has answered no survey'))
def no_survey(portfolio, key):
    assert portfolio.client(key)["survey"] is None
    assert portfolio.events(key, "SurveyAnswered") == []
