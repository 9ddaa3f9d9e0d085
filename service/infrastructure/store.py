"""Where the ledger lives: one database URL for the event store and the read models.

The events go through the library's native recorders for SQLite and PostgreSQL (measured
faster to import and to write than its SQLAlchemy module); any other SQLAlchemy URL uses the
eventsourcing-sqlalchemy module. Read models always use SQLAlchemy, in the same database.
"""

import hashlib
import hmac
import os
from base64 import b64decode
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kamledger.domain.errors import InvalidInput

DATABASE_URL_ENV = "KAM_DATABASE_URL"
EVENT_STORE_ENV = "KAM_EVENT_STORE"  # "native" (default) or "sqlalchemy": which recorders hold the events
CIPHER_KEY_ENV = "KAM_CIPHER_KEY"  # base64 AES key (kam keygen): encrypts the stored events
CHAIN_KEY_ENV = "KAM_CHAIN_KEY"  # base64 key (kam keygen): makes the chain's links HMACs (default: from KAM_CIPHER_KEY)
LOCK_TIMEOUT_ENV = "KAM_LOCK_TIMEOUT"  # seconds a command waits for another writer's lock (default 30)
LOCK_TIMEOUT_SECONDS = 30
CONNECT_TIMEOUT_ENV = "KAM_CONNECT_TIMEOUT"  # seconds a command waits for the database server to take a connection (default 5)
CONNECT_TIMEOUT_SECONDS = 5


def default_database_path() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "kamledger" / "ledger.db"


@dataclass(frozen=True)
class Store:
    """A resolved database: the URL for SQLAlchemy and the environment for the event store."""

    url: URL
    event_store_env: dict[str, str]

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def master_cipher(self) -> Any:
        """The AES cipher of KAM_CIPHER_KEY, or None for a ledger that is not encrypted."""
        key = self.event_store_env.get("CIPHER_KEY")
        if not key:
            return None
        from kamledger.service.trust.privacy import cipher_of

        return cipher_of(key)

    @property
    def chain_key(self) -> bytes | None:
        """The key of the chain's links: KAM_CHAIN_KEY, else one derived from KAM_CIPHER_KEY, else
        None (plain SHA-256 links)."""
        env = self.event_store_env
        if env.get("CHAIN_KEY"):
            return b64decode(env["CHAIN_KEY"])
        if env.get("CIPHER_KEY"):
            return hmac.new(b64decode(env["CIPHER_KEY"]), b"kamledger chain links", hashlib.sha256).digest()
        return None

    @property
    def lock_timeout(self) -> int:
        """Seconds a command waits for another writer's lock before it gives up."""
        env = self.event_store_env
        return int(env.get("SQLITE_LOCK_TIMEOUT") or env.get("POSTGRES_LOCK_TIMEOUT") or LOCK_TIMEOUT_SECONDS)

    @property
    def connect_timeout(self) -> int:
        """Seconds a command waits for the database server to take a connection."""
        return int(self.event_store_env.get("POSTGRES_CONNECT_TIMEOUT") or _connect_timeout())

    @property
    def is_postgres(self) -> bool:
        """Events in PostgreSQL through the native recorders, which can push new events."""
        return self.event_store_env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"


def resolve_store(explicit_url: str | None = None) -> Store:
    """--db URL, else $KAM_DATABASE_URL, else a SQLite file in the user's data directory."""
    text = explicit_url or os.environ.get(DATABASE_URL_ENV)
    if not text:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"sqlite:///{path}"
    try:
        url = make_url(text)
    except ArgumentError:
        raise InvalidInput(f"'{text}' is not a database URL") from None
    backend = url.get_backend_name()
    recorders = os.environ.get(EVENT_STORE_ENV, "native")
    if recorders not in ("native", "sqlalchemy"):
        raise InvalidInput(f"{EVENT_STORE_ENV} must be 'native' or 'sqlalchemy', not '{recorders}'")
    if backend == "sqlite":
        store = _sqlite_store(url)
    elif backend == "postgresql":
        store = _postgres_store(url)
    else:
        store = _sqlalchemy_store(url)
    if recorders == "sqlalchemy" and store.event_store_env["PERSISTENCE_MODULE"] != "eventsourcing_sqlalchemy":
        store = _sqlalchemy_store(store.url)
    return Store(store.url, {**store.event_store_env, **_cipher_env(), **_chain_env()})


