"""Tiers settled after every command, even one whose writer died before settling them.

A command saves its events (with their chain links, in one transaction), then brings the read
models up to date and records the tier changes they cause. ``kam_settled`` holds how far the
tiers have been evaluated: the newest event a completed evaluation covered. A writer killed
between its save and the end of its evaluation leaves it behind the log, and the next kam
command to open the ledger finishes that evaluation before it reads anything (``finish``).
Evaluating again changes nothing that is already current, so finishing twice, or beside a live
writer that is about to settle its own events, records each tier change once.
"""

from collections.abc import Callable

from eventsourcing.application import Application
from sqlalchemy import BigInteger, Column, Engine, Integer, MetaData, Table, select, update
from sqlalchemy.exc import IntegrityError

from kamledger.service.commands.commands import TierChange
from kamledger.service.commands.entry import Entry, make_entry


LATEST = 1000  # the newest unsettled events read to date the tier changes of a finished command

settled = Table(
    "kam_settled",
    MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=False),  # one row: id 1
    Column("notification_id", BigInteger, nullable=False),  # tiers are evaluated over every event up to it
)


class Settling:
    def __init__(self, log: Application, engine: Engine):
        self.log = log
        self.engine = engine
        settled.create(engine, checkfirst=True)

    def position(self) -> int:
        """How far tiers have been evaluated. A ledger written before this record was kept is
        taken as settled where it stands (its writers settled after every command)."""
        with self.engine.connect() as connection:
            found = connection.execute(select(settled.c.notification_id).where(settled.c.id == 1)).scalar()
        if found is not None:
            return found
        newest = self.log.recorder.max_notification_id() or 0
        try:
            with self.engine.begin() as connection:
                connection.execute(settled.insert().values(id=1, notification_id=newest))
        except IntegrityError:  # another process recorded it first
            return self.position()
        return newest

    def mark(self, position: int) -> None:
        """Tiers are evaluated over every event up to position (it never goes back)."""
        with self.engine.begin() as connection:
            connection.execute(update(settled).where(settled.c.id == 1, settled.c.notification_id < position)
                               .values(notification_id=position))

    def unsettled(self) -> bool:
        return (self.log.recorder.max_notification_id() or 0) > self.position()

    def finish(self, evaluate_tiers: Callable[[Entry], list[TierChange]]) -> list[TierChange]:
        """Finish the tier evaluation of a command whose writer died after saving: the read models
        catch up and every tier the policy now changes is recorded, dated like the newest events."""
        if not self.unsettled():
            return []
        return evaluate_tiers(self._latest_entry())

    def _latest_entry(self) -> Entry:
        """The business date and recorder of the newest unsettled events (the bulk rule: a settle is
        dated with the latest date entered)."""
        newest = self.log.recorder.max_notification_id() or 0
        start = max(self.position(), newest - LATEST)
        dated = []
        for notification in self.log.recorder.select_notifications(start=start, limit=LATEST, inclusive_of_start=False):
            event = self.log.mapper.to_domain_event(notification)
            if hasattr(event, "occurred_on") and hasattr(event, "recorded_by"):
                dated.append((event.occurred_on, notification.id, event.recorded_by))
        if not dated:
            return make_entry()
        occurred_on, _, recorded_by = max(dated)
        return Entry(occurred_on, recorded_by)


def position_after(before: int, saved_ids: list[int]) -> int:
    """How far a settle that evaluated the log up to ``before`` and then saved tier changes with
    these notification ids has settled: past them only when nobody else's events lie between."""
    if saved_ids and sorted(saved_ids) == list(range(before + 1, before + 1 + len(saved_ids))):
        return before + len(saved_ids)
    return before
