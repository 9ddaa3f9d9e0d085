"""Private notes: sealed per client, encrypted with KAM_CIPHER_KEY, forgotten by crypto-shredding."""

from datetime import date
from pathlib import Path

import pytest
from eventsourcing.cryptography import AESCipher
from sqlalchemy import create_engine, text

from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.relationship import Relationship
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store
from tests.conftest import Kam

NINES = ",".join(["9"] * 12)
NOTES = ["Maria Schulz is going on parental leave", "Jens shouted at our intern", "Quick answers from Maria",
         "Sponsor Dr. Keller retires in May", "Escalations stopped under Jens"]


def record_notes(kam: Kam) -> None:
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--owner", "ana", "--at", "2026-01-05")
    kam.ok("score", "acme", "--answers", NINES, "--note", NOTES[0], "--at", "2026-02-01")
    kam.ok("burden", "acme", "harm-to-team", "--note", NOTES[1], "--at", "2026-02-02")
    kam.ok("survey", "acme", "--satisfaction", "8", "--nps", "9", "--comment", NOTES[2], "--at", "2026-02-03")
    kam.ok("pyramid", "acme", "cooperation", "--reason", NOTES[3], "--at", "2026-02-04")
    kam.ok("burden", "acme", "harm-to-team", "--resolved", "--note", NOTES[4], "--at", "2026-02-05")
    kam.ok("value", "acme", "--revenue", "90000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-01")


