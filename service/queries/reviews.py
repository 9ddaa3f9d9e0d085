"""What a coaching review needs from the ledger, gathered as plain data; reports/ lays it out
(reports/review.py for a client, reports/portfolio.py for the whole portfolio)."""

from collections import Counter
from datetime import date
from typing import Any

from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.pipeline import Pipeline
from kamledger.service.queries.plans import plan


def client_review_data(ledger: Ledger, key: str, end: date) -> dict[str, Any]:
    """The client's history by business date up to the period's end, its why, the scorecard
    questions and what each rule in them means."""
    history = ledger.history_until(key, end)
    why = ledger.why(key)
    rules = {(i["policy_version"], i["rule"]) for i in [*history, *why["tier_changes"]] if i.get("type", "TierChanged") == "TierChanged"}
    meanings = {rule: ledger.rule_meaning(*rule) for rule in rules | {(why["policy_version"], why["rule"])}}
    return {"history": history, "why": why, "questions": ledger.questionnaire.questions, "meanings": meanings,
            "plan": plan(ledger, key, end)}


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
    }


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
