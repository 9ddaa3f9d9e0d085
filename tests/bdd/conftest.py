"""Steps every feature shares: what a coach records, and how the ledger answers.

Givens must succeed (they set the scene); Whens may be refused, so they return an ``Attempt``
(target fixture ``attempt``) that the refusal steps check, including that nothing was recorded.
"""


import shlex

import pytest
from pytest_bdd import given, parsers, then, when

from .commands import (
    burden_args, clear_args, entry_args, goal_args, goal_done_args, note_args, override_args, owner_args, pyramid_args, registration_args,
    score_args, survey_args, value_args,
)
from .moments import an_instant
from .portfolio import Portfolio, as_cell, step_text

# How a coach says why a client has its tier, and the rule of tier policy v1 that says so.
RULE_BY_REASON = {
    "it was set by hand": "manual-override",
    "nothing is known about it": "unrated-no-inputs",
    "it does not make a profit": "bronze-unprofitable",
    "its score is in decline": "bronze-declining-score",
    "a burden is noted": "bronze-burden",
    "it is in the Pareto head": "gold-pareto-head",
    "its strategic value or potential is high": "gold-strategic",
    "nothing else applies": "silver-default",
}


# Steps that compare the ledger with how it was just before the When. A snapshot costs a few kam
# calls, so a When takes one only in scenarios that have such a step.
COMPARES_WITH_BEFORE = ("it is refused", "tier change was recorded")


@pytest.fixture
def portfolio(kam_sqlite) -> Portfolio:
    return Portfolio(kam_sqlite)


def pytest_bdd_before_scenario(request, feature, scenario):
    try:
        portfolio = request.getfixturevalue("portfolio")
    except pytest.FixtureLookupError:  # a scenario elsewhere, without our steps
        return
    steps = [step.name for step in scenario.steps]
    portfolio.watching = any(phrase in step for step in steps for phrase in COMPARES_WITH_BEFORE)


# What the coach records (Given: it happened; When: the coach tries it now)

@given(step_text('client "{key}" is registered', dated=True))
def registered(portfolio, key, day=None, by=None):
    portfolio.register(key, day=day, by=by)


@given(step_text('client "{key}" is registered with owner "{owner}"', dated=True))
def registered_with_owner(portfolio, key, owner, day=None, by=None):
    portfolio.register(key, owner=owner, day=day, by=by)


@given(step_text('client "{key}" scored {total} of 120', dated=True))
def scored(portfolio, key, total, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*score_args(key, total, day, by))


@given(step_text('client "{key}" made a profit of {amount}', dated=True))
def made_a_profit(portfolio, key, amount, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*value_args(key, amount, "0", "2026", day, by))


@given(step_text('client "{key}" made a loss of {amount}', dated=True))
def made_a_loss(portfolio, key, amount, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*value_args(key, "0", amount, "2026", day, by))


@given(step_text('client "{key}" brought revenue {revenue} at a cost of {cost} in {period}', dated=True))
def brought_revenue(portfolio, key, revenue, cost, period, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*value_args(key, revenue, cost, period, day, by))


@given(step_text('client "{key}" has {dimension} value noted {level}', dated=True))
def dimension_noted(portfolio, key, dimension, level, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*note_args(key, dimension, level, f"{dimension} looks {level} to us", day, by))


@given(step_text('client "{key}" has a {signal} burden noted', dated=True))
def burden_noted(portfolio, key, signal, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*burden_args(key, signal, f"{signal} seen in the account review", day, by))


@given(step_text('client "{key}" had its {signal} burden resolved', dated=True))
def burden_was_resolved(portfolio, key, signal, day=None, by=None):
    portfolio.record(*burden_args(key, signal, "no longer seen", day, by, resolved=True))


@given(step_text('client "{key}" was set to {tier} by hand', dated=True))
def was_set_by_hand(portfolio, key, tier, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*override_args(key, tier, "the coach's judgement", day, by))


