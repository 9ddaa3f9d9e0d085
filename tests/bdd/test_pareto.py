"""The Pareto view across a portfolio: who is in the head, and why another client's change counts."""

from pytest_bdd import given, scenarios, then

from .commands import answers_for
from .portfolio import step_text

scenarios("pareto.feature")


@given("these clients made these profits and scored these totals:")
def portfolio_of_clients(portfolio, datatable):
    """All profits first, then all scores, so every gold decision sees the whole portfolio."""
    header, *rows = datatable
    assert header == ["client", "profit", "score"]
    for key, profit, _ in rows:
        portfolio.ensure(key)
        portfolio.record("value", key, "--revenue", profit, "--cost", "0", "--period", "2026")
    for key, _, score in rows:
        portfolio.record("score", key, "--answers", answers_for(int(score)))


@then(step_text('the gold clients are "{keys}"'))
def gold_clients(portfolio, keys):
    """In the order the standings list them: by profit, highest first."""
    assert [row["key"] for row in portfolio.standings() if row["tier"] == "gold"] == keys.split(", ")


@then(step_text('asked why, "{key}" ranks {rank} with a cumulative share of {share}'))
def ranks(portfolio, key, rank, share):
    inputs = portfolio.why(key)["inputs"]
    assert (inputs["rank"], inputs["cumulative_share"], inputs["in_pareto_head"]) == (int(rank), share, True)

