"""What clients cost in time and trouble, for kam pareto --by hours|problems, client show and the
portfolio: plain data out, nothing written."""

from calendar import monthrange
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.effort import profit_per_hour
from kamledger.domain.pareto import ParetoView, pareto_view, share_text
from kamledger.domain.standing import Standing
from kamledger.domain.value import PeriodSelection
from kamledger.projections.workload import hours_by_client, problems_by_client

WORKLOAD_MEASURES = ("hours", "problems")


def selection_days(selection: PeriodSelection) -> tuple[date | None, date | None]:
    """The first and last day of the months a period selection covers (either open)."""
    first = None if selection.first_month is None else date(selection.first_month // 12, selection.first_month % 12 + 1, 1)
    if selection.last_month is None:
        return first, None
    year, month = selection.last_month // 12, selection.last_month % 12 + 1
    return first, date(year, month, monthrange(year, month)[1])


def pareto_answer(view: ParetoView, by: str, periods: str, row_extra: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """A Pareto view as plain data, by whatever it ranks: the head, its share and concentration, and
    each ranked client with what `row_extra` adds for it (kam pareto, by money or by time and trouble)."""
    return {
        "by": by,
        "periods": periods,
        "head_share": str(view.head_share),
        "total": str(sum((row.value for row in view.rows), Decimal(0))),
        "clients": view.clients,
        "head": list(view.head),
        "concentration": share_text(view.concentration),
        "rows": [
            {"key": r.key, "value": str(r.value), "share": share_text(r.position.share),
             "cumulative_share": share_text(r.position.cumulative_share), "rank": r.position.rank,
             "in_head": r.position.in_head, **row_extra(r.key)}
            for r in view.rows
        ],
        "others": [{"key": key, "value": str(value)} for key, value in view.others],
    }


def workload_pareto(ledger: Any, by: str, selection: PeriodSelection, top: int | None) -> dict[str, Any]:
    """Clients ranked by the hours of work they took, or the problems they caused, in the selected
    months: the head that makes up the policy's share (80%) and the concentration, as by profit;
    each with its profit per hour, and the (top) clients that earn the least per hour."""
    first, last = selection_days(selection)
    reads = ledger.read_models.portfolio
    clients = {key for (key,) in reads.clients("key")}  # prospects and former clients are not in the portfolio
    hours = {key: h for key, h in hours_by_client(ledger.read_models.engine, first, last).items() if key in clients}
    problems = {key: p for key, p in problems_by_client(ledger.read_models.engine, first, last).items() if key in clients}
    measured = hours if by == "hours" else {key: Decimal(noted) for key, (noted, _) in problems.items()}
    view = pareto_view(measured, ledger.policy.pareto_share)
    profits = {key: revenue - cost for key, (revenue, cost) in reads.money(selection.first_month, selection.last_month).items()}
    per_hour = {key: profit_per_hour(profits.get(key), h) for key, h in hours.items()}
    lowest = sorted((pph, key) for key, pph in per_hour.items() if pph is not None)
    return {
        **pareto_answer(view, by, selection.label, lambda key: {
            "hours": str(hours.get(key, Decimal(0))), "open_problems": problems.get(key, (0, 0))[1],
            "profit_per_hour": _text(per_hour.get(key)),
        }),
        "costliest_to_serve": [],
        "lowest_profit_per_hour": [
            {"key": key, "profit": str(profits[key]), "hours": str(hours[key]), "profit_per_hour": str(pph)}
            for pph, key in lowest[:top]
        ],
        "left_out": [],
    }


def profit_per_hour_of(ledger: Any, selection: PeriodSelection, profits: dict[str, Decimal]) -> dict[str, str | None]:
    """Each client's profit per hour over the selection, where it has hours of work recorded."""
    first, last = selection_days(selection)
    return {key: _text(profit_per_hour(profits.get(key), h)) for key, h in hours_by_client(ledger.read_models.engine, first, last).items()}


def workload_of(standing: Standing) -> dict[str, Any]:
    """A client's hours by kind, profit per hour, cost ratio and problems (for client show)."""
    from kamledger.domain.effort import cost_ratio

    hours = standing.hours
    return {
        "hours": str(hours),
        "hours_by_kind": {kind: str(h) for kind, h in sorted(standing.effort.items())},
        "profit_per_hour": _text(profit_per_hour(standing.profit, hours)),
        "cost_ratio": share_text(cost_ratio(standing.revenue, standing.cost_to_serve)),
        "open_problems": len(standing.open_problems),
    }


def _text(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)
