"""Operational faults end a command in one line on stderr with exit code 1, never a traceback, and
leave nothing half-written: a full disk in the middle of an import, a file that is no database, a
lock held past its timeout, the PostgreSQL server gone in the middle of a command."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_ADMIN_URL, Kam

CLIENTS, YEARS = 50, 4
HOLD_IN_COMMIT = Path(__file__).with_name("hold_in_commit.py")


def one_line_failure(result) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kam: error: "), result.stderr
    return lines[0]


def recorded(kam: Kam) -> tuple:
    verdict = kam.json("verify")
    return verdict["events"], verdict["intact"], verdict["unchained"], kam.json("standings")


def clients_and_values(kam: Kam, tmp_path: Path) -> Path:
    clients = tmp_path / "clients.csv"
    clients.write_text("key,name\n" + "".join(f"c{n},Client {n}\n" for n in range(CLIENTS)))
    kam.ok("import", "clients", str(clients))
    values = tmp_path / "values.csv"
    values.write_text("key,period,revenue,cost\n" + "".join(
        f"c{n},{2020 + year}-{month:02},{1000 + n},{month}\n"
        for n in range(CLIENTS) for year in range(YEARS) for month in range(1, 13)
    ))
    return values


def test_a_full_disk_in_the_middle_of_an_import_records_nothing_and_says_so(kam_sqlite, tmp_path, monkeypatch):
    values = clients_and_values(kam_sqlite, tmp_path)
    before = recorded(kam_sqlite)
    path = kam_sqlite.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connect = sqlite3.connect

    def on_a_small_disk(*args, **kwargs):  # room for 20 more pages (80 KB): the import needs ~1 MB
        connection = connect(*args, **kwargs)
        connection.execute(f"PRAGMA max_page_count = {pages + 20}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", on_a_small_disk)
    line = one_line_failure(kam_sqlite("import", "values", str(values)))
    assert "the disk is full" in line and "nothing is left half-written" in line
    monkeypatch.setattr(sqlite3, "connect", connect)

    assert recorded(kam_sqlite) == before
    assert f"{CLIENTS * YEARS * 12} recorded" in kam_sqlite.ok("import", "values", str(values))
    assert kam_sqlite.json("verify")["intact"]


def test_a_file_that_is_not_a_database_is_named_in_one_line(tmp_path, kam_on):
    junk = tmp_path / "notes.txt"
    junk.write_text("Meeting notes, not a ledger\n" * 100)
    kam = kam_on(f"sqlite:///{junk}")
    for command in (("standings",), ("client", "add", "acme", "--name", "Acme"), ("verify",), ("backup", str(tmp_path / "b"))):
        line = one_line_failure(kam(*command))
        assert "not a SQLite database" in line or "file is not a database" in line, line
    assert junk.read_text() == "Meeting notes, not a ledger\n" * 100


def test_a_ledger_locked_past_the_timeout_refuses_a_write_in_one_line(kam_sqlite, monkeypatch):
    kam_sqlite.ok("client", "add", "acme", "--name", "Acme")
    before = recorded(kam_sqlite)
    holder = sqlite3.connect(kam_sqlite.database_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for longer than we wait
    monkeypatch.setenv("KAM_LOCK_TIMEOUT", "1")
    try:
        started = time.monotonic()
        line = one_line_failure(kam_sqlite("client", "add", "bolt", "--name", "Bolt"))
        assert time.monotonic() - started < 10
        assert "locked" in line and "KAM_LOCK_TIMEOUT" in line
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    monkeypatch.delenv("KAM_LOCK_TIMEOUT")
    assert recorded(kam_sqlite) == before


def test_a_lock_timeout_that_is_not_a_number_is_bad_input(kam_sqlite, monkeypatch):
    monkeypatch.setenv("KAM_LOCK_TIMEOUT", "soon")
    result = kam_sqlite("standings")
    assert result.exit_code == 2 and "KAM_LOCK_TIMEOUT" in result.stderr


def test_a_connect_timeout_that_is_not_a_number_is_bad_input(postgres_url, monkeypatch):
    monkeypatch.setenv("KAM_CONNECT_TIMEOUT", "0")
    result = Kam(postgres_url)("standings")
    assert result.exit_code == 2 and "KAM_CONNECT_TIMEOUT" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_postgres_table_locked_past_the_timeout_refuses_a_write_in_one_line(postgres_url, monkeypatch):
    kam = Kam(postgres_url)
    kam.ok("client", "add", "acme", "--name", "Acme")
    before = recorded(kam)
    holder = create_engine(postgres_url)
    monkeypatch.setenv("KAM_LOCK_TIMEOUT", "1")
    try:
        with holder.begin() as connection:
            table = connection.execute(text("SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_events'")).scalar()
            connection.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
            line = one_line_failure(kam("client", "add", "bolt", "--name", "Bolt"))
            assert "locked" in line
    finally:
        holder.dispose()
    monkeypatch.delenv("KAM_LOCK_TIMEOUT")
    assert recorded(kam) == before


def test_the_postgres_server_gone_in_the_middle_of_a_command_leaves_nothing_half_written(postgres_url, tmp_path):
    """The command is held inside its transaction, its connection is cut (pg_terminate_backend) and
    the database closed to new connections: one line, exit 1, and the ledger as it was."""
    kam = Kam(postgres_url)
    kam.ok("client", "add", "acme", "--name", "Acme")
    before = recorded(kam)
    held = tmp_path / "held"
    # the library tries a read up to ten times, each waiting for a connection this long: ~10 s here, ~45 s by default
    env = {**os.environ, "KAM_DATABASE_URL": postgres_url, "KAM_USER": "coach", "KAM_TEST_HELD": str(held), "KAM_CONNECT_TIMEOUT": "1"}
    process = subprocess.Popen([sys.executable, str(HOLD_IN_COMMIT), "client", "add", "bolt", "--name", "Bolt"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not held.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the command never reached its commit"
        time.sleep(0.05)
    database = make_url(postgres_url).database
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false"))
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d"), {"d": database})
        held.unlink()  # let the command go on, into a cut connection
        out, err = process.communicate(timeout=120)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true"))
        admin.dispose()
    assert "Traceback" not in err
    assert process.returncode == 1, err
    assert len(err.splitlines()) == 1 and err.startswith("kam: error: ") and "database server" in err, err
    assert recorded(kam) == before
    kam.ok("client", "add", "bolt", "--name", "Bolt")
    assert kam.json("verify")["intact"]
