"""What the portfolio's clients cost in time and trouble, summed in SQL over kam_effort and
kam_problems (one row per entry of work, one per problem as it stands)."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from kamledger.projections.tables import effort, problems


def hours_by_client(engine: Any, first: date | None = None, last: date | None = None) -> dict[str, Decimal]:
    """Each client's hours of work dated from first to last (either open), where it has any."""
    query = select(effort.c.key, func.sum(effort.c.centihours)).group_by(effort.c.key)
    if first is not None:
        query = query.where(effort.c.day >= first)
    if last is not None:
        query = query.where(effort.c.day <= last)
    with engine.connect() as connection:
        return {key: Decimal(int(total)) / 100 for key, total in connection.execute(query).all()}


def problems_by_client(engine: Any, first: date | None = None, last: date | None = None) -> dict[str, tuple[int, int]]:
    """Each client's problems noted from first to last (either open): how many, and how many of them are open."""
    still_open = func.count(problems.c.problem_id) - func.count(problems.c.resolved_on)  # COUNT skips the NULLs
    query = select(problems.c.key, func.count(problems.c.problem_id), still_open).group_by(problems.c.key)
    if first is not None:
        query = query.where(problems.c.noted_on >= first)
    if last is not None:
        query = query.where(problems.c.noted_on <= last)
    with engine.connect() as connection:
        return {key: (int(noted), int(open_)) for key, noted, open_ in connection.execute(query).all()}
