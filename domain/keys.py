"""Client keys and required free text."""

import re

from kamledger.domain.errors import InvalidInput

_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def checked_key(key: str) -> str:
    """A client key: lowercase letters, digits, '.', '_' or '-', at most 64, e.g. 'acme-gmbh'."""
    key = key.strip()
    if not _KEY.match(key):
        raise InvalidInput(
            f"client key '{key}' must be 1-64 lowercase letters, digits, '.', '_' or '-'"
        )
    return key


def required_text(text: str | None, what: str) -> str:
    if text is None or not text.strip():
        raise InvalidInput(f"{what} is required")
    return text.strip()
