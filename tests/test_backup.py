"""kam backup FILE and kam restore FILE, on SQLite (online backup API) and PostgreSQL (pg_dump)."""

import subprocess
import sys

import pytest

from tests.conftest import Kam, fresh_postgres_database, sqlite_url_in
from tests.test_chain import build

NINES = ",".join(["9"] * 12)


@pytest.fixture
def empty_kam(database_url, tmp_path):
    """A second, empty ledger on the same backend as `kam`."""
    if database_url.startswith("sqlite"):
        (tmp_path / "other").mkdir()
        yield Kam(sqlite_url_in(tmp_path / "other"))
    else:
        with fresh_postgres_database() as url:
            yield Kam(url)


def record_some(kam: Kam) -> None:
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--at", "2026-01-05")
    kam.ok("client", "add", "bolt", "--name", "Bolt AG", "--at", "2026-01-05")
    kam.ok("value", "acme", "--revenue", "90000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-01")
    kam.ok("score", "bolt", "--answers", NINES, "--note", "Sharp workshop", "--at", "2026-04-02")


def test_a_restored_backup_verifies_and_stands_as_the_original(kam, empty_kam, tmp_path):
    record_some(kam)
    target = tmp_path / "ledger.backup"
    assert kam.ok("backup", str(target)) == f"ledger backed up to {target}\n"
    kam.ok("survey", "acme", "--satisfaction", "3", "--nps", "2")  # after the backup: not in it
    restored = empty_kam.ok("restore", str(target))
    assert "ledger restored" in restored and "chain intact" in restored
    assert empty_kam.json("verify")["intact"]
    assert len(empty_kam.json("history", "acme")) == len(kam.json("history", "acme")) - 1
    assert empty_kam.json("standings") == [
        {**row, "last_survey_on": None, "our_attractiveness": None, "our_source": None}  # the survey came after the backup
        for row in kam.json("standings")
    ]


def test_a_ledger_with_events_is_not_overwritten_unless_forced(kam, empty_kam, tmp_path):
    record_some(kam)
    kam.ok("backup", str(tmp_path / "one.backup"))
    empty_kam.ok("client", "add", "zeta", "--name", "Zeta")
    refused = empty_kam("restore", str(tmp_path / "one.backup"))
    assert refused.exit_code == 1
    assert refused.stderr == "kam: error: the ledger already holds events: restore into an empty ledger, or add --force to replace it\n"
    assert [row["key"] for row in empty_kam.json("standings")] == ["zeta"]
    empty_kam.ok("restore", str(tmp_path / "one.backup"), "--force")
    assert sorted(row["key"] for row in empty_kam.json("standings")) == ["acme", "bolt"]


def test_a_backup_never_overwrites_a_file(kam, tmp_path):
    existing = tmp_path / "existing"
    existing.write_text("keep me")
    result = kam("backup", str(existing))
    assert (result.exit_code, existing.read_text()) == (1, "keep me")
    assert result.stderr.startswith("kam: error: ") and result.stderr.count("\n") == 1


def test_a_file_that_is_no_backup_is_refused(kam, tmp_path):
    junk = tmp_path / "junk"
    junk.write_text("not a ledger")
    result = kam("restore", str(junk))
    assert result.exit_code == 2 and "is not a" in result.stderr


WRITER = """
import sys
from datetime import date
from kamledger.domain.relationship import Relationship
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store
ledger = bootstrap(resolve_store(sys.argv[1]))
for n in range(600):
    relationship = Relationship.register(f"writer-{n}", "Writer", None, date(2026, 1, 1), "w")
    for m in range(5):
        relationship.answer_survey(5, 5, "busy", date(2026, 1, 1), "w")
    ledger.save(relationship)
    if n == 0:
        print("writing", flush=True)
"""


def test_a_backup_taken_while_another_process_writes_is_consistent(sqlite_url, tmp_path):
    build(sqlite_url, clients=10, events_each=9)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, sqlite_url], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    kam, counts = Kam(sqlite_url), []
    try:
        for n in range(4):
            target = tmp_path / f"during-{n}.backup"
            kam.ok("backup", str(target))
            (tmp_path / f"copy-{n}").mkdir()
            copy = Kam(sqlite_url_in(tmp_path / f"copy-{n}"))
            copy.ok("restore", str(target))
            verdict = copy.json("verify")
            assert verdict["intact"], verdict
            counts.append(verdict["events"])
    finally:
        assert writer.wait(timeout=120) == 0
    assert counts == sorted(counts) and 100 < counts[0] < counts[-1] < 3100, counts


def test_an_encrypted_ledger_restores_with_its_keyed_chain_and_the_head_written_down_at_backup(database_url, other_database_url, tmp_path, monkeypatch):
    from eventsourcing.cryptography import AESCipher

    monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    kam, empty_kam = Kam(database_url), Kam(other_database_url)
    record_some(kam)
    head = kam.json("verify")["head"]
    kam.ok("backup", str(tmp_path / "keyed.backup"))
    restored = empty_kam.ok("restore", str(tmp_path / "keyed.backup"))
    assert f"chain intact, head {head}" in restored
    report = empty_kam.json("verify", "--expect", head)
    assert report["intact"] and report["keyed"] == report["events"] and report["expected_at"] == report["events"]
    monkeypatch.delenv("KAM_CIPHER_KEY")
    assert empty_kam("verify").exit_code == 1  # without the key its links cannot be checked


def test_a_backup_of_a_tampered_ledger_restores_but_says_where_it_is_broken(sqlite_url, tmp_path):
    import sqlite3

    kam = Kam(sqlite_url)
    record_some(kam)
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as connection:
        connection.execute("DELETE FROM stored_events WHERE rowid = 3")
    kam.ok("backup", str(tmp_path / "tampered.backup"))
    (tmp_path / "copy").mkdir()
    copy = Kam(sqlite_url_in(tmp_path / "copy"))
    result = copy("restore", str(tmp_path / "tampered.backup"))
    assert result.exit_code == 1 and "ledger BROKEN at event 3 (missing)" in result.stdout