def raw_bytes(kam: Kam) -> bytes:
    """Every byte the ledger keeps on disk: the file and its write-ahead log."""
    path = Path(kam.database_url.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def texts(kam: Kam, key: str = "acme") -> list[str]:
    fields = ("note", "comment", "reason")
    return [e[f] for e in kam.json("history", key) for f in fields if e.get(f) and e["type"] != "Forgotten"]


@pytest.fixture
def cipher_key(monkeypatch) -> str:
    key = AESCipher.create_key(32)
    monkeypatch.setenv("KAM_CIPHER_KEY", key)
    return key


@pytest.mark.parametrize("encrypted", [False, True])
def test_no_note_is_found_in_plain_text_anywhere_in_the_database_file(kam_sqlite, monkeypatch, encrypted):
    if encrypted:
        monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    record_notes(kam_sqlite)
    kam_sqlite.ok("projections", "rebuild")
    assert texts(kam_sqlite) == NOTES
    data = raw_bytes(kam_sqlite)
    for note in NOTES:
        assert note.encode() not in data
    assert (b"Acme GmbH" in data) is True  # company names are not personal notes (read models show them)


def test_an_encrypted_ledger_reads_as_usual_with_its_key(kam, cipher_key):
    record_notes(kam)
    assert texts(kam) == NOTES
    assert kam.json("standings")[0]["profit"] == "80000"
    assert kam.json("verify")["intact"]


def test_the_stored_events_of_an_encrypted_ledger_are_ciphertext(kam_sqlite, cipher_key):
    record_notes(kam_sqlite)
    import sqlite3
    with sqlite3.connect(kam_sqlite.database_url.removeprefix("sqlite:///")) as connection:
        states = [row[0] for row in connection.execute("SELECT state FROM stored_events")]
    assert states and not any(b"Acme" in s or b"recorded_by" in s for s in states)


def test_an_encrypted_ledger_without_its_key_gives_a_clear_error(kam, cipher_key, monkeypatch):
    record_notes(kam)
    monkeypatch.delenv("KAM_CIPHER_KEY")
    result = kam("history", "acme")
    assert (result.exit_code, result.stderr) == (1, "kam: error: this ledger is encrypted: set KAM_CIPHER_KEY to its key\n")


def test_an_encrypted_ledger_with_another_key_gives_a_clear_error(kam, cipher_key, monkeypatch):
    record_notes(kam)
    monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    result = kam("standings")
    assert (result.exit_code, result.stderr) == (1, "kam: error: KAM_CIPHER_KEY is not the key of this ledger\n")


def test_a_key_that_is_no_key_is_bad_input(kam, monkeypatch):
    monkeypatch.setenv("KAM_CIPHER_KEY", "not-a-key")
    result = kam("standings")
    assert (result.exit_code, result.stderr) == (2, "kam: error: KAM_CIPHER_KEY is not a key: make one with 'kam keygen'\n")


def test_encryption_cannot_be_turned_on_for_a_ledger_started_without(kam, monkeypatch):
    record_notes(kam)
    monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    result = kam("standings")
    assert (result.exit_code, result.stderr) == (1, "kam: error: this ledger is not encrypted: unset KAM_CIPHER_KEY\n")


def test_keygen_prints_a_new_key_each_time(kam):
    first, second = kam.ok("keygen").strip(), kam.ok("keygen").strip()
    assert first != second and len(first) == 44


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_forgotten_client_keeps_its_tiers_scores_and_chain_but_not_its_notes(kam, monkeypatch, encrypted):
    if encrypted:
        monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
    record_notes(kam)
    kam.ok("client", "add", "bolt", "--name", "Bolt AG")
    kam.ok("score", "bolt", "--answers", NINES, "--note", "Bolt note stays")
    before = kam.json("standings")
    tiers_before = [(e["type"], e.get("to_tier")) for e in kam.json("history", "acme")]
    assert kam.ok("forget", "acme", "--reason", "Former client asked for erasure") == "acme: personal notes forgotten\n"
    assert texts(kam) == ["(forgotten)"] * len(NOTES)
    assert texts(kam, "bolt") == ["Bolt note stays"]
    history = kam.json("history", "acme")
    assert [(e["type"], e.get("to_tier")) for e in history][:-1] == tiers_before
    assert history[-1]["type"] == "Forgotten" and history[-1]["reason"] == "Former client asked for erasure"
    assert [e["total"] for e in history if e["type"] == "Scored"] == [108]
    assert kam.json("standings") == before
    assert kam.json("verify")["intact"]
    kam.ok("projections", "rebuild")
    assert texts(kam) == ["(forgotten)"] * len(NOTES)
    assert "(forgotten)" in kam.ok("why", "acme") or kam.json("why", "acme")["tier"]


def test_a_forgotten_client_takes_no_new_notes_but_still_takes_scores(kam):
    record_notes(kam)
    kam.ok("forget", "acme", "--reason", "erasure request")
    refused = kam("score", "acme", "--answers", NINES, "--note", "A new note about Maria")
    assert refused.exit_code == 1 and "was forgotten" in refused.stderr and refused.stderr.count("\n") == 1
    kam.ok("score", "acme", "--answers", ",".join(["5"] * 12))
    assert [e["total"] for e in kam.json("history", "acme") if e["type"] == "Scored"] == [108, 60]


def test_a_client_is_forgotten_once(kam):
    record_notes(kam)
    no_reason = kam("forget", "acme")
    assert no_reason.exit_code == 2 and texts(kam) == NOTES
    kam.ok("forget", "acme", "--reason", "erasure request")
    again = kam("forget", "acme", "--reason", "again")
    assert (again.exit_code, again.stderr) == (1, "kam: error: 'acme' is already forgotten\n")
    refused = kam("forget", "nobody", "--reason", "x")
    assert refused.exit_code == 1


def test_forgetting_leaves_no_key_and_no_note_in_the_file(kam_sqlite, cipher_key):
    record_notes(kam_sqlite)
    engine = create_engine(kam_sqlite.database_url)
    with engine.connect() as connection:
        wrapped = connection.execute(text("SELECT key FROM kam_client_keys")).scalar()
    kam_sqlite.ok("forget", "acme", "--reason", "erasure request")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT key FROM kam_client_keys")).scalar() is None
    engine.dispose()
    data = raw_bytes(kam_sqlite)
    assert wrapped not in data
    assert not any(note.encode() in data for note in NOTES)


def test_a_client_with_snapshots_is_forgotten_and_still_loads(kam_sqlite):
    record_notes(kam_sqlite)
    ledger = bootstrap(resolve_store(kam_sqlite.database_url))
    relationship = ledger.repository.get(Relationship.create_id("acme"))
    for n in range(120):  # the library snapshots a relationship every 100 events
        level = PyramidLevel.PARTNERSHIP if n % 2 == 0 else PyramidLevel.COOPERATION
        relationship.change_pyramid_level(level, f"move {n} with Maria", date(2026, 3, 1), "coach")
    ledger.save(relationship)
    assert [s.originator_version > 100 for s in ledger.snapshots.get(relationship.id)] == [True]
    ledger.close()
    kam_sqlite.ok("forget", "acme", "--reason", "erasure request")
    assert kam_sqlite.json("client", "show", "acme")["pyramid_level"] == "cooperation"
    assert set(texts(kam_sqlite)) == {"(forgotten)"}
    assert b"with Maria" not in raw_bytes(kam_sqlite)
