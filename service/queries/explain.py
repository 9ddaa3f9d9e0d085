"""Why a client has its tier by business date: the policy's steps up to the date, each with the
facts behind it, when it became known, and what the product showed before it was known."""

import copy
from datetime import date, datetime
from typing import Any

from kamledger.domain.business_time import TierStep
from kamledger.domain.portfolio import PORTFOLIO
from kamledger.domain.relationship import INPUT_FACTS, TIER_INPUT_FACTS, Relationship
from kamledger.domain.standing import Standing
from kamledger.domain.tier_policy import Decision, Situation
from kamledger.service.queries.business_time import BusinessTime
from kamledger.service.queries.moments import Moment
from kamledger.service.queries.past import client_at


def explain_steps(ledger: Any, key: str, registered: dict[str, Any], rows: list[dict[str, Any]],
                  recorded: list[dict[str, Any]], moment: Moment) -> dict[str, Any]:
    business = BusinessTime(ledger)
    steps = [step for step in business.steps(key, registered["occurred_on"], moment) if step.verdict.tier is not step.from_tier]
    adoptions = [row for row in ledger.read_models.timeline(PORTFOLIO)
                 if row["type"] == "PolicyAdopted" and (moment.as_of is None or row["recorded_at"] <= moment.as_of)]
    events = [e for e in ledger.events.get(Relationship.create_id(key)) if moment.as_of is None or e.timestamp <= moment.as_of]
    changes = []
    for step, standing in zip(steps, folded_on(events, [step.day for step in steps])):
        profit = step.situation.client.profit
        position, profits_known = business.position(key, step.day, profit, moment.as_of)
        decision = business.policy_on(step.day, moment.as_of).decide(Situation(standing.tier_inputs(), position))
        known = known_from(step.day, rows, adoptions, profits_known if profit is not None and profit > 0 else None)
        changes.append(step_item(step, decision, key, rows, adoptions, recorded, business, known))
    if moment.is_now:
        decision = ledger.decision_now(ledger.client_standing(key))
    else:
        standing, _ = client_at(ledger, key, moment)
        policy, situations = business.situations(moment)
        decision = policy.decide(Situation(standing.tier_inputs(), situations[key].pareto))
    last = changes[-1] if changes else None
    causes = [ref.to_dict() for ref in decision.causes]
    if last and last["rule"] == decision.rule:  # keep what other clients or the portfolio did to cause the move
        causes += [cause for cause in last["causes"] if cause["client"] != key and cause["version"] is not None]
    return {
        "key": key,
        "name": registered["fields"]["name"],
        "tier": decision.tier.value,
        "previous_tier": last["from_tier"] if last else None,
        "changed_on": last["occurred_on"] if last else None,
        "recorded_at": last["recorded_at"] if last else None,
        "recorded_by": last["recorded_by"] if last else None,
        "rule": decision.rule,
        "policy_version": decision.policy_version,
        "inputs": decision.inputs,
        "rule_description": ledger.rule_meaning(decision.policy_version, decision.rule),
        "rule_reads": rule_reads(ledger, decision.policy_version, decision.rule),
        "causes": ledger.with_fields(causes),
        "inputs_at_change": last["inputs"] if last else None,
        "tier_changes": changes,
        "recorded_changes": recorded,
        "clock": "business",
        "moment": moment.describe(),
    }


def known_from(day: date, rows: list[dict[str, Any]], adoptions: list[dict[str, Any]],
               profits_known: datetime | None) -> tuple[datetime, str | None] | None:
    """When the tier of a business date became known, and by whose entry: the last recorded of the
    client's facts dated by then that the policy reads, of the policy in force then, and (for a
    client with a profit, whose Pareto position depends on everyone's) of the portfolio's profits."""
    known = [(row["recorded_at"], row["recorded_by"]) for row in rows if row["type"] in TIER_INPUT_FACTS and row["occurred_on"] <= day]
    in_force = [row for row in adoptions if row["occurred_on"] <= day]
    if in_force:
        adopted = max(in_force, key=lambda row: (row["occurred_on"], row["version"]))
        known.append((adopted["recorded_at"], adopted["recorded_by"]))
    if profits_known is not None:
        known.append((profits_known, None))
    return max(known, key=lambda pair: pair[0]) if known else None


