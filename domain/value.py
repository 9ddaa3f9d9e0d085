"""What a client is worth to us: money per period, value dimensions and burden signals."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from kamledger.domain.errors import InvalidInput


class ValueDimension(str, Enum):
    STRATEGIC = "strategic"
    REFERRAL = "referral"
    EDUCATIONAL = "educational"
    POTENTIAL = "potential"


class Level(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class BurdenSignal(str, Enum):
    COST_TO_SERVE = "cost-to-serve"
    LOW_PROFIT = "low-profit"
    HARM_TO_TEAM = "harm-to-team"


E = TypeVar("E", bound=Enum)


def parse_choice(kind: type[E], text: str, what: str, extra: tuple[str, ...] = ()) -> E:
    """One of the enum's values, as typed (any case); the error names the choices (and `extra`
    ones the caller takes before asking)."""
    try:
        return kind(text.strip().lower())
    except ValueError:
        names = ", ".join([*(member.value for member in kind), *extra])
        raise InvalidInput(f"unknown {what} '{text}' (one of: {names})") from None


MAX_AMOUNT = Decimal(10) ** 15
_AMOUNT = re.compile(r"^[0-9]+(?:\.(?P<decimals>[0-9]+))?$")


def parse_amount(text: str, what: str) -> Decimal:
    """A non-negative amount of money with at most two decimals, e.g. '125000.50'."""
    plain = text.strip().replace("_", "")
    if plain.startswith("-"):
        raise InvalidInput(f"{what} must be zero or more, got '{text}'")
    number = _AMOUNT.match(plain)
    if not number:
        raise InvalidInput(f"{what} '{text}' is not an amount like 125000 or 125000.50")
    if len(number["decimals"] or "") > 2:
        raise InvalidInput(f"{what} '{text}' has more than two decimals")
    amount = Decimal(plain)
    if amount >= MAX_AMOUNT:
        raise InvalidInput(f"{what} '{text}' is too large (at most 15 digits before the point)")
    return amount


_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<m>0[1-9]|1[0-2])))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year (2026), half (2026-H1), quarter (2026-Q1) or month (2026-03)."""

    first_month: int  # months since year 0, so periods sort and compare as ranges
    last_month: int
    label: str

    @classmethod
    def parse(cls, text: str) -> "Period":
        return _parsed_period(text)

    @classmethod
    def of_months(cls, first_month: int, last_month: int) -> "Period":
        """The period of those months (the first and last of a period parsed)."""
        year, start = divmod(first_month, 12)
        part = {1: f"-{start + 1:02}", 3: f"-Q{start // 3 + 1}", 6: f"-H{start // 6 + 1}", 12: ""}[last_month - first_month + 1]
        return _parsed_period(f"{year:04}{part}")

    def within(self, first_day: date, last_day: date | None = None) -> bool:
        """Its months lie within the months of those days (the last one open when None)."""
        return self.first_month >= month_of(first_day) and (last_day is None or self.last_month <= month_of(last_day))


def month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


@lru_cache(maxsize=4096)  # a client's periods are parsed again at each value recorded: keep them
def _parsed_period(text: str) -> Period:
    label = text.strip().upper()
    match = _PERIOD.match(label)
    if not match:
        raise InvalidInput(
            f"period '{text}' is not like 2026, 2026-H1, 2026-Q1 or 2026-03"
        )
    start, length = _months_of(match)
    base = int(match["year"]) * 12
    return Period(base + start, base + start + length - 1, label)


def _months_of(match: re.Match[str]) -> tuple[int, int]:
    """(first month index 0-11, number of months) of a matched period."""
    if match["q"]:
        return (int(match["q"][1]) - 1) * 3, 3
    if match["h"]:
        return (int(match["h"][1]) - 1) * 6, 6
    if match["m"]:
        return int(match["m"]) - 1, 1
    return 0, 12


@dataclass(frozen=True)
class PeriodSelection:
    """Which recorded periods an analysis counts: those that fall wholly within the selection.

    ``--period P`` selects P; ``--from P`` / ``--to P`` the months from the start of one period to
    the end of another (either end may be open). No selection counts every recorded period.
    A recorded period that only partly overlaps the selection cannot be split, so it is left out.
    """

    first_month: int | None = None
    last_month: int | None = None
    label: str = "all recorded periods"

    @classmethod
    def parse(cls, period: str | None = None, start: str | None = None, end: str | None = None) -> "PeriodSelection":
        if period and (start or end):
            raise InvalidInput("give either --period or --from/--to, not both")
        if period:
            chosen = Period.parse(period)
            return cls(chosen.first_month, chosen.last_month, chosen.label)
        first, last = (Period.parse(text) if text else None for text in (start, end))
        if first and last and first.first_month > last.last_month:
            raise InvalidInput(f"--from {first.label} comes after --to {last.label}")
        if not first and not last:
            return cls()
        return cls(first.first_month if first else None, last.last_month if last else None,
                   f"{first.label if first else 'the start'} to {last.label if last else 'the latest'}")

    def holds(self, period: Period) -> bool:
        return ((self.first_month is None or self.first_month <= period.first_month)
                and (self.last_month is None or period.last_month <= self.last_month))

    def straddles(self, period: Period) -> bool:
        """The period overlaps the selection without falling within it."""
        overlaps = ((self.first_month is None or period.last_month >= self.first_month)
                    and (self.last_month is None or period.first_month <= self.last_month))
        return overlaps and not self.holds(period)
