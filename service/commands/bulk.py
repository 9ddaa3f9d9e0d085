"""Bulk entry: many changes to the ledger saved in one transaction, tiers evaluated once.

A ``Bulk`` is a unit of work over the Ledger (``with ledger.bulk() as bulk: ...``). It takes the
same typed entry as the Ledger (service/commands/intake.py: the same parsing, the same commands),
but handles each command against the client as this unit of work holds it: loaded once, changed in
memory, and every new event is saved together by ``commit()`` in one transaction of the same event
store. Leaving the ``with`` block commits what is pending, brings the read models up to date and
evaluates the tier policy once; an exception discards everything not yet committed. A caller
entering more than fits in memory commits in chunks.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from kamledger.domain.errors import ClientAlreadyRegistered, InvalidInput, KamError, RuleViolation
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.projections.ledger_projection import catch_up
from kamledger.service.commands.commands import ClientCommand, Command, Creation, Outcome, TierChange
from kamledger.service.commands.entry import Entry
from kamledger.service.commands.intake import TypedEntry

SHOWN_PROBLEMS = 50  # bad lines listed in a refusal; the rest are counted


class Committing(Protocol):
    """What a unit of work needs of the ledger it works on (the Ledger is one)."""

    questionnaire: Questionnaire
    read_models: Any
    recorder: Any

    def relationship(self, key: str) -> Relationship: ...
    def save(self, *objs: Any) -> Any: ...
    def evaluate_tiers(self, entry: Entry) -> list[TierChange]: ...


class Bulk(TypedEntry):
    """Changes collected in memory, saved together (see the module's docstring)."""

    def __init__(self, ledger: Committing):
        self.ledger = ledger
        self._touched: dict[str, Relationship] = {}
        self._records: list[Aggregate] = []
        self._pending = 0
        self._latest: Entry | None = None  # the latest entry since the last settle: dates its tier changes
        self.saved = 0
        self.tier_changes: list[TierChange] = []

    def __enter__(self) -> "Bulk":
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, traceback: Any) -> None:
        if kind is None:
            self.commit()
            self.tier_changes = self.settle()
        else:
            self.discard()

    @property
    def questionnaire(self) -> Questionnaire:
        return self.ledger.questionnaire

    def handle(self, command: Command, entry: Entry) -> Outcome:
        """Apply the command to the client as this unit of work has it; nothing is saved until
        commit(), and tiers are evaluated once, when the unit of work settles."""
        if isinstance(command, Creation):
            if self.has_client(command.key):
                raise ClientAlreadyRegistered(command.key)
            created = self._touched[command.key] = command.create(entry.occurred_on, entry.recorded_by)
            self._entered(entry, len(created.pending_events))
            return Outcome(command.key, [])
        if not isinstance(command, ClientCommand):
            raise RuleViolation(f"{type(command).__name__} is not part of a bulk entry; run it on its own")
        relationship = self.relationship(command.key)
        before = len(relationship.pending_events)
        done = command.change(relationship, entry.occurred_on, entry.recorded_by)
        self._entered(entry, len(relationship.pending_events) - before)
        return Outcome(done, [])

    def has_client(self, key: str) -> bool:
        """Registered before or in this unit of work (one indexed read, not a load)."""
        if key in self._touched:
            return True
        return bool(self.ledger.recorder.select_events(Relationship.create_id(key), limit=1))

    def relationship(self, key: str) -> Relationship:
        """The client as this unit of work has it: loaded once, with its changes so far applied."""
        if key not in self._touched:
            self._touched[key] = self.ledger.relationship(key)
        return self._touched[key]

    def add(self, aggregate: Aggregate) -> None:
        """Another aggregate to save in the same transaction (e.g. the record of an import)."""
        self._records.append(aggregate)

    @property
    def pending_events(self) -> int:
        """How many events wait for the next commit (to commit in chunks)."""
        return self._pending

    def _entered(self, entry: Entry, events: int) -> None:
        self._pending += events
        if self._latest is None or entry.occurred_on >= self._latest.occurred_on:
            self._latest = entry

    def commit(self) -> int:
        """Save every pending event in one transaction; returns how many. Clients are loaded
        afresh after it, so memory stays bounded by what one commit holds."""
        aggregates = [a for a in (*self._touched.values(), *self._records) if a.pending_events]
        self.discard()
        if not aggregates:
            return 0
        try:
            recordings = self.ledger.save(*aggregates)
        except IntegrityError:
            raise RuleViolation("another writer changed these clients meanwhile; nothing since the last commit was recorded, run it again") from None
        self.saved += len(recordings)
        return len(recordings)

    def discard(self) -> None:
        self._touched.clear()
        self._records.clear()
        self._pending = 0

    def settle(self) -> list[TierChange]:
        """Read models up to date and the tier policy evaluated once over everything committed;
        tier changes are dated with the latest business date entered since the last settle (a
        generator of history may settle after each month, so tiers change as time goes by)."""
        if not self.saved:
            return []
        latest, self._latest = self._latest, None
        if latest is None:
            catch_up(self.ledger, self.ledger.read_models)
            return []
        return self.ledger.evaluate_tiers(Entry(latest.occurred_on, latest.recorded_by))


def refusal(subject: str, problems: Sequence[tuple[int, KamError]], unit: str) -> KamError:
    """All bad lines of an all-or-nothing entry in one error: a headline, then one detail each.
    Malformed input makes it a usage error; otherwise the ledger's rules refused it."""
    listed = [f"line {number}: {error}" for number, error in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        listed.append(f"... and {len(problems) - SHOWN_PROBLEMS} more")
    plural = "" if len(problems) == 1 else "s"
    headline = f"{subject} has {len(problems)} bad {unit}{plural}; nothing was recorded"
    malformed = any(isinstance(error, InvalidInput) for _, error in problems)
    return (InvalidInput if malformed else RuleViolation)(headline, listed)
