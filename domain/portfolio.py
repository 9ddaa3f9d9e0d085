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
from kamledger.domain.keys import required_text
from kamledger.domain.tier_policy import TierPolicy

PORTFOLIO = "(portfolio)"  # how portfolio events are named where a client key would stand


class Portfolio(Aggregate):
    if TYPE_CHECKING:  # set by Opened (annotations here would make the library redefine __init__)
        policies: dict[str, dict[str, Any]]  # every policy adopted, by version
        policy_version: str | None  # the one in force
    class Opened(Aggregate.Created):
        occurred_on: date
        recorded_by: str

        def apply(self, aggregate: "Portfolio") -> None:
            aggregate.policies = {}
            aggregate.policy_version = None

    class PolicyAdopted(Recorded):
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

    def record_review(self, period_from: date | None, period_to: date, occurred_on: date, recorded_by: str) -> None:
        check_review_period(period_from, period_to)
        self.trigger_event(
            self.Reviewed, period_from=period_from, period_to=period_to,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )
