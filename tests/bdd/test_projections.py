"""The read models: rebuilt from the event log they are the same, and never behind a command."""

import json
import re
from datetime import date

import pytest
from pytest_bdd import given, scenarios, then, when

from kamledger.domain.relationship import Relationship
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

from .portfolio import step_text

scenarios("projections.feature")


@pytest.fixture
def seen_before() -> dict:
    return {}


def everything_shown(portfolio) -> dict:
    """What the coach can see: the standings, and every client and its history and why."""
    keys = sorted(portfolio.known)
    return {
        "snapshot": portfolio.snapshot(),
        "clients": {key: portfolio.client(key) for key in keys},
        "why": {key: portfolio.why(key) for key in keys},
    }


@given(step_text('another program recorded {count} surveys for "{key}" without following them into the read models'))
def recorded_behind_the_read_models(portfolio, count, key):
    """Another kamledger process saves events and stops before catching the read models up."""
    ledger = bootstrap(resolve_store(portfolio.kam.database_url))
    try:
        relationship = ledger.repository.get(Relationship.create_id(key))
        for n in range(int(count)):
            relationship.answer_survey(7, 8, f"survey {n + 1}", date(2026, 5, 1), "ann")
        ledger.save(relationship)
    finally:
        ledger.close()


@when(step_text("{who} rebuilds the read models"), target_fixture="attempt")
def rebuilds(portfolio, seen_before, by=None):
    seen_before.update(everything_shown(portfolio))
    return portfolio.attempt("projections", "rebuild")


@when(step_text("{who} asks how far the read models have followed the event log"), target_fixture="attempt")
def asks_for_the_status(portfolio, by=None):
    return portfolio.attempt("projections", "status", "--json")


@then("it says the read models were rebuilt from every event in the log")
def says_rebuilt(portfolio, attempt):
    said = re.fullmatch(r"read models rebuilt from (\d+) events in [\d.]+ s", attempt.stdout.strip())
    assert said, attempt.stdout
    assert int(said[1]) == portfolio.kam.json("projections", "status")["last_event"]


@then("the standings, every client and every history are as they were before")
def as_they_were(portfolio, seen_before):
    assert everything_shown(portfolio) == seen_before


@then("once the coach has looked at the standings, the read models have followed every event, with none behind")
def none_behind_after_reading(portfolio):
    portfolio.standings()
    none_behind(portfolio)


@then("the read models have followed every event, with none behind")
def none_behind(portfolio):
    status = portfolio.kam.json("projections", "status")
    assert status["last_event"] > 0
    assert (status["position"], status["behind"]) == (status["last_event"], 0)
    assert portfolio.kam.ok("projections", "status").strip() == (
        f"read models at event {status['last_event']} of {status['last_event']}; 0 behind")


@then(step_text("the read models are {count} events behind"))
def events_behind(attempt, count):
    status = json.loads(attempt.stdout)
    assert status["behind"] == int(count)
    assert status["position"] < status["last_event"]
