"""Who records a fact and on which business date it happened."""

import getpass
import os
from dataclasses import dataclass
from datetime import date

from kamledger.domain.errors import InvalidInput
from kamledger.domain.keys import checked_name

USER_ENV = "KAM_USER"


@dataclass(frozen=True)
class Entry:
    occurred_on: date
    recorded_by: str


def make_entry(at: str | None = None, by: str | None = None, today: date | None = None, what: str = "--at") -> Entry:
    """--at YYYY-MM-DD (default today, never in the future); --by, else $KAM_USER, else the OS user.
    ``what`` names where the date came from (e.g. a CSV column) in messages."""
    today = today or date.today()
    occurred_on = parse_date(at, what) if at else today
    if occurred_on > today:
        raise InvalidInput(f"{what} {occurred_on.isoformat()} is in the future")
    recorded_by = checked_name(by or os.environ.get(USER_ENV) or _os_user(), "--by (who records it)")
    return Entry(occurred_on, recorded_by)


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} '{text}' is not a date like 2026-03-31") from None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
