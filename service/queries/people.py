"""The relationship map: one client's people and ours (kam map KEY), and the coverage and risks of
every client's map across the portfolio (kam map --all), read from the read models.

Names and roles are opened from the client's timeline only for the one client shown; the portfolio
view reads kam_people and kam_person_links (projections/people.py), which hold none.
"""

from datetime import date
from typing import Any

from kamledger.domain import business_time as bt
from kamledger.domain.errors import ClientNotFound
from kamledger.domain.people import COLD_AFTER_DAYS, Contact, coverage, people_on, synergy_mismatch, urgency
from kamledger.domain.privacy import FORGOTTEN
from kamledger.domain.prospects import Stage
from kamledger.domain.standing import Standing
from kamledger.projections.people import contacts_by_client
from kamledger.service.commands.ledger import Ledger

_TEXT_EVENTS = ("ContactAdded", "ContactChanged")


def client_map(ledger: Ledger, key: str, on: date, cold_after: int = COLD_AFTER_DAYS) -> dict[str, Any]:
    """The client's people on that business date, each with name, role, level, department, stance,
    whether they decide, and our counterparts (strength, last touch, gone cold); its coverage."""
    standing = ledger.read_models.standing(key)
    if standing is None:
        raise ClientNotFound(key)
    left = ledger.read_models.ours_left()
    contacts = people_on(standing.marks, on)
    cover = coverage(contacts, on, cold_after, left)
    texts = _names_and_roles(ledger, key, on)
    return {
        "key": key, "name": standing.name, "owner": standing.said_on(bt.OWNER, on, standing.owner),
        "tier": standing.tier.tier.value, "pyramid_level": _pyramid_on(standing, on), "on": on.isoformat(),
        "cold_after": cold_after,
        "people": [_person(contact, texts.get(contact.person, {}), on, cold_after, left) for contact in contacts],
        "coverage": cover.to_dict(),
        "synergy_mismatch": synergy_mismatch(_pyramid_on(standing, on), cover),
    }


def portfolio_map(ledger: Ledger, on: date, cold_after: int = COLD_AFTER_DAYS) -> dict[str, Any]:
    """Every client's coverage and risks as its map stands, most urgent first (gold clients run
    through one thread or with a cold decision maker at the top); the clients with no one mapped;
    and for each of ours who left, the relationships and clients that need a new holder."""
    left = ledger.read_models.ours_left()
    contacts = contacts_by_client(ledger.read_models.engine)
    clients = ledger.read_models.portfolio.clients("key", "name", "owner", "tier", "pyramid_level", "stage", everyone=True)
    rows, unmapped = [], []
    for key, name, owner, tier, pyramid_level, stage in clients:
        if stage != Stage.CLIENT.value:
            continue
        if key not in contacts:
            unmapped.append(key)
            continue
        cover = coverage(contacts[key], on, cold_after, left)
        rows.append({"key": key, "name": name, "owner": owner, "tier": tier, "pyramid_level": pyramid_level,
                     "coverage": cover.to_dict(), "synergy_mismatch": synergy_mismatch(pyramid_level, cover),
                     "_urgency": urgency(tier, cover)})
    rows.sort(key=lambda row: (row.pop("_urgency"), row["key"]))
    holders = [{
        "name": name, "left_on": day.isoformat(),
        "relationships": [{"key": row["key"], "person": need["person"]} for row in rows
                          for need in row["coverage"]["needs_holder"] if need["ours"] == name],
        "owns": sorted(key for key, _, owner, _, _, stage in clients if owner == name and stage == Stage.CLIENT.value),
    } for name, day in sorted(left.items())]
    return {"on": on.isoformat(), "cold_after": cold_after, "clients": rows, "unmapped": sorted(unmapped), "ours_left": holders}


def _pyramid_on(standing: Standing, on: date) -> str:
    return str(standing.said_on(bt.PYRAMID, on, standing.pyramid_level.value))


def _names_and_roles(ledger: Ledger, key: str, on: date) -> dict[str, dict[str, str]]:
    """Each person's name and latest role by that business date, opened from the client's timeline."""
    rows = [row for row in ledger.read_models.timeline(key) if row["type"] in _TEXT_EVENTS and row["occurred_on"] <= on]
    texts: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: (r["occurred_on"], r["version"])):
        fields = row["fields"]
        if fields["person"] == FORGOTTEN:
            continue
        said = texts.setdefault(fields["person"], {})
        for name in ("name", "role"):
            if fields.get(name) is not None:
                said[name] = fields[name]
    return texts


def _person(contact: Contact, texts: dict[str, str], on: date, cold_after: int, left: dict[str, date]) -> dict[str, Any]:
    return {
        "person": contact.person, "name": texts.get("name"), "role": texts.get("role"), "level": contact.level.value,
        "department": contact.department, "stance": contact.stance.value, "decides": contact.decides,
        "joined_on": contact.joined_on.isoformat(), "left_on": contact.left_on and contact.left_on.isoformat(),
        "ours": [{
            "ours": link.ours, "strength": link.strength, "linked_on": link.linked_on.isoformat(),
            "last_touch": link.last_touch and link.last_touch.isoformat(), "last_kind": link.last_kind,
            "cold": link.cold_on(on, cold_after), "holder_left": link.ours in left and left[link.ours] <= on,
        } for link in contact.links],
    }
