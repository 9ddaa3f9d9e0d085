"""Development plans: objectives for a client relationship, each checked against the ledger.

An objective is to retain or to develop the relationship, due by a date, with a target the ledger
can check (``satisfaction>=8``, ``pyramid>=partnership``, ``survey``...) or none (then it is marked
done by hand). Its status follows from the client's dated facts, whatever order they were typed in:
**met** by the first fact on or after the day it was set (and by its due date) that made the target
hold, naming that fact; **lost** when a later fact undid it; **overdue** when the due date has passed
unmet; **open** otherwise; **cancelled** and **done** as recorded.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from kamledger.domain.errors import InvalidInput
from kamledger.domain.pyramid import PyramidLevel, parse_level
from kamledger.domain.tiers import TIERS, Tier, check_tier
from kamledger.domain.value import Period, parse_amount

Item = Mapping[str, Any]  # a fact of the client's history, as shown (type, occurred_on, version, fields)


class ObjectiveKind(Enum):
    RETAIN = "retain"
    DEVELOP = "develop"


class Status(Enum):
    MET = "met"
    LOST = "lost"  # met, then undone by a later fact
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"  # an objective without a target, marked done by hand
    CANCELLED = "cancelled"


# measure -> what its threshold is ('' for a target without one)
MEASURES = {
    "satisfaction": "a satisfaction answer 0-10",
    "nps": "an NPS answer 0-10",
    "score": "a scorecard total",
    "pyramid": "a pyramid level",
    "profit": "an amount of profit over the objective's period",
    "tier": "a tier",
    "survey": "",
    "burden-resolved": "",
}
_TARGET = re.compile(r"^\s*([a-z-]+)\s*(?:>=\s*(\S+))?\s*$")


@dataclass(frozen=True)
class Target:
    measure: str
    threshold: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Target":
        """'satisfaction>=8', 'pyramid>=partnership', 'profit>=50000', 'tier>=silver', 'survey', 'burden-resolved'."""
        match = _TARGET.match(text.lower())
        known = ", ".join(f"{m}>=N" if MEASURES[m] else m for m in MEASURES)
        if not match or match.group(1) not in MEASURES:
            raise InvalidInput(f"unknown target '{text}' (one of: {known})")
        measure, threshold = match.groups()
        if bool(MEASURES[measure]) != (threshold is not None):
            form = f"{measure}>=N" if MEASURES[measure] else measure
            raise InvalidInput(f"target '{text}' is written '{form}'")
        target = cls(measure, threshold)
        target.level()  # checks the threshold
        return target

    def level(self) -> Any:
        """The threshold as the value it is compared with."""
        value = self.threshold
        if self.measure in ("satisfaction", "nps"):
            number = _number(value, self)
            if not 0 <= number <= 10:
                raise InvalidInput(f"target '{self}': {self.measure} is 0-10")
            return number
        if self.measure == "score":
            return _number(value, self)
        if self.measure == "pyramid":
            return parse_level(value or "").height
        if self.measure == "profit":
            return parse_amount(value or "", "target profit")
        if self.measure == "tier":
            return check_tier(value or "")
        return None

    def __str__(self) -> str:
        return self.measure if self.threshold is None else f"{self.measure}>={self.threshold}"


@dataclass(frozen=True)
class Verdict:
    """An objective's status, and the fact that met (or undid) its target."""

    status: Status
    met_by: Item | None = None
    lost_by: Item | None = None

    def to_dict(self) -> dict[str, Any]:
        def fact(item: Item | None) -> dict[str, Any] | None:
            return None if item is None else {"type": item["type"], "occurred_on": str(item["occurred_on"]), "version": item["version"]}
        return {"status": self.status.value, "met_by": fact(self.met_by), "lost_by": fact(self.lost_by)}


