"""Account owners: given at registration, handed over later, kept in the history."""

from pytest_bdd import scenarios, then, when

from .portfolio import as_cell, step_text

scenarios("owners.feature")


@when(step_text("the KAM lead looks at the owners on {day}"), target_fixture="attempt")
def looks_at_the_owners(portfolio, day):
    return portfolio.attempt("owners", "--on", day, "--json")


@then("the owners are:")
def owners_are(attempt, datatable):
    header, *rows = datatable
    cells = [[", ".join(row[c]) if isinstance(row[c], list) else as_cell(row[c]) for c in header] for row in attempt.answer()]
    assert cells == rows
