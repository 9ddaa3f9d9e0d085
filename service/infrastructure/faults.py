"""Operational faults: what the database or the disk refused, told in one line.

A command that meets a full disk, a file that is no database, a lock held past its timeout or a
database server that went away is stopped with a ``LedgerUnavailable`` naming the fault: never a
traceback. Nothing is left half-written: a command's events and their chain links are one
transaction (service/trust/chained_recorders.py), and the tier changes they cause are finished by the
next command if this one could not (service/commands/settling.py).
"""

import errno
from collections.abc import Iterator

from kamledger.domain.errors import KamError, LedgerUnavailable

DATABASE_MODULES = ("sqlite3", "psycopg", "psycopg_pool", "sqlalchemy", "eventsourcing.persistence", "eventsourcing.sqlite", "eventsourcing.postgres")
DISK_FULL = ("database or disk is full", "no space left on device", "disk quota exceeded", "could not extend file")
NOT_A_DATABASE = ("file is not a database", "file is encrypted or is not a database")
LOCKED = ("database is locked", "lock timeout", "database table is locked")
SERVER_GONE = (
    "terminating connection", "server closed the connection", "connection refused", "the connection is closed",
    "consuming input failed", "couldn't get a connection", "is not currently accepting connections",
    "connection to server", "connection is lost", "connection timeout expired", "ssl syscall error",
    "server conn crashed", "the database system is shutting down",
)
SAFE = "nothing is left half-written"


def ledger_fault(error: BaseException) -> LedgerUnavailable | None:
    """The fault behind an error raised from the database (or the disk under it) as one line;
    None when the error is not one (a bug keeps its traceback)."""
    if isinstance(error, KamError):  # already one line of its own
        return None
    causes = list(_causes(error))
    from_database = any(_from_database(cause) for cause in causes)
    full = any(isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT) for cause in causes)
    if not (from_database or full):
        return None
    text = " ".join(str(cause) for cause in causes).lower()
    detail = _first_line(causes[-1]) if causes else type(error).__name__
    if full or any(words in text for words in DISK_FULL):
        return LedgerUnavailable(f"the disk is full ({detail}); {SAFE}: free some space and run it again")
    if any(words in text for words in NOT_A_DATABASE):
        return LedgerUnavailable("the file is not a SQLite database (check --db or KAM_DATABASE_URL)")
    if any(words in text for words in LOCKED):
        return LedgerUnavailable(f"another process held the ledger locked past the lock timeout (KAM_LOCK_TIMEOUT); {SAFE}: run it again")
    if any(words in text for words in SERVER_GONE):
        return LedgerUnavailable(f"the database server cannot be reached or went away ({detail}); {SAFE}: run it again when it is back")
    return LedgerUnavailable(f"the database failed ({detail}); {SAFE}")


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (SQLAlchemy's .orig) and what it was raised from, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException):
            current = orig
        else:
            current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)


def _from_database(error: BaseException) -> bool:
    return any(cls.__module__.startswith(DATABASE_MODULES) for cls in type(error).__mro__)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
