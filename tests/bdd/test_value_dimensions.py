"""Value dimensions: strategic, referral, educational and potential, the latest note counting."""

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("value_dimensions.feature")


@then(step_text('"{key}" has {dimension} value {level}'))
def has_dimension_level(portfolio, key, dimension, level):
    assert portfolio.client(key)["dimensions"][dimension]["level"] == level
