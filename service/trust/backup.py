"""Backup and restore of a whole ledger: events, snapshots, chain, keys and read models.

SQLite: the sqlite3 online backup API copies the file in one step under a read transaction, so
the copy is consistent while other processes write. PostgreSQL: pg_dump (one repeatable-read
snapshot, also consistent under writers) in its custom format, and pg_restore.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine

from kamledger.domain.errors import InvalidInput, LedgerUnavailable, RuleViolation
from kamledger.service.infrastructure.event_store import LedgerLog
from kamledger.service.trust.chain import Chain, ChainVerdict
from kamledger.service.infrastructure.store import LOCK_TIMEOUT_SECONDS, Store

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def backup(store: Store, target: str) -> None:
    path = Path(target).expanduser()
    if path.exists():
        raise RuleViolation(f"{path} exists: a backup never overwrites a file")
    if not path.parent.is_dir():
        raise InvalidInput(f"no directory {path.parent} for the backup")
    if store.is_sqlite:
        try:
            _sqlite_copy(Path(store.url.database), path)
        except InvalidInput as error:  # the ledger is no database, or the disk filled: no half a backup
            path.unlink(missing_ok=True)
            raise LedgerUnavailable(str(error)) from None
    elif store.url.get_backend_name() == "postgresql":
        _run("pg_dump", "--format=custom", f"--file={path}", _libpq_url(store))
    else:
        raise RuleViolation(f"backup supports SQLite and PostgreSQL ledgers, not {store.url.get_backend_name()}")


def restore(store: Store, source: str, force: bool) -> ChainVerdict:
    """Put the backup in place of the ledger (refusing a ledger with events unless forced); returns
    the restored ledger's chain verdict."""
    path = Path(source).expanduser()
    if not path.is_file():
        raise InvalidInput(f"no backup file {path}")
    with path.open("rb") as file:
        magic = file.read(len(SQLITE_MAGIC))
    if _last_event(store) and not force:
        raise RuleViolation("the ledger already holds events: restore into an empty ledger, or add --force to replace it")
    if store.is_sqlite:
        if not magic.startswith(SQLITE_MAGIC):
            raise InvalidInput(f"{path} is not a SQLite ledger backup")
        _sqlite_copy(path, Path(store.url.database))
    else:
        if not magic.startswith(PG_DUMP_MAGIC):
            raise InvalidInput(f"{path} is not a PostgreSQL ledger backup (pg_dump custom format)")
        _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={_libpq_url(store)}", str(path))
    return _verify(store)


def _sqlite_copy(source: Path, target: Path) -> None:
    """One consistent copy with the online backup API; the copy is a single self-contained file."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_SECONDS)
    writer = sqlite3.connect(target, timeout=LOCK_TIMEOUT_SECONDS)
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as error:
        raise InvalidInput(f"cannot copy {source}: {error}") from None
    finally:
        reader.close()
        writer.close()


def _last_event(store: Store) -> int:
    log = LedgerLog(env=store.event_store_env)
    try:
        return log.recorder.max_notification_id() or 0
    finally:
        log.close()


def _verify(store: Store) -> ChainVerdict:
    log, engine = LedgerLog(env=store.event_store_env), create_engine(store.url)
    try:
        return Chain(log.recorder, engine, store.chain_key).verify()
    finally:
        log.close()
        engine.dispose()


def _libpq_url(store: Store) -> str:
    return store.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _run(program: str, *args: str) -> None:
    if shutil.which(program) is None:
        raise LedgerUnavailable(f"{program} is not installed: PostgreSQL ledgers are backed up with pg_dump and pg_restore")
    done = subprocess.run([program, *args], capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()] or [f"exit code {done.returncode}"]
        raise LedgerUnavailable(f"{program} failed: {lines[0]}")
