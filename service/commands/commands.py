"""The typed commands: what someone asked the ledger to record, as plain, checked values.

A command names the client it is about and says what it does to it (``change``, a call of one
domain method); it knows nothing of stores or retries. The Ledger handles a command alone (load,
change, save, settle the tiers: service/commands/ledger.py), a Bulk as part of one unit of work
(service/commands/bulk.py). Turning what a person typed into a command is intake's job
(service/commands/intake.py).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from kamledger.domain.attractiveness import RatingSource
from kamledger.domain.effort import EffortKind, Severity
from kamledger.domain.people import PersonLevel, Stance, TouchKind
from kamledger.domain.plans import ObjectiveKind, Target
from kamledger.domain.portfolio import Portfolio
from kamledger.domain.prospects import Choice
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.surveys import FeedbackKind, SurveyChannel
from kamledger.domain.tier_policy import TierPolicy
from kamledger.domain.tiers import Tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension


@dataclass(frozen=True)
class TierChange:
    """A tier the policy changed as a consequence of a command."""

    key: str
    from_tier: str
    to_tier: str
    rule: str


class Outcome(NamedTuple):
    """What handling a command gave: the domain method's answer (a goal's id...) and the tiers it changed."""

    done: Any
    tier_changes: list[TierChange]


@dataclass(frozen=True)
class Creation:
    """A new relationship (the commands that create rather than change)."""

    key: str

    def create(self, on: date, by: str) -> Relationship:
        raise NotImplementedError


@dataclass(frozen=True)
class RegisterClient(Creation):
    name: str
    owner: str | None

    def create(self, on: date, by: str) -> Relationship:
        return Relationship.register(self.key, self.name, self.owner, on, by)


@dataclass(frozen=True)
class AddProspect(Creation):
    """A relationship in the prospect stage: in the pipeline, not yet in the portfolio."""

    name: str
    owner: str | None
    source: str | None
    chance: int | None
    estimated_profit: Decimal | None

    def create(self, on: date, by: str) -> Relationship:
        return Relationship.add_prospect(self.key, self.name, self.owner, self.source, self.chance, self.estimated_profit, on, by)


@dataclass(frozen=True)
class ClientCommand:
    """A change to one registered client, made on a business date by someone."""

    key: str

    def change(self, client: Relationship, on: date, by: str) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class AssignOwner(ClientCommand):
    owner: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.assign_owner(self.owner, on, by)


@dataclass(frozen=True)
class Score(ClientCommand):
    questionnaire: Questionnaire
    answers: tuple[int, ...]
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.score(self.questionnaire, self.answers, self.note, on, by)


@dataclass(frozen=True)
class AnswerSurvey(ClientCommand):
    satisfaction: int
    nps: int
    comment: str | None
    channel: SurveyChannel = SurveyChannel.UNKNOWN

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.answer_survey(self.satisfaction, self.nps, self.comment, on, by, channel=self.channel)


@dataclass(frozen=True)
class ChangePyramidLevel(ClientCommand):
    level: PyramidLevel
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.change_pyramid_level(self.level, self.reason, on, by)


@dataclass(frozen=True)
class RecordValue(ClientCommand):
    period: Period
    revenue: Decimal
    cost_to_serve: Decimal

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.record_value(self.period, self.revenue, self.cost_to_serve, on, by)


@dataclass(frozen=True)
class NoteValueDimension(ClientCommand):
    dimension: ValueDimension
    level: Level
    note: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.note_value_dimension(self.dimension, self.level, self.note, on, by)


@dataclass(frozen=True)
class NoteBurden(ClientCommand):
    signal: BurdenSignal
    note: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.note_burden(self.signal, self.note, on, by)


@dataclass(frozen=True)
class ResolveBurden(ClientCommand):
    signal: BurdenSignal
    note: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.resolve_burden(self.signal, self.note, on, by)


@dataclass(frozen=True)
class OverrideTier(ClientCommand):
    tier: Tier
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.override_tier(self.tier, self.reason, on, by)


@dataclass(frozen=True)
class ClearTierOverride(ClientCommand):
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.clear_tier_override(self.reason, on, by)


@dataclass(frozen=True)
class AddGoal(ClientCommand):
    text: str
    due: date | None

    def change(self, client: Relationship, on: date, by: str) -> int:
        return client.add_goal(self.text, self.due, on, by)


@dataclass(frozen=True)
class AddObjective(ClientCommand):
    kind: ObjectiveKind
    target: Target | None
    note: str
    due: date

    def change(self, client: Relationship, on: date, by: str) -> int:
        return client.add_goal(self.note, self.due, on, by, kind=self.kind, target=self.target)


@dataclass(frozen=True)
class CancelObjective(ClientCommand):
    goal_id: int
    reason: str
    met: bool  # whether its target holds by the ledger: a met objective is not cancelled

    def change(self, client: Relationship, on: date, by: str) -> str:
        return client.cancel_goal(self.goal_id, self.reason, self.met, on, by)


@dataclass(frozen=True)
class GiveFeedback(ClientCommand):
    kind: FeedbackKind
    note: str

    def change(self, client: Relationship, on: date, by: str) -> int:
        return client.give_feedback(self.kind, self.note, on, by)


@dataclass(frozen=True)
class ResolveFeedback(ClientCommand):
    feedback_id: int
    note: str

    def change(self, client: Relationship, on: date, by: str) -> str:
        return client.resolve_feedback(self.feedback_id, self.note, on, by)


@dataclass(frozen=True)
class CompleteGoal(ClientCommand):
    goal_id: int

    def change(self, client: Relationship, on: date, by: str) -> str:
        return client.complete_goal(self.goal_id, on, by)


@dataclass(frozen=True)
class RecordReview(ClientCommand):
    period_from: date | None
    period_to: date

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.record_review(self.period_from, self.period_to, on, by)


@dataclass(frozen=True)
class Forget(ClientCommand):
    """Record why the client's personal notes go; the Ledger then destroys their key."""

    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.forget(self.reason, on, by)


