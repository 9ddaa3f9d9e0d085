"""A review report as plain data: a title, header fields and sections of tables and charts.

The review period and what changed since the previous review are worked out here, on history
items (``occurred_on`` is an ISO date, ``recorded_at`` an ISO time) the ledger gives.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kamledger.domain.facts import check_review_period

Item = dict[str, Any]


@dataclass(frozen=True)
class ReviewPeriod:
    """The days a review covers, both ends included; no start means from the very beginning."""

    start: date | None
    end: date

    @classmethod
    def between(cls, start: date | None, end: date) -> "ReviewPeriod":
        """The period, refused if it ends before it starts."""
        check_review_period(start, end)
        return cls(start, end)

    @property
    def label(self) -> str:
        return f"{self.start or 'the start'} to {self.end}"

    def holds(self, item: Item) -> bool:
        return self.has_day(item["occurred_on"])

    def has_day(self, day: str | None) -> bool:
        """The day (ISO text) falls in the period; no day never does."""
        return day is not None and (self.start is None or self.start <= date.fromisoformat(day)) and date.fromisoformat(day) <= self.end

    def of(self, items: Sequence[Item], *types: str) -> list[Item]:
        """The items of these types that happened in the period, in the order recorded."""
        return [item for item in items if item["type"] in types and self.holds(item)]


def changed_since(items: Sequence[Item], previous: Item | None, period: ReviewPeriod) -> list[Item]:
    """What happened after the previous review's period (or was recorded after that review),
    up to the end of this period; everything up to then when there was no previous review."""
    if previous is None:
        return [item for item in items if _day(item) <= period.end and item["type"] != "Reviewed"]
    seen_until, reviewed_at = date.fromisoformat(previous["period_to"]), _moment(previous["recorded_at"])
    return [
        item for item in items
        if item["type"] != "Reviewed" and _day(item) <= period.end
        and (_day(item) > seen_until or _moment(item["recorded_at"]) > reviewed_at)
    ]


def latest_review(items: Sequence[Item]) -> Item | None:
    return next((item for item in reversed(items) if item["type"] == "Reviewed"), None)


def _day(item: Item) -> date:
    return date.fromisoformat(item["occurred_on"])


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Section:
    """A titled part of a report: lines of text, charts (SVG drawn on demand) and one table;
    ``empty`` is said instead of the table when it has no rows."""

    title: str
    columns: tuple[str, ...] = ()
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    empty: str = ""
    lines: tuple[str, ...] = ()
    charts: tuple[Any, ...] = ()

    @property
    def anchor(self) -> str:
        return "-".join("".join(c if c.isalnum() else " " for c in self.title.lower()).split())

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Report:
    title: str
    fields: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]

    def section(self, title: str) -> Section:
        return next(s for s in self.sections if s.title == title)
