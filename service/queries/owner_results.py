"""The account owners' results over a period (domain/owners.py): every fact credited to the owner
of its client on its business date, so a survey made before a hand-over counts for the owner then."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from kamledger.domain.business_time import said_on
from kamledger.domain.owners import OwnerResult, ranked, tier_direction
from kamledger.domain.plans import Status
from kamledger.domain.surveys import SurveyCadence
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.plans import plan


def owner_results(ledger: Ledger, start: date, end: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
    """Per owner, what changed with the clients they owned between start and end (both included),
    the owners who improved their clients most first."""
    reads = ledger.read_models.portfolio
    with ThreadPoolExecutor(max_workers=1) as pool:
        summed = pool.submit(reads.owner_facts, start, end)  # in SQL while the rest is read and credited
        clients = {key: (owner, tier) for key, owner, tier, registered_on in reads.clients("key", "owner", "tier", "registered_on")
                   if registered_on <= end}
        owner_marks = reads.owner_marks()
        results: dict[str | None, OwnerResult] = {}

        def of(key: str, day: date) -> OwnerResult:
            owner = said_on(owner_marks.get(key), day, clients[key][0])
            return results.setdefault(owner, OwnerResult(owner))

        for key, (_, tier) in clients.items():
            result = of(key, end)
            result.clients[tier] = result.clients.get(tier, 0) + 1
        for owner, from_tier, to_tier, moves in ledger.tier_moves_by_owner(start, end):  # counted per owner of the day
            if direction := tier_direction(from_tier, to_tier):
                result = results.setdefault(owner, OwnerResult(owner))
                if direction == "up":
                    result.tier_up += moves
                else:
                    result.tier_down += moves
        last_survey_before = reads.last_answered_before(start)
        for key, (_, tier) in clients.items():
            if cadence.is_due(tier, last_survey_before.get(key), end):
                of(key, end).surveys_due += 1
        for standing in ledger.with_plans():
            if standing.key in clients:
                for objective in plan(ledger, standing.key, end):
                    due = date.fromisoformat(objective["due"]) if objective["due"] else None
                    if objective["status"] == Status.MET.value and objective["met_by"] and start <= _day(objective["met_by"]["occurred_on"]) <= end:
                        of(standing.key, _day(objective["met_by"]["occurred_on"])).targets_met += 1
                    elif objective["status"] == Status.OVERDUE.value and due is not None and start <= due <= end:
                        of(standing.key, due).objectives_overdue += 1
        owner_of_mark = {(key, mark.version): mark.says for key, marks in owner_marks.items() for mark in marks}
        for key, mark, what, sums in summed.result():  # summed per client and owner of the day
            if key in clients:
                owner = said_on(owner_marks.get(key), start, clients[key][0]) if mark is None else owner_of_mark[(key, mark)]
                _credit(results.setdefault(owner, OwnerResult(owner)), what, sums)
    return [result.to_dict() for result in ranked(list(results.values()))]


def _credit(result: OwnerResult, what: str, sums: Any) -> None:
    """Add a client's sums of one kind of fact (PortfolioReads.owner_facts) to the owner's results."""
    if what == "survey":
        held, satisfaction, nps = sums
        result.surveys_held += held
        result.satisfaction_change += satisfaction
        result.nps_change += nps
    elif what == "score":
        result.score_change += sums
    elif what == "pyramid":
        up, down = sums
        result.pyramid_up += up
        result.pyramid_down += down
    elif sums is not None:  # the profit of the value entries for periods within the period
        result.profit += sums


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))

