"""The errors a command can meet: bad input (a usage problem) or a refused rule."""

from collections.abc import Sequence


class KamError(Exception):
    """A command was refused; the message says why in one line. Details, one line each, may list
    what was wrong where there is more than one thing (every bad line of a file)."""

    def __init__(self, message: str = "", details: Sequence[str] = ()):
        super().__init__(message)
        self.details = tuple(details)


class InvalidInput(KamError, ValueError):
    """A value is malformed or out of range (a usage error)."""


class RuleViolation(KamError):
    """The input is well formed but the ledger's rules refuse it."""


class ClientNotFound(RuleViolation):
    def __init__(self, key: str, when: str = "now"):
        super().__init__(f"no client with key '{key}'" + ("" if when == "now" else f" {when}"))


class ClientAlreadyRegistered(RuleViolation):
    def __init__(self, key: str):
        super().__init__(f"a client with key '{key}' is already registered")


class LedgerUnavailable(KamError):
    """The database behind the ledger cannot be reached or opened."""
