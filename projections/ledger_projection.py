"""The projection that follows the ledger's event log into the standings and timeline tables."""

from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Tracking
from sqlalchemy.exc import IntegrityError as SQLIntegrityError

from kamledger.domain.facts import Recorded, id_text
from kamledger.domain.portfolio import PORTFOLIO
from kamledger.domain.relationship import Fact, Relationship
from kamledger.domain.standing import Standing
from kamledger.domain.errors import KamError
from kamledger.projections.log_parts import part_pages
from kamledger.projections.read_models import TIMELINE_BASE_FIELDS, ProjectionBatch, ReadModels, TrackingConflict

BATCH_SIZE = 1000
COUNT_AGAIN_FROM = 10_000  # events projected at once: the database's statistics are gathered again (ReadModels.count_rows_again)


class ReadModelsOutOfStep(KamError):
    """The read models disagree with the event log in a way a catch-up cannot mend."""


def project(batch: ProjectionBatch, event: Any, tracking: Tracking) -> None:
    """Apply one event to a batch; events the read models do not show are only tracked."""
    client_id = id_text(event.originator_id)
    if isinstance(event, Relationship.Registered):
        standing = event.new_standing()
        batch.dated.registered(client_id, standing.key, standing, event)
    elif isinstance(event, Relationship.TierChanged) and (key := batch.tier_changed(client_id, event)) is not None:
        batch.dated.decided(key, event)  # its tier alone changed (ProjectionBatch.tier_changed)
        batch.timeline_rows.append(timeline_row(event, client_id, key, tracking))
        batch.last = tracking
        return
    elif isinstance(event, Fact):
        standing = batch.standing(client_id)
        event.update(standing)
        if event.sealed_per_person:  # a person's event: the client's map of people changed
            batch.people_changed.add(client_id)
        if event.of_business_time and event.business_mark() is not None:
            batch.dated.marked(client_id, standing.key, standing, event)
            worked_or_troubled(batch, client_id, standing, event)
        elif isinstance(event, Relationship.TierChanged):
            batch.dated.decided(standing.key, event)
    else:
        if isinstance(event, Recorded):  # a fact about the whole portfolio
            batch.timeline_rows.append(timeline_row(event, client_id, PORTFOLIO, tracking))
            if event.decides_tiers:
                batch.dated.policy_adopted(event.occurred_on)
        batch.last = tracking
        return
    batch.put(client_id, standing, event.originator_version)
    batch.portfolio.add(client_id, standing.key, event)
    batch.timeline_rows.append(timeline_row(event, client_id, standing.key, tracking))
    batch.last = tracking


def worked_or_troubled(batch: ProjectionBatch, client_id: str, standing: Standing, event: Any) -> None:
    """An entry of work, or a problem as it now stands, for the portfolio's sums (kam_effort, kam_problems)."""
    if isinstance(event, Relationship.EffortSpent):
        batch.effort_rows.append({
            "client_id": client_id, "version": event.originator_version, "key": standing.key, "day": event.occurred_on,
            "centihours": int(event.hours * 100), "kind": event.kind,
        })
    elif isinstance(event, Relationship.ProblemNoted | Relationship.ProblemResolved):
        problem = standing.problems[event.problem_id]
        batch.problem_rows[(client_id, problem.id)] = {
            "client_id": client_id, "problem_id": problem.id, "key": standing.key, "noted_on": problem.noted_on,
            "severity": problem.severity.value, "resolved_on": problem.resolved_on,
        }


def timeline_row(event: Any, client_id: str, key: str, tracking: Tracking) -> dict[str, Any]:
    fields = {name: value for name, value in event.__dict__.items() if name not in TIMELINE_BASE_FIELDS}
    return {
        "notification_id": tracking.notification_id,
        "client_id": client_id,
        "client_key": key,
        "version": event.originator_version,
        "type": type(event).__name__,
        "occurred_on": event.occurred_on,
        "recorded_at": event.timestamp,
        "recorded_by": event.recorded_by,
        "fields": fields,  # the JSON column writes dates and money as text (read_models.json_text)
    }


def catch_up(app: Application, view: ReadModels, batch_size: int = BATCH_SIZE) -> int:
    """Pull what the read models have not seen yet from the notification log; returns how many.

    The pull is what SQLite needs (it cannot push); it is also right on PostgreSQL for a command
    that wants its own change visible before it answers.
    """
    projected = 0
    while True:
        position = view.max_tracking_id(app.name)
        notifications = app.recorder.select_notifications(
            start=position, limit=batch_size, inclusive_of_start=False
        )
        if not notifications:
            if projected >= COUNT_AGAIN_FROM:
                view.count_rows_again()
            return projected
        try:
            with view.batch(app.name, position) as batch:
                for notification in notifications:
                    event = app.mapper.to_domain_event(notification)
                    project(batch, event, Tracking(app.name, notification.id))
        except (TrackingConflict, SQLIntegrityError) as conflict:
            if view.max_tracking_id(app.name) == position:  # nobody else moved on: not a race
                reason = str(conflict).splitlines()[0]
                raise ReadModelsOutOfStep(f"the read models are out of step with the event log ({reason}); run 'kam projections rebuild'") from None
            continue  # another process projected these first: read the position again
        projected += len(notifications)


def project_part(app: Application, view: ReadModels, part: int, parts: int, stop: int, batch_size: int = BATCH_SIZE) -> int:
    """One process's part of a rebuild in several: the events, up to notification stop, of the
    clients in this part (projections/log_parts.py). Standings (and the rows that go with them)
    stay in memory and are written at the end, the timeline a page at a time; no position is written. Returns how many events."""
    projected = 0
    part_of = ProjectionBatch(connection=None)  # a client's events all fall in one part, Registered first
    for notifications in part_pages(app.recorder, part, parts, stop, batch_size):
        for notification in notifications:
            project(part_of, app.mapper.to_domain_event(notification), Tracking(app.name, notification.id))
        projected += len(notifications)
        view.write_timeline(part_of.timeline_rows)
        part_of.timeline_rows = []
        view.write_dated(part_of.dated)
    view.write_part(part_of)
    return projected


def rebuild(app: Application, view: ReadModels) -> int:
    """Drop the read models and project the whole event log again; returns how many events."""
    view.reset()
    return catch_up(app, view)
