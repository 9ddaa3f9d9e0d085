"""Shared fixtures: a fresh ledger database on SQLite (a real file) and on PostgreSQL.

PostgreSQL is the local server (127.0.0.1:5432, trust auth) unless $KAM_TEST_POSTGRES_URL names
another; each test gets its own database, dropped afterwards. Without a server the PostgreSQL
variants are skipped, except under CI (CI=true), where that is a failure.
"""

import contextlib
import functools
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.testing
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from kamledger.cli.main import app

POSTGRES_ADMIN_URL = os.environ.get(
    "KAM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgres"]
KAM = str(Path(sys.executable).with_name("kam"))


def kam_at_once(database_url: str, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Start every kam command at the same moment, each in its own process, as a team would; each
    one's exit code, output and errors."""
    env = {**os.environ, "KAM_DATABASE_URL": database_url, "KAM_USER": "coach"}
    started = [subprocess.Popen([KAM, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for command in commands]
    outcomes = [process.communicate(timeout=300) for process in started]
    return [(process.returncode, out, err) for process, (out, err) in zip(started, outcomes)]


def read_models_of_an_older_version(database_url: str) -> None:
    """The read models as an earlier kamledger left them: the next command makes them again."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE kam_read_model_version SET version = version - 1"))
    engine.dispose()


def sqlite_url_in(directory) -> str:
    return f"sqlite:///{directory / 'ledger.db'}"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return sqlite_url_in(tmp_path)


@contextlib.contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (its URL), dropped afterwards."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"kam_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and is not reachable: {error}")
        pytest.skip("PostgreSQL is not reachable")
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request) -> str:
    """A fresh, empty ledger database, once on each backend."""
    return request.getfixturevalue(f"{request.param}_url")


class Kam:
    """Runs kam commands in-process against one database, as a person would type them."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        env = {"KAM_DATABASE_URL": self.database_url, "KAM_USER": "coach", "COLUMNS": "200"}
        return self.runner.invoke(app, list(args), env=env, input=input, prog_name="kam")

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.exit_code == 0, f"kam {' '.join(args)} failed: {result.output}{result.stderr if result.stderr_bytes else ''}"
        return result.stdout

    def json(self, *args: str):
        import json

        return json.loads(self.ok(*args, "--json"))


@pytest.fixture(autouse=True, scope="session")
def kam_built_once():
    """typer's test runner rebuilds the whole command tree on every call, about half of a call's
    time; the suites make thousands of calls, so build it once."""
    with pytest.MonkeyPatch.context() as patch:
        build = getattr(typer.testing, "_get_command", None)  # private: if typer renames it, only slower
        if build is not None:
            patch.setattr(typer.testing, "_get_command", functools.cache(build))
        yield


@pytest.fixture
def other_database_url(database_url, tmp_path) -> Iterator[str]:
    """A second fresh, empty ledger database on the same backend as database_url."""
    if database_url.startswith("sqlite"):
        (tmp_path / "other").mkdir()
        yield sqlite_url_in(tmp_path / "other")
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def kam_on():
    """kam runners on further databases: kam_on(url)."""
    return Kam


@pytest.fixture
def kam(database_url) -> Kam:
    return Kam(database_url)


@pytest.fixture
def kam_sqlite(sqlite_url) -> Kam:
    return Kam(sqlite_url)
