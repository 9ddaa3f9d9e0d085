"""Value per period: profit contribution, corrections, overlaps and malformed money."""

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("value.feature")


@then(step_text('the profit contribution of "{key}" is {profit}'))
def profit_contribution(portfolio, key, profit):
    assert portfolio.standing(key)["profit"] == profit


@then(step_text('"{key}" has value recorded for the periods "{periods}"'))
def recorded_periods(portfolio, key, periods):
    assert sorted(portfolio.client(key)["values"]) == periods.split(", ")


@then(step_text('"{key}" has no value recorded'))
def no_value(portfolio, key):
    assert portfolio.client(key)["values"] == {}
    assert portfolio.standing(key)["profit"] is None
