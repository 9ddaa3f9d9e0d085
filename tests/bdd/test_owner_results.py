"""The account owners' results over a period, each fact credited to the owner of its day."""

from pytest_bdd import given, scenarios, then

from .commands import owner_args
from .portfolio import step_text

scenarios("owner_results.feature")


@given(step_text('{who} handed "{key}" over to "{owner}"', dated=True))
def handed_over(portfolio, key, owner, day=None, by=None):
    portfolio.record(*owner_args(key, owner, day, by))


@then(step_text("from {start} to {end} the owners' results are:"))
def owners_results(portfolio, start, end, datatable):
    header, *rows = datatable
    found = portfolio.kam.json("owners", "--from", start, "--to", end)
    shown = [[str(r["owner"]), str(r["satisfaction_change"]), str(r["surveys"]["held"]), str(sum(r["clients"].values()))] for r in found]
    assert shown == rows


@then(step_text("from {start} to {end} the owners' profits are:"))
def owners_profits(portfolio, start, end, datatable):
    header, *rows = datatable
    found = portfolio.kam.json("owners", "--from", start, "--to", end)
    assert [[str(r["owner"]), r["profit"]] for r in found] == rows


@then(step_text("from {start} to {end} the owners' pyramid moves are:"))
def owners_pyramid_moves(portfolio, start, end, datatable):
    header, *rows = datatable
    found = portfolio.kam.json("owners", "--from", start, "--to", end)
    assert [[str(r["owner"]), str(r["pyramid_moves"]["up"]), str(r["pyramid_moves"]["down"])] for r in found] == rows
