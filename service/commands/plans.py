"""Cancelling an objective of a development plan: allowed unless the ledger says its target is met."""

from kamledger.domain.plans import Status
from kamledger.service.commands.commands import CancelObjective
from kamledger.service.commands.entry import Entry
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.plans import plan


def cancel_objective(ledger: Ledger, key: str, goal_id: int, reason: str, entry: Entry) -> str:
    """Give up objective `goal_id` of the client's plan as of the entry's date; returns its note."""
    status = next((o["status"] for o in plan(ledger, key, entry.occurred_on) if o["id"] == goal_id), None)
    met = status in (Status.MET.value, Status.DONE.value)
    return ledger.handle(CancelObjective(key, goal_id, reason, met), entry).done
