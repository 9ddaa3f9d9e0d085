"""Tamper evidence: `kam verify` walks the hash chain over the event log and names the first break.
Each tamper case edits the database directly, as someone with the file (or a DBA) could."""

import sqlite3
import time
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, text

from kamledger.domain.relationship import Relationship
from kamledger.service.commands.entry import Entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store
from kamledger.service.trust.chain import digest
from tests.conftest import Kam

ENTRY = Entry(date(2026, 3, 2), "coach")


def build(url: str, clients: int, events_each: int) -> None:
    """A ledger of clients * (events_each + 1) events, written many per save (no read models)."""
    ledger = bootstrap(resolve_store(url))
    try:
        for first in range(0, clients, 50):
            batch = []
            for n in range(first, min(first + 50, clients)):
                relationship = Relationship.register(f"client-{n}", f"Client {n}", None, ENTRY.occurred_on, "coach")
                for m in range(events_each):
                    relationship.answer_survey(1 + m % 10, m % 11, None, ENTRY.occurred_on, "coach")
                batch.append(relationship)
            ledger.save(*batch)
    finally:
        ledger.close()


@pytest.fixture
def small(sqlite_url, kam_sqlite):
    build(sqlite_url, clients=3, events_each=4)  # 15 events
    return kam_sqlite


def tamper(kam: Kam, *statements: str) -> None:
    path = kam.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)


def broken(kam: Kam) -> dict:
    result = kam("verify", "--json")
    assert result.exit_code == 1, result.output
    import json
    return json.loads(result.stdout)["broken"]


def test_an_untouched_ledger_verifies(small):
    report = small.json("verify")
    assert (report["intact"], report["events"], report["chained"], report["unchained"]) == (True, 15, 15, 0)
    assert len(report["head"]) == 64
    assert "ledger intact: 15 events chained" in small.ok("verify")


def test_an_edited_payload_is_caught(small):
    tamper(small, "UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), 'coach', 'COACH') AS BLOB) WHERE rowid = 5")
    assert broken(small)["notification_id"] == 5
    assert broken(small)["kind"] == "edited"


def test_an_edited_topic_is_caught(small):
    tamper(small, "UPDATE stored_events SET topic = topic || 'X' WHERE rowid = 7")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (7, "edited")


def test_a_deleted_event_is_caught(small):
    tamper(small, "DELETE FROM stored_events WHERE rowid = 6")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (6, "missing")


def test_deleting_the_newest_event_is_caught(small):
    tamper(small, "DELETE FROM stored_events WHERE rowid = 15")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (15, "missing")


def test_two_swapped_events_are_caught_as_reordered(small):
    tamper(
        small,
        "CREATE TEMP TABLE swap AS SELECT rowid AS id, * FROM stored_events WHERE rowid IN (4, 9)",
        "DELETE FROM stored_events WHERE rowid IN (4, 9)",
        "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
        "SELECT CASE id WHEN 4 THEN 9 ELSE 4 END, originator_id, originator_version, topic, state FROM swap",
    )
    report = broken(small)
    assert (report["notification_id"], report["kind"]) == (4, "reordered")
    assert "chained as event 9" in report["detail"]


def test_an_event_inserted_between_others_is_caught(small):
    tamper(
        small,
        "UPDATE stored_events SET rowid = rowid + 100 WHERE rowid >= 8",
        "UPDATE stored_events SET rowid = rowid - 99 WHERE rowid >= 108",
        "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
        "SELECT 8, originator_id, 99, topic, state FROM stored_events WHERE rowid = 7",
    )
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (8, "inserted")


def test_an_event_inserted_before_the_first_is_caught(small):
    tamper(small, "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
                  "SELECT 0, originator_id, 99, topic, state FROM stored_events WHERE rowid = 1")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (0, "inserted")


def test_an_edited_chain_is_caught(small):
    tamper(small, "UPDATE kam_chain SET hash = zeroblob(32) WHERE notification_id = 3")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (3, "chain-edited")


def test_a_broken_ledger_says_so_in_one_line_and_exits_1(small):
    tamper(small, "DELETE FROM stored_events WHERE rowid = 6")
    result = small("verify")
    assert result.exit_code == 1
    assert result.stdout.strip() == "ledger BROKEN at event 6 (missing): event 6 was chained but is no longer in the log"


def test_events_appended_behind_the_chain_are_reported_until_a_command_chains_them(small):
    tamper(small, "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
                  "SELECT 16, originator_id, 99, topic, state FROM stored_events WHERE rowid = 15")
    report = small.json("verify")
    assert (report["intact"], report["chained"], report["unchained"]) == (True, 15, 1)


def test_a_rebuild_of_the_read_models_keeps_the_chain(small):
    small.ok("projections", "rebuild")
    tamper(small, "DELETE FROM stored_events WHERE rowid = 2")
    small.ok("projections", "rebuild")
    assert broken(small)["kind"] == "missing"


