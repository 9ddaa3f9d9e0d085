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


NAME_LENGTH = 200  # names of clients and people


def required_text(text: str | None, what: str, max_length: int | None = None) -> str:
    if text is None or not text.strip():
        raise InvalidInput(f"{what} is required")
    if max_length is not None and len(text.strip()) > max_length:
        raise InvalidInput(f"{what} is longer than {max_length} characters")
    return text.strip()


def checked_name(text: str | None, what: str) -> str:
    return required_text(text, what, NAME_LENGTH)