@given(step_text('client "{key}" was moved to {level} on the pyramid', dated=True))
def was_moved_on_the_pyramid(portfolio, key, level, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*pyramid_args(key, level, "how we work together changed", day, by))


@given(step_text('the coach recorded a survey for "{key}": satisfaction {satisfaction}, NPS {nps}', dated=True))
def recorded_a_survey(portfolio, key, satisfaction, nps, day=None, by=None):
    portfolio.ensure(key)
    portfolio.record(*survey_args(key, satisfaction, nps, None, day, by))


@given(step_text('{who} added the goal "{text}" for "{key}"', dated=True))
def added_a_goal(portfolio, text, key, day=None, by=None):
    portfolio.record(*goal_args(key, text, None, day, by))


@given(step_text('{who} marked goal {goal_id} of "{key}" done', dated=True))
def marked_a_goal_done(portfolio, goal_id, key, day=None, by=None):
    portfolio.record(*goal_done_args(key, goal_id, day, by))


@when(step_text('{who} registers client "{key}" named "{name}"', dated=True), target_fixture="attempt")
def registers(portfolio, key, name, day=None, by=None):
    attempt = portfolio.attempt(*registration_args(key, name, None, day, by))
    if attempt.exit_code == 0:
        portfolio.known.add(key)
    return attempt


@when(step_text('{who} registers client "{key}" named "{name}" with owner "{owner}"', dated=True),
      target_fixture="attempt")
def registers_with_owner(portfolio, key, name, owner, day=None, by=None):
    attempt = portfolio.attempt(*registration_args(key, name, owner, day, by))
    if attempt.exit_code == 0:
        portfolio.known.add(key)
    return attempt


@when(step_text('{who} scores "{key}" {total} of 120', dated=True), target_fixture="attempt")
def scores(portfolio, key, total, day=None, by=None):
    return portfolio.attempt(*score_args(key, total, day, by))


@when(step_text('{who} answers the scorecard for "{key}" with {answers}', dated=True), target_fixture="attempt")
def answers_the_scorecard(portfolio, key, answers, day=None, by=None):
    return portfolio.attempt("score", key, "--answers", answers, *entry_args(day, by))


@when(step_text('{who} records for "{key}" revenue {revenue} at a cost of {cost} in {period}', dated=True),
      target_fixture="attempt")
def records_value(portfolio, key, revenue, cost, period, day=None, by=None):
    return portfolio.attempt(*value_args(key, revenue, cost, period, day, by))


@when(step_text('{who} notes the {dimension} value of "{key}" as {level} because "{note}"', dated=True),
      target_fixture="attempt")
def notes_a_dimension(portfolio, key, dimension, level, note, day=None, by=None):
    return portfolio.attempt(*note_args(key, dimension, level, note, day, by))


@when(step_text('{who} notes the {dimension} value of "{key}" as {level} without a note', dated=True),
      target_fixture="attempt")
def notes_a_dimension_without_a_note(portfolio, key, dimension, level, day=None, by=None):
    return portfolio.attempt(*note_args(key, dimension, level, None, day, by))


@when(step_text('{who} notes a {signal} burden on "{key}" because "{note}"', dated=True), target_fixture="attempt")
def notes_a_burden(portfolio, key, signal, note, day=None, by=None):
    return portfolio.attempt(*burden_args(key, signal, note, day, by))


@when(step_text('{who} notes a {signal} burden on "{key}" without a note', dated=True), target_fixture="attempt")
def notes_a_burden_without_a_note(portfolio, key, signal, day=None, by=None):
    return portfolio.attempt(*burden_args(key, signal, None, day, by))


@when(step_text('{who} resolves the {signal} burden of "{key}" because "{note}"', dated=True),
      target_fixture="attempt")
def resolves_a_burden(portfolio, key, signal, note, day=None, by=None):
    return portfolio.attempt(*burden_args(key, signal, note, day, by, resolved=True))


@when(step_text('{who} resolves the {signal} burden of "{key}" without a note', dated=True),
      target_fixture="attempt")
