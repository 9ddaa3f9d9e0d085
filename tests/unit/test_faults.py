"""Which errors are operational faults, and the one line each becomes (no database needed)."""

import errno
import sqlite3

from eventsourcing.persistence import OperationalError

from kamledger.domain.errors import RuleViolation
from kamledger.service.infrastructure.faults import ledger_fault


def raised_from(error: BaseException, wrapper: type[Exception]) -> Exception:
    try:
        try:
            raise error
        except BaseException as cause:
            raise wrapper(str(cause)) from cause
    except Exception as wrapped:
        return wrapped


def test_a_full_disk_a_locked_ledger_and_a_file_that_is_no_database_are_told_apart():
    assert "the disk is full" in str(ledger_fault(sqlite3.OperationalError("database or disk is full")))
    assert "locked" in str(ledger_fault(raised_from(sqlite3.OperationalError("database is locked"), OperationalError)))
    assert "not a SQLite database" in str(ledger_fault(sqlite3.DatabaseError("file is not a database")))
    assert "disk is full" in str(ledger_fault(OSError(errno.ENOSPC, "No space left on device")))


def test_a_server_gone_is_told_as_such():
    fault = ledger_fault(OperationalError("terminating connection due to administrator command"))
    assert "database server cannot be reached or went away" in str(fault)


def test_a_bug_and_a_refusal_are_not_faults():
    assert ledger_fault(KeyError("acme")) is None
    assert ledger_fault(OSError(errno.ENOENT, "No such file")) is None
    assert ledger_fault(raised_from(sqlite3.OperationalError("database is locked"), RuleViolation)) is None
