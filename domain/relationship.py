"""The Relationship aggregate: one per client, an append-only stream of what happened.

Public methods validate and then trigger an event; each event's ``update`` only assigns state
(it re-runs on every replay), through the client's ``Standing``.
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from kamledger.domain import business_time as bt
from kamledger.domain import people
from kamledger.domain.effort import EffortKind, Severity, checked_hours
from kamledger.domain.attractiveness import RatingSource, checked_ratings, weighted_mean_x10, weights_text
from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.privacy import FORGOTTEN
from kamledger.domain.facts import Recorded, check_review_period, review_described, with_note
from kamledger.domain.pyramid import STARTING_LEVEL, PyramidLevel, direction_of
from kamledger.domain.scorecard import MAX_TOTAL, Band, Questionnaire, band_for, checked_answers
from kamledger.domain.standing import (
    DimensionNote, Feedback, Goal, LatestRating, LatestScore, LatestSurvey, PeriodValue, Standing, TierOverride, TierStanding,
)
from kamledger.domain.surveys import FeedbackKind, SurveyChannel, checked_nps, checked_satisfaction
from kamledger.domain.tier_policy import Decision
from kamledger.domain.tiers import EventRef, Tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension
from kamledger.domain.keys import checked_key, checked_name, required_text
from kamledger.domain.plans import ObjectiveKind, Target
from kamledger.domain.prospects import (
    Choice, Departure, ProspectRecord, Stage, Status, against_scorecard, checked_chance, winning_against_scorecard,
)


class Fact(Recorded):
    """Every relationship event after registration changes the client's Standing."""

    counts_for_tiers: ClassVar[bool] = True  # False: not an input a tier change can be caused by
    tier_input: ClassVar[bool] = False  # True: the tier policy reads what it says (a value, score, ...)
    # False: a fact of recording time (what the product decided when), not of the business date
    # (business-time views leave it out and ask the tier policy instead).
    of_business_time: ClassVar[bool] = True
    # True: its personal texts are about one person at the client, sealed with that person's own key
    # (kam forget --person), not the client's; the event names the person in its field ``person``.
    sealed_per_person: ClassVar[bool] = False

    def apply(self, aggregate: "Relationship") -> None:
        self.update(aggregate.standing)

    def update(self, standing: Standing) -> None:
        """Assign what this event changes; runs on every replay, so no checks here."""

    def business_mark(self) -> tuple[str, Any] | None:
        """The input slot this fact marks on its business date and what it says there
        (domain/business_time.py); None for a fact that sets no input."""
        return None

    def marked(self, standing: Standing) -> bool:
        """Put this fact's mark on the standing; True when it is its slot's latest by business date
        (so the latest facts, not the last recorded, are what the standing shows)."""
        slot, says = self.business_mark()  # type: ignore[misc]
        return standing.mark(slot, self.occurred_on, self.originator_version, says)


class PersonFact(Fact):
    """A fact about one person at the client (domain/people.py): sealed with that person's own key,
    and once the person is forgotten, history says only what happened to "a forgotten person"."""

    sealed_per_person: ClassVar[bool] = True
    happened: ClassVar[str] = ""  # what history says of it once the person is forgotten

    def update(self, standing: Standing) -> None:
        """A mark on the person's map, and the event among those behind the people's inputs."""
        self.marked(standing)
        standing.people_refs.append(self.ref(standing.key))

    @classmethod
    def describe(cls, e: Mapping[str, Any]) -> str:
        if e.get("person") == FORGOTTEN:  # nothing about a forgotten person is shown
            return f"a forgotten person: {cls.happened}"
        return cls.describe_person(e)

    @classmethod
    def describe_person(cls, e: Mapping[str, Any]) -> str:
        raise NotImplementedError


