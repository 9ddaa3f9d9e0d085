"""What a coaching review needs from the ledger, gathered as plain data; reports/ lays it out
(reports/review.py for a client, reports/portfolio.py for the whole portfolio)."""

from collections import Counter
from datetime import date
from typing import Any

from kamledger.domain import business_time as bt
from kamledger.domain.business_time import said_on
from kamledger.projections.people import contacts_by_client
from kamledger.service.commands.ledger import Ledger
from kamledger.domain.people import coverage_of, synergy_mismatch
from kamledger.service.queries.pipeline import Pipeline
from kamledger.service.queries.plans import plan


def client_review_data(ledger: Ledger, key: str, end: date, start: date | None = None) -> dict[str, Any]:
    """The client's history by business date up to the period's end, its why, the scorecard
    questions and what each rule in them means."""
    history = ledger.history_until(key, end)
    why = ledger.why(key)
    rules = {(i["policy_version"], i["rule"]) for i in [*history, *why["tier_changes"]] if i.get("type", "TierChanged") == "TierChanged"}
    meanings = {rule: ledger.rule_meaning(*rule) for rule in rules | {(why["policy_version"], why["rule"])}}
    return {"history": history, "why": why, "questions": ledger.questionnaire.questions, "meanings": meanings,
            "plan": plan(ledger, key, end), "people": people_coverage(ledger, key, start, end)}


def people_coverage(ledger: Ledger, key: str, start: date | None, end: date) -> dict[str, Any]:
    """The coverage of the client's people at the start and the end of a period (the start: its
    registration when the period has none), and whether the pyramid and the map disagree at its end."""
    standing = ledger.read_models.standing(key)
    if standing is None:
        return {}
    left = ledger.read_models.ours_left()
    first = max(start or standing.registered_on, standing.registered_on)
    at_end = coverage_of(standing.marks, end, left)
    pyramid = standing.said_on(bt.PYRAMID, end, standing.pyramid_level.value)
    return {"start": coverage_of(standing.marks, first, left).to_dict(), "end": at_end.to_dict(),
            "mismatch": synergy_mismatch(pyramid, at_end)}


def portfolio_review_data(ledger: Ledger, start: date | None, end: date) -> dict[str, Any]:
    """The standings and tier moves by business date, the period's pyramid moves and its surveys
    (counted in SQL), and per client what changed since the previous portfolio review (counts, not
    every event)."""
    histories: dict[str, list[dict[str, Any]]] = {}
    for item in ledger.events_between(["PyramidLevelChanged"], start, end):
        histories.setdefault(item["key"], []).append(item)
    surveys: Counter[tuple[int, int]] = Counter()
    for _, _, answers in ledger.read_models.portfolio.answers(start, end, None):
        surveys.update(answers)
    portfolio_events = ledger.portfolio_history()
    previous = next((item for item in reversed(portfolio_events) if item["type"] == "Reviewed"), None)
    moves = ledger.tier_moves(start, end)
    mapped = sorted(contacts_by_client(ledger.read_models.engine))
    people_changes = []
    if mapped:  # the changes are shown with the map: read only where there is one
        owners = ledger.read_models.portfolio.owner_marks()
        people_changes = [{**item, "owner": said_on(owners.get(item["key"]), date.fromisoformat(item["occurred_on"]))}
                          for item in ledger.events_between(list(PEOPLE_CHANGES), start, end)]
    return {
        "standings": ledger.standings_on(end),
        "histories": histories,
        "surveys": surveys,
        "portfolio_events": portfolio_events,
        "policy_version": ledger.policy.version,
        "meanings": {rule: ledger.rule_meaning(*rule) for rule in {(m["policy_version"], m["rule"]) for m in moves}},
        "moves": moves,
        "changes": ledger.changes_since(previous, end),
        "plans": {s.key: plan(ledger, s.key, end) for s in ledger.with_plans()},
        "pipeline": Pipeline(ledger).prospects(),
        "people_changes": people_changes,
        "people": {key: people_coverage(ledger, key, start, end) for key in mapped},
    }


PEOPLE_CHANGES = ("ContactAdded", "ContactLeft", "ContactChanged")  # who joined, left or changed stance


def key_clients(ledger: Ledger) -> list[dict[str, Any]]:
    """The gold clients (the policy's key clients) with their owner, pyramid level and the rule
    that makes them gold, in words (each rule's meaning looked up once: it loads the policies)."""
    rows = ledger.standings(tier="gold")
    meanings = {rule: ledger.rule_meaning(*rule) for rule in {(row["policy_version"], row["tier_rule"]) for row in rows}}
    return [
        {"key": row["key"], "name": row["name"], "owner": row["owner"], "pyramid_level": row["pyramid_level"],
         "why": meanings[(row["policy_version"], row["tier_rule"])] or row["tier_rule"]}
        for row in rows
    ]
