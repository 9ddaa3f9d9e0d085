"""The application service: handles the typed commands, one at a time or in a unit of work.

A command (service/commands/commands.py) is loaded, applied and saved here, retried when another
writer got there first; then the read models catch up and the tier policy is evaluated over the
whole portfolio, so standings are never stale, and only real tier changes are recorded. Text as a
person typed it becomes commands in service/commands/intake.py; the store, read models, keyring and
chain are wired together in one place, service/bootstrap.py. The read side's queries come from
service/queries/ (LedgerQueries, PortfolioAnalytics) and catch the read models up first.
"""

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from kamledger.domain.errors import ClientAlreadyRegistered, ClientNotFound, RuleViolation
from kamledger.domain.facts import Recorded
from kamledger.domain.keys import checked_key
from kamledger.domain.people import checked_person, person_key_id
from kamledger.domain.portfolio import PORTFOLIO, Portfolio
from kamledger.domain.relationship import Fact, Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.tier_policy import Situation, TierPolicy, policy_from_dict, situations
from kamledger.domain.tiers import EventRef
from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.read_models import ReadModels
from kamledger.service.commands.bulk import Bulk
from kamledger.service.commands.commands import (
    AdoptPolicy, ClientCommand, Command, Creation, Forget, ForgetContact, Outcome, PortfolioCommand, TierChange,
)
from kamledger.service.commands.entry import Entry
from kamledger.service.commands.intake import TypedEntry
from kamledger.service.commands.retries import attempts
from kamledger.service.commands.settling import Settling, position_after
from kamledger.service.infrastructure.config import (
    default_policy, default_policy_document, load_questionnaire, read_policy_file,
)
from kamledger.service.infrastructure.event_store import LedgerLog
from kamledger.service.infrastructure.fast_paths import aggregate_from_its_state, project_aggregate
from kamledger.service.infrastructure.store import Store
from kamledger.service.queries.analytics import PortfolioAnalytics
from kamledger.service.queries.ledger_queries import LedgerQueries
from kamledger.service.trust.chain import Chain
from kamledger.service.trust.privacy import Keyring, event_sealing_id, has_personal_text

__all__ = ["Ledger", "LedgerLog", "TierChange"]

TIER_CHANGES_PER_SAVE = 100
FROM_READ_MODELS = 50  # tier changes from which their clients are loaded from the read models' standings
FROM_READ_MODELS_AT_ONCE = 500  # ... so many at a time


