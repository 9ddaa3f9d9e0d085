"""The two-sided matrix: attractiveness both ways, on 0-100, and the quadrant it gives."""

import re

from pytest_bdd import scenarios, then, when

from .portfolio import as_cell, step_text

scenarios("matrix.feature")


@when("the KAM lead looks at the matrix", target_fixture="attempt")
def looks_at_the_matrix(portfolio):
    return portfolio.attempt("matrix", "--json")


@when(step_text("the KAM lead looks at the matrix, counting a score of {theirs} and {ours} from us as high"),
      target_fixture="attempt")
def looks_at_the_matrix_with_a_bar(portfolio, theirs, ours):
    return portfolio.attempt("matrix", "--client-high", theirs, "--our-high", ours, "--json")


def row_of(attempt, key):
    return next(row for row in attempt.answer() if row["key"] == key)


@then("the matrix shows:")
def matrix_shows(attempt, datatable):
    header, *rows = datatable
    assert [[as_cell(row[column]) for column in header] for row in attempt.answer()] == rows


@then(step_text('"{key}" is at {theirs} to us and {ours} from us, in quadrant {quadrant}'))
def placed(attempt, key, theirs, ours, quadrant):
    row = row_of(attempt, key)
    assert (row["client_attractiveness"], row["our_attractiveness"], row["quadrant"]) == (theirs, ours, quadrant)


@then(step_text('"{key}" is not placed, for want of {what*}'))
def not_placed(attempt, key, what):
    row = row_of(attempt, key)
    assert row["quadrant"] is None and row["missing"] == re.findall(r"an? (\w+)", what)


@then(step_text('the output names "{key}" in quadrant {quadrant}'))
def output_names(attempt, key, quadrant):
    assert re.search(rf"{key}\s.*\s{quadrant}\s", attempt.stdout)
