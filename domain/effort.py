"""What a client costs in time and trouble: hours of work spent on it, and the problems it caused
or had (escalations, rework, disputes), open until resolved. With its money, they give the
measures the method asks for: profit per hour of work, and cost to serve against revenue."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from kamledger.domain.errors import InvalidInput

MAX_HOURS_PER_ENTRY = Decimal(24)  # one entry is one day's work at most
_HOURS = re.compile(r"^[0-9]+(?:\.[0-9]{1,2})?$")
_CENTS = Decimal("0.01")
_RATIO = Decimal("0.0001")


class EffortKind(str, Enum):
    SUPPORT = "support"
    MEETINGS = "meetings"
    REWORK = "rework"
    TRAVEL = "travel"
    OTHER = "other"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def parse_hours(text: str) -> Decimal:
    """Hours of work in one entry: above 0, at most 24, at most two decimals (e.g. 1.5, 0.25)."""
    plain = str(text).strip()
    if not _HOURS.match(plain):
        raise InvalidInput(f"hours '{text}' must be a number like 2 or 1.5 (at most two decimals)")
    hours = Decimal(plain)
    return checked_hours(hours)


def checked_hours(hours: Decimal) -> Decimal:
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS_PER_ENTRY:
        raise InvalidInput(f"hours must be above 0 and at most {MAX_HOURS_PER_ENTRY} in one entry, got {hours}")
    return hours


def profit_per_hour(profit: Decimal | None, hours: Decimal) -> Decimal | None:
    """Profit contribution per hour of work, to the cent; None without hours or without a profit."""
    if profit is None or hours <= 0:
        return None
    return (profit / hours).quantize(_CENTS, rounding=ROUND_HALF_UP)


def cost_ratio(revenue: Decimal | None, cost_to_serve: Decimal | None) -> Decimal | None:
    """Cost to serve / revenue, to four places; None without revenue (or without a value)."""
    if revenue is None or cost_to_serve is None or revenue <= 0:
        return None
    return (cost_to_serve / revenue).quantize(_RATIO, rounding=ROUND_HALF_UP)


def cost_ratio_at_least(revenue: Decimal | None, cost_to_serve: Decimal | None, limit: Decimal) -> bool:
    """The cost to serve is at least `limit` times the revenue (a cost with no revenue at all always is)."""
    if revenue is None or cost_to_serve is None:
        return False
    if revenue <= 0:
        return cost_to_serve > 0
    return cost_to_serve >= limit * revenue


def profit_per_hour_below(profit: Decimal | None, hours: Decimal, limit: Decimal) -> bool:
    """Some hours were spent and the profit per hour is below `limit` (exactly, not rounded)."""
    return profit is not None and hours > 0 and profit < limit * hours


def month_of(day: date) -> int:
    """The month index of a day, as periods count them (months since year 0)."""
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class Problem:
    """A problem the client caused or had; ids count up per client and are never reused."""

    id: int
    severity: Severity
    noted_on: date
    resolved_on: date | None = None
