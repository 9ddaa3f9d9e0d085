"""Finding the unhappy clients (the method: look actively for the dissatisfied): their surveys,
their open complaints, and key clients not asked within their cadence (domain/surveys.py)."""

from collections import defaultdict
from datetime import date
from typing import Any

from kamledger.domain.surveys import SurveyCadence, unhappy_reasons
from kamledger.domain.tiers import TIERS
from kamledger.service.commands.ledger import Ledger


def unhappy_clients(ledger: Ledger, on: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
    """Every client with a reason to think it unhappy on that business date, each reason named;
    key clients (by tier) first."""
    surveys: dict[str, list[tuple[date, int, int, int]]] = defaultdict(list)
    for row in ledger.read_models.events_between(["SurveyAnswered"], None, on):
        surveys[row["client_key"]].append((row["occurred_on"], row["version"], row["fields"]["satisfaction"], row["fields"]["nps"]))
    found = []
    for standing in ledger.every_standing():
        if standing.registered_on > on:
            continue
        answered = [(day, satisfaction, nps) for day, _, satisfaction, nps in sorted(surveys.get(standing.key, ()))]
        complaints = [f for f in standing.open_complaints if f.given_on <= on]
        tier = standing.tier.tier.value
        reasons = unhappy_reasons(answered, len(complaints), tier, cadence, on)
        if reasons:
            found.append({"key": standing.key, "name": standing.name, "owner": standing.said_on("owner", on, standing.owner),
                          "tier": tier, "reasons": reasons})
    return sorted(found, key=lambda row: (TIERS.index(row["tier"]), row["key"]))
