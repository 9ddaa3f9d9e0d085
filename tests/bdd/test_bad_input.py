"""Bad input: one line on stderr, the right exit code, no traceback and nothing recorded."""

from pytest_bdd import scenarios, when

from .portfolio import step_text

scenarios("bad_input.feature")


@when(step_text('{who} sets and clears the tier of "{key}" at once'), target_fixture="attempt")
def sets_and_clears(portfolio, key, by=None):
    return portfolio.attempt("tier", key, "gold", "--clear", "--reason", "both at once")
