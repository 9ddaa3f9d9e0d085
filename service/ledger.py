"""The application service: loads relationships, changes them, saves them, keeps tiers current.

Command methods take plain values (text as a person typed it) and an Entry; query methods return
plain data. After every change the read models catch up and the tier policy is evaluated over the
whole portfolio, so standings are never stale; only real tier changes are recorded.
"""

import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, JSONTranscoder
from kamledger.domain.errors import (
    ClientAlreadyRegistered,
    ClientNotFound,
    LedgerUnavailable,
    RuleViolation,
)
from kamledger.domain.facts import Recorded
from kamledger.domain.keys import checked_key
from kamledger.domain.portfolio import PORTFOLIO, Portfolio
from kamledger.domain.prospects import Choice
from kamledger.domain.pyramid import parse_level
from kamledger.domain.relationship import Fact, Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.surveys import SurveyChannel
from kamledger.domain.tier_policy import (
    Situation,
    TierPolicy,
    policy_from_dict,
    situations,
)
from kamledger.domain.tiers import EventRef, check_tier
from kamledger.domain.value import (
    BurdenSignal,
    Level,
    Period,
    ValueDimension,
    parse_amount,
    parse_choice,
)
from kamledger.projections.collector import collector_paused
from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.read_models import ReadModels, read_models_engine
from kamledger.service.chain import Chain
from kamledger.service.privacy import Keyring, SealingMapper, has_personal_text

from kamledger.service.analytics import PortfolioAnalytics
from kamledger.service.config import (
    default_policy,
    default_policy_document,
    load_questionnaire,
    read_policy_file,
)
from kamledger.service.entry import Entry, parse_date
from kamledger.service.faults import ledger_fault
from kamledger.service.queries import LedgerQueries
from kamledger.service.settling import Settling, finish, position_after
from kamledger.service.store import CONNECT_TIMEOUT_SECONDS, Store
from kamledger.service.transcodings import DateAsISO, StandingAsDict

if TYPE_CHECKING:
    from kamledger.service.bulk import Bulk

ATTEMPTS = 8  # a save that meets a concurrent change is reloaded and re-applied this often
TIER_CHANGES_PER_SAVE = 100
FIRST_PAUSE_SECONDS = 0.005  # before a retry, a random pause up to this, doubling with each retry


@dataclass(frozen=True)
class TierChange:
    """A tier the policy changed as a consequence of a command."""

    key: str
    from_tier: str
    to_tier: str
    rule: str


class LedgerLog(Application):
    """The event log and how its events are stored: what a projection runner follows."""

    name = "kamledger"
    snapshotting_intervals = {Relationship: 100}

    def construct_mapper(self) -> SealingMapper:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=SealingMapper)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(StandingAsDict())

    def _take_snapshots(self, processing_event: ProcessingEvent) -> None:
        """Snapshot each saved aggregate that passed a multiple of its interval as it is in memory,
        all in one write. (The library reloads every such aggregate from the store at that version
        and writes its snapshots one by one: in a bulk save of thousands of clients that costs more
        than the save.)"""
        if not self.snapshots:
            return
        due = {}
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            interval = self.snapshotting_intervals.get(type(aggregate))
            if interval and event.originator_version % interval == 0:
                due[event.originator_id] = aggregate
        if due:
            self.snapshots.put([type(aggregate).Snapshot.take(aggregate) for aggregate in due.values()])


