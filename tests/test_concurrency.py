"""Several account managers write to one ledger at the same moment: 8 processes each enter 100
events for the same few clients. Nothing is lost or doubled, in the log or in the read models,
and once they stop the tiers are what a fresh evaluation of the portfolio gives."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from kamledger.domain.relationship import Relationship
from kamledger.domain.tier_policy import evaluate_portfolio
from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.tables import timeline
from kamledger.projections.read_models import client_id_of, fields_of
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store

WRITERS, EVENTS_EACH = 8, 50  # 400 events on 6 clients: every writer meets the others many times
CLIENTS = [f"shared-{n}" for n in range(6)]
WRITER = Path(__file__).with_name("concurrent_writer.py")


def test_eight_writers_at_once_lose_nothing_double_nothing_and_tiers_converge(database_url):
    ledger = bootstrap(resolve_store(database_url))
    for key in CLIENTS:
        ledger.register_client(key, key.title(), None, make_entry("2026-01-05", "lead"))
    ledger.close()

    writers = [
        subprocess.Popen([sys.executable, str(WRITER), database_url, str(n), str(EVENTS_EACH), *CLIENTS],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(WRITERS)
    ]
    outcomes = [writer.communicate(timeout=600) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, "\n".join(err for _, err in outcomes)

    ledger = bootstrap(resolve_store(database_url))
    try:
        expected = {f"writer {w} entry {i}" for w in range(WRITERS) for i in range(EVENTS_EACH)}
        logged = Counter(marker for marker in _markers_in_log(ledger))
        assert set(logged) == expected and set(logged.values()) == {1}

        catch_up(ledger, ledger.read_models)
        with ledger.read_models.engine.connect() as connection:
            rows = [(client_id_of(key), type_, fields if type(fields) is dict else fields_of(key, type_, fields)) for key, type_, fields in
                    connection.execute(select(timeline.c.client_key, timeline.c.type, timeline.c.fields)).all()]
        shown = Counter(_marker(ledger, client_id, type_, fields) for client_id, type_, fields in rows)
        del shown[None]
        assert set(shown) == expected and set(shown.values()) == {1}

        standings = {row["key"]: row["tier"] for row in ledger.standings()}
        relationships = [ledger.repository.get(Relationship.create_id(key)) for key in CLIENTS]
        fresh = evaluate_portfolio(ledger.policy, [r.standing.tier_inputs() for r in relationships])
        assert standings == {key: decision.tier.value for key, decision in fresh.items()}
        assert {r.key: r.standing.tier.tier.value for r in relationships} == standings
        assert len({tier for tier in standings.values()}) > 1, "the writers should have moved some tiers"
    finally:
        ledger.close()


def _markers_in_log(ledger: Ledger):
    for key in CLIENTS:
        for event in ledger.events.get(Relationship.create_id(key)):
            marker = _marker(ledger, str(event.originator_id), type(event).__name__, event.__dict__)
            if marker:
                yield marker


def _marker(ledger: Ledger, client_id: str, type_: str, fields: dict) -> str | None:
    """Which writer's which entry an event is (notes and comments are sealed with the client's key)."""
    if type_ == "SurveyAnswered":
        return ledger.keyring.unseal(client_id, fields["comment"])
    if type_ == "Scored":
        return ledger.keyring.unseal(client_id, fields["note"])
    if type_ == "ValueRecorded":
        return _period_marker(fields["period"])
    return None


def _period_marker(period: str) -> str:
    """Writer w's entry i records value for its own month, counted from 1800-01."""
    year, month = map(int, period.split("-"))
    number = (year - 1800) * 12 + month - 1
    return f"writer {number // EVENTS_EACH} entry {number % EVENTS_EACH}"
