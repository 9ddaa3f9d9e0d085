"""The scenario at the top of issue 12, typed as a new user would, through the kam command line on
SQLite and PostgreSQL: two clients, their first-quarter values entered in April, and acme's score
of a meeting on 2026-02-10 entered last."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest

from tests.conftest import BACKENDS, Kam, fresh_postgres_database, sqlite_url_in

THE_SCENARIO = [
    ("client", "add", "acme", "--name", "Acme", "--at", "2026-01-05"),
    ("client", "add", "beta", "--name", "Beta", "--at", "2026-01-05"),
    ("value", "beta", "--revenue", "1000", "--cost", "100", "--period", "2026-Q1", "--at", "2026-04-02"),
    ("value", "acme", "--revenue", "50000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-03"),
    ("score", "acme", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9", "--at", "2026-02-10"),
]


@pytest.fixture(scope="module", params=BACKENDS)
def typed(request, tmp_path_factory) -> Iterator[Kam]:
    """The ledger after the scenario was typed in, in that order, once per backend: the tests only
    read it (the one refused command records nothing, as its test checks)."""
    with database(request.param, tmp_path_factory) as url:
        kam = Kam(url)
        for command in THE_SCENARIO:
            kam.ok(*command)
        yield kam


@contextmanager
def database(backend: str, tmp_path_factory) -> Iterator[str]:
    if backend == "sqlite":
        yield sqlite_url_in(tmp_path_factory.mktemp("issue-12"))
        return
    with fresh_postgres_database() as url:
        yield url


def test_why_tells_how_acme_got_to_gold_forward_in_business_time(typed):
    answer = typed.json("why", "acme")
    chain = [(c["occurred_on"], c["from_tier"], c["to_tier"], c["rule"]) for c in answer["tier_changes"]]
    days = [day for day, *_ in chain]
    assert days == sorted(days), f"the chain runs backwards: {chain}"
    assert chain == [
        ("2026-02-10", "unrated", "silver", "silver-default"),  # scored, no value yet
        ("2026-04-03", "silver", "gold", "gold-pareto-head"),  # the value: in the Pareto head, with a score of 108
    ]
    assert all(later[1] == earlier[2] for earlier, later in zip(chain, chain[1:]))
    assert (answer["tier"], answer["rule"], answer["changed_on"]) == ("gold", "gold-pareto-head", "2026-04-03")
    assert all(c["recorded_at"] and c["back_dated"] for c in answer["tier_changes"])


def test_on_the_first_of_march_acme_has_a_score_and_no_value_so_it_is_silver_by_default(typed):
    rows = {row["key"]: row for row in typed.json("standings", "--effective", "2026-03-01")}
    acme, beta = rows["acme"], rows["beta"]
    assert (acme["tier"], acme["tier_rule"], acme["profit"], acme["score_total"]) == ("silver", "silver-default", None, 108)
    assert (beta["tier"], beta["tier_rule"], beta["profit"]) == ("unrated", "unrated-no-inputs", None)
    assert not [row for row in rows.values() if row["tier_rule"] == "gold-pareto-head" and row["profit"] is None]


def test_effective_after_the_values_acme_is_gold_in_the_pareto_head(typed):
    rows = {row["key"]: row for row in typed.json("standings", "--effective", "2026-04-03")}
    assert (rows["acme"]["tier"], rows["acme"]["tier_rule"], rows["acme"]["profit"]) == ("gold", "gold-pareto-head", "40000")
    assert (rows["beta"]["tier"], rows["beta"]["profit"]) == ("silver", "900")
    assert typed.json("why", "acme", "--effective", "2026-03-01")["tier"] == "silver"


def test_a_value_dated_before_acme_was_registered_is_refused_with_one_line_and_nothing_written(typed):
    before = (typed.json("standings"), typed.json("history", "acme"))
    result = typed("value", "acme", "--revenue", "50000", "--cost", "10000", "--period", "2025-Q1", "--at", "0001-01-01")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "kam: error: 'acme' was registered on 2026-01-05: nothing can be recorded for it on 0001-01-01, before that"]
    assert (typed.json("standings"), typed.json("history", "acme")) == before
    assert [row["key"] for row in typed.json("standings", "--effective", "0001-01-01")] == []


def test_each_step_of_the_chain_is_recorded_when_the_last_fact_it_needs_was_recorded(typed):
    answer = typed.json("why", "acme")
    for step in answer["tier_changes"]:
        then = typed.json("why", "acme", "--as-of", step["recorded_at"], "--effective", step["occurred_on"])
        assert then["tier"] == step["to_tier"], f"as recorded by {step['recorded_at']}, {step['occurred_on']} was {then['tier']}"
    [gold] = [step for step in answer["tier_changes"] if step["to_tier"] == "gold"]
    [score] = [event for event in typed.json("history", "acme") if event["type"] == "Scored"]
    assert datetime.fromisoformat(gold["recorded_at"]) >= datetime.fromisoformat(score["recorded_at"])
    assert gold["shown_before"] is not None and gold["shown_before"]["tier"] == "silver"
