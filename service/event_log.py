"""The event log as plain data: every stored event out, and into an empty ledger again.

Each event is carried as stored (aggregate id, version, topic and its state as JSON, which holds
the timestamp, business date and who recorded it), so importing reproduces the same events in
the same order: the same ids, versions and times, and therefore the same standings.
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent

from kamledger.domain.errors import InvalidInput, KamError, RuleViolation
from kamledger.projections.ledger_projection import catch_up
from kamledger.service.bulk import refusal
from kamledger.service.ledger import Ledger

PAGE = 1000
FIELDS = ("id", "originator_id", "originator_version", "topic", "timestamp", "state")


def recorded_events(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Every stored event in the order it was recorded, as plain data (see FIELDS)."""
    start = None
    while page := ledger.recorder.select_notifications(start=start, limit=PAGE, inclusive_of_start=False):
        for notification in page:
            event = ledger.mapper.to_domain_event(notification)  # checks the state decodes
            yield {
                "id": notification.id,
                "originator_id": str(notification.originator_id),
                "originator_version": notification.originator_version,
                "topic": notification.topic,
                "timestamp": event.timestamp.isoformat(),
                "state": json.loads(_plain(ledger, notification.state)),
            }
        start = page[-1].id


def import_events(ledger: Ledger, source: str, lines: Iterable[str]) -> int:
    """Store the events of a JSON-lines export in an empty ledger, all in one transaction;
    returns how many. Every line is checked first; any bad line refuses the whole file."""
    if ledger.recorder.max_notification_id():
        raise RuleViolation("the ledger already holds events: import events only into an empty ledger")
    stored, problems, versions = [], [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = _stored_event(ledger, line)
            _check_follows(versions.get(event.originator_id, 0), event)
        except KamError as error:
            problems.append((number, error))
            continue
        stored.append(event)
        versions[event.originator_id] = event.originator_version
    if problems:
        raise refusal(source, problems, "line")
    if stored:
        try:
            ledger.recorder.insert_events(stored)
        except IntegrityError:
            raise RuleViolation("another process stored events meanwhile; nothing was imported") from None
    catch_up(ledger, ledger.read_models)
    return len(stored)


def _check_follows(previous: int, event: StoredEvent) -> None:
    """Each aggregate's events come in order, version after version, from 1."""
    if event.originator_version != previous + 1:
        raise InvalidInput(f"version {event.originator_version} of {event.originator_id} should be {previous + 1}")


def _stored_event(ledger: Ledger, line: str) -> StoredEvent:
    try:
        item = json.loads(line)
        state = json.dumps(item["state"], separators=(",", ":"), ensure_ascii=False).encode("utf8")
        stored = StoredEvent(UUID(item["originator_id"]), int(item["originator_version"]), str(item["topic"]), _stored(ledger, state))
        ledger.mapper.to_domain_event(stored)  # the topic resolves and the state decodes
    except Exception as error:  # anything malformed in one line of a file a person may have edited
        raise InvalidInput(f"not an exported event ({type(error).__name__}: {error})") from None
    return stored


def _plain(ledger: Ledger, state: bytes) -> bytes:
    """The state as JSON, whether or not the store compresses or encrypts it."""
    if ledger.mapper.cipher:
        state = ledger.mapper.cipher.decrypt(state)
    if ledger.mapper.compressor:
        state = ledger.mapper.compressor.decompress(state)
    return state


def _stored(ledger: Ledger, state: bytes) -> bytes:
    if ledger.mapper.compressor:
        state = ledger.mapper.compressor.compress(state)
    if ledger.mapper.cipher:
        state = ledger.mapper.cipher.encrypt(state)
    return state
