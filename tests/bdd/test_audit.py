"""Auditing: the chain of tier changes with their rules, inputs and causes, and the ledger as it
had been recorded by a moment or was in effect on a business date."""

import json
from datetime import datetime

from pytest_bdd import parsers, scenarios, then, when

from .moments import VIEW, view_args, view_step
from .portfolio import as_cell, step_text

scenarios("audit.feature")


# What the auditor asks

@when(view_step('{who} looks at the standings {view}'), target_fixture="attempt")
def looks_at_the_standings(portfolio, moments, view, by=None):
    return portfolio.attempt("standings", "--json", *view_args(view, moments))


@when(view_step('{who} looks up client "{key}" {view}'), target_fixture="attempt")
def looks_up_at(portfolio, moments, key, view, by=None):
    return portfolio.attempt("client", "show", key, "--json", *view_args(view, moments))


@when(step_text('{who} looks at the standings with {option} "{when}"'), target_fixture="attempt")
def looks_at_the_standings_with(portfolio, option, when, by=None):
    return portfolio.attempt("standings", "--json", option, when)


# The chain of tier changes

def tier_change(portfolio, key, from_tier, to_tier):
    [change] = [c for c in portfolio.why(key)["tier_changes"] if (c["from_tier"], c["to_tier"]) == (from_tier, to_tier)]
    return change


@then(step_text('the tier changes of "{key}" were:'))
@then(view_step('{view}, the tier changes of "{key}" were:'))
def tier_changes_were(portfolio, moments, key, datatable, view=None):
    header, *rows = datatable
    assert header == ["on", "from", "to", "rule", "policy", "recorded by"]
    args = view_args(view, moments) if view else []
    changes = portfolio.kam.json("why", key, *args)["tier_changes"]
    assert [[c["occurred_on"], c["from_tier"], c["to_tier"], c["rule"], c["policy_version"], c["recorded_by"]]
            for c in changes] == rows


@then(step_text('when "{key}" went from {from_tier} to {to_tier}, the rule saw:'))
def the_rule_saw(portfolio, key, from_tier, to_tier, datatable):
    header, *rows = datatable
    assert header == ["input", "value"]
    inputs = tier_change(portfolio, key, from_tier, to_tier)["inputs"]
    assert {name: as_cell(inputs[name]) for name, _ in rows} == dict(rows)


@then(step_text('"{key}" went from {from_tier} to {to_tier} because of:'))
def went_because_of(portfolio, key, from_tier, to_tier, datatable):
    header, *rows = datatable
    assert header == ["client", "event", "on", "recorded by"]
    causes = tier_change(portfolio, key, from_tier, to_tier)["causes"]
    assert [[c["client"], c["type"], c["occurred_on"], c["recorded_by"]] for c in causes] == rows


@then(step_text('each cause of the change of "{key}" from {from_tier} to {to_tier} is the recorded event, '
                'with the moment it was recorded'))
def causes_are_the_recorded_events(portfolio, key, from_tier, to_tier):
    change = tier_change(portfolio, key, from_tier, to_tier)
    for cause in change["causes"]:
        [event] = [e for e in portfolio.history(cause["client"]) if e["version"] == cause["version"]]
        assert {k: cause[k] for k in ("type", "occurred_on", "recorded_by", "recorded_at")} == {
            k: event[k] for k in ("type", "occurred_on", "recorded_by", "recorded_at")}
        assert datetime.fromisoformat(cause["recorded_at"]) <= datetime.fromisoformat(change["recorded_at"])


# The ledger at a point of view in time

def cell(value) -> str:
    return "(none)" if value is None else str(value)


@then(view_step('{view}, the standings were:'))
def standings_were(portfolio, moments, view, datatable):
    header, *rows = datatable
    assert header == ["client", "tier", "rule", "policy", "score"]
    standings = portfolio.kam.json("standings", *view_args(view, moments))
    assert [[r["key"], r["tier"], cell(r["tier_rule"]), cell(r["policy_version"]), cell(r["score_total"])]
            for r in standings] == rows


@then(view_step('{view}, asked why, "{key}" was {tier} by rule {rule} of policy {version} since {day}'))
def why_then(portfolio, moments, view, key, tier, rule, version, day):
    answer = portfolio.kam.json("why", key, *view_args(view, moments))
    assert (answer["tier"], answer["rule"], answer["policy_version"], answer["changed_on"]) == (tier, rule, version, day)


@then(view_step('{view}, the history of "{key}" was:'))
def history_was(portfolio, moments, view, key, datatable):
    header, *rows = datatable
    assert header == ["type", "occurred_on", "recorded_by"]
    history = portfolio.kam.json("history", key, *view_args(view, moments))
    assert [[e["type"], e["occurred_on"], e["recorded_by"]] for e in history] == rows
    assert history == portfolio.history(key)[: len(history)]  # what was known then is how it began


@then(parsers.re(VIEW + r', "(?P<key>[^"]+)" was (?P<tier>\w+)(?: by rule (?P<rule>\S+?))?'
                        r'(?:, with (?:burdens (?P<burdens>\S+)|(?P<no_burden>no burden)))?'))
def was_at(portfolio, moments, view, key, tier, rule, burdens, no_burden):
    args = view_args(view, moments)
    [row] = [r for r in portfolio.kam.json("standings", *args) if r["key"] == key]
    assert row["tier"] == tier
    if rule:
        assert row["tier_rule"] == rule
    client = portfolio.kam.json("client", "show", key, *args)
    assert client["tier"]["tier"] == tier
    if burdens or no_burden:
        assert sorted(client["burdens"]) == (burdens.split(",") if burdens else [])


@then(step_text('that view shows "{key}" {tier} with a score of {total} and no burden'))
def that_view_shows(attempt, key, tier, total):
    client = json.loads(attempt.stdout)
    assert (client["key"], client["tier"]["tier"], client["score"]["total"], client["burdens"]) == (key, tier, int(total), {})


@then("that view lists no clients")
def lists_no_clients(attempt):
    assert json.loads(attempt.stdout) == []


@then(view_step('{view}, there was no client "{key}" to explain or to list the history of'))
def no_client_then(portfolio, moments, view, key):
    for command in ("why", "history"):
        result = portfolio.kam(command, key, *view_args(view, moments))
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"kam: error: no client with key '{key}' "), result.stderr