class Relationship(Aggregate):
    # Its events' base: the library would otherwise define every event class again under an Event
    # of its own (each one a dataclass processed twice, a third of this module's import time).
    Event = Fact
    if TYPE_CHECKING:
        standing: Standing  # set by Registered

    class Registered(Aggregate.Created):
        key: str
        name: str
        owner: str | None
        occurred_on: date
        recorded_by: str

        def apply(self, aggregate: "Relationship") -> None:
            aggregate.standing = self.new_standing()

        def new_standing(self) -> Standing:
            standing = Standing(self.key, self.name, self.owner, self.occurred_on)
            standing.mark(bt.OWNER, self.occurred_on, self.originator_version, self.owner)
            return standing

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"registered as '{e['name']}'" + (f", owner {e['owner']}" if e.get("owner") else "")

    class OwnerAssigned(Fact):
        owner: str
        previous_owner: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.OWNER, self.owner

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.owner = self.owner

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"owner {e.get('previous_owner') or '(none)'} -> {e['owner']}"

    class Scored(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        questionnaire_version: str
        answers: list[int]
        total: int
        band: str
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.SCORE, self.total

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            standing.note_score(LatestScore(
                self.questionnaire_version, tuple(self.answers), self.total,
                band_for(self.total), self.occurred_on, self.ref(standing.key),
            ))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"scored {e['total']}/{MAX_TOTAL} ({e['band']}, questionnaire {e['questionnaire_version']})", e.get("note"))

    class SurveyAnswered(Fact):
        personal = ("comment",)  # sealed; unreadable once forgotten
        class_version = 2
        satisfaction: int
        nps: int
        comment: str | None
        channel: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Surveys recorded before channels were kept."""
            state["channel"] = SurveyChannel.UNKNOWN.value

        def business_mark(self) -> tuple[str, Any]:
            return bt.SURVEY, [self.satisfaction, self.nps]

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            standing.note_survey(LatestSurvey(self.satisfaction, self.nps, self.occurred_on, self.ref(standing.key)))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"survey{_by_channel(e)}: satisfaction {e['satisfaction']}/10, NPS answer {e['nps']}", e.get("comment"))

    class PyramidLevelChanged(Fact):
        personal = ("reason",)  # sealed; unreadable once forgotten
        from_level: str
        to_level: str
        direction: str
        reason: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.PYRAMID, self.to_level

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.pyramid_level = PyramidLevel(self.to_level)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"pyramid {e['direction']}: {e['from_level']} -> {e['to_level']}: {e['reason']}"

    class ValueRecorded(Fact):
        tier_input = True
        period: str
        revenue: Decimal
        cost_to_serve: Decimal

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.VALUE, self.period), [str(self.revenue - self.cost_to_serve), str(self.revenue), str(self.cost_to_serve)]

        def update(self, standing: Standing) -> None:
            if self.marked(standing):  # a period recorded again: the later business date corrects it
                ref = self.ref(standing.key)
                standing.record_value(PeriodValue(self.period, self.revenue, self.cost_to_serve, ref))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"value {e['period']}: revenue {e['revenue']}, cost to serve {e['cost_to_serve']}"

    class ValueDimensionNoted(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        dimension: str
        level: str
        note: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.DIMENSION, self.dimension), self.level

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            note = DimensionNote(Level(self.level), self.occurred_on, self.ref(standing.key))
            standing.note_dimension(ValueDimension(self.dimension), note)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"{e['dimension']} value {e['level']}: {e['note']}"

    class BurdenSignalNoted(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        signal: str
        note: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.BURDEN, self.signal), True

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.burdens[BurdenSignal(self.signal)] = self.ref(standing.key)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"burden {e['signal']}: {e['note']}"

    class BurdenSignalResolved(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        signal: str
        note: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.BURDEN, self.signal), False

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.burdens.pop(BurdenSignal(self.signal), None)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"burden {e['signal']} resolved: {e['note']}"

    class TierOverridden(Fact):
        personal = ("reason",)  # sealed; unreadable once forgotten
        tier_input = True
        tier: str
        reason: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.OVERRIDE, self.tier

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.override = TierOverride(Tier(self.tier), self.ref(standing.key))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"tier set by hand to {e['tier']}: {e['reason']}"

    class TierOverrideCleared(Fact):
        personal = ("reason",)  # sealed; unreadable once forgotten
        tier_input = True
        reason: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.OVERRIDE, None

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.override = None

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"tier override cleared: {e['reason']}"

    class Reviewed(Fact):
        """A coaching review of the relationship covered this period (it changes no standing)."""

        period_from: date | None
        period_to: date

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return review_described(e)

    class Forgotten(Fact):
        """The client's personal notes were made unreadable (its key destroyed); why, and by whom."""

        reason: str

        def apply(self, aggregate: "Relationship") -> None:
            super().apply(aggregate)
            aggregate.forgotten_on = self.occurred_on

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"personal notes forgotten: {e['reason']}"

    class GoalAdded(Fact):
        """An objective of the development plan was set (the plan is not a tier input): to retain
        or develop, with a target the ledger checks or none (domain/plans.py)."""

        class_version = 2
        counts_for_tiers = False
        goal_id: int
        text: str
        due: date | None
        kind: str | None
        target: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Goals set before plans had kinds and targets."""
            state["kind"] = state["target"] = None

        def update(self, standing: Standing) -> None:
            standing.goals[self.goal_id] = Goal(self.goal_id, self.text, self.occurred_on, self.due, kind=self.kind, target=self.target)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            if not e.get("kind"):
                return f"goal {e['goal_id']} added: {e['text']}" + (f" (due {e['due']})" if e.get("due") else "")
            target = f", target {e['target']}" if e.get("target") else ""
            return f"objective {e['goal_id']} added ({e['kind']}{target}, due {e['due']}): {e['text']}"

    class GoalDone(Fact):
        counts_for_tiers = False
        goal_id: int

        def update(self, standing: Standing) -> None:
            standing.goals[self.goal_id] = replace(standing.goals[self.goal_id], done_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"goal {e['goal_id']} done"

    class FeedbackGiven(Fact):
        """What the client said outside a survey: a complaint, a wish or praise (not a tier input)."""

        personal = ("note",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        feedback_id: int
        kind: str
        note: str

        def update(self, standing: Standing) -> None:
            standing.feedback[self.feedback_id] = Feedback(self.feedback_id, self.kind, self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"{e['kind']} {e['feedback_id']}: {e['note']}"

    class FeedbackResolved(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        feedback_id: int
        note: str

        def update(self, standing: Standing) -> None:
            standing.feedback[self.feedback_id] = replace(standing.feedback[self.feedback_id], resolved_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"feedback {e['feedback_id']} resolved: {e['note']}"

    class GoalCancelled(Fact):
        """An objective of the plan was given up, and why."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        goal_id: int
        reason: str

        def update(self, standing: Standing) -> None:
            standing.goals[self.goal_id] = replace(standing.goals[self.goal_id], cancelled_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"objective {e['goal_id']} cancelled: {e['reason']}"
    # The way in and out of the portfolio (domain/prospects.py): each marks the stage by business date.

    class ProspectAdded(Fact):
        """A relationship before the first deal: in the pipeline, not in the portfolio."""

        source: str | None
        chance: int | None
        estimated_profit: Decimal | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.STAGE, Stage.PROSPECT.value

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.stage = Stage.PROSPECT
            standing.prospect = ProspectRecord(self.occurred_on, self.source, self.chance, self.estimated_profit)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return "added as a prospect" + "".join(
                f", {label} {e[name]}" for name, label in (("source", "from"), ("chance", "chance %"), ("estimated_profit", "estimated profit"))
                if e.get(name) is not None)

    class ProspectDecided(Fact):
        """Pursue or decline, with the score and band known for its date when it was recorded and
        whether that went against the scorecard then (the pipeline judges by business date, from
        the scores effective on the decision's date: ProspectRecord.against_scorecard)."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        choice: str
        reason: str | None
        score_total: int | None
        band: str | None
        against_scorecard: bool

        def update(self, standing: Standing) -> None:
            record = standing.prospect
            if record is not None and (record.decided_on is None or self.occurred_on >= record.decided_on):
                standing.prospect = replace(record, choice=Choice(self.choice), decided_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"decided to {e['choice']}" + _against(e), e.get("reason"))

    class ProspectWon(Fact):
        """The first deal: a client from then on, under the same key, its history going on."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        reason: str | None
        score_total: int | None
        band: str | None
        against_scorecard: bool

        def business_mark(self) -> tuple[str, Any]:
            return bt.STAGE, Stage.CLIENT.value

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.stage = Stage.CLIENT
            if standing.prospect is not None:
                standing.prospect = replace(standing.prospect, outcome=Status.WON, outcome_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note("won: a client from then on" + _against(e), e.get("reason"))

    class ProspectLost(Fact):
        """It chose someone else (it stays out of the portfolio)."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        reason: str
        score_total: int | None
        band: str | None

        def update(self, standing: Standing) -> None:
            if standing.prospect is not None:
                standing.prospect = replace(standing.prospect, outcome=Status.LOST, outcome_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note("prospect lost", e.get("reason"))

    class ClientLost(Fact):
        """The client left (for a competitor, or just left): a former client from then on."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        reason: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.STAGE, Stage.FORMER.value

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.stage = Stage.FORMER
                standing.departure = Departure(self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note("client lost: a former client from then on", e.get("reason"))

    class ClientWonBack(Fact):
        """A former client is a client again."""

        personal = ("reason",)  # sealed; unreadable once forgotten
        reason: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.STAGE, Stage.CLIENT.value

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.stage = Stage.CLIENT
                if standing.departure is not None:
                    standing.departure = replace(standing.departure, back_on=self.occurred_on)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note("won back: a client again", e.get("reason"))
    class CriteriaSet(Fact):
        """The criteria the client rates its suppliers by, with their weights (as given)."""

        counts_for_tiers = False
        criteria: dict[str, str]

        def business_mark(self) -> tuple[str, Any]:
            return bt.CRITERIA, self.criteria

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.criteria = {name: Decimal(weight) for name, weight in self.criteria.items()}

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return "criteria set: " + weights_text({name: Decimal(w) for name, w in e["criteria"].items()})

    class RatedOnCriteria(Fact):
        """How we stand on each of the client's criteria, 1-10, as the client told us or as we estimate."""

        personal = ("note",)  # sealed; unreadable once forgotten
        counts_for_tiers = False
        ratings: dict[str, int]
        source: str
        attractiveness: str  # the weighted mean x10 by the criteria of its date, as it was recorded
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.RATING, {"source": self.source, "ratings": self.ratings}

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.rating = LatestRating(dict(self.ratings), self.source, self.occurred_on, self.ref(standing.key))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            rated = ", ".join(f"{name} {value}" for name, value in e["ratings"].items())
            return with_note(f"rated by the client's criteria ({e['source']}): {rated}; our attractiveness {e['attractiveness']}", e.get("note"))

    class EffortSpent(Fact):
        """Hours of work spent on the client (each entry adds to what it costs us in time)."""

        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        hours: Decimal
        kind: str
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.EFFORT, str(self.originator_version)), [str(self.hours), self.kind]

        def update(self, standing: Standing) -> None:
            if self.marked(standing):
                standing.spend(self.kind, self.hours, self.ref(standing.key))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"{e['hours']} h of {e['kind']}", e.get("note"))

    class ProblemNoted(Fact):
        """A problem the client caused or had (an escalation, rework, a dispute), open until resolved."""

        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        problem_id: int
        severity: str
        note: str

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.PROBLEM, str(self.problem_id)), self.severity

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            standing.problem_marked(self.problem_id, self.ref(standing.key))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"problem {e['problem_id']} ({e['severity']}): {e['note']}"

    class ProblemResolved(Fact):
        personal = ("note",)  # sealed; unreadable once forgotten
        tier_input = True
        problem_id: int
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.PROBLEM, str(self.problem_id)), None

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            standing.problem_marked(self.problem_id)

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"problem {e['problem_id']} resolved", e.get("note"))

    # The people on both sides (domain/people.py): their texts are sealed with the person's own key.

    class ContactAdded(PersonFact):
        """A person at the client, on the map from that date: name and role are sealed texts."""

        happened = "added"
        personal = ("name", "role")
        tier_input = True
        person: str
        name: str
        role: str
        department: str | None
        level: str
        stance: str
        decides: bool

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.PERSON, self.person), bt.PRESENT

        def update(self, standing: Standing) -> None:
            self.marked(standing)
            details = {bt.PERSON_LEVEL: self.level, bt.PERSON_DEPARTMENT: self.department,
                       bt.PERSON_STANCE: self.stance, bt.PERSON_DECIDES: self.decides}
            for kind, says in details.items():
                standing.mark(bt.slot(kind, self.person), self.occurred_on, self.originator_version, says)
            standing.people_refs.append(self.ref(standing.key))

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            where = f", {e['department']}" if e.get("department") else ""
            decides = ", decides" if e.get("decides") else ""
            return f"contact {e['person']} added: {e['name']} ({e['role']}; {e['level']}{where}, {e['stance']}{decides})"

    class ContactChanged(PersonFact):
        """What we know of a person changed: their stance, level, department, role or whether they decide."""

        happened = "changed"
        personal = ("role", "note")
        counts_for_tiers = False
        person: str
        level: str | None
        department: str | None
        stance: str | None
        decides: bool | None
        role: str | None
        note: str | None

        def update(self, standing: Standing) -> None:
            details = {bt.PERSON_LEVEL: self.level, bt.PERSON_DEPARTMENT: self.department,
                       bt.PERSON_STANCE: self.stance, bt.PERSON_DECIDES: self.decides}
            for kind, says in details.items():
                if says is not None:
                    standing.mark(bt.slot(kind, self.person), self.occurred_on, self.originator_version, says)

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            changes = [f"{name} {e[name]}" for name in ("stance", "level", "department", "role") if e.get(name) is not None]
            if e.get("decides") is not None:
                changes.append("decides" if e["decides"] else "no longer decides")
            return with_note(f"contact {e['person']}: " + ", ".join(changes), e.get("note"))

    class ContactLeft(PersonFact):
        """The person left the client (they stay in its history)."""

        happened = "left the client"
        personal = ("note",)
        tier_input = True
        person: str
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.PERSON, self.person), people.LEFT

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"contact {e['person']} left the client", e.get("note"))

    class ContactLinked(PersonFact):
        """One of ours holds the relationship with the person, with a strength 1-5 (linking again sets it)."""

        happened = "linked"
        tier_input = True
        person: str
        ours: str
        strength: int

        def business_mark(self) -> tuple[str, Any]:
            return people.link_slot(self.person, self.ours), self.strength

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            return f"contact {e['person']} held by {e['ours']} (strength {e['strength']}/5)"

    class ContactUnlinked(PersonFact):
        """One of ours no longer holds the relationship with the person."""

        happened = "unlinked"
        personal = ("note",)
        tier_input = True
        person: str
        ours: str
        note: str | None

        def business_mark(self) -> tuple[str, Any]:
            return people.link_slot(self.person, self.ours), None

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"contact {e['person']} no longer held by {e['ours']}", e.get("note"))

    class ContactTouched(PersonFact):
        """One of ours was in touch with the person: a meeting, a call, an email, an event."""

        happened = "touched"
        personal = ("note",)
        counts_for_tiers = False
        person: str
        ours: str
        kind: str
        note: str | None

        def update(self, standing: Standing) -> None:
            standing.mark(people.touch_slot(self.person, self.ours), self.occurred_on, self.originator_version, self.kind)

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            return with_note(f"{e['kind']} with contact {e['person']} by {e['ours']}", e.get("note"))

    class ContactForgotten(PersonFact):
        """The person was forgotten (kam forget --person): their key destroyed, gone from the map."""

        happened = "forgotten"
        tier_input = True
        person: str
        reason: str  # why, kept readable (as a forgotten client's)

        def business_mark(self) -> tuple[str, Any]:
            return bt.slot(bt.PERSON, self.person), people.FORGOTTEN_PERSON

        @classmethod
        def describe_person(cls, e: Mapping[str, Any]) -> str:
            return f"contact {e['person']} forgotten: {e['reason']}"

    class TierChanged(Fact):
        """What the product decided when a command ran: a fact of recording time (``--as-of``), dated
        as the command that caused it, as it was shown then. Business-time views ask the policy."""

        of_business_time = False
        from_tier: str
        to_tier: str
        policy_version: str
        rule: str
        inputs: dict[str, Any]
        causes: list[dict[str, Any]]

        def update(self, standing: Standing) -> None:
            standing.tier = self.tier_standing(standing.key)

        def tier_standing(self, key: str) -> TierStanding:
            """The client's tier from this change on: all a tier change changes of where it stands."""
            return TierStanding(Tier(self.to_tier), self.rule, self.policy_version, self.ref(key))

        @classmethod
        def describe(cls, e: Mapping[str, Any]) -> str:
            return f"tier {e['from_tier']} -> {e['to_tier']} by rule {e['rule']} (policy {e['policy_version']})"

    forgotten_on: date | None = None  # set by Forgotten (older snapshots lack it)

    @staticmethod
    def create_id(key: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"kamledger:client:{key}")

    @classmethod
    def register(cls, key: str, name: str, owner: str | None, occurred_on: date, recorded_by: str) -> "Relationship":
        key = checked_key(key)
        return cls._create(
            cls.Registered,
            id=cls.create_id(key),
            key=key,
            name=checked_name(name, "a client's name"),
            owner=checked_name(owner, "an owner") if owner and owner.strip() else None,
            occurred_on=occurred_on,
            recorded_by=recorded_by,
        )

    @property
    def key(self) -> str:
        return self.standing.key

    def check_dated(self, occurred_on: date) -> None:
        """Nothing happens to a client before it was registered (by business date)."""
        registered_on = self.standing.registered_on
        if occurred_on < registered_on:
            raise RuleViolation(
                f"'{self.key}' was registered on {registered_on}: nothing can be recorded for it on {occurred_on}, before that"
            )

    def owner_on(self, day: date) -> str | None:
        """Who owned the client on that business date."""
        owner: str | None = self.standing.said_on(bt.OWNER, day)
        return owner

    def assign_owner(self, owner: str, occurred_on: date, recorded_by: str) -> None:
        owner = checked_name(owner, "an owner")
        self.check_dated(occurred_on)
        previous = self.owner_on(occurred_on)
        if owner == previous:
            raise RuleViolation(f"{owner} already owns '{self.key}'" + self._on_date(occurred_on))
        self.trigger_event(
            self.OwnerAssigned, owner=owner, previous_owner=previous,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def _on_date(self, day: date) -> str:
        """' on DAY' when the day is not the client's latest business date (a back-dated entry)."""
        latest = max((marks[-1].on for marks in self.standing.marks.values()), default=day)
        return f" on {day}" if day < latest else ""

    def score(
        self, questionnaire: Questionnaire, answers: list[int] | tuple[int, ...], note: str | None,
        occurred_on: date, recorded_by: str,
    ) -> None:
        answers = checked_answers(answers)
        self.check_dated(occurred_on)
        total = sum(answers)
        self.trigger_event(
            self.Scored, questionnaire_version=questionnaire.version, answers=list(answers),
            total=total, band=band_for(total).value, note=note or None,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def answer_survey(
        self, satisfaction: int, nps: int, comment: str | None, occurred_on: date, recorded_by: str,
        channel: SurveyChannel = SurveyChannel.UNKNOWN,
    ) -> None:
        satisfaction, nps = checked_satisfaction(satisfaction), checked_nps(nps)
        self.check_dated(occurred_on)
        self.check_client_fact('a survey', occurred_on)
        self.trigger_event(
            self.SurveyAnswered, satisfaction=satisfaction, nps=nps,
            comment=comment or None, channel=channel.value, occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def change_pyramid_level(self, level: PyramidLevel, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason for the move")
        self.check_dated(occurred_on)
        self.check_client_fact('a pyramid level', occurred_on)
        current = PyramidLevel(self.standing.said_on(bt.PYRAMID, occurred_on, STARTING_LEVEL.value))
        if level is current:
            raise RuleViolation(f"'{self.key}' is already at {level.value}" + self._on_date(occurred_on))
        self.trigger_event(
            self.PyramidLevelChanged, from_level=current.value, to_level=level.value,
            direction=direction_of(current, level), reason=reason,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def record_value(self, period: Period, revenue: Decimal, cost_to_serve: Decimal, occurred_on: date, recorded_by: str) -> None:
        """Record revenue and cost to serve for a period; recording a period again corrects it."""
        self.check_dated(occurred_on)
        self.check_client_fact('a value', occurred_on)
        clash = self.standing.period_overlapping(period)
        if clash is not None:
            raise RuleViolation(f"period {period.label} overlaps {clash.label}, already recorded for '{self.key}'")
        self.trigger_event(
            self.ValueRecorded, period=period.label, revenue=revenue, cost_to_serve=cost_to_serve,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def note_value_dimension(self, dimension: ValueDimension, level: Level, note: str, occurred_on: date, recorded_by: str) -> None:
        self.check_dated(occurred_on)
        self.trigger_event(
            self.ValueDimensionNoted, dimension=dimension.value, level=level.value,
            note=required_text(note, "a note"), occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def note_burden(self, signal: BurdenSignal, note: str, occurred_on: date, recorded_by: str) -> None:
        self.check_dated(occurred_on)
        self.check_client_fact('a burden signal', occurred_on)
        self.trigger_event(
            self.BurdenSignalNoted, signal=signal.value, note=required_text(note, "a note"),
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def resolve_burden(self, signal: BurdenSignal, note: str, occurred_on: date, recorded_by: str) -> None:
        note = required_text(note, "a note")
        self.check_dated(occurred_on)
        if not self.standing.said_on(bt.slot(bt.BURDEN, signal.value), occurred_on, False):
            raise RuleViolation(f"'{self.key}' has no open {signal.value} burden signal" + self._on_date(occurred_on))
        self.trigger_event(
            self.BurdenSignalResolved, signal=signal.value, note=note,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def override_tier(self, tier: Tier, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason for the override")
        if tier is Tier.UNRATED:
            raise InvalidInput("a tier override must be gold, silver or bronze")
        self.check_dated(occurred_on)
        self.check_client_fact('a tier', occurred_on)
        self.trigger_event(self.TierOverridden, tier=tier.value, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)

    def clear_tier_override(self, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason for clearing the override")
        self.check_dated(occurred_on)
        if self.standing.said_on(bt.OVERRIDE, occurred_on) is None:
            raise RuleViolation(f"'{self.key}' has no tier override to clear" + self._on_date(occurred_on))
        self.trigger_event(self.TierOverrideCleared, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)

    def record_review(self, period_from: date | None, period_to: date, occurred_on: date, recorded_by: str) -> None:
        check_review_period(period_from, period_to)
        self.check_dated(occurred_on)
        self.trigger_event(
            self.Reviewed, period_from=period_from, period_to=period_to,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def forget(self, reason: str, occurred_on: date, recorded_by: str) -> None:
        """Record that the client's personal notes are to be made unreadable (once)."""
        reason = required_text(reason, "a reason for forgetting")
        if self.forgotten_on is None:
            self.trigger_event(self.Forgotten, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)

    def add_goal(
        self, text: str, due: date | None, occurred_on: date, recorded_by: str,
        kind: ObjectiveKind | None = None, target: Target | None = None,
    ) -> int:
        """Set an objective of the development plan (a goal: one without a kind); returns its id,
        the next of this client's objectives."""
        text = required_text(text, "a note on the objective" if kind else "a goal")
        self.check_dated(occurred_on)
        if kind is not None and due is None:
            raise InvalidInput("an objective needs a due date (--due)")
        if due is not None and due < occurred_on:
            raise InvalidInput(f"{'an objective' if kind else 'a goal'} cannot be due ({due}) before it is set ({occurred_on})")
        goal_id = max(self.standing.goals, default=0) + 1
        self.trigger_event(
            self.GoalAdded, goal_id=goal_id, text=text, due=due, kind=kind.value if kind else None,
            target=str(target) if target else None, occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return goal_id

    def complete_goal(self, goal_id: int, occurred_on: date, recorded_by: str) -> str:
        """Mark a development goal done; returns its text."""
        goal = self.standing.goals.get(goal_id)
        if goal is None:
            raise RuleViolation(f"'{self.key}' has no goal {goal_id}")
        if goal.done_on is not None:
            raise RuleViolation(f"goal {goal_id} of '{self.key}' was already done on {goal.done_on}")
        if goal.cancelled_on is not None:
            raise RuleViolation(f"objective {goal_id} of '{self.key}' was cancelled on {goal.cancelled_on}")
        if goal.target is not None:
            raise RuleViolation(f"objective {goal_id} of '{self.key}' has a target ({goal.target}): the ledger checks it, it is not marked done by hand")
        if occurred_on < goal.added_on:
            raise RuleViolation(f"goal {goal_id} of '{self.key}' was set on {goal.added_on}: it cannot be done on {occurred_on}, before that")
        self.trigger_event(self.GoalDone, goal_id=goal_id, occurred_on=occurred_on, recorded_by=recorded_by)
        return goal.text

    def give_feedback(self, kind: FeedbackKind, note: str, occurred_on: date, recorded_by: str) -> int:
        """Record what the client said outside a survey; returns its number."""
        note = required_text(note, "a note")
        self.check_dated(occurred_on)
        feedback_id = max(self.standing.feedback, default=0) + 1
        self.trigger_event(self.FeedbackGiven, feedback_id=feedback_id, kind=kind.value, note=note,
                           occurred_on=occurred_on, recorded_by=recorded_by)
        return feedback_id

    def resolve_feedback(self, feedback_id: int, note: str, occurred_on: date, recorded_by: str) -> str:
        """Record that the client's complaint or wish was dealt with; returns its kind."""
        note = required_text(note, "a note")
        given = self.standing.feedback.get(feedback_id)
        if given is None:
            raise RuleViolation(f"'{self.key}' has no feedback {feedback_id}")
        if given.resolved_on is not None:
            raise RuleViolation(f"feedback {feedback_id} of '{self.key}' was already resolved on {given.resolved_on}")
        if occurred_on < given.given_on:
            raise RuleViolation(f"feedback {feedback_id} of '{self.key}' was given on {given.given_on}: it cannot be resolved on {occurred_on}, before that")
        self.trigger_event(self.FeedbackResolved, feedback_id=feedback_id, note=note, occurred_on=occurred_on, recorded_by=recorded_by)
        return given.kind

    def cancel_goal(self, goal_id: int, reason: str, met: bool, occurred_on: date, recorded_by: str) -> str:
        """Give up an objective of the plan (not one already met: `met` says whether its target holds
        by the ledger, domain/plans.py); returns its text."""
        reason = required_text(reason, "a reason for cancelling")
        goal = self.standing.goals.get(goal_id)
        if goal is None:
            raise RuleViolation(f"'{self.key}' has no objective {goal_id}")
        if goal.cancelled_on is not None:
            raise RuleViolation(f"objective {goal_id} of '{self.key}' was already cancelled on {goal.cancelled_on}")
        if goal.done_on is not None or met:
            raise RuleViolation(f"objective {goal_id} of '{self.key}' is met: a met objective stays in the plan")
        if occurred_on < goal.added_on:
            raise RuleViolation(f"objective {goal_id} of '{self.key}' was set on {goal.added_on}: it cannot be cancelled on {occurred_on}, before that")
        self.trigger_event(self.GoalCancelled, goal_id=goal_id, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)
        return goal.text
    # Prospects, and the way in and out of the portfolio

    @classmethod
    def add_prospect(
        cls, key: str, name: str, owner: str | None, source: str | None, chance: int | None,
        estimated_profit: Decimal | None, occurred_on: date, recorded_by: str,
    ) -> "Relationship":
        """A relationship registered in the prospect stage."""
        chance = checked_chance(chance)
        relationship = cls.register(key, name, owner, occurred_on, recorded_by)
        relationship.trigger_event(
            cls.ProspectAdded, source=source.strip() if source and source.strip() else None, chance=chance,
            estimated_profit=estimated_profit, occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return relationship

    def decide(self, choice: Choice, reason: str | None, occurred_on: date, recorded_by: str) -> bool:
        """Pursue or decline the prospect; True when that goes against the scorecard (which needs
        a reason)."""
        self._open_prospect(occurred_on, f"decide to {choice.value}")
        total, band = self._score_on(occurred_on)
        against = against_scorecard(choice, band)
        reason = reason.strip() if reason and reason.strip() else None
        if against and reason is None:
            raise RuleViolation(
                f"the scorecard says {band.value} for '{self.key}' ({total}): to {choice.value} it against the scorecard, give --reason"  # type: ignore[union-attr]
            )
        self.trigger_event(
            self.ProspectDecided, choice=choice.value, reason=reason, score_total=total,
            band=band and band.value, against_scorecard=against, occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return against

    def win(self, reason: str | None, occurred_on: date, recorded_by: str) -> bool:
        """The prospect became a client; True when the scorecard had said to decline it."""
        self._open_prospect(occurred_on, "win it")
        total, band = self._score_on(occurred_on)
        against = winning_against_scorecard(band)
        reason = reason.strip() if reason and reason.strip() else None
        if against and reason is None:
            raise RuleViolation(f"the scorecard says decline for '{self.key}' ({total}): to win it anyway, give --reason")
        self.trigger_event(
            self.ProspectWon, reason=reason, score_total=total, band=band and band.value,
            against_scorecard=against, occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return against

    def lose_prospect(self, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason why the prospect was lost")
        self._open_prospect(occurred_on, "lose it")
        total, band = self._score_on(occurred_on)
        self.trigger_event(
            self.ProspectLost, reason=reason, score_total=total, band=band and band.value,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def lose_client(self, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason why the client left")
        self.check_dated(occurred_on)
        stage = self.standing.stage_on(occurred_on)
        if stage is Stage.PROSPECT:
            raise RuleViolation(f"'{self.key}' is a prospect{self._on_date(occurred_on)}: a lost prospect is 'kam prospect lost'")
        if stage is Stage.FORMER:
            raise RuleViolation(f"'{self.key}' is already a former client{self._on_date(occurred_on)}")
        self.trigger_event(self.ClientLost, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)

    def win_back(self, reason: str, occurred_on: date, recorded_by: str) -> None:
        reason = required_text(reason, "a reason why the client came back")
        self.check_dated(occurred_on)
        stage = self.standing.stage_on(occurred_on)
        if stage is not Stage.FORMER:
            raise RuleViolation(f"'{self.key}' is a {stage.value}{self._on_date(occurred_on)}: only a former client can be won back")
        self.trigger_event(self.ClientWonBack, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)

    def check_client_fact(self, what: str, occurred_on: date) -> None:
        """Values, surveys, pyramid moves, burdens and tier overrides belong to clients: a prospect
        has none before its first deal."""
        if self.standing.stage_on(occurred_on) is Stage.PROSPECT:
            raise RuleViolation(f"'{self.key}' is a prospect{self._on_date(occurred_on)}: {what} is recorded once it is won (kam prospect won)")

    def _open_prospect(self, occurred_on: date, doing: str) -> ProspectRecord:
        """The prospect record, if the relationship is a prospect on that date and still open."""
        self.check_dated(occurred_on)
        record = self.standing.prospect
        stage = self.standing.stage_on(occurred_on)
        if record is not None and record.outcome is not None:
            raise RuleViolation(f"'{self.key}' was {record.outcome.value} on {record.outcome_on}: it cannot {doing} now")
        if record is None or stage is not Stage.PROSPECT:
            raise RuleViolation(f"'{self.key}' is a {stage.value}{self._on_date(occurred_on)}, not a prospect: it cannot {doing}")
        if record.decided_on is not None and occurred_on < record.decided_on:
            raise RuleViolation(f"'{self.key}' was decided on {record.decided_on}: it cannot {doing} on {occurred_on}, before that")
        return record

    def _score_on(self, day: date) -> tuple[int | None, Band | None]:
        total = self.standing.said_on(bt.SCORE, day)
        return total, None if total is None else band_for(total)
    def set_criteria(self, criteria: Mapping[str, Decimal], occurred_on: date, recorded_by: str) -> None:
        """Set the criteria the client rates suppliers by (a later date replaces them)."""
        if not criteria or any(weight <= 0 for weight in criteria.values()):
            raise InvalidInput("criteria need at least one criterion, each weighted above zero")
        self.check_dated(occurred_on)
        self.trigger_event(
            self.CriteriaSet, criteria={name: str(weight) for name, weight in criteria.items()},
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def criteria_on(self, day: date) -> dict[str, Decimal]:
        """The client's criteria in force on that business date (none before they were set)."""
        said = self.standing.said_on(bt.CRITERIA, day) or {}
        return {name: Decimal(weight) for name, weight in said.items()}

    def rate_on_criteria(
        self, ratings: Mapping[str, int], source: RatingSource, note: str | None, occurred_on: date, recorded_by: str,
    ) -> Decimal:
        """Rate us on every criterion the client uses on that date; returns our attractiveness (0-100)."""
        self.check_dated(occurred_on)
        criteria = self.criteria_on(occurred_on)
        rated = checked_ratings(self.key, ratings, criteria)
        value = weighted_mean_x10(rated, criteria)
        assert value is not None  # every criterion is rated
        self.trigger_event(
            self.RatedOnCriteria, ratings=rated, source=source.value, attractiveness=str(value),
            note=note.strip() if note and note.strip() else None, occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return value

    def spend_effort(self, hours: Decimal, kind: EffortKind, note: str | None, occurred_on: date, recorded_by: str) -> None:
        """Record hours of work spent on the client on that date (above 0, at most 24 in one entry)."""
        hours = checked_hours(hours)
        self.check_dated(occurred_on)
        self.trigger_event(
            self.EffortSpent, hours=hours, kind=kind.value, note=note.strip() if note and note.strip() else None,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def note_problem(self, note: str, severity: Severity, occurred_on: date, recorded_by: str) -> int:
        """Note a problem the client caused or had; returns its id, the next of this client's problems."""
        note = required_text(note, "a note on the problem")
        self.check_dated(occurred_on)
        problem_id = max(self.standing.problems, default=0) + 1
        self.trigger_event(
            self.ProblemNoted, problem_id=problem_id, severity=severity.value, note=note,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return problem_id

    def resolve_problem(self, problem_id: int, note: str | None, occurred_on: date, recorded_by: str) -> None:
        """Mark a problem resolved: it must be open on that business date."""
        self.check_dated(occurred_on)
        if problem_id not in self.standing.problems:
            raise RuleViolation(f"'{self.key}' has no problem {problem_id}")
        if self.standing.said_on(bt.slot(bt.PROBLEM, str(problem_id)), occurred_on) is None:
            problem = self.standing.problems[problem_id]
            when = f"noted on {problem.noted_on}" if occurred_on < problem.noted_on else f"resolved on {problem.resolved_on}"
            raise RuleViolation(f"problem {problem_id} of '{self.key}' is not open" + self._on_date(occurred_on) + f" ({when})")
        self.trigger_event(
            self.ProblemResolved, problem_id=problem_id, note=note.strip() if note and note.strip() else None,
            occurred_on=occurred_on, recorded_by=recorded_by,
        )

    # The people on both sides (domain/people.py)

    def add_contact(
        self, person: str, name: str, role: str, department: str | None, level: people.PersonLevel,
        stance: people.Stance, decides: bool, occurred_on: date, recorded_by: str,
    ) -> None:
        """Put a person at the client on the map (name and role are sealed with their own key)."""
        person = people.checked_person(person)
        name = checked_name(name, "a person's name (--name)")
        role = checked_name(role, "a person's role (--role)")
        self.check_dated(occurred_on)
        marks = self.standing.marks.get(bt.slot(bt.PERSON, person))
        if marks and any(m.says == people.FORGOTTEN_PERSON for m in marks):
            raise RuleViolation(f"person '{person}' of '{self.key}' was forgotten: give the person another handle")
        if marks:
            raise RuleViolation(f"'{self.key}' already has a person '{person}' (kam contact {self.key} {person} changes them)")
        self.trigger_event(
            self.ContactAdded, person=person, name=name, role=role, department=people.checked_department(department),
            level=level.value, stance=stance.value, decides=decides, occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def change_contact(
        self, person: str, occurred_on: date, recorded_by: str, *, level: people.PersonLevel | None = None,
        department: str | None = None, stance: people.Stance | None = None, decides: bool | None = None,
        role: str | None = None, note: str | None = None,
    ) -> None:
        """Record what changed about a person at the client (each change dated, who recorded it kept)."""
        person = self._person_on(person, occurred_on, "change")
        department = people.checked_department(department)
        role = checked_name(role, "a person's role (--role)") if role is not None else None
        said = {bt.PERSON_LEVEL: level and level.value, bt.PERSON_DEPARTMENT: department,
                bt.PERSON_STANCE: stance and stance.value, bt.PERSON_DECIDES: decides}
        if all(says is None for says in said.values()) and role is None:
            raise InvalidInput("say what changed: --stance, --level, --department, --role or --decides/--no-decides")
        changed = {kind: says for kind, says in said.items()
                   if says is not None and self.standing.said_on(bt.slot(kind, person), occurred_on) != says}
        if not changed and role is None:
            raise RuleViolation(f"{person} of '{self.key}' is already so" + self._on_date(occurred_on))
        self.trigger_event(
            self.ContactChanged, person=person, level=changed.get(bt.PERSON_LEVEL), department=changed.get(bt.PERSON_DEPARTMENT),
            stance=changed.get(bt.PERSON_STANCE), decides=changed.get(bt.PERSON_DECIDES), role=role,
            note=note.strip() if note and note.strip() else None, occurred_on=occurred_on, recorded_by=recorded_by,
        )

    def contact_left(self, person: str, note: str | None, occurred_on: date, recorded_by: str) -> None:
        """The person left the client: off the map from that date, kept in its history."""
        person = self._person_on(person, occurred_on, "leave")
        self.trigger_event(self.ContactLeft, person=person, note=note.strip() if note and note.strip() else None,
                           occurred_on=occurred_on, recorded_by=recorded_by)

    def link_contact(self, person: str, ours: str, strength: int, occurred_on: date, recorded_by: str) -> None:
        """One of ours holds the relationship with the person, at a strength of 1-5."""
        strength = people.checked_strength(strength)
        ours = checked_name(ours, "one of ours (--ours)")
        person = self._person_on(person, occurred_on, "be linked")
        if self.standing.said_on(people.link_slot(person, ours), occurred_on) == strength:
            raise RuleViolation(f"{ours} already holds {person} of '{self.key}' at strength {strength}" + self._on_date(occurred_on))
        self.trigger_event(self.ContactLinked, person=person, ours=ours, strength=strength,
                           occurred_on=occurred_on, recorded_by=recorded_by)

    def unlink_contact(self, person: str, ours: str, note: str | None, occurred_on: date, recorded_by: str) -> None:
        """One of ours no longer holds the relationship with the person."""
        ours = checked_name(ours, "one of ours (--ours)")
        person = self._known_person(person)
        self.check_dated(occurred_on)
        if self.standing.said_on(people.link_slot(person, ours), occurred_on) is None:
            raise RuleViolation(f"{ours} does not hold {person} of '{self.key}'" + self._on_date(occurred_on))
        self.trigger_event(self.ContactUnlinked, person=person, ours=ours, note=note.strip() if note and note.strip() else None,
                           occurred_on=occurred_on, recorded_by=recorded_by)

    def touch_contact(self, person: str, ours: str, kind: people.TouchKind, note: str | None, occurred_on: date, recorded_by: str) -> None:
        """One of ours was in touch with the person (they must hold the relationship on that date)."""
        ours = checked_name(ours, "one of ours (--ours)")
        person = self._person_on(person, occurred_on, "be touched")
        if self.standing.said_on(people.link_slot(person, ours), occurred_on) is None:
            raise RuleViolation(f"{ours} does not hold {person} of '{self.key}'" + self._on_date(occurred_on)
                                + f": link them first (kam contact link {self.key} {person} --ours ...)")
        self.trigger_event(self.ContactTouched, person=person, ours=ours, kind=kind.value,
                           note=note.strip() if note and note.strip() else None, occurred_on=occurred_on, recorded_by=recorded_by)

    def forget_contact(self, person: str, reason: str, occurred_on: date, recorded_by: str) -> str:
        """Record that the person is forgotten (the Ledger then destroys their key); returns the handle."""
        reason = required_text(reason, "a reason for forgetting")
        person = self._known_person(person)
        self.check_dated(occurred_on)
        self.trigger_event(self.ContactForgotten, person=person, reason=reason, occurred_on=occurred_on, recorded_by=recorded_by)
        return person

    def people_known(self) -> list[str]:
        """The handles of every person ever on the client's map, forgotten ones too."""
        return sorted(name.partition(":")[2] for name in self.standing.marks if name.partition(":")[0] == bt.PERSON)

    def people_forgotten(self) -> list[str]:
        """The handles of the persons forgotten at the client (kam forget --person)."""
        return [person for person in self.people_known()
                if any(m.says == people.FORGOTTEN_PERSON for m in self.standing.marks[bt.slot(bt.PERSON, person)])]

    def _known_person(self, person: str) -> str:
        person = people.checked_person(person)
        marks = self.standing.marks.get(bt.slot(bt.PERSON, person))
        if not marks or any(m.says == people.FORGOTTEN_PERSON for m in marks):
            raise RuleViolation(f"'{self.key}' has no person '{person}'")
        return person

    def _person_on(self, person: str, day: date, doing: str) -> str:
        """The person's handle, if they are at the client on that business date."""
        person = self._known_person(person)
        self.check_dated(day)
        marks = self.standing.marks[bt.slot(bt.PERSON, person)]
        status = self.standing.said_on(bt.slot(bt.PERSON, person), day)
        if status is None:
            raise RuleViolation(f"{person} was added to '{self.key}' on {marks[0].on}: they cannot {doing} on {day}, before that")
        if status == people.LEFT:
            left = [m.on for m in marks if m.on <= day][-1]
            raise RuleViolation(f"{person} left '{self.key}' on {left}: they cannot {doing}")
        return person

    def change_tier(self, decision: Decision, triggers: list[EventRef], occurred_on: date, recorded_by: str) -> bool:
        """Record the policy's decision if it changes the tier; True when it did."""
        current = self.standing.tier.tier
        if decision.tier is current:
            return False
        causes = list(decision.causes) + [t for t in triggers if t not in decision.causes]
        self.trigger_event(
            self.TierChanged, from_tier=current.value, to_tier=decision.tier.value,
            policy_version=decision.policy_version, rule=decision.rule, inputs=decision.inputs,
            causes=[c.to_dict() for c in causes], occurred_on=occurred_on, recorded_by=recorded_by,
        )
        return True


def replay_standing(events: Iterable[Recorded | Relationship.Registered]) -> Standing | None:
    """Where a client stands after the given events of its stream (in recording order), or None
    if its registration is not among them."""
    standing = None
    for event in events:
        if isinstance(event, Relationship.Registered):
            standing = event.new_standing()
        elif isinstance(event, Fact) and standing is not None:
            event.update(standing)
    return standing


def standing_on(events: Iterable[Recorded | Relationship.Registered], day: date) -> Standing | None:
    """Where a client stood on a business date, as far as the given events tell: its facts dated on
    or before the day, whatever order they were recorded in, and no recorded tier decision (the
    tier on a business date is the policy's verdict, not a fact). None if not registered by then."""
    return replay_standing(
        event for event in events
        if event.occurred_on <= day and (isinstance(event, Relationship.Registered) or getattr(event, "of_business_time", True))
    )


def _against(event: Mapping[str, Any]) -> str:
    band = f"{event['score_total']}, {event['band']}" if event.get("band") else "not scored"
    return f" (against the scorecard: {band})" if event.get("against_scorecard") else f" ({band})"


def _by_channel(event: Mapping[str, Any]) -> str:
    channel = event.get("channel")
    return f" by {channel}" if channel and channel != "unknown" else ""


# Event class name -> its free-text fields that may be about people (sealed, forgotten).
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    name: kind.personal for name, kind in vars(Relationship).items()
    if isinstance(kind, type) and issubclass(kind, Fact) and kind.personal
}

# The facts that set a client's inputs on their business date (they declare a business_mark), and
# those of them the tier policy reads.
INPUT_FACTS = frozenset(
    name for name, kind in vars(Relationship).items()
    if isinstance(kind, type) and issubclass(kind, Fact) and kind.business_mark is not Fact.business_mark
)
TIER_INPUT_FACTS = frozenset(
    name for name, kind in vars(Relationship).items() if isinstance(kind, type) and issubclass(kind, Fact) and kind.tier_input
)

# The events whose personal texts are sealed with the person's key (their field ``person`` names them).
PERSON_SEALED = frozenset(
    name for name, kind in vars(Relationship).items() if isinstance(kind, type) and issubclass(kind, Fact) and kind.sealed_per_person
)
