"""The account owners' results over a period (domain/owners.py): every fact credited to the owner
of its client on its business date, so a survey made before a hand-over counts for the owner then."""

from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.business_time import said_on
from kamledger.domain.owners import OwnerResult, ranked, tier_direction
from kamledger.domain.plans import Status
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.surveys import SurveyCadence
from kamledger.domain.value import Period
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.plans import plan

KINDS = ["SurveyAnswered", "Scored", "PyramidLevelChanged", "ValueRecorded"]


def owner_results(ledger: Ledger, start: date, end: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
    """Per owner, what changed with the clients they owned between start and end (both included),
    the owners who improved their clients most first."""
    reads = ledger.read_models.portfolio
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
    latest: dict[tuple[str, str], Any] = {}  # (client, measure) -> its latest answer in the period so far
    last_survey_before = reads.last_answered_before(start)
    for row in ledger.read_models.each_event_between(KINDS, start, end):  # read as they come: a long period has many
        key, day, kind, fields = row["client_key"], row["occurred_on"], row["type"], row["fields"]
        if key not in clients:
            continue
        result = of(key, day)
        if kind == "SurveyAnswered":
            result.surveys_held += 1
            for measure in ("satisfaction", "nps"):
                _changed(result, latest, key, measure, fields[measure])
        elif kind == "Scored":
            _changed(result, latest, key, "score", fields["total"])
        elif kind == "PyramidLevelChanged":
            up = PyramidLevel(fields["to_level"]).height > PyramidLevel(fields["from_level"]).height
            if up:
                result.pyramid_up += 1
            else:
                result.pyramid_down += 1
        elif kind == "ValueRecorded" and Period.parse(fields["period"]).within(start, end):
            result.profit += Decimal(str(fields["revenue"])) - Decimal(str(fields["cost_to_serve"]))
    for move in ledger.tier_moves(start, end):
        direction = tier_direction(move["from_tier"], move["to_tier"])
        if direction and move["key"] in clients:
            result = of(move["key"], date.fromisoformat(move["occurred_on"]))
            if direction == "up":
                result.tier_up += 1
            else:
                result.tier_down += 1
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
    return [result.to_dict() for result in ranked(list(results.values()))]


def _changed(result: OwnerResult, latest: dict[tuple[str, str], Any], key: str, measure: str, answer: int) -> None:
    """A client's change since its survey (or scoring) before, within the period, credited to the
    owner of this one: summed, an owner's changes make the client's first-to-last change."""
    before = latest.get((key, measure))
    if before is not None:
        setattr(result, f"{measure}_change", getattr(result, f"{measure}_change") + answer - before)
    latest[(key, measure)] = answer


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))

