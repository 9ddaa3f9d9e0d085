"""Finding the unhappy clients: surveys, complaints, key clients not asked."""

from pytest_bdd import given, scenarios, then, when

from .commands import entry_args
from .portfolio import step_text

scenarios("unhappy.feature")


@given(step_text('{who} recorded for "{key}" the {kind} "{note}"', dated=True))
def recorded_feedback(portfolio, key, kind, note, day=None, by=None):
    portfolio.record("feedback", key, "--kind", kind, "--note", note, *entry_args(day, by))


@when(step_text('{who} resolves feedback {number} of "{key}" because "{note}"', dated=True), target_fixture="attempt")
def resolves_feedback(portfolio, number, key, note, day=None, by=None):
    return portfolio.attempt("feedback", key, "--resolved", number, "--note", note, *entry_args(day, by))


@then(step_text("on {day} the unhappy clients are:"))
def unhappy_clients_are(portfolio, day, datatable):
    header, *rows = datatable
    found = portfolio.kam.json("surveys", "unhappy", "--on", day)
    assert [[r["key"], r["owner"], "; ".join(r["reasons"])] for r in found] == [[cell.strip() for cell in row] for row in rows]
