"""Development goals: numbered per client, done once, never a tier input."""

from pytest_bdd import scenarios, then, when

from .commands import goal_args, goal_done_args
from .portfolio import as_cell, step_text

scenarios("goals.feature")


@when(step_text('{who} adds the goal "{text}" for "{key}", due {due},', dated=True), target_fixture="attempt")
def adds_a_goal_due(portfolio, text, key, due, day=None, by=None):
    return portfolio.attempt(*goal_args(key, text, due, day, by))


@when(step_text('{who} adds the goal "{text}" for "{key}"', dated=True), target_fixture="attempt")
def adds_a_goal(portfolio, text, key, day=None, by=None):
    return portfolio.attempt(*goal_args(key, text, None, day, by))


@when(step_text('{who} marks goal {goal_id} of "{key}" done', dated=True), target_fixture="attempt")
def marks_a_goal_done(portfolio, goal_id, key, day=None, by=None):
    return portfolio.attempt(*goal_done_args(key, goal_id, day, by))


@then(step_text('the development plan of "{key}" is:'))
def plan_is(portfolio, key, datatable):
    header, *rows = datatable
    goals = portfolio.kam.json("goal", key, "list")
    assert [[as_cell(goal[column]) for column in header] for goal in goals] == rows
    assert [[as_cell(goal[column]) for column in header] for goal in portfolio.client(key)["goals"].values()] == rows
