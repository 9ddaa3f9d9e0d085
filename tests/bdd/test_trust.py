"""Tamper evidence, private notes, forgetting, backup and restore."""

import json
import sqlite3

from eventsourcing.cryptography import AESCipher
from pytest_bdd import given, parsers, scenarios, then, when

from tests.conftest import Kam, sqlite_url_in

from .commands import burden_args
from .portfolio import step_text

scenarios("trust.feature")

TAMPERING = {
    "edits event 2": ["UPDATE stored_events SET state = state || X'00' WHERE rowid = 2"],
    "deletes event 2": ["DELETE FROM stored_events WHERE rowid = 2"],
    "swaps events 2 and 3": [
        "CREATE TEMP TABLE swap AS SELECT rowid AS id, * FROM stored_events WHERE rowid IN (2, 3)",
        "DELETE FROM stored_events WHERE rowid IN (2, 3)",
        "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
        "SELECT 5 - id, originator_id, originator_version, topic, state FROM swap",
    ],
}


@given(step_text('client "{key}" has a {signal} burden noted because "{note}"'))
def burden_noted_because(portfolio, key, signal, note):
    portfolio.record(*burden_args(key, signal, note, None, None))


@given(step_text("the ledger is encrypted"))
def encrypted(portfolio, monkeypatch, tmp_path):
    monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    (tmp_path / "encrypted").mkdir()
    portfolio.kam = Kam(sqlite_url_in(tmp_path / "encrypted"))
    portfolio.known.clear()
    portfolio.register("acme")


@when(parsers.parse("someone {tampering} directly in the database"))
def tamper(portfolio, tampering):
    with sqlite3.connect(portfolio.kam.database_url.removeprefix("sqlite:///")) as connection:
        for statement in TAMPERING[tampering]:
            connection.execute(statement)


@when(step_text("the coach verifies the ledger"), target_fixture="verdict")
def verifies(portfolio):
    result = portfolio.kam("verify", "--json")
    return result.exit_code, json.loads(result.stdout)


@then(step_text("the ledger is intact"))
def intact(portfolio):
    assert portfolio.kam.json("verify")["intact"]


@then(parsers.parse("the ledger is broken at event {event:d}, {kind}"))
def broken_at(verdict, event, kind):
    exit_code, report = verdict
    assert (exit_code, report["broken"]["notification_id"], report["broken"]["kind"]) == (1, event, kind)


@when(step_text('the coach forgets "{key}" because "{reason}"'), target_fixture="attempt")
def forgets(portfolio, key, reason):
    return portfolio.attempt("forget", key, "--reason", reason)


@when(step_text('the coach forgets "{key}" without a reason'), target_fixture="attempt")
def forgets_without_reason(portfolio, key):
    return portfolio.attempt("forget", key)


@then(step_text('the history of "{key}" shows "{shown}" where the note was'))
def history_shows(portfolio, key, shown):
    assert [event["note"] for event in portfolio.events(key, "BurdenSignalNoted")] == [shown]


@when(step_text('the coach looks at the history of "{key}" without the key'), target_fixture="result")
def without_key(portfolio, monkeypatch, key):
    monkeypatch.delenv("KAM_CIPHER_KEY")
    return portfolio.kam("history", key)


@then(step_text('the coach is told in one line "{message}"'))
def told(result, message):
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"kam: error: {message}\n")


@when(step_text("the coach backs up the ledger and restores it into an empty one"), target_fixture="restored")
def backs_up_and_restores(portfolio, tmp_path):
    portfolio.kam.ok("backup", str(tmp_path / "ledger.backup"))
    (tmp_path / "restored").mkdir()
    restored = Kam(sqlite_url_in(tmp_path / "restored"))
    restored.ok("restore", str(tmp_path / "ledger.backup"))
    return restored


@then(step_text("the restored ledger is intact and has the same standings"))
def restored_the_same(portfolio, restored):
    assert restored.json("verify")["intact"]
    assert restored.json("standings") == portfolio.standings()


@given(step_text("the coach wrote down the ledger's head"), target_fixture="written_down")
def wrote_down_head(portfolio):
    return portfolio.kam.json("verify")["head"]


@given(step_text("the ledger's chain is keyed"))
def keyed_chain(portfolio, monkeypatch, tmp_path):
    monkeypatch.setenv("KAM_CHAIN_KEY", AESCipher.create_key(32))
    (tmp_path / "keyed").mkdir()
    portfolio.kam = Kam(sqlite_url_in(tmp_path / "keyed"))
    portfolio.known.clear()
    portfolio.register("acme")


@when(parsers.re(r"someone (?:without the key )?rewrites event (?P<event>\d+) and every link of the chain after it"))
def rewrites_log_and_chain(portfolio, event):
    from tests.test_chain_key import rewrite_event_and_chain

    rewrite_event_and_chain(portfolio.kam, int(event))


@then(step_text("the ledger still verifies on its own"))
def verifies_on_its_own(portfolio):
    assert portfolio.kam.json("verify")["intact"]


@then(parsers.parse("verified against the head written down, the ledger is broken, {kind}"))
def broken_against_head(portfolio, written_down, kind):
    result = portfolio.kam("verify", "--json", "--expect", written_down)
    assert (result.exit_code, json.loads(result.stdout)["broken"]["kind"]) == (1, kind)


@when(step_text("the coach verifies the ledger with the key"), target_fixture="verdict")
def verifies_with_key(portfolio):
    result = portfolio.kam("verify", "--json")
    return result.exit_code, json.loads(result.stdout)


@then(parsers.parse("the ledger is broken, {kind}"))
def broken_kind(verdict, kind):
    exit_code, report = verdict
    assert (exit_code, report["broken"]["kind"]) == (1, kind)