class Ledger(LedgerQueries, PortfolioAnalytics, LedgerLog):
    name = LedgerLog.name  # the library would name a subclass after itself; tables and tracking use this
    def __init__(self, store: Store, questionnaire: Questionnaire | None = None, policy: TierPolicy | None = None):
        self.store = store
        for attempt in _attempts():
            try:
                super().__init__(env=store.event_store_env)
                engine = read_models_engine(store.url, _connect_args(store))
                self.keyring = Keyring(engine, store.master_cipher)
                self.keyring.open(has_events=bool(self.recorder.max_notification_id()))
                self.mapper.keyring = self.keyring
                self.read_models = ReadModels(engine, self.keyring)
                self.chain = Chain(self.recorder, engine, store.chain_key)
                if hasattr(self.recorder, "chain_saves"):  # the native stores chain in the save's transaction
                    self.recorder.chain_saves(store.chain_key)
                self.settling = Settling(self, engine)
                break
            except Exception as error:
                if attempt + 1 < ATTEMPTS and _met_concurrent_creation(error):
                    continue
                fault = ledger_fault(error)
                if fault is None:
                    raise
                where = store.url.render_as_string(hide_password=True)
                raise LedgerUnavailable(f"cannot open the ledger at {where}: {fault}") from None
        self._questionnaire = questionnaire
        self._policy = policy

    def close(self) -> None:
        super().close()
        self.read_models.engine.dispose()

    @property
    def policy(self) -> TierPolicy:
        """The tier policy in force, read when first needed (kam verify must open a damaged log)."""
        if self._policy is None:
            self._policy = self._policy_in_force()
        return self._policy

    @policy.setter
    def policy(self, policy: TierPolicy) -> None:
        self._policy = policy

    @property
    def questionnaire(self) -> Questionnaire:
        """The scorecard questions in use, read only by the commands that need them."""
        if self._questionnaire is None:
            self._questionnaire = load_questionnaire()
        return self._questionnaire

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """Save, the chain's links in the same transaction (service/chained_recorders.py; a store
        without them chains after the save). The keys for the personal texts about to be sealed
        are made first, all together."""
        with collector_paused():
            self.keyring.make_keys({
                str(event.originator_id) for obj in objs for event in getattr(obj, "pending_events", ()) if has_personal_text(event)
            })
            recordings = super().save(*objs, **kwargs)
            if not getattr(self.recorder, "chaining", False):
                self.chain.extend([recording.notification for recording in recordings])
            return recordings

    # Commands

    def register_client(self, key: str, name: str, owner: str | None, entry: Entry) -> str:
        relationship = Relationship.register(checked_key(key), name, owner, entry.occurred_on, entry.recorded_by)
        try:
            self.save(relationship)
        except IntegrityError:
            raise ClientAlreadyRegistered(relationship.key) from None
        self._settle([], entry)
        return relationship.key

    def assign_owner(self, key: str, owner: str, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.assign_owner(owner, *_at(entry)))

    def score(self, key: str, answers: Sequence[int], note: str | None, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.score(self.questionnaire, tuple(answers), note, *_at(entry)))

    def answer_survey(
        self, key: str, satisfaction: int, nps: int, comment: str | None, entry: Entry, channel: str | None = None,
    ) -> list[TierChange]:
        how = parse_choice(SurveyChannel, channel, "survey channel") if channel else SurveyChannel.UNKNOWN
        return self._change(key, entry, lambda r: r.answer_survey(satisfaction, nps, comment, *_at(entry), channel=how))

    def change_pyramid_level(self, key: str, level: str, reason: str, entry: Entry) -> list[TierChange]:
        target = parse_level(level)
        return self._change(key, entry, lambda r: r.change_pyramid_level(target, reason, *_at(entry)))

    def record_value(self, key: str, period: str, revenue: str, cost: str, entry: Entry) -> list[TierChange]:
        when = Period.parse(period)
        money_in, money_out = parse_amount(revenue, "revenue"), parse_amount(cost, "cost to serve")
        return self._change(key, entry, lambda r: r.record_value(when, money_in, money_out, *_at(entry)))

    def note_value_dimension(self, key: str, dimension: str, level: str, note: str, entry: Entry) -> list[TierChange]:
        which = parse_choice(ValueDimension, dimension, "value dimension")
        how_much = parse_choice(Level, level, "level")
        return self._change(key, entry, lambda r: r.note_value_dimension(which, how_much, note, *_at(entry)))

    def note_burden(self, key: str, signal: str, note: str, entry: Entry) -> list[TierChange]:
        which = parse_choice(BurdenSignal, signal, "burden signal")
        return self._change(key, entry, lambda r: r.note_burden(which, note, *_at(entry)))

    def resolve_burden(self, key: str, signal: str, note: str, entry: Entry) -> list[TierChange]:
        which = parse_choice(BurdenSignal, signal, "burden signal")
        return self._change(key, entry, lambda r: r.resolve_burden(which, note, *_at(entry)))

    def override_tier(self, key: str, tier: str, reason: str, entry: Entry) -> list[TierChange]:
        chosen = check_tier(tier)
        return self._change(key, entry, lambda r: r.override_tier(chosen, reason, *_at(entry)))

    def clear_tier_override(self, key: str, reason: str, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.clear_tier_override(reason, *_at(entry)))

    # Prospects and the way in and out of the portfolio (their reads: service/pipeline.py)

    def add_prospect(self, key: str, name: str, owner: str | None, source: str | None, chance: int | None,
                     estimated_profit: str | None, entry: Entry) -> str:
        relationship = new_prospect(key, name, owner, source, chance, estimated_profit, entry)
        try:
            self.save(relationship)
        except IntegrityError:
            raise ClientAlreadyRegistered(relationship.key) from None
        self._settle([], entry)
        return relationship.key

    def decide_prospect(self, key: str, choice: str, reason: str | None, entry: Entry) -> bool:
        """Pursue or decline; True when that goes against the scorecard."""
        chosen, against = parse_choice(Choice, choice, "decision"), []
        self._change(key, entry, lambda r: against.append(r.decide(chosen, reason, *_at(entry))))
        return against[-1]

    def win_prospect(self, key: str, reason: str | None, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.win(reason, *_at(entry)))

    def lose_prospect(self, key: str, reason: str, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.lose_prospect(reason, *_at(entry)))

    def lose_client(self, key: str, reason: str, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.lose_client(reason, *_at(entry)))

    def win_back_client(self, key: str, reason: str, entry: Entry) -> list[TierChange]:
        return self._change(key, entry, lambda r: r.win_back(reason, *_at(entry)))

    def adopt_policy(self, path: str, reason: str, entry: Entry) -> list[TierChange]:
        """Put the tier policy in the TOML file in force; every tier is evaluated again under it."""
        policy, document = read_policy_file(path)
        shipped = default_policy_document()
        if policy.version == shipped["version"] and document != shipped:
            raise RuleViolation(f"tier policy {policy.version} is the shipped policy: give your rules a new version")
        if policy.version == self.policy.version:
            raise RuleViolation(f"tier policy {policy.version} is already in force")
        recordings = self._change_portfolio(lambda p: p.adopt_policy(policy, document, reason, *_at(entry)), entry)
        self.policy = policy
        return self._settle([r.domain_event.ref(PORTFOLIO) for r in recordings], entry)

    def forget(self, key: str, reason: str, entry: Entry) -> None:
        """Make the client's personal notes unreadable for good: record why, then destroy its key.
        Run again after an interruption, it destroys the key without recording twice."""
        client_id = str(Relationship.create_id(checked_key(key)))
        if self.keyring.is_forgotten(client_id):
            raise RuleViolation(f"'{key}' is already forgotten")
        self._change(key, entry, lambda r: r.forget(reason, *_at(entry)))
        self.keyring.destroy(client_id)

    def add_goal(self, key: str, text: str, due: str | None, entry: Entry) -> int:
        """Add a development goal to the client's plan; returns its id."""
        due_on = parse_date(due, "--due") if due else None
        added: list[int] = []
        self._change(key, entry, lambda r: added.append(r.add_goal(text, due_on, *_at(entry))))
        return added[-1]

    def complete_goal(self, key: str, goal_id: int, entry: Entry) -> str:
        """Mark a goal of the client's plan done; returns its text."""
        done: list[str] = []
        self._change(key, entry, lambda r: done.append(r.complete_goal(goal_id, *_at(entry))))
        return done[-1]

    def record_review(self, key: str, period_from: str | None, period_to: str | None, entry: Entry) -> None:
        start, end = _review_period(period_from, period_to, entry)
        self._change(key, entry, lambda r: r.record_review(start, end, *_at(entry)))

    def record_portfolio_review(self, period_from: str | None, period_to: str | None, entry: Entry) -> None:
        start, end = _review_period(period_from, period_to, entry)
        self._change_portfolio(lambda p: p.record_review(start, end, *_at(entry)), entry)

    def evaluate_tiers(self, entry: Entry) -> list[TierChange]:
        """Bring the read models up to date and record every tier the policy now changes (after a
        bulk save; every command does this itself)."""
        return self._settle([], entry)

    def bulk(self) -> "Bulk":
        """A unit of work for many changes: one transaction, tiers evaluated once (service/bulk.py)."""
        from kamledger.service.bulk import Bulk

        return Bulk(self)

    # How changes are made

    def _policy_in_force(self) -> TierPolicy:
        portfolio = self._portfolio()
        document = portfolio.policy_document if portfolio else None
        return policy_from_dict(document) if document else default_policy()

    def policies(self) -> dict[str, TierPolicy]:
        """Every tier policy the ledger has used, by version: the shipped one and those adopted."""
        portfolio = self._portfolio()
        adopted = portfolio.policies.items() if portfolio else ()
        shipped = default_policy()
        return {shipped.version: shipped, **{version: policy_from_dict(doc) for version, doc in adopted}}

    def _portfolio(self) -> Portfolio | None:
        try:
            return self._load(Portfolio.create_id())
        except AggregateNotFoundError:
            return None

    def _change_portfolio(self, change: Callable[[Portfolio], None], entry: Entry) -> list:
        for _ in _attempts():
            try:
                portfolio = self._load(Portfolio.create_id())
            except AggregateNotFoundError:
                portfolio = Portfolio.open(*_at(entry))
            change(portfolio)
            try:
                recordings = self.save(portfolio)
            except IntegrityError:
                continue
            return [r for r in recordings if isinstance(r.domain_event, Recorded)]
        raise RuleViolation("the portfolio kept changing under concurrent writers; nothing was recorded, try again")

    def _get(self, key: str) -> Relationship:
        try:
            return self._load(Relationship.create_id(key))
        except AggregateNotFoundError:
            raise ClientNotFound(key) from None

    def _load(self, aggregate_id: UUID) -> Any:
        """An aggregate from its latest snapshot and the events after it."""
        return self.repository.get(aggregate_id, projector_func=_project)

    def _change(self, key: str, entry: Entry, change: Callable[[Relationship], None]) -> list[TierChange]:
        """Load, change and save one relationship, retrying when another writer got there first."""
        for _ in _attempts():
            relationship = self._get(key)
            change(relationship)
            try:
                recordings = self.save(relationship)
            except IntegrityError:
                continue
            triggers = [r.domain_event.ref(key) for r in recordings
                        if isinstance(r.domain_event, Fact) and r.domain_event.counts_for_tiers]
            return self._settle(triggers, entry)
        raise RuleViolation(f"'{key}' kept changing under concurrent writers; nothing was recorded, try again")

    def _settle(self, triggers: list[EventRef], entry: Entry) -> list[TierChange]:
        """Bring the read models up to date and record every tier the policy now changes."""
        recorded: list[TierChange] = []
        for _ in _attempts():
            evaluated = self.recorder.max_notification_id() or 0  # what this evaluation covers at least
            catch_up(self, self.read_models)
            inputs, current = self.read_models.tier_inputs()
            portfolio = situations(self.policy, inputs)
            changed: list[tuple[Relationship, TierChange]] = []
            for key, situation in portfolio.items():
                if self.policy.verdict(situation).tier is current[key]:
                    continue
                relationship = self._get(key)
                previous = relationship.standing.tier.tier
                explained = Situation(relationship.standing.tier_inputs(), situation.pareto)
                decision = self.policy.decide(explained)
                # A decision of recording time (what the product showed from then on), dated as the
                # command that caused it, as it was shown; business-time views ask the policy instead.
                if relationship.change_tier(decision, triggers, *_at(entry)):
                    changed.append((relationship, TierChange(key, previous.value, decision.tier.value, decision.rule)))
            if not changed:
                self.settling.mark(evaluated)
                return recorded
            saved_ids: list[int] = []
            try:
                # In parts: on PostgreSQL the library's pipelined insert of a large save can stall
                # for good (seen with 10,000 tier changes, then with 500 of about 7 KB each).
                for first in range(0, len(changed), TIER_CHANGES_PER_SAVE):
                    part = changed[first:first + TIER_CHANGES_PER_SAVE]
                    saved_ids += [r.notification.id for r in self.save(*(relationship for relationship, _ in part))]
                    recorded += [change for _, change in part]
            except IntegrityError:
                continue  # a concurrent writer changed one of them: evaluate again
            catch_up(self, self.read_models)
            self.settling.mark(position_after(evaluated, saved_ids))
            return recorded
        return recorded

    def finish_interrupted(self) -> list[TierChange]:
        """Finish the tier evaluation of a command whose writer died after saving (service/settling.py)."""
        return finish(self)


