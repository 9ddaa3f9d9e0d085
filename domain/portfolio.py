"""The Portfolio aggregate: facts about the ledger as a whole, not one client.

Which tier policy is in force (each adopted policy is kept whole, so any past evaluation can be
replayed) and when the portfolio was reviewed.
"""

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from kamledger.domain.errors import RuleViolation
from kamledger.domain.facts import Recorded, check_review_period, review_described
from kamledger.domain.keys import checked_name, required_text
from kamledger.domain.tier_policy import TierPolicy

PORTFOLIO = "(portfolio)"  # how portfolio events are named where a client key would stand


class Portfolio(Aggregate):
    if TYPE_CHECKING:  # set by Opened (annotations here would make the library redefine __init__)
        policies: dict[str, dict[str, Any]]  # every policy adopted, by version
        policy_version: str | None  # the one in force
        ours_left: dict[str, date]  # each of ours who left the company, and when (older snapshots lack it)
    class Opened(Aggregate.Created):
        occurred_on: date
        recorded_by: str

        def apply(self, aggregate: "Portfolio") -> None:
            aggregate.policies = {}
            aggregate.policy_version = None
            aggregate.ours_left = {}

    class PolicyAdopted(Recorded):
        decides_tiers = True  # the policy in force from its business date on
        version: str
        document: dict[str, Any]
        reason: str

        def apply(self, aggregate: "Portfolio") -> None:
            aggregate.policies[self.version] = self.document
            aggregate.policy_version = self.version

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"tier policy {e['version']} adopted: {e['reason']}"

    class Reviewed(Recorded):
        period_from: date | None
        period_to: date

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return review_described(e)

    class OursLeft(Recorded):
        """One of ours left the company: the relationships they held need a new holder (domain/people.py)."""

        name: str

        def apply(self, aggregate: "Portfolio") -> None:
            aggregate.ours_left = {**getattr(aggregate, "ours_left", {}), self.name: self.occurred_on}

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"{e['name']} left the company: their relationships need a new holder"

    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE_URL, "kamledger:portfolio")

    @classmethod
    def open(cls, occurred_on: date, recorded_by: str) -> "Portfolio":
        return cls._create(cls.Opened, id=cls.create_id(), occurred_on=occurred_on, recorded_by=recorded_by)

    @property
    def policy_document(self) -> dict[str, Any] | None:
        return self.policies.get(self.policy_version) if self.policy_version else None

    def adopt_policy(self, policy: TierPolicy, document: dict[str, Any], reason: str, occurred_on: date, recorded_by: str) -> None:
        """Put a tier policy in force. A version names one set of rules for good."""
        reason = required_text(reason, "a reason for adopting the policy")
        earlier = self.policies.get(policy.version)
        if earlier is not None and earlier != document:
            raise RuleViolation(f"tier policy {policy.version} was adopted before with other rules: give it a new version")
        if policy.version == self.policy_version:
            raise RuleViolation(f"tier policy {policy.version} is already in force")
        self.trigger_event(
            self.PolicyAdopted, version=policy.version, document=document, reason=reason,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def record_ours_left(self, name: str, occurred_on: date, recorded_by: str) -> None:
        """One of ours left the company on that date (once)."""
        name = checked_name(name, "one of ours")
        left = getattr(self, "ours_left", {}).get(name)
        if left is not None:
            raise RuleViolation(f"{name} already left the company on {left}")
        self.trigger_event(self.OursLeft, name=name, occurred_on=occurred_on, recorded_by=recorded_by)

    def record_review(self, period_from: date | None, period_to: date, occurred_on: date, recorded_by: str) -> None:
        check_review_period(period_from, period_to)
        self.trigger_event(
            self.Reviewed, period_from=period_from, period_to=period_to,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )
