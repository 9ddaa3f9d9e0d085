"""A chain nobody can forge without its key, and a head written down elsewhere.

Someone with the database file can rewrite an event and then the whole chain after it, so that
plain SHA-256 links agree again. With KAM_CHAIN_KEY (or KAM_CIPHER_KEY) the links are HMACs under
the key, and kam verify with the key refuses a chain whose newest link is not keyed; without a
key, `kam verify --expect HEAD` catches the rewrite against a head kept elsewhere."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Notification

from kamledger.service.trust.chain import GENESIS, link_rows
from tests.conftest import Kam, sqlite_url_in

OLD_LEDGER = Path(__file__).parent / "ledgers" / "ledger-2026-11.db"
NINES = ",".join(["9"] * 12)


class KeyedKam(Kam):
    """kam with extra environment variables (a chain or cipher key)."""

    def __init__(self, database_url: str, **env: str):
        super().__init__(database_url)
        self.env = env

    def __call__(self, *args: str, input: str | None = None):
        from kamledger.cli.main import app

        env = {"KAM_DATABASE_URL": self.database_url, "KAM_USER": "coach", "COLUMNS": "200", **self.env}
        return self.runner.invoke(app, list(args), env=env, input=input, prog_name="kam")


def record_some(kam: Kam) -> None:
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--at", "2026-01-05")
    kam.ok("score", "acme", "--answers", NINES, "--note", "Strong workshop", "--at", "2026-02-01")
    kam.ok("value", "acme", "--revenue", "90000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-01")


def verdict(kam: Kam, *args: str) -> tuple[int, dict]:
    result = kam("verify", "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def rewrite_event_and_chain(kam: Kam, notification_id: int) -> None:
    """What a forger with the file but without the key does: edit an event, then recompute every
    link after it with plain SHA-256 so the chain agrees with the log again."""
    with sqlite3.connect(kam.database_url.removeprefix("sqlite:///")) as connection:
        # A space after the JSON: the event reads the same, its bytes (and digest) differ, whatever it says.
        connection.execute("UPDATE stored_events SET state = CAST(CAST(state AS TEXT) || ' ' AS BLOB) "
                           "WHERE rowid = ?", (notification_id,))
        events = [Notification(id=row[0], originator_id=_uuid(row[1]), originator_version=row[2], topic=row[3], state=row[4])
                  for row in connection.execute("SELECT rowid, originator_id, originator_version, topic, state "
                                                "FROM stored_events ORDER BY rowid")]
        connection.execute("DELETE FROM kam_chain")
        connection.executemany("INSERT INTO kam_chain VALUES (:notification_id, :hash)",
                               link_rows(GENESIS, events, None))


def _uuid(text: str):
    from uuid import UUID

    return UUID(text)


@pytest.fixture
def chain_key() -> str:
    return AESCipher.create_key(32)


def test_without_a_key_a_rewrite_of_log_and_chain_passes_but_not_the_head_written_down(kam_sqlite):
    record_some(kam_sqlite)
    head = kam_sqlite.json("verify")["head"]
    rewrite_event_and_chain(kam_sqlite, 2)
    assert kam_sqlite.json("verify")["intact"]  # plain links: the forger recomputed them
    code, report = verdict(kam_sqlite, "--expect", head)
    assert code == 1 and report["broken"]["kind"] == "unexpected-head"
    assert "ledger BROKEN" in kam_sqlite("verify", "--expect", head).stdout


def test_an_earlier_head_is_still_found_after_later_commands(kam):
    record_some(kam)
    earlier = kam.json("verify")
    kam.ok("survey", "acme", "--satisfaction", "8", "--nps", "9")
    code, report = verdict(kam, "--expect", earlier["head"])
    assert code == 0 and report["expected_at"] == earlier["events"]
    assert f"expected head found at event {earlier['events']}" in kam.ok("verify", "--expect", earlier["head"])


def test_an_expected_head_that_is_not_a_head_is_bad_input(kam_sqlite):
    record_some(kam_sqlite)
    result = kam_sqlite("verify", "--expect", "yesterday")
    assert result.exit_code == 2 and result.stderr.startswith("kam: error: --expect takes a head")


def test_a_keyed_chain_verifies_with_its_key_and_its_links_are_hmacs(database_url, chain_key):
    keyed = KeyedKam(database_url, KAM_CHAIN_KEY=chain_key)
    record_some(keyed)
    report = keyed.json("verify")
    assert report["intact"] and report["keyed"] == report["chained"] == report["events"]
    code, plain = verdict(Kam(database_url))
    assert code == 1 and plain["broken"]["kind"] == "chain-edited" and "verify with its key" in plain["broken"]["detail"]
    other = KeyedKam(database_url, KAM_CHAIN_KEY=AESCipher.create_key(32))
    assert verdict(other)[0] == 1


def test_a_rewrite_of_a_keyed_chain_without_the_key_is_caught(kam_sqlite, chain_key):
    keyed = KeyedKam(kam_sqlite.database_url, KAM_CHAIN_KEY=chain_key)
    record_some(keyed)
    rewrite_event_and_chain(kam_sqlite, 2)
    code, report = verdict(keyed)
    assert code == 1 and report["broken"]["kind"] == "unkeyed"


def test_plain_links_cannot_follow_keyed_ones(kam_sqlite, chain_key):
    keyed = KeyedKam(kam_sqlite.database_url, KAM_CHAIN_KEY=chain_key)
    record_some(keyed)
    kam_sqlite.ok("survey", "acme", "--satisfaction", "8", "--nps", "9")  # a writer without the key appends plain links
    code, report = verdict(keyed)
    assert code == 1 and report["broken"]["kind"] == "chain-edited"


def test_the_cipher_key_keys_the_chain_of_an_encrypted_ledger(database_url):
    encrypted = KeyedKam(database_url, KAM_CIPHER_KEY=AESCipher.create_key(32))
    record_some(encrypted)
    report = encrypted.json("verify")
    assert report["intact"] and report["keyed"] == report["events"]


def test_a_key_that_is_not_a_key_is_bad_input(kam_sqlite):
    result = KeyedKam(kam_sqlite.database_url, KAM_CHAIN_KEY="secret")("standings")
    assert result.exit_code == 2 and "KAM_CHAIN_KEY is not a key" in result.stderr


def test_an_old_ledger_verifies_as_before_and_its_first_command_with_a_key_chains_it_keyed(tmp_path, chain_key):
    shutil.copy(OLD_LEDGER, tmp_path / "ledger.db")
    old = Kam(sqlite_url_in(tmp_path))
    before = old.json("verify")
    assert (before["intact"], before["chained"], before["unchained"]) == (True, 0, 15)  # written before the chain
    keyed = KeyedKam(old.database_url, KAM_CHAIN_KEY=chain_key)
    keyed.ok("survey", "acme", "--satisfaction", "9", "--nps", "10", "--at", "2026-07-01")
    report = keyed.json("verify")
    assert report["intact"] and report["keyed"] == report["chained"] == report["events"] > 15


def test_a_plain_chain_keyed_later_keeps_its_plain_links_covered_by_the_keyed_ones(kam_sqlite, chain_key):
    record_some(kam_sqlite)
    plain = kam_sqlite.json("verify")
    keyed = KeyedKam(kam_sqlite.database_url, KAM_CHAIN_KEY=chain_key)
    code, report = verdict(keyed)
    assert code == 1 and report["broken"]["kind"] == "unkeyed"  # until a command runs with the key
    keyed.ok("survey", "acme", "--satisfaction", "9", "--nps", "10")
    report = keyed.json("verify", "--expect", plain["head"])
    assert report["intact"] and 0 < report["keyed"] < report["chained"] and report["expected_at"] == plain["events"]