def new_prospect(key: str, name: str, owner: str | None, source: str | None, chance: int | None,
                 estimated_profit: str | None, entry: Entry) -> Relationship:
    """A relationship in the prospect stage, from what a person typed (not saved yet)."""
    estimated = None if estimated_profit is None else parse_amount(estimated_profit, "estimated profit")
    return Relationship.add_prospect(checked_key(key), name, owner, source, chance, estimated, *_at(entry))


def _project(aggregate: Any, events: Iterable[Any]) -> Any:
    """The library's project_aggregate without its assert, for every event, that the event fits a
    runtime-checkable Protocol: on Python 3.11 that check was 45% of loading a client."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def _attempts() -> Iterator[int]:
    """Tries at a change that may meet concurrent writers; random pauses spread colliding writers."""
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(random.uniform(0, FIRST_PAUSE_SECONDS * 2**attempt))
        yield attempt


def _review_period(period_from: str | None, period_to: str | None, entry: Entry) -> tuple:
    start = parse_date(period_from, "--from") if period_from else None
    return start, parse_date(period_to, "--to") if period_to else entry.occurred_on


def _connect_args(store: Store) -> dict[str, Any]:
    if store.is_sqlite:
        return {"timeout": store.lock_timeout}
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS}


def _met_concurrent_creation(error: Exception) -> bool:
    """PostgreSQL refuses two sessions creating the same tables at the same moment ('tuple
    concurrently updated', or a duplicate row in pg_type); the one refused may simply try again."""
    return "concurrently updated" in str(error) or "pg_type" in str(error)


def _at(entry: Entry) -> tuple:
    return entry.occurred_on, entry.recorded_by