def resolves_a_burden_without_a_note(portfolio, key, signal, day=None, by=None):
    return portfolio.attempt(*burden_args(key, signal, None, day, by, resolved=True))


@when(step_text('{who} sets "{key}" to {tier} by hand because "{reason}"', dated=True), target_fixture="attempt")
def sets_a_tier_by_hand(portfolio, key, tier, reason, day=None, by=None):
    return portfolio.attempt(*override_args(key, tier, reason, day, by))


@when(step_text('{who} sets "{key}" to {tier} by hand without a reason', dated=True), target_fixture="attempt")
def sets_a_tier_by_hand_without_a_reason(portfolio, key, tier, day=None, by=None):
    return portfolio.attempt(*override_args(key, tier, None, day, by))


@when(step_text('{who} clears the tier set by hand on "{key}" because "{reason}"', dated=True),
      target_fixture="attempt")
def clears_the_tier_set_by_hand(portfolio, key, reason, day=None, by=None):
    return portfolio.attempt(*clear_args(key, reason, day, by))


@when(step_text('{who} clears the tier set by hand on "{key}" without a reason', dated=True),
      target_fixture="attempt")
def clears_the_tier_set_by_hand_without_a_reason(portfolio, key, day=None, by=None):
    return portfolio.attempt(*clear_args(key, None, day, by))


@when(step_text('{who} moves "{key}" to {level} on the pyramid because "{reason}"', dated=True),
      target_fixture="attempt")
def moves_on_the_pyramid(portfolio, key, level, reason, day=None, by=None):
    return portfolio.attempt(*pyramid_args(key, level, reason, day, by))


@when(step_text('{who} moves "{key}" to {level} on the pyramid without a reason', dated=True),
      target_fixture="attempt")
def moves_on_the_pyramid_without_a_reason(portfolio, key, level, day=None, by=None):
    return portfolio.attempt(*pyramid_args(key, level, None, day, by))


@when(step_text('{who} records a survey for "{key}": satisfaction {satisfaction}, NPS {nps}', dated=True),
      target_fixture="attempt")
def records_a_survey(portfolio, key, satisfaction, nps, day=None, by=None):
    return portfolio.attempt(*survey_args(key, satisfaction, nps, None, day, by))


@when(step_text('{who} records a survey for "{key}": satisfaction {satisfaction}, NPS {nps}, comment "{comment}"',
                dated=True), target_fixture="attempt")
def records_a_survey_with_a_comment(portfolio, key, satisfaction, nps, comment, day=None, by=None):
    return portfolio.attempt(*survey_args(key, satisfaction, nps, comment, day, by))


@when(step_text('{who} makes "{owner}" the owner of "{key}"', dated=True), target_fixture="attempt")
def makes_the_owner(portfolio, key, owner, day=None, by=None):
    return portfolio.attempt(*owner_args(key, owner, day, by))


@when(step_text('{who} asks why "{key}" has its tier'), target_fixture="attempt")
def asks_why(portfolio, key, by=None):
    return portfolio.attempt("why", key, "--json")


@when(step_text('{who} looks at the history of "{key}"'), target_fixture="attempt")
def looks_at_the_history(portfolio, key, by=None):
    return portfolio.attempt("history", key, "--json")


@when(step_text('{who} looks up client "{key}"'), target_fixture="attempt")
def looks_up(portfolio, key, by=None):
    return portfolio.attempt("client", "show", key, "--json")


# How the ledger answers

@then(step_text('"{key}" is {tier}'))
@then(step_text('"{key}" is still {tier}'))
def has_tier(portfolio, key, tier):
    assert portfolio.standing(key)["tier"] == tier


@then(step_text('"{key}" is {tier} because {reason*}'))
@then(step_text('"{key}" is still {tier} because {reason*}'))
def has_tier_by_rule(portfolio, key, tier, reason):
    row = portfolio.standing(key)
    assert (row["tier"], row["tier_rule"]) == (tier, RULE_BY_REASON[reason])


