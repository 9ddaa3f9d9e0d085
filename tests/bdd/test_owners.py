"""Account owners: given at registration, handed over later, kept in the history."""

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("owners.feature")


@then(step_text('"{key}" is owned by "{owner}"'))
def owned_by(portfolio, key, owner):
    assert portfolio.client(key)["owner"] == owner
    assert portfolio.standing(key)["owner"] == owner


@then(step_text('"{key}" has no owner'))
def has_no_owner(portfolio, key):
    assert portfolio.client(key)["owner"] is None
