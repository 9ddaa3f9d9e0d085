"""Development plans read from the ledger: each objective with its status worked out from the
client's dated facts (domain/plans.py), per client and across the portfolio."""

from datetime import date
from typing import Any

from kamledger.domain.plans import Status, Target, Verdict, objective_status
from kamledger.domain.standing import Goal, Standing
from kamledger.domain.tiers import Tier
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.business_time import BusinessTime
from kamledger.service.queries.moments import Moment

OPEN_STATES = (Status.OPEN, Status.OVERDUE, Status.LOST)


def plan(ledger: Ledger, key: str, today: date) -> list[dict[str, Any]]:
    """Every objective of the client's plan, by number, with its status on that day."""
    standing = ledger.client_standing(key)
    return _objectives(ledger, standing, today)


def plans(ledger: Ledger, today: date, owner: str | None = None, overdue_only: bool = False) -> dict[str, Any]:
    """Every objective still to reach across the portfolio (overdue first), and the gold clients
    without a plan: none of their objectives is still open (the method: a long-term plan for
    every key client)."""
    rows = []
    for standing in ledger.with_plans():
        if owner is not None and standing.owner != owner:
            continue
        for objective in _objectives(ledger, standing, today):
            if Status(objective["status"]) in OPEN_STATES and (not overdue_only or objective["status"] == Status.OVERDUE.value):
                rows.append({"key": standing.key, "owner": standing.owner, "tier": standing.tier.tier.value, **objective})
    gold_without = sorted(({"key": key, "owner": its_owner} for key, its_owner, tier, open_goals
                           in ledger.read_models.portfolio.clients("key", "owner", "tier", "open_goals")
                           if tier == Tier.GOLD.value and not open_goals and (owner is None or its_owner == owner)),
                          key=lambda row: row["key"])
    rows.sort(key=lambda r: (r["status"] != Status.OVERDUE.value, r["due"] or "", r["key"], r["id"]))
    return {"on": today.isoformat(), "objectives": rows, "gold_without_plan": gold_without}


def _objectives(ledger: Ledger, standing: Standing, today: date) -> list[dict[str, Any]]:
    if not standing.goals:
        return []
    facts = ledger.history_until(standing.key, today)
    set_by = {item["goal_id"]: item for item in facts if item["type"] == "GoalAdded"}
    tiers: list[tuple[date, Tier]] | None = None
    shown = []
    for goal in sorted(standing.goals.values(), key=lambda g: g.id):
        target = Target.parse(goal.target) if goal.target else None
        if target is not None and target.measure == "tier" and tiers is None:
            steps = BusinessTime(ledger).steps(standing.key, standing.registered_on, Moment(effective=today))
            tiers = [(step.day, step.verdict.tier) for step in steps]
        verdict = objective_status(
            target, set_by.get(goal.id, {"type": "GoalAdded", "occurred_on": goal.added_on, "version": None}),
            goal.due, facts, today, goal.done_on, goal.cancelled_on, tiers or (),
        )
        shown.append(_shown(goal, verdict))
    return shown


def _shown(goal: Goal, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": goal.id, "kind": goal.kind, "target": goal.target, "note": goal.text,
        "added_on": goal.added_on.isoformat(), "due": goal.due and goal.due.isoformat(),
        **verdict.to_dict(),
        "done_on": goal.done_on and goal.done_on.isoformat(),
        "cancelled_on": goal.cancelled_on and goal.cancelled_on.isoformat(),
    }
