"""The event log as plain data: every stored event out, and into an empty ledger again.

Each event is carried as stored (aggregate id, version, topic and its state as JSON, which holds
the timestamp, business date and who recorded it), so importing reproduces the same events in
the same order: the same ids, versions and times, and therefore the same standings.

Notes, comments and reasons travel opened (the export is as private as the ledger: keep it so)
and are sealed again with the importing ledger's own client keys; a forgotten client's stay
sealed, with no key, so they stay forgotten. A forgotten person (kam forget --person, or with
their client) travels as "(forgotten)", their texts and their handle alike.
"""

import json
from dataclasses import dataclass, replace
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent

from kamledger.domain.errors import InvalidInput, KamError, RuleViolation
from kamledger.domain.people import person_key_id
from kamledger.projections.ledger_projection import catch_up
from kamledger.service.commands.bulk import refusal
from kamledger.service.commands.ledger import Ledger
from kamledger.service.trust.privacy import nobody_named

PAGE = 1000
FIELDS = ("id", "originator_id", "originator_version", "topic", "timestamp", "state")


def recorded_events(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Every stored event in the order it was recorded, as plain data (see FIELDS)."""
    start = None
    while page := ledger.recorder.select_notifications(start=start, limit=PAGE, inclusive_of_start=False):
        for notification in page:
            event = ledger.mapper.to_domain_event(notification)  # checks the state decodes
            client_id = str(notification.originator_id)
            state = json.loads(_plain(ledger, notification.state))
            yield {
                "id": notification.id,
                "originator_id": client_id,
                "originator_version": notification.originator_version,
                "topic": notification.topic,
                "timestamp": event.timestamp.isoformat(),
                "state": ledger.keyring.unseal_fields(client_id, _kind(notification.topic), state)
                if not ledger.keyring.is_forgotten(client_id) else nobody_named(_kind(notification.topic), state),
            }
        start = page[-1].id


def import_events(ledger: Ledger, source: str, lines: Iterable[str]) -> int:
    """Store the events of a JSON-lines export in an empty ledger, all in one transaction;
    returns how many. Every line is checked first; any bad line refuses the whole file."""
    if ledger.recorder.max_notification_id():
        raise RuleViolation("the ledger already holds events: import events only into an empty ledger")
    items, problems, versions = [], [], {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = _exported_event(ledger, line)
            _check_follows(versions.get(item.originator_id, 0), item)
        except KamError as error:
            problems.append((number, error))
            continue
        items.append(item)
        versions[item.originator_id] = item.originator_version
    if problems:
        raise refusal(source, problems, "line")
    forgotten = {str(item.originator_id) for item in items if _kind(item.topic) == "Forgotten"}
    stored = [_sealed(ledger, item, forgotten) for item in items]
    if stored:
        try:
            ledger.recorder.insert_events(stored)
        except IntegrityError:
            raise RuleViolation("another process stored events meanwhile; nothing was imported") from None
    for client_id in forgotten:
        ledger.keyring.destroy(client_id)
    people_forgotten = {person_key_id(str(item.originator_id), item.state["person"]) for item in items
                        if _kind(item.topic) == "ContactForgotten" and str(item.originator_id) not in forgotten}
    if people_forgotten:
        ledger.keyring.destroy(*sorted(people_forgotten))
    catch_up(ledger, ledger.read_models)
    ledger.settling.mark(ledger.recorder.max_notification_id() or 0)  # the tiers came with the events
    return len(stored)


def _check_follows(previous: int, event: "ExportedEvent") -> None:
    """Each aggregate's events come in order, version after version, from 1."""
    if event.originator_version != previous + 1:
        raise InvalidInput(f"version {event.originator_version} of {event.originator_id} should be {previous + 1}")


@dataclass(frozen=True)
class ExportedEvent:
    originator_id: UUID
    originator_version: int
    topic: str
    state: dict[str, Any]


def _exported_event(ledger: Ledger, line: str) -> ExportedEvent:
    try:
        item = json.loads(line)
        exported = ExportedEvent(UUID(item["originator_id"]), int(item["originator_version"]), str(item["topic"]), dict(item["state"]))
        ledger.mapper.to_domain_event(_stored_event(ledger, exported))  # the topic resolves and the state decodes
    except Exception as error:  # anything malformed in one line of a file a person may have edited
        raise InvalidInput(f"not an exported event ({type(error).__name__}: {error})") from None
    return exported


def _sealed(ledger: Ledger, item: ExportedEvent, forgotten: set[str]) -> StoredEvent:
    """The event as this ledger stores it: its personal texts sealed with the client's key here."""
    client_id = str(item.originator_id)
    if client_id not in forgotten:
        item = replace(item, state=ledger.keyring.seal_fields(client_id, _kind(item.topic), item.state))
    return _stored_event(ledger, item)


def _stored_event(ledger: Ledger, item: ExportedEvent) -> StoredEvent:
    state = json.dumps(item.state, separators=(",", ":"), ensure_ascii=False).encode("utf8")
    return StoredEvent(item.originator_id, item.originator_version, item.topic, _stored(ledger, state))


def _kind(topic: str) -> str:
    """The event class of a relationship's topic ('...:Relationship.Scored' -> 'Scored'), else ''."""
    module_and_class = topic.rpartition(":")[2]
    return module_and_class.removeprefix("Relationship.") if module_and_class.startswith("Relationship.") else ""


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