@then(step_text('"{key}" is named "{name}"'))
def named(portfolio, key, name):
    assert portfolio.client(key)["name"] == name
    assert portfolio.standing(key)["name"] == name


@then("it is accepted")
def accepted(attempt):
    assert attempt.exit_code == 0, attempt.stderr


@then(step_text("it is refused as bad input"))
def refused_as_bad_input(portfolio, attempt):
    assert_refused(portfolio, attempt, exit_code=2)


@then(step_text('it is refused as bad input, saying "{complaint}"'))
def refused_as_bad_input_saying(portfolio, attempt, complaint):
    assert_refused(portfolio, attempt, exit_code=2, complaint=complaint)


@then(step_text("it is refused by the ledger's rules"))
def refused_by_the_rules(portfolio, attempt):
    assert_refused(portfolio, attempt, exit_code=1)


@then(step_text('it is refused by the ledger\'s rules, saying "{complaint}"'))
def refused_by_the_rules_saying(portfolio, attempt, complaint):
    assert_refused(portfolio, attempt, exit_code=1, complaint=complaint)


def assert_refused(portfolio, attempt, exit_code, complaint=None):
    """Refused with one line on stderr and no traceback, and nothing was recorded."""
    command = "kam " + " ".join(attempt.args)
    assert attempt.before is not None, "no snapshot was taken before the When"
    assert isinstance(attempt.exception, SystemExit | None), f"{command} crashed: {attempt.exception!r}"
    assert attempt.exit_code == exit_code, f"{command} exited {attempt.exit_code}: {attempt.stderr}{attempt.stdout}"
    lines = attempt.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kam: error: "), f"{command} said {attempt.stderr!r}"
    assert "Traceback" not in attempt.stderr + attempt.stdout
    if complaint is not None:
        assert complaint in lines[0], f"{command} said {lines[0]!r}"
    assert portfolio.snapshot() == attempt.before, f"{command} was refused yet changed the ledger"


@then(step_text('no tier change was recorded for "{key}"'))
def no_tier_change(portfolio, attempt, key):
    assert new_tier_changes(portfolio, attempt, key) == []


@then(step_text('one tier change was recorded for "{key}", from {from_tier} to {to_tier}'))
def one_tier_change(portfolio, attempt, key, from_tier, to_tier):
    changes = new_tier_changes(portfolio, attempt, key)
    assert [(c["from_tier"], c["to_tier"]) for c in changes] == [(from_tier, to_tier)]


def new_tier_changes(portfolio, attempt, key):
    assert attempt.before is not None, "no snapshot was taken before the When"
    seen = len(attempt.before.histories.get(key, []))
    return [event for event in portfolio.history(key)[seen:] if event["type"] == "TierChanged"]


@then(step_text('the latest {kind} of "{key}" records:'))
def latest_event_records(portfolio, kind, key, datatable):
    events = portfolio.events(key, kind)
    assert events, f"'{key}' has no {kind} event"
    header, *rows = datatable
    assert header == ["field", "value"]
    assert {field: as_cell(events[-1].get(field)) for field, _ in rows} == dict(rows)


# What the coach hears when asking why

@then(step_text('asked why, "{key}" is {tier} by rule {rule}'))
def why_tier_and_rule(portfolio, key, tier, rule):
    answer = portfolio.why(key)
    assert (answer["tier"], answer["rule"]) == (tier, rule)


@then(step_text('asked why, "{key}" was {tier} before'))
def why_previous_tier(portfolio, key, tier):
    assert portfolio.why(key)["previous_tier"] == tier


@then(step_text('asked why, "{key}" names a {kind} of "{client}" on {day} recorded by "{by}" among the causes'))
def why_names_a_cause(portfolio, key, kind, client, day, by):
    causes = [(c["type"], c["client"], c["occurred_on"], c["recorded_by"]) for c in portfolio.why(key)["causes"]]
    assert (kind, client, day, by) in causes


# Moments in recording time, for reading the ledger as it had been recorded by then (--as-of)