class Ledger(TypedEntry, LedgerQueries, PortfolioAnalytics, LedgerLog):
    """The application: the event log (LedgerLog) with its commands and, from service/queries/, its queries.
    Made by service/bootstrap.py, which wires in what it works with."""

    name = LedgerLog.name  # the library would name a subclass after itself; tables and tracking use this
    keyring: Keyring
    read_models: ReadModels
    chain: Chain
    settling: Settling

    def __init__(self, store: Store, questionnaire: Questionnaire | None = None, policy: TierPolicy | None = None):
        super().__init__(env=store.event_store_env)
        self.store = store
        self._questionnaire = questionnaire
        self._policy = policy

    def wire(self, keyring: Keyring, read_models: ReadModels, chain: Chain, settling: Settling) -> "Ledger":
        """What the ledger works with besides its event store (service/bootstrap.py)."""
        self.keyring, self.read_models, self.chain, self.settling = keyring, read_models, chain, settling
        self.mapper.keyring = keyring
        return self

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
        """Save, the chain's links in the same transaction (service/trust/chained_recorders.py; a store
        without them chains after the save). The keys for the personal texts about to be sealed
        are made first, all together."""
        self.keyring.make_keys({
            event_sealing_id(event) for obj in objs for event in getattr(obj, "pending_events", ()) if has_personal_text(event)
        })
        recordings = super().save(*objs, **kwargs)
        if not getattr(self.recorder, "chaining", False):
            self.chain.extend([recording.notification for recording in recordings])
        return recordings

    # Commands

    def handle(self, command: Command, entry: Entry) -> Outcome:
        """Carry out one command: load, change, save (retrying when another writer got there
        first), then record every tier the policy now changes."""
        if isinstance(command, Creation):
            relationship = command.create(*_at(entry))
            try:
                self.save(relationship)
            except IntegrityError:
                raise ClientAlreadyRegistered(relationship.key) from None
            return Outcome(relationship.key, self._settle([], entry))
        if isinstance(command, PortfolioCommand):
            recordings = self._change_portfolio(lambda p: command.change(p, *_at(entry)), entry)
            if not isinstance(command, AdoptPolicy):
                return Outcome(None, [])
            self.policy = command.policy
            return Outcome(None, self._settle([r.domain_event.ref(PORTFOLIO) for r in recordings], entry))
        return self._change(command, entry)

    def adopt_policy(self, path: str, reason: str, entry: Entry) -> list[TierChange]:
        """Put the tier policy in the TOML file in force; every tier is evaluated again under it."""
        policy, document = read_policy_file(path)
        shipped = default_policy_document()
        if policy.version == shipped["version"] and document != shipped:
            raise RuleViolation(f"tier policy {policy.version} is the shipped policy: give your rules a new version")
        if policy.version == self.policy.version:
            raise RuleViolation(f"tier policy {policy.version} is already in force")
        return self.handle(AdoptPolicy(policy, document, reason), entry).tier_changes

    def forget(self, key: str, reason: str, entry: Entry) -> None:
        """Make the client's personal notes unreadable for good: record why, then destroy its key.
        Run again after an interruption, it destroys the key without recording twice."""
        client_id = str(Relationship.create_id(checked_key(key)))
        if self.keyring.is_forgotten(client_id):
            raise RuleViolation(f"'{key}' is already forgotten")
        self.handle(Forget(key, reason), entry)
        people_ids = [person_key_id(client_id, person) for person in self.relationship(key).people_known()]
        self.keyring.destroy(client_id, *people_ids)  # its people are forgotten with it

    def forget_person(self, key: str, person: str, reason: str, entry: Entry) -> str:
        """Make one person's name, role and notes unreadable for good and take them off the map:
        record why, then destroy their key. Run again after an interruption, it destroys the key
        without recording twice. Returns the handle."""
        handle, client_id = checked_person(person), str(Relationship.create_id(checked_key(key)))
        if self.keyring.is_forgotten(client_id):
            raise RuleViolation(f"'{key}' is forgotten, its people with it")
        key_id = person_key_id(client_id, handle)
        if self.keyring.is_forgotten(key_id):
            raise RuleViolation(f"person '{handle}' of '{key}' is already forgotten")
        if handle not in self.relationship(key).people_forgotten():
            self.handle(ForgetContact(key, handle, reason), entry)
        self.keyring.destroy(key_id)
        return handle

    def evaluate_tiers(self, entry: Entry) -> list[TierChange]:
        """Bring the read models up to date and record every tier the policy now changes (after a
        bulk save; every command does this itself)."""
        return self._settle([], entry)

    def bulk(self) -> Bulk:
        """A unit of work for many changes: one transaction, tiers evaluated once (service/commands/bulk.py)."""
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
        for _ in attempts():
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

    def relationship(self, key: str) -> Relationship:
        """The client's aggregate as stored now."""
        try:
            return self._load(Relationship.create_id(key))
        except AggregateNotFoundError:
            raise ClientNotFound(key) from None

    def _load(self, aggregate_id: UUID) -> Any:
        """An aggregate from its latest snapshot and the events after it."""
        return self.repository.get(aggregate_id, projector_func=project_aggregate)

    def _change(self, command: ClientCommand, entry: Entry) -> Outcome:
        """Load, change and save one relationship, retrying when another writer got there first."""
        for _ in attempts():
            relationship = self.relationship(command.key)
            done = command.change(relationship, *_at(entry))
            try:
                recordings = self.save(relationship)
            except IntegrityError:
                continue
            triggers = [r.domain_event.ref(command.key) for r in recordings
                        if isinstance(r.domain_event, Fact) and r.domain_event.counts_for_tiers]
            return Outcome(done, self._settle(triggers, entry))
        raise RuleViolation(f"'{command.key}' kept changing under concurrent writers; nothing was recorded, try again")

    def _settle(self, triggers: list[EventRef], entry: Entry) -> list[TierChange]:
        """Bring the read models up to date and record every tier the policy now changes."""
        recorded: list[TierChange] = []
        for _ in attempts():
            evaluated = self.recorder.max_notification_id() or 0  # what this evaluation covers at least
            catch_up(self, self.read_models)
            inputs, current = self.read_models.tier_inputs()
            portfolio = situations(self.policy, inputs)
            moving = [key for key, situation in portfolio.items() if self.policy.verdict(situation).tier is not current[key]]
            saved_ids: list[int] = []
            decided = self._decided(moving, portfolio, triggers, entry)
            try:
                # Saved a part at a time, each as soon as it is decided: on PostgreSQL the library's
                # pipelined insert of a large save can stall for good (seen with 10,000 tier changes,
                # then with 500 of about 7 KB each), and every changed client held until all were
                # decided (after an import, all of them) made the collector walk them again and again.
                while part := list(islice(decided, TIER_CHANGES_PER_SAVE)):
                    saved_ids += [r.notification.id for r in self.save(*(relationship for relationship, _ in part))]
                    recorded += [change for _, change in part]
            except IntegrityError:
                continue  # a concurrent writer changed one of them: evaluate again
            if not saved_ids:
                self.settling.mark(evaluated)
                return recorded
            catch_up(self, self.read_models)
            self.settling.mark(position_after(evaluated, saved_ids))
            return recorded
        return recorded

    def _decided(self, moving: list[str], portfolio: dict[str, Situation], triggers: list[EventRef],
                 entry: Entry) -> Iterator[tuple[Relationship, TierChange]]:
        """Each of those clients whose tier the policy changes, loaded and changed, with the change."""
        for key, relationship in self._to_change(moving):
            previous = relationship.standing.tier.tier
            decision = self.policy.decide(Situation(relationship.standing.tier_inputs(), portfolio[key].pareto))
            # A decision of recording time (what the product showed from then on), dated as the
            # command that caused it, as it was shown; business-time views ask the policy instead.
            if relationship.change_tier(decision, triggers, *_at(entry)):
                yield relationship, TierChange(key, previous.value, decision.tier.value, decision.rule)

    def _to_change(self, keys: list[str]) -> Iterator[tuple[str, Relationship]]:
        """The clients whose tier is about to change, each loaded, in the order given. Many of them
        (after a bulk import, which leaves no snapshots) from the Standing the read models hold,
        when it is at the version of the client's last event (service/infrastructure/fast_paths.py);
        a few, or one the read models do not hold as it stands now, from the log."""
        if len(keys) < FROM_READ_MODELS:
            yield from ((key, self.relationship(key)) for key in keys)
            return
        forgotten = self.read_models.forgotten_on()
        for start in range(0, len(keys), FROM_READ_MODELS_AT_ONCE):  # a page at a time: not every client held at once
            some = keys[start:start + FROM_READ_MODELS_AT_ONCE]
            from_read_models: dict[str, Relationship] = {}
            for key, standing, version in self.read_models.standings_as_of(some):
                client_id = Relationship.create_id(key)
                first, last = (self.mapper.to_domain_event(stored) for stored in (
                    *self.recorder.select_events(client_id, limit=1), *self.recorder.select_events(client_id, desc=True, limit=1)))
                if last.originator_version == version:  # else another writer got there after the catch-up
                    state = {"standing": standing, "forgotten_on": forgotten.get(key)}
                    from_read_models[key] = aggregate_from_its_state(Relationship, first, last, state)
            for key in some:
                yield key, from_read_models.pop(key, None) or self.relationship(key)

    def catch_up(self) -> int:
        """Project into the read models what was recorded since they last looked, by anyone; the
        queries read what they hold. Returns how many events."""
        return catch_up(self, self.read_models)

    def finish_interrupted(self) -> list[TierChange]:
        """Finish the tier evaluation of a command whose writer died after saving (service/commands/settling.py)."""
        return self.settling.finish(self.evaluate_tiers)


def _at(entry: Entry) -> tuple:
    return entry.occurred_on, entry.recorded_by