def test_every_command_extends_the_chain(kam):
    kam.ok("client", "add", "acme", "--name", "Acme")
    kam.ok("score", "acme", "--answers", ",".join(["9"] * 12), "--note", "good")
    report = kam.json("verify")
    assert (report["intact"], report["chained"], report["unchained"]) == (True, 3, 0)


def test_an_edited_event_is_caught_on_postgres_too(postgres_url):
    build(postgres_url, clients=2, events_each=3)
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        table = connection.execute(text("SELECT tablename FROM pg_tables WHERE tablename LIKE '%events'")).scalar()
        connection.execute(text(f"UPDATE {table} SET state = state || '\\x00'::bytea WHERE notification_id = 3"))
    engine.dispose()
    kam = Kam(postgres_url)
    assert kam("verify").exit_code == 1
    assert broken(kam) == {**broken(kam), "notification_id": 3, "kind": "edited"}


def digests(url: str) -> dict[int, str]:
    """Each stored event's digest, by notification id."""
    ledger = bootstrap(resolve_store(url))
    try:
        return {n.id: digest(n) for n in ledger.recorder.select_notifications(start=None, limit=10_000)}
    finally:
        ledger.close()


def as_first_format(url: str) -> None:
    """Write the ledger's chain back as the first format kept it: hex text, each link with its
    digest and previous hash (kamledger before 2026-12)."""
    of_events = digests(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        links = connection.execute(text("SELECT notification_id, hash FROM kam_chain ORDER BY notification_id")).all()
        connection.execute(text("DROP TABLE kam_chain"))
        connection.execute(text("CREATE TABLE kam_chain (notification_id BIGINT NOT NULL PRIMARY KEY, digest VARCHAR(64) NOT NULL, "
                                "previous_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL)"))
        previous, rows = "0" * 64, []
        for notification_id, hash_ in links:
            rows.append({"id": notification_id, "digest": of_events[notification_id], "previous": previous, "hash": bytes(hash_).hex()})
            previous = rows[-1]["hash"]
        connection.execute(text("INSERT INTO kam_chain VALUES (:id, :digest, :previous, :hash)"), rows)
    engine.dispose()


def as_second_format(url: str) -> None:
    """Write the ledger's chain back as the second format kept it: raw bytes, each link with its
    event's digest (2026-12, before the digests were left out)."""
    of_events = digests(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        links = connection.execute(text("SELECT notification_id, hash FROM kam_chain ORDER BY notification_id")).all()
        connection.execute(text("DROP TABLE kam_chain"))
        blob = "BYTEA" if connection.dialect.name == "postgresql" else "BLOB"
        connection.execute(text(f"CREATE TABLE kam_chain (notification_id BIGINT NOT NULL PRIMARY KEY, digest {blob} NOT NULL, "
                                f"hash {blob} NOT NULL)"))
        connection.execute(text("INSERT INTO kam_chain VALUES (:id, :digest, :hash)"),
                           [{"id": i, "digest": bytes.fromhex(of_events[i]), "hash": bytes(h)} for i, h in links])
    engine.dispose()


@pytest.mark.parametrize("earlier_format", [as_first_format, as_second_format])
def test_a_chain_of_an_earlier_format_is_converted_on_opening_and_verifies_as_before(database_url, kam, earlier_format):
    kam.ok("client", "add", "acme", "--name", "Acme", "--at", "2026-01-05")
    kam.ok("score", "acme", "--answers", ",".join(["9"] * 12), "--note", "good", "--at", "2026-02-01")
    before = kam.json("verify")
    earlier_format(database_url)
    after = kam.json("verify")  # opening the ledger converts the chain
    assert (after["intact"], after["chained"], after["head"]) == (True, before["chained"], before["head"])
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert [column["name"] for column in inspect(connection).get_columns("kam_chain")] == ["notification_id", "hash"]
        assert not inspect(connection).has_table("kam_chain_hex")
    engine.dispose()
    kam.ok("survey", "acme", "--satisfaction", "8", "--nps", "9", "--at", "2026-03-01")
    report = kam.json("verify", "--expect", before["head"])
    assert report["intact"] and report["chained"] == before["chained"] + 1 and report["expected_at"] == before["events"]


def test_an_edit_of_a_converted_chain_is_caught(small, sqlite_url):
    as_first_format(sqlite_url)
    small.ok("verify")
    tamper(small, "UPDATE kam_chain SET hash = zeroblob(32) WHERE notification_id = 9")
    assert (broken(small)["notification_id"], broken(small)["kind"]) == (9, "chain-edited")


def test_a_ledger_of_100k_events_verifies(sqlite_url, kam_sqlite):
    started = time.perf_counter()
    build(sqlite_url, clients=1000, events_each=99)
    built = time.perf_counter()
    report = kam_sqlite.json("verify")
    verified = time.perf_counter()
    assert (report["intact"], report["chained"]) == (True, 100_000)
    print(f"100k events: built and chained in {built - started:.1f} s, verified in {verified - built:.1f} s")