def folded_on(events: list[Any], days: list[date]) -> list[Standing]:
    """The client's standing on each of the days (in order): its facts folded once, in business-date
    order, with a copy taken at each day (the domain's standing_on, without folding again per day)."""
    facts = sorted((e for e in events if isinstance(e, Relationship.Registered) or e.of_business_time),
                   key=lambda e: (e.occurred_on, e.originator_version))
    found: list[Standing] = []
    standing: Standing | None = None
    position = 0
    for day in days:
        while position < len(facts) and facts[position].occurred_on <= day:
            fact = facts[position]
            if isinstance(fact, Relationship.Registered):
                standing = fact.new_standing()
            elif standing is not None:
                fact.update(standing)
            position += 1
        found.append(copy.deepcopy(standing))  # type: ignore[arg-type]
    return found


def step_item(step: TierStep, decision: Decision, key: str, rows: list[dict[str, Any]], adoptions: list[dict[str, Any]],
              recorded: list[dict[str, Any]], business: BusinessTime, known: tuple[datetime, str | None] | None) -> dict[str, Any]:
    """One step of the business-time chain: its date, the move, the rule and what it saw, the events
    behind those inputs and the facts dated that day that made the move (the client's own, a policy
    adopted, or the Pareto head moving), when it became known (the later of the last of those and
    ``known``, see known_from), and what was shown until then if that was later than its date."""
    triggers = [_cause(key, row) for row in rows
                if row["occurred_on"] == step.day and (row["type"] in INPUT_FACTS or row["type"] == "Registered")]
    triggers += [_cause(PORTFOLIO, row) for row in adoptions if row["occurred_on"] == step.day]
    if not triggers:  # the Pareto head moved: other clients' values of that day
        triggers = [_cause(row["client_key"], row) for row in business.values_recorded_on(step.day)]
    if not triggers and step.head is not None and step.head.day == step.day:
        head = step.head
        triggers.append({
            "client": PORTFOLIO, "version": None, "type": "ParetoHeadMoved", "occurred_on": step.day.isoformat(),
            "recorded_at": head.recorded_at.isoformat() if head.recorded_at else None, "recorded_by": None,
            "fields": {"last_in_head": head.boundary and head.boundary[1],
                       "its_profit": head.boundary and str(head.boundary[0]), "total": str(head.total)},
        })
    causes = [ref.to_dict() for ref in decision.causes]
    named = {(c["client"], c["version"]) for c in causes}
    causes += [{k: v for k, v in t.items() if k != "fields"} for t in triggers if (t["client"], t["version"]) not in named]
    # Known once the last of the facts it needed was recorded: those of its day, those behind its
    # inputs, and what known_from found (everything the policy read by then).
    candidates = [(datetime.fromisoformat(c["recorded_at"]), c["recorded_by"]) for c in causes if c["recorded_at"]]
    latest = max(candidates + ([known] if known else []), key=lambda pair: pair[0], default=None)
    recorded_at = latest[0].isoformat() if latest else None
    by = latest[1] if latest else None
    if latest and by is None:  # the portfolio's profits were last: name whoever entered the step's own facts
        by = max(candidates, key=lambda pair: pair[0], default=(None, None))[1]
    item = {
        "occurred_on": step.day.isoformat(),
        "recorded_at": recorded_at,
        "recorded_by": by,
        "from_tier": step.from_tier.value,
        "to_tier": decision.tier.value,
        "rule": decision.rule,
        "policy_version": decision.policy_version,
        "inputs": decision.inputs,
        "causes": causes,
        "back_dated": bool(recorded_at) and datetime.fromisoformat(recorded_at).date() > step.day,
        "shown_before": None,
    }
    if item["back_dated"]:
        item["shown_before"] = shown_before(recorded, recorded_at, item["to_tier"])
    return item


def shown_before(recorded: list[dict[str, Any]], until: str, tier: str) -> dict[str, Any] | None:
    """What the product showed just before a back-dated step was recorded, and since when, if it
    was another tier than the step's."""
    moment = datetime.fromisoformat(until)
    earlier = [c for c in recorded if datetime.fromisoformat(c["recorded_at"]) < moment]
    if not earlier or earlier[-1]["to_tier"] == tier:
        return None
    last = earlier[-1]
    return {"tier": last["to_tier"], "since": _day(last["recorded_at"]), "until": _day(until)}


def _cause(client: str, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "client": client, "version": row["version"], "type": row["type"], "occurred_on": row["occurred_on"].isoformat(),
        "recorded_at": row["recorded_at"].isoformat(), "recorded_by": row["recorded_by"], "fields": row["fields"],
    }


def _day(moment: str) -> str:
    return date.fromisoformat(moment[:10]).isoformat()


def rule_reads(ledger: Any, policy_version: str | None, rule_id: str | None) -> list[str]:
    """The conditions of a rule of a tier policy (in force now or adopted before)."""
    policy = ledger.policies().get(policy_version or "")
    rule = policy.rule(rule_id) if policy and rule_id else None
    return list(rule.when) if rule else []
