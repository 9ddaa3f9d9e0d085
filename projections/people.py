"""The people on both sides as the portfolio reads them (kam map --all): kam_people and
kam_person_links, rewritten for a client whenever its map changes, from the marks of its Standing
(domain/people.py). No names, roles or notes: those are sealed texts, read from the timeline."""

from collections import defaultdict
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from kamledger.domain.business_time import PERSON
from kamledger.domain.people import Contact, Link, PersonLevel, Stance, people_on
from kamledger.domain.standing import Standing
from kamledger.projections.tables import insert_rows, people, person_links


def has_people(standing: Standing) -> bool:
    return any(name.startswith(PERSON + ":") for name in standing.marks)


def write_people(connection: Connection, changed: Mapping[str, Standing], existing: Collection[str]) -> None:
    """The rows of the clients whose map changed, as their latest business dates say."""
    stored = [client_id for client_id in changed if client_id in existing]
    for first in range(0, len(stored), 500):
        part = stored[first:first + 500]
        connection.execute(delete(person_links).where(person_links.c.client_id.in_(part)))
        connection.execute(delete(people).where(people.c.client_id.in_(part)))
    person_rows, link_rows = [], []
    for client_id, standing in changed.items():
        for contact in people_on(standing.marks, date.max):
            person_rows.append({
                "client_id": client_id, "person": contact.person, "key": standing.key, "level": contact.level.value,
                "department": contact.department, "stance": contact.stance.value, "decides": contact.decides,
                "joined_on": contact.joined_on, "left_on": contact.left_on,
            })
            link_rows += [{
                "client_id": client_id, "person": contact.person, "ours": link.ours, "key": standing.key,
                "strength": link.strength, "linked_on": link.linked_on, "last_touch": link.last_touch, "last_kind": link.last_kind,
            } for link in contact.links]
    if person_rows:
        insert_rows(connection, people, person_rows)
    if link_rows:
        insert_rows(connection, person_links, link_rows)


def contacts_by_client(engine: Engine) -> dict[str, list[Contact]]:
    """Every client's people as they stand (left ones too), with our links to them, by client key."""
    with engine.connect() as connection:
        links: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for row in connection.execute(select(person_links).order_by(person_links.c.ours)).mappings():
            links[(row["key"], row["person"])].append(
                Link(row["ours"], row["strength"], row["linked_on"], row["last_touch"], row["last_kind"]))
        found: dict[str, list[Contact]] = defaultdict(list)
        for row in connection.execute(select(people).order_by(people.c.key, people.c.person)).mappings():
            found[row["key"]].append(_contact(row, tuple(links.get((row["key"], row["person"]), ()))))
    return dict(found)


def _contact(row: Any, links: tuple[Link, ...]) -> Contact:
    return Contact(row["person"], PersonLevel(row["level"]), row["department"], Stance(row["stance"]), bool(row["decides"]),
                   row["joined_on"], row["left_on"], links)
