"""Our attractiveness by the client's own criteria: criteria, ratings, and where the matrix places us."""

from pytest_bdd import given, parsers, scenarios, then, when

from .commands import entry_args
from .portfolio import as_cell, step_text
from .test_matrix import looks_at_the_matrix, placed, row_of

scenarios("attractiveness.feature")

_PAIRS = r"[a-z0-9-]+ [0-9.]+(?:, [a-z0-9-]+ [0-9.]+)*"
_DATED = r"(?: on (?P<day>\S+))?$"


def typed(spoken: str) -> str:
    """'quality 30, price 25' as kam takes it: 'quality=30,price=25'."""
    return ",".join("=".join(pair.split(" ")) for pair in spoken.split(", "))


CRITERIA_STEP = parsers.re(rf'"(?P<key>[^"]+)" rates its suppliers by (?P<criteria>{_PAIRS}){_DATED}')
RATED_STEP = parsers.re(rf'the client "(?P<key>[^"]+)" rated us (?P<ratings>{_PAIRS}){_DATED}')


@given(CRITERIA_STEP)
def rates_suppliers_by(portfolio, key, criteria, day=None):
    portfolio.ensure(key)
    portfolio.record("criteria", key, "--set", typed(criteria), *entry_args(day, None))


@given(RATED_STEP)
def client_rated_us(portfolio, key, ratings, day=None):
    portfolio.record("rating", key, "--ratings", typed(ratings), "--source", "client", *entry_args(day, None))


@given(parsers.re(rf'we estimated "(?P<key>[^"]+)" would rate us (?P<ratings>{_PAIRS}){_DATED}'))
def we_estimated(portfolio, key, ratings, day=None):
    portfolio.record("rating", key, "--ratings", typed(ratings), "--source", "estimate", *entry_args(day, None))


@when(step_text('{who} sets the criteria of "{key}" to "{criteria}"', dated=True), target_fixture="attempt")
def sets_criteria(portfolio, key, criteria, day=None, by=None):
    return portfolio.attempt("criteria", key, "--set", criteria, *entry_args(day, by))


@when(step_text('{who} records that "{key}" rated us "{ratings}"', dated=True), target_fixture="attempt")
def records_a_rating(portfolio, key, ratings, day=None, by=None):
    return portfolio.attempt("rating", key, "--ratings", ratings, "--source", "client", *entry_args(day, by))


# The matrix's own steps (pytest-bdd keeps steps to the module that defines them, or conftest.py)
when("the KAM lead looks at the matrix", target_fixture="attempt")(looks_at_the_matrix)
then(step_text('"{key}" is at {theirs} to us and {ours} from us, in quadrant {quadrant}'))(placed)


@then(step_text('our side of "{key}" comes from {source}'))
def our_side_from(attempt, key, source):
    assert row_of(attempt, key)["our_source"] == source


@then(step_text('"{key}" shows our attractiveness {value} from {source}, with {unrated} unrated'))
def shows_our_attractiveness(portfolio, key, value, source, unrated):
    ours = portfolio.client(key)["attractiveness"]
    assert (ours["our_attractiveness"], ours["our_source"], ours["unrated_criteria"]) == (value, source, unrated.split(", "))


@then("its ratings over time are:")
def ratings_over_time(attempt, datatable):
    header, *rows = datatable
    assert [[as_cell(row[column]) for column in header] for row in attempt.answer()["attractiveness"]["ratings"]] == rows