def _cipher_env() -> dict[str, str]:
    """KAM_CIPHER_KEY turns on the library's AES cipher for the stored events."""
    key = os.environ.get(CIPHER_KEY_ENV)
    if not key:
        return {}
    if not _is_key(key):
        raise InvalidInput(f"{CIPHER_KEY_ENV} is not a key: make one with 'kam keygen'")
    return {"CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher", "CIPHER_KEY": key}


def _chain_env() -> dict[str, str]:
    """KAM_CHAIN_KEY keys the chain's links (without it, KAM_CIPHER_KEY does)."""
    key = os.environ.get(CHAIN_KEY_ENV)
    if not key:
        return {}
    if not _is_key(key):
        raise InvalidInput(f"{CHAIN_KEY_ENV} is not a key: make one with 'kam keygen'")
    return {"CHAIN_KEY": key}


def _is_key(text: str) -> bool:
    try:
        return len(b64decode(text, validate=True)) in (16, 24, 32)
    except ValueError:
        return False


def _lock_timeout() -> int:
    return _seconds(LOCK_TIMEOUT_ENV, LOCK_TIMEOUT_SECONDS)


def _connect_timeout() -> int:
    return _seconds(CONNECT_TIMEOUT_ENV, CONNECT_TIMEOUT_SECONDS)


def _seconds(name: str, default: int) -> int:
    """Whole seconds from the environment variable, at least 1; the default where it is not set."""
    text = os.environ.get(name)
    if text is None:
        return default
    if not text.isdigit() or int(text) < 1:
        raise InvalidInput(f"{name} must be a whole number of seconds, at least 1, not '{text}'")
    return int(text)


def _sqlalchemy_store(url: URL) -> Store:
    """Events through eventsourcing-sqlalchemy: any database SQLAlchemy reaches."""
    text = url.render_as_string(hide_password=False)
    return Store(url, {"PERSISTENCE_MODULE": "eventsourcing_sqlalchemy", "SQLALCHEMY_URL": text})


def _sqlite_store(url: URL) -> Store:
    if not url.database or url.database == ":memory:":
        raise InvalidInput("a SQLite ledger needs a file: sqlite:///path/to/ledger.db")
    path = Path(url.database).expanduser().absolute()
    if not path.parent.is_dir():
        raise InvalidInput(f"no directory {path.parent} for the ledger file")
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        "SQLITE_LOCK_TIMEOUT": str(_lock_timeout()),
        "APPLICATION_RECORDER_TOPIC": "kamledger.service.trust.chained_recorders:ChainedSQLiteRecorder",
    }
    return Store(url.set(database=str(path)), env)


def _postgres_store(url: URL) -> Store:
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.database or "postgres",
        "POSTGRES_HOST": url.host or "localhost",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": url.username or os.environ.get("USER", "postgres"),
        "POSTGRES_PASSWORD": url.password or "",
        "POSTGRES_LOCK_TIMEOUT": str(_lock_timeout()),
        "POSTGRES_CONNECT_TIMEOUT": str(_connect_timeout()),
        # One connection kept open, more only while needed: the library's default opens five at
        # start, and a team's many short kam processes would run the server out of connections.
        "POSTGRES_POOL_SIZE": "1",
        "POSTGRES_MAX_OVERFLOW": "4",
        "APPLICATION_RECORDER_TOPIC": "kamledger.service.trust.chained_postgres:ChainedPostgresRecorder",
    }
    return Store(url.set(drivername="postgresql+psycopg"), env)
