"""From what a person typed to typed commands: the one place where text becomes checked values.

The command line, kam batch and the CSV imports all hand over text as it was typed ("2026-Q1",
"12000.50", "partnership"); ``TypedEntry`` parses it into a command (service/commands/commands.py)
and passes that to ``handle``. The Ledger handles it at once, a Bulk within its unit of work: both
offer the same typed entry, so the same line means the same everywhere.
"""

from abc import ABC, abstractmethod
from collections.abc import Sequence

from kamledger.domain.attractiveness import RatingSource, parse_criteria, parse_ratings
from kamledger.domain.effort import EffortKind, Severity, parse_hours
from kamledger.domain.errors import InvalidInput
from kamledger.domain.keys import checked_key
from kamledger.domain.people import DEFAULT_STRENGTH, PersonLevel, Stance, TouchKind, checked_person, checked_strength
from kamledger.domain.plans import ObjectiveKind, Target
from kamledger.domain.prospects import Choice
from kamledger.domain.pyramid import parse_level
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.surveys import FeedbackKind, SurveyChannel
from kamledger.domain.tiers import check_tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension, parse_amount, parse_choice
from kamledger.service.commands import commands as c
from kamledger.service.commands.entry import Entry, parse_date


class TypedEntry(ABC):
    """The recording commands as a person types them; whoever handles commands offers these."""

    @abstractmethod
    def handle(self, command: c.Command, entry: Entry) -> c.Outcome:
        """Carry out one command as of the entry's business date."""

    @property
    @abstractmethod
    def questionnaire(self) -> Questionnaire:
        """The scorecard questions in use."""

    def register_client(self, key: str, name: str, owner: str | None, entry: Entry) -> str:
        return self.handle(c.RegisterClient(checked_key(key), name, owner), entry).done

    def add_prospect(self, key: str, name: str, owner: str | None, source: str | None, chance: int | None,
                     estimated_profit: str | None, entry: Entry) -> str:
        estimated = None if estimated_profit is None else parse_amount(estimated_profit, "estimated profit")
        return self.handle(c.AddProspect(checked_key(key), name, owner, source, chance, estimated), entry).done

    def decide_prospect(self, key: str, choice: str, reason: str | None, entry: Entry) -> bool:
        """Pursue or decline; True when that goes against the scorecard."""
        return self.handle(c.DecideProspect(key, parse_choice(Choice, choice, "decision"), reason), entry).done

    def win_prospect(self, key: str, reason: str | None, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.WinProspect(key, reason), entry).tier_changes

    def lose_prospect(self, key: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.LoseProspect(key, reason), entry).tier_changes

    def lose_client(self, key: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.LoseClient(key, reason), entry).tier_changes

    def win_back_client(self, key: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.WinBackClient(key, reason), entry).tier_changes

    def assign_owner(self, key: str, owner: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.AssignOwner(key, owner), entry).tier_changes

    def score(self, key: str, answers: Sequence[int], note: str | None, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.Score(key, self.questionnaire, tuple(answers), note), entry).tier_changes

    def answer_survey(
        self, key: str, satisfaction: int, nps: int, comment: str | None, entry: Entry, channel: str | None = None,
    ) -> list[c.TierChange]:
        how = parse_choice(SurveyChannel, channel, "survey channel") if channel else SurveyChannel.UNKNOWN
        return self.handle(c.AnswerSurvey(key, satisfaction, nps, comment, how), entry).tier_changes

    def change_pyramid_level(self, key: str, level: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.ChangePyramidLevel(key, parse_level(level), reason), entry).tier_changes

    def record_value(self, key: str, period: str, revenue: str, cost: str, entry: Entry) -> list[c.TierChange]:
        command = c.RecordValue(key, Period.parse(period), parse_amount(revenue, "revenue"), parse_amount(cost, "cost to serve"))
        return self.handle(command, entry).tier_changes

    def note_value_dimension(self, key: str, dimension: str, level: str, note: str, entry: Entry) -> list[c.TierChange]:
        which = parse_choice(ValueDimension, dimension, "value dimension")
        return self.handle(c.NoteValueDimension(key, which, parse_choice(Level, level, "level"), note), entry).tier_changes

    def note_burden(self, key: str, signal: str, note: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.NoteBurden(key, parse_choice(BurdenSignal, signal, "burden signal"), note), entry).tier_changes

    def resolve_burden(self, key: str, signal: str, note: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.ResolveBurden(key, parse_choice(BurdenSignal, signal, "burden signal"), note), entry).tier_changes

    def override_tier(self, key: str, tier: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.OverrideTier(key, check_tier(tier), reason), entry).tier_changes

    def clear_tier_override(self, key: str, reason: str, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.ClearTierOverride(key, reason), entry).tier_changes

    def add_goal(self, key: str, text: str, due: str | None, entry: Entry) -> int:
        """Add a development goal to the client's plan; returns its id."""
        return self.handle(c.AddGoal(key, text, parse_date(due, "--due") if due else None), entry).done

    def add_objective(self, key: str, kind: str, target: str | None, note: str, due: str | None, entry: Entry) -> int:
        """Add an objective to the client's development plan; returns its number."""
        if not due:
            raise InvalidInput("an objective needs a due date (--due)")
        command = c.AddObjective(key, parse_choice(ObjectiveKind, kind, "objective kind"),
                                 Target.parse(target) if target else None, note, parse_date(due, "--due"))
        return self.handle(command, entry).done

    def give_feedback(self, key: str, kind: str, note: str, entry: Entry) -> int:
        """What the client said outside a survey; returns its number."""
        return self.handle(c.GiveFeedback(key, parse_choice(FeedbackKind, kind, "feedback kind"), note), entry).done

    def resolve_feedback(self, key: str, feedback_id: int, note: str, entry: Entry) -> str:
        return self.handle(c.ResolveFeedback(key, feedback_id, note), entry).done

    def complete_goal(self, key: str, goal_id: int, entry: Entry) -> str:
        """Mark a goal of the client's plan done; returns its text."""
        return self.handle(c.CompleteGoal(key, goal_id), entry).done

    def set_criteria(self, key: str, criteria: str, entry: Entry) -> list[c.TierChange]:
        """The client's criteria for rating suppliers, as 'quality=30,price=25,...'."""
        return self.handle(c.SetCriteria(key, tuple(parse_criteria(criteria).items())), entry).tier_changes

    def rate_on_criteria(self, key: str, ratings: str, source: str, note: str | None, entry: Entry) -> c.Outcome:
        """Our ratings on the client's criteria, as 'quality=8,price=6,...'; done is our attractiveness."""
        command = c.RateOnCriteria(key, tuple(parse_ratings(ratings).items()), parse_choice(RatingSource, source, "rating source"), note)
        return self.handle(command, entry)

    def spend_effort(self, key: str, hours: str, kind: str, note: str | None, entry: Entry) -> list[c.TierChange]:
        """Hours of work on the client ('1.5'), of a kind: support, meetings, rework, travel or other."""
        command = c.SpendEffort(key, parse_hours(hours), parse_choice(EffortKind, kind, "kind of effort"), note)
        return self.handle(command, entry).tier_changes

    def note_problem(self, key: str, note: str, severity: str | None, entry: Entry) -> c.Outcome:
        """A problem the client caused or had; done is its id."""
        level = parse_choice(Severity, severity, "severity") if severity else Severity.MEDIUM
        return self.handle(c.NoteProblem(key, note, level), entry)

    def resolve_problem(self, key: str, problem_id: int, note: str | None, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.ResolveProblem(key, problem_id, note), entry).tier_changes

    # The people on both sides (domain/people.py)

    def add_contact(
        self, key: str, person: str, name: str, role: str, department: str | None, level: str | None,
        stance: str | None, decides: bool, entry: Entry,
    ) -> list[c.TierChange]:
        """A person at the client: level executive|manager|operational (default operational),
        stance champion|supporter|neutral|critic|blocker (default neutral)."""
        command = c.AddContact(
            key, checked_person(person), name, role, department,
            parse_choice(PersonLevel, level, "level") if level else PersonLevel.OPERATIONAL,
            parse_choice(Stance, stance, "stance") if stance else Stance.NEUTRAL, decides,
        )
        return self.handle(command, entry).tier_changes

    def change_contact(
        self, key: str, person: str, entry: Entry, *, stance: str | None = None, level: str | None = None,
        department: str | None = None, decides: bool | None = None, role: str | None = None, note: str | None = None,
    ) -> list[c.TierChange]:
        command = c.ChangeContact(
            key, checked_person(person), parse_choice(PersonLevel, level, "level") if level else None, department,
            parse_choice(Stance, stance, "stance") if stance else None, decides, role, note,
        )
        return self.handle(command, entry).tier_changes

    def contact_left(self, key: str, person: str, note: str | None, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.ContactLeft(key, checked_person(person), note), entry).tier_changes

    def link_contact(self, key: str, person: str, ours: str, strength: int | None, entry: Entry) -> list[c.TierChange]:
        strength = DEFAULT_STRENGTH if strength is None else checked_strength(strength)
        return self.handle(c.LinkContact(key, checked_person(person), ours, strength), entry).tier_changes

    def unlink_contact(self, key: str, person: str, ours: str, note: str | None, entry: Entry) -> list[c.TierChange]:
        return self.handle(c.UnlinkContact(key, checked_person(person), ours, note), entry).tier_changes

    def touch_contact(self, key: str, person: str, ours: str, kind: str, note: str | None, entry: Entry) -> list[c.TierChange]:
        command = c.TouchContact(key, checked_person(person), ours, parse_choice(TouchKind, kind, "kind of contact"), note)
        return self.handle(command, entry).tier_changes

    def ours_left(self, name: str, entry: Entry) -> None:
        """One of ours left the company: the relationships they hold need a new holder."""
        self.handle(c.OursLeft(name), entry)

    def record_review(self, key: str, period_from: str | None, period_to: str | None, entry: Entry) -> None:
        self.handle(c.RecordReview(key, *review_period(period_from, period_to, entry)), entry)

    def record_portfolio_review(self, period_from: str | None, period_to: str | None, entry: Entry) -> None:
        self.handle(c.RecordPortfolioReview(*review_period(period_from, period_to, entry)), entry)


def review_period(period_from: str | None, period_to: str | None, entry: Entry) -> tuple:
    """The period a review covers: from --from (or the beginning) to --to (or the entry's date)."""
    start = parse_date(period_from, "--from") if period_from else None
    return start, parse_date(period_to, "--to") if period_to else entry.occurred_on
