"""The cooperation pyramid: moves up and down, each with a reason, all kept."""

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("pyramid.feature")


@then(step_text('"{key}" is at the {level} level of the pyramid'))
def at_level(portfolio, key, level):
    assert portfolio.standing(key)["pyramid_level"] == level


@then(step_text('the pyramid moves of "{key}" are:'))
def pyramid_moves(portfolio, key, datatable):
    header, *rows = datatable
    assert header == ["from", "to", "direction", "on"]
    moves = portfolio.events(key, "PyramidLevelChanged")
    assert [[m["from_level"], m["to_level"], m["direction"], m["occurred_on"]] for m in moves] == rows
