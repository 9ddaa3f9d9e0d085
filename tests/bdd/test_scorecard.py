"""Steps for the scorecard: bands, answers and the questionnaire a score was answered under."""

import json

from pytest_bdd import given, scenarios, then

from .portfolio import step_text

scenarios("scorecard.feature")


def use_questionnaire(monkeypatch, tmp_path, version, count):
    questions = [f"Question {number} of the {version} wording?" for number in range(1, count + 1)]
    path = tmp_path / f"questionnaire-{version}.toml"
    path.write_text(f"version = {json.dumps(version)}\nquestions = {json.dumps(questions)}\n", encoding="utf-8")
    monkeypatch.setenv("KAM_QUESTIONNAIRE", str(path))


@given("the shipped questionnaire is in use")
def shipped_questionnaire(monkeypatch):
    monkeypatch.delenv("KAM_QUESTIONNAIRE", raising=False)


@given(step_text('the business\'s own questionnaire "{version}" is in use'))
def own_questionnaire(monkeypatch, tmp_path, version):
    use_questionnaire(monkeypatch, tmp_path, version, 12)


@given(step_text('a replacement questionnaire "{version}" with {count} questions is in use'))
def replacement_questionnaire(monkeypatch, tmp_path, version, count):
    use_questionnaire(monkeypatch, tmp_path, version, int(count))


@then(step_text('"{key}" scores {total} of 120, which is {band}'))
def scores_in_band(portfolio, key, total, band):
    row = portfolio.standing(key)
    assert (row["score_total"], row["score_band"]) == (int(total), band)


@then(step_text('the latest score of "{key}" keeps the answers {answers}'))
def keeps_the_answers(portfolio, key, answers):
    assert portfolio.client(key)["score"]["answers"] == [int(a) for a in answers.split(",")]


@then(step_text('"{key}" is not scored'))
def not_scored(portfolio, key):
    assert portfolio.standing(key)["score_total"] is None
    assert portfolio.events(key, "Scored") == []


@then(step_text('the questionnaire in use is "{version}" with {count} questions'))
def questionnaire_in_use(portfolio, version, count):
    questionnaire = portfolio.kam.json("questionnaire")
    assert (questionnaire["version"], len(questionnaire["questions"])) == (version, int(count))


@then(step_text('the scores of "{key}" were answered under questionnaires "{versions}"'))
def answered_under(portfolio, key, versions):
    recorded = [event["questionnaire_version"] for event in portfolio.events(key, "Scored")]
    assert recorded == versions.split(", ")
