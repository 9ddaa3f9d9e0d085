"""Development plans: objectives checked against the ledger, overdue ones first."""

from pytest_bdd import given, scenarios, then, when

from .commands import entry_args
from .portfolio import step_text

scenarios("plans.feature")


def objective_args(key, kind, target, due, note, day, by):
    return ["plan", key, "add", "--kind", kind, "--target", target, "--due", due, "--note", note, *entry_args(day, by)]


@given(step_text('{who} set for "{key}" the {kind} objective "{target}" due {due}, "{note}",', dated=True))
def set_an_objective(portfolio, key, kind, target, due, note, day=None, by=None):
    portfolio.record(*objective_args(key, kind, target, due, note, day, by))


@when(step_text('{who} sets for "{key}" the {kind} objective "{target}" due {due}, "{note}",', dated=True), target_fixture="attempt")
def sets_an_objective(portfolio, key, kind, target, due, note, day=None, by=None):
    return portfolio.attempt(*objective_args(key, kind, target, due, note, day, by))


@when(step_text('{who} cancels objective {number} of "{key}" because "{reason}"', dated=True), target_fixture="attempt")
def cancels_an_objective(portfolio, number, key, reason, day=None, by=None):
    return portfolio.attempt("plan", key, "cancel", number, "--reason", reason, *entry_args(day, by))


def objective(portfolio, key, number, day):
    return next(o for o in portfolio.kam.json("plan", key, "--on", day) if o["id"] == int(number))


@then(step_text('on {day} objective {number} of "{key}" is {status} by the {kind} of {when}'))
def objective_met_by(portfolio, day, number, key, status, kind, when):
    found = objective(portfolio, key, number, day)
    fact = found["met_by" if status == "met" else "lost_by"]
    assert (found["status"], fact["type"], fact["occurred_on"]) == (status, kind, when)


@then(step_text('on {day} objective {number} of "{key}" is {status}'))
def objective_is(portfolio, day, number, key, status):
    assert objective(portfolio, key, number, day)["status"] == status


@then(step_text("on {day} the objectives to reach across the portfolio are, in order: {listed*}"))
def objectives_to_reach(portfolio, day, listed):
    rows = portfolio.kam.json("plans", "--on", day)["objectives"]
    assert ", ".join(f'"{r["key"]}" {r["id"]}' for r in rows) == listed


@then(step_text("on {day} the gold clients without a plan are: {listed*}"))
def gold_without_plan(portfolio, day, listed):
    found = portfolio.kam.json("plans", "--on", day)["gold_without_plan"]
    assert ", ".join(f'"{g["key"]}"' for g in found) == listed


@when(step_text('{who} marks objective {number} of "{key}" done', dated=True), target_fixture="attempt")
def marks_an_objective_done(portfolio, number, key, day=None, by=None):
    return portfolio.attempt("plan", key, "done", number, *entry_args(day, by))