def objective_status(
    target: Target | None, set_by: Item, due: date | None, facts: Sequence[Item], today: date,
    done_on: date | None = None, cancelled_on: date | None = None, tiers: Sequence[tuple[date, Tier]] = (),
) -> Verdict:
    """The objective's status on `today` from the client's facts in business-date order (`set_by`
    is the fact that set it) and, for a tier target, the client's tier by business date: (day,
    tier) from the day it held. A target about a state (satisfaction, pyramid, open burdens...)
    that already holds when the objective is set is met by the setting itself."""
    if cancelled_on is not None and cancelled_on <= today:
        return Verdict(Status.CANCELLED)
    if target is None:
        if done_on is not None and done_on <= today:
            return Verdict(Status.DONE)
        return Verdict(Status.OVERDUE if due is not None and due < today else Status.OPEN)
    added_on = _day(set_by)
    end = min(today, due) if due else today
    holding = _holding(target, added_on, due, facts, tiers)
    held = _STARTS_HOLDING.get(target.measure, lambda level: False)(target.level())
    for item, holds in holding:
        if _day(item) > added_on:
            break
        held = holds
    met_by: Item | None = set_by if held and target.measure in _STATES else None
    lost_by: Item | None = None
    for item, holds in holding:
        day = _day(item)
        if day > today or (day <= added_on if target.measure in _STATES else day < added_on):
            continue
        if met_by is None:
            if holds and day <= end:
                met_by = item
        elif not holds:
            lost_by = lost_by or item
        else:
            lost_by = None  # met again
    if met_by is not None:
        return Verdict(Status.LOST if lost_by else Status.MET, met_by, lost_by)
    return Verdict(Status.OVERDUE if due is not None and due < today else Status.OPEN)


# The targets about a state the client is in, and whether each holds before any fact about it.
_STATES = ("satisfaction", "nps", "score", "pyramid", "tier", "burden-resolved")
_STARTS_HOLDING: dict[str, Callable[[Any], bool]] = {"pyramid": lambda level: level <= 0, "burden-resolved": lambda level: True}


def _holding(target: Target, added_on: date, due: date | None, facts: Sequence[Item],
             tiers: Sequence[tuple[date, Tier]]) -> list[tuple[Item, bool]]:
    """Each fact that bears on the target, in business-date order, with whether it holds after it."""
    measure, level = target.measure, target.level()
    if measure == "tier":
        return [({"type": "TierByBusinessDate", "occurred_on": day, "version": None, "tier": tier.value},
                 tier is not Tier.UNRATED and TIERS.index(tier.value) <= TIERS.index(level.value))
                for day, tier in tiers]
    found: list[tuple[Item, bool]] = []
    burdens: set[str] = set()
    profit = Decimal(0)
    for item in facts:
        kind = item["type"]
        if measure == "burden-resolved" and kind in ("BurdenSignalNoted", "BurdenSignalResolved"):
            (burdens.add if kind == "BurdenSignalNoted" else burdens.discard)(item["signal"])
            found.append((item, not burdens))
        elif measure in ("satisfaction", "nps") and kind == "SurveyAnswered":
            found.append((item, item[measure] >= level))
        elif measure == "score" and kind == "Scored":
            found.append((item, item["total"] >= level))
        elif measure == "pyramid" and kind == "PyramidLevelChanged":
            found.append((item, PyramidLevel(item["to_level"]).height >= level))
        elif measure == "survey" and kind == "SurveyAnswered":
            found.append((item, _day(item) >= added_on))
        elif measure == "profit" and kind == "ValueRecorded" and Period.parse(item["period"]).within(added_on, due):
            profit += Decimal(str(item["revenue"])) - Decimal(str(item["cost_to_serve"]))
            found.append((item, profit >= level))
    return found


def _day(item: Item) -> date:
    day = item["occurred_on"]
    return day if isinstance(day, date) else date.fromisoformat(day)


def _number(text: str | None, target: Target) -> int:
    try:
        return int(text or "")
    except ValueError:
        raise InvalidInput(f"target '{target}': {MEASURES[target.measure]} is a whole number") from None