@dataclass(frozen=True)
class DecideProspect(ClientCommand):
    choice: Choice
    reason: str | None

    def change(self, client: Relationship, on: date, by: str) -> bool:
        """True when the decision goes against the scorecard."""
        return client.decide(self.choice, self.reason, on, by)


@dataclass(frozen=True)
class WinProspect(ClientCommand):
    reason: str | None

    def change(self, client: Relationship, on: date, by: str) -> bool:
        return client.win(self.reason, on, by)


@dataclass(frozen=True)
class LoseProspect(ClientCommand):
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.lose_prospect(self.reason, on, by)


@dataclass(frozen=True)
class LoseClient(ClientCommand):
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.lose_client(self.reason, on, by)


@dataclass(frozen=True)
class WinBackClient(ClientCommand):
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.win_back(self.reason, on, by)


@dataclass(frozen=True)
class SetCriteria(ClientCommand):
    """The criteria the client rates suppliers by, with their weights (each above zero)."""

    criteria: tuple[tuple[str, Decimal], ...]

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.set_criteria(dict(self.criteria), on, by)


@dataclass(frozen=True)
class RateOnCriteria(ClientCommand):
    """How we stand on each of the client's criteria, 1-10; gives our attractiveness (0-100)."""

    ratings: tuple[tuple[str, int], ...]
    source: RatingSource
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> Decimal:
        return client.rate_on_criteria(dict(self.ratings), self.source, self.note, on, by)


@dataclass(frozen=True)
class SpendEffort(ClientCommand):
    """Hours of work spent on the client, of one kind."""

    hours: Decimal
    kind: EffortKind
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.spend_effort(self.hours, self.kind, self.note, on, by)


@dataclass(frozen=True)
class NoteProblem(ClientCommand):
    note: str
    severity: Severity

    def change(self, client: Relationship, on: date, by: str) -> int:
        return client.note_problem(self.note, self.severity, on, by)


@dataclass(frozen=True)
class ResolveProblem(ClientCommand):
    problem_id: int
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.resolve_problem(self.problem_id, self.note, on, by)


@dataclass(frozen=True)
class AddContact(ClientCommand):
    """A person at the client, on its map (domain/people.py)."""

    person: str
    name: str
    role: str
    department: str | None
    level: PersonLevel
    stance: Stance
    decides: bool

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.add_contact(self.person, self.name, self.role, self.department, self.level, self.stance, self.decides, on, by)


@dataclass(frozen=True)
class ChangeContact(ClientCommand):
    person: str
    level: PersonLevel | None
    department: str | None
    stance: Stance | None
    decides: bool | None
    role: str | None
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.change_contact(self.person, on, by, level=self.level, department=self.department, stance=self.stance,
                              decides=self.decides, role=self.role, note=self.note)


@dataclass(frozen=True)
class ContactLeft(ClientCommand):
    person: str
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.contact_left(self.person, self.note, on, by)


@dataclass(frozen=True)
class LinkContact(ClientCommand):
    person: str
    ours: str
    strength: int

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.link_contact(self.person, self.ours, self.strength, on, by)


@dataclass(frozen=True)
class UnlinkContact(ClientCommand):
    person: str
    ours: str
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.unlink_contact(self.person, self.ours, self.note, on, by)


@dataclass(frozen=True)
class TouchContact(ClientCommand):
    person: str
    ours: str
    kind: TouchKind
    note: str | None

    def change(self, client: Relationship, on: date, by: str) -> None:
        client.touch_contact(self.person, self.ours, self.kind, self.note, on, by)


@dataclass(frozen=True)
class ForgetContact(ClientCommand):
    """Record why a person goes; the Ledger then destroys their key."""

    person: str
    reason: str

    def change(self, client: Relationship, on: date, by: str) -> str:
        return client.forget_contact(self.person, self.reason, on, by)


@dataclass(frozen=True)
class PortfolioCommand:
    """A change to the portfolio as a whole (its tier policy, its reviews)."""

    def change(self, portfolio: Portfolio, on: date, by: str) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class AdoptPolicy(PortfolioCommand):
    policy: TierPolicy
    document: dict[str, Any]
    reason: str

    def change(self, portfolio: Portfolio, on: date, by: str) -> None:
        portfolio.adopt_policy(self.policy, self.document, self.reason, on, by)


@dataclass(frozen=True)
class OursLeft(PortfolioCommand):
    """One of ours left the company."""

    name: str

    def change(self, portfolio: Portfolio, on: date, by: str) -> None:
        portfolio.record_ours_left(self.name, on, by)


@dataclass(frozen=True)
class RecordPortfolioReview(PortfolioCommand):
    period_from: date | None
    period_to: date

    def change(self, portfolio: Portfolio, on: date, by: str) -> None:
        portfolio.record_review(self.period_from, self.period_to, on, by)


Command = Creation | ClientCommand | PortfolioCommand
