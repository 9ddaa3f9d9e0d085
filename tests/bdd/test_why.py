"""Why a client has its tier: the rule, the policy, the inputs, the causing events and the chain."""

import json

from pytest_bdd import scenarios, then

from .portfolio import as_cell, step_text

scenarios("why.feature")


@then(step_text('asked why, "{key}" is {tier} by rule {rule} of policy {version}, and was {previous} before'))
def why_rule(portfolio, key, tier, rule, version, previous):
    answer = portfolio.why(key)
    assert (answer["tier"], answer["rule"], answer["policy_version"], answer["previous_tier"]) == (
        tier, rule, version, previous)


@then(step_text('asked why, the tier of "{key}" changed on {day}, recorded by "{by}"'))
def why_changed_on(portfolio, key, day, by):
    answer = portfolio.why(key)
    assert (answer["changed_on"], answer["recorded_by"]) == (day, by)


@then(step_text('asked why, "{key}" is {tier} because of:'))
def why_causes(portfolio, key, tier, datatable):
    answer = portfolio.why(key)
    assert answer["tier"] == tier
    header, *rows = datatable
    assert header == ["client", "event", "on", "recorded by"]
    causes = answer["causes"]
    assert [[c["client"], c["type"], c["occurred_on"], c["recorded_by"]] for c in causes] == rows
    for cause in causes:  # each names the very event, and when it was recorded
        assert isinstance(cause["version"], int) and cause["recorded_at"].endswith("+00:00")
    own = {event["version"]: event for event in portfolio.history(key)}
    assert all(own[c["version"]]["type"] == c["type"] for c in causes if c["client"] == key)


@then(step_text('asked why, the inputs for "{key}" were:'))
def why_inputs(portfolio, key, datatable):
    header, *rows = datatable
    assert header == ["input", "value"]
    inputs = portfolio.why(key)["inputs"]
    assert {name: as_cell(inputs[name]) for name, _ in rows} == dict(rows)


@then(step_text('asked why, the tier changes of "{key}" were:'))
def why_chain(portfolio, key, datatable):
    header, *rows = datatable
    assert header == ["from", "to", "rule", "on"]
    changes = portfolio.why(key)["tier_changes"]
    assert [[c["from_tier"], c["to_tier"], c["rule"], c["occurred_on"]] for c in changes] == rows


@then(step_text('asked why, "{key}" is {tier} by rule {rule}, with no causes and no tier changes'))
def why_without_causes(key, tier, rule, attempt):
    answer = json.loads(attempt.stdout)
    assert answer["key"] == key
    assert (answer["tier"], answer["rule"], answer["previous_tier"]) == (tier, rule, None)
    assert (answer["causes"], answer["tier_changes"]) == ([], [])

