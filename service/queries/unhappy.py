"""Finding the unhappy clients (the method: look actively for the dissatisfied): their surveys,
their open complaints, and key clients not asked within their cadence (domain/surveys.py); read
from the read models shaped for the portfolio, no client loaded whole."""

from collections import defaultdict
from datetime import date
from typing import Any

from kamledger.domain.business_time import said_on
from kamledger.domain.surveys import FeedbackKind, SurveyCadence, unhappy_reasons
from kamledger.domain.tiers import TIERS
from kamledger.service.commands.ledger import Ledger


def unhappy_clients(ledger: Ledger, on: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
    """Every client with a reason to think it unhappy on that business date, each reason named;
    key clients (by tier) first."""
    reads = ledger.read_models
    surveys = reads.portfolio.answers_by_client(on)
    complaints: dict[str, set[int]] = defaultdict(set)
    for row in reads.events_between(["FeedbackGiven", "FeedbackResolved"], None, on):  # few: feedback is rare
        key, fields = row["client_key"], row["fields"]
        if row["type"] == "FeedbackGiven" and fields["kind"] == FeedbackKind.COMPLAINT.value:
            complaints[key].add(fields["feedback_id"])
        elif row["type"] == "FeedbackResolved":
            complaints[key].discard(fields["feedback_id"])
    owners = reads.portfolio.owner_marks()
    found = []
    for key, name, owner, tier, registered_on in reads.portfolio.clients("key", "name", "owner", "tier", "registered_on"):
        if registered_on > on:
            continue
        reasons = unhappy_reasons(surveys.get(key, []), len(complaints.get(key, ())), tier, cadence, on)
        if reasons:
            found.append({"key": key, "name": name, "owner": said_on(owners.get(key), on, owner), "tier": tier, "reasons": reasons})
    return sorted(found, key=lambda row: (TIERS.index(row["tier"]), row["key"]))