@pytest.fixture
def moments() -> dict[str, str]:
    """Real instants noted between entries, by name."""
    return {}


@given(parsers.re(r'(?:the auditor|the coach|"[^"]+") notes the time as "(?P<name>[^"]+)"'))
def notes_the_time(moments, name):
    moments[name] = an_instant()


@then(step_text('asked why, "{key}" is {tier} by rule {rule} of policy {version}'))
def why_tier_rule_and_policy(portfolio, key, tier, rule, version):
    answer = portfolio.why(key)
    assert (answer["tier"], answer["rule"], answer["policy_version"]) == (tier, rule, version)


@then(step_text('"{key}" is owned by "{owner}"'))
def owned_by(portfolio, key, owner):
    assert portfolio.client(key)["owner"] == owner
    assert portfolio.standing(key)["owner"] == owner


@then(step_text('"{key}" has no owner'))
def has_no_owner(portfolio, key):
    assert portfolio.client(key)["owner"] is None


# Entering many things at once (imports and batches): all or nothing, bad lines named

@then(step_text('it says "{text}"'))
def it_says(attempt, text):
    assert attempt.exit_code == 0, attempt.stderr
    assert text in attempt.stdout, attempt.stdout


@then(step_text("it is refused whole, as bad input"))
def refused_whole_as_bad_input(portfolio, attempt):
    assert_refused_whole(portfolio, attempt, exit_code=2)


@then(step_text("it is refused whole, by the ledger's rules"))
def refused_whole_by_the_rules(portfolio, attempt):
    assert_refused_whole(portfolio, attempt, exit_code=1)


def assert_refused_whole(portfolio, attempt, exit_code):
    """Refused with a headline and one line per bad line, no traceback, and nothing recorded."""
    assert attempt.before is not None, "no snapshot was taken before the When"
    assert isinstance(attempt.exception, SystemExit | None), f"crashed: {attempt.exception!r}"
    assert attempt.exit_code == exit_code, f"exited {attempt.exit_code}: {attempt.stderr}{attempt.stdout}"
    headline, *lines = attempt.stderr.strip().splitlines()
    assert headline.startswith("kam: error: ") and "nothing was recorded" in headline, attempt.stderr
    assert lines and all(line.startswith("  line ") for line in lines), attempt.stderr
    assert "Traceback" not in attempt.stderr + attempt.stdout
    assert portfolio.snapshot() == attempt.before, "refused yet changed the ledger"


@then(step_text('the refusal names line {number}: "{complaint}"'))
def refusal_names_line(attempt, number, complaint):
    lines = [line for line in attempt.stderr.splitlines() if line.startswith(f"  line {number}: ")]
    assert len(lines) == 1 and complaint in lines[0], attempt.stderr


@then(step_text("the refusal does not name line {number}"))
def refusal_does_not_name_line(attempt, number):
    assert f"  line {number}: " not in attempt.stderr


@then(step_text('the history of "{key}" holds {count} {kind}'))
def history_holds(portfolio, key, count, kind):
    assert len(portfolio.events(key, kind)) == int(count)


# Portfolio analytics: any kam command as typed, and the charts it draws

@when(step_text('the KAM lead runs "{command}"'), target_fixture="attempt")
def runs(portfolio, command):
    return portfolio.attempt(*shlex.split(command))


@when(step_text('the KAM lead draws the {what} chart to "{name}"'), target_fixture="attempt")
def draws_a_chart(portfolio, tmp_path, what, name):
    return portfolio.attempt(what.lower(), "--chart", str(tmp_path / name))


@then(step_text('"{name}" is a {kind} chart'))
def is_a_chart(tmp_path, name, kind):
    content = (tmp_path / name).read_bytes()
    assert content.startswith(b"\x89PNG") if kind == "PNG" else b"<svg" in content[:1000]


@then(step_text('no chart was drawn to "{name}"'))
def no_chart(tmp_path, name):
    assert not (tmp_path / name).exists()
