"""The people on both sides: who we know at a client, who of ours holds each relationship, and
whether the account rests on enough of them.

A person at the client (a *contact*) has a handle chosen by the coach (``cfo``, ``buyer-2``: an
identifier, not a name), a level, a department, a stance towards us and whether they decide. One of
ours *holds* the relationship with them (a *link*, strength 1-5) and *touches* it (a meeting, a call,
an email, an event). Each of these is a dated fact marking a slot of the client (domain/business_time.py),
so the map on any business date is what its marks say then, whatever order they were typed in.

Names, roles and notes are personal texts, sealed with the person's own key (declared on the events,
domain/relationship.py); nothing here holds them.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any
from uuid import UUID, uuid5

from kamledger.domain.business_time import (
    LINK, PERSON, PERSON_DECIDES, PRESENT, PERSON_DEPARTMENT, PERSON_LEVEL, PERSON_STANCE, TOUCH, Mark, said_on, slot,
)
from kamledger.domain.errors import InvalidInput
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.threads import is_single_threaded
from kamledger.domain.tiers import TIERS

COLD_AFTER_DAYS = 90  # a relationship not touched for longer has gone cold (kam map --cold-after)
SYNERGY_DEPARTMENTS = 2  # joint contacts in at least this many departments: what the synergy level asks
STRENGTHS = range(1, 6)
DEFAULT_STRENGTH = 3
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_SEPARATOR = "/"  # between a person's handle and one of ours in a slot's name ("link:cfo/Ann Lee")


class PersonLevel(str, Enum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    OPERATIONAL = "operational"


class Stance(str, Enum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    CRITIC = "critic"
    BLOCKER = "blocker"


class TouchKind(str, Enum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"


# What a person's slot says: at the client, gone from it, or forgotten (kam forget --person).
LEFT, FORGOTTEN_PERSON = "left", "forgotten"


def checked_person(handle: str) -> str:
    """A person's handle: lowercase letters, digits, '.', '_' or '-', at most 64, e.g. 'cfo' or 'buyer-2'."""
    handle = (handle or "").strip()
    if not _HANDLE.match(handle):
        raise InvalidInput(f"person '{handle}' must be 1-64 lowercase letters, digits, '.', '_' or '-' (a handle, not a name)")
    return handle


def checked_strength(strength: int) -> int:
    if strength not in STRENGTHS:
        raise InvalidInput(f"strength must be 1 to 5, got {strength}")
    return strength


def checked_department(text: str | None) -> str | None:
    """A department, as a word or two ('purchasing', 'r&d'); case does not matter."""
    if text is None or not text.strip():
        return None
    department = " ".join(text.strip().lower().split())
    if len(department) > 64:
        raise InvalidInput("a department is longer than 64 characters")
    return department


def checked_cold_after(days: int) -> int:
    if days < 1:
        raise InvalidInput(f"--cold-after must be 1 day or more, got {days}")
    return days


def person_key_id(client_id: str, person: str) -> str:
    """The id of the key that seals one person's texts (kam forget --person destroys it alone)."""
    return str(uuid5(UUID(client_id), f"person:{person}"))


def link_slot(person: str, ours: str) -> str:
    return slot(LINK, f"{person}{_SEPARATOR}{ours}")


def touch_slot(person: str, ours: str) -> str:
    return slot(TOUCH, f"{person}{_SEPARATOR}{ours}")


def pair_of(name: str) -> tuple[str, str]:
    """(person, ours) of a link or touch slot's name."""
    person, _, ours = name.partition(_SEPARATOR)
    return person, ours


@dataclass(frozen=True)
class Link:
    """One of ours holding the relationship with a contact, as it stood on a date."""

    ours: str
    strength: int
    linked_on: date
    last_touch: date | None = None
    last_kind: str | None = None

    @property
    def last_contact(self) -> date:
        """When we were last in touch: the latest touch, or the day the link was made."""
        return max(self.linked_on, self.last_touch) if self.last_touch else self.linked_on

    def cold_on(self, day: date, cold_after: int = COLD_AFTER_DAYS) -> bool:
        return day - self.last_contact > timedelta(days=cold_after)


@dataclass(frozen=True)
class Contact:
    """A person at the client as the marks say on a date (no name, no role: those are sealed texts)."""

    person: str
    level: PersonLevel
    department: str | None
    stance: Stance
    decides: bool
    joined_on: date
    left_on: date | None = None
    links: tuple[Link, ...] = ()

    @property
    def present(self) -> bool:
        return self.left_on is None


def people_on(marks: Mapping[str, list[Mark]], day: date) -> list[Contact]:
    """Every person known at the client on that business date (those who left too, not those
    forgotten), by handle, with our links to them."""
    persons: dict[str, list[Mark]] = {}
    pairs: dict[str, dict[str, tuple[list[Mark], list[Mark]]]] = {}
    for name, kept in marks.items():
        kind, _, rest = name.partition(":")
        if kind == PERSON:
            persons[rest] = kept
        elif kind in (LINK, TOUCH):
            person, ours = pair_of(rest)
            link, touch = pairs.setdefault(person, {}).get(ours, ([], []))
            pairs[person][ours] = (kept, touch) if kind == LINK else (link, kept)
    found = []
    for person, kept in sorted(persons.items()):
        status = said_on(kept, day)
        if status is None or any(m.says == FORGOTTEN_PERSON for m in kept):
            continue
        joined_on = next(m.on for m in kept if m.says == PRESENT)
        held = (_link_on(ours, link_marks, touch_marks, day) for ours, (link_marks, touch_marks) in sorted(pairs.get(person, {}).items()))
        links = tuple(link for link in held if link is not None)
        found.append(Contact(
            person, PersonLevel(said_on(marks.get(slot(PERSON_LEVEL, person)), day, PersonLevel.OPERATIONAL.value)),
            said_on(marks.get(slot(PERSON_DEPARTMENT, person)), day),
            Stance(said_on(marks.get(slot(PERSON_STANCE, person)), day, Stance.NEUTRAL.value)),
            bool(said_on(marks.get(slot(PERSON_DECIDES, person)), day, False)),
            joined_on, _left_on(kept, day), links,
        ))
    return found


def _left_on(kept: list[Mark], day: date) -> date | None:
    """The day the person left, if they had left by that date."""
    on_day = [m for m in kept if m.on <= day]
    return on_day[-1].on if on_day and on_day[-1].says == LEFT else None


def _link_on(ours: str, link_marks: list[Mark], touch_marks: list[Mark], day: date) -> Link | None:
    """The link as it stood on that date: its strength, since when it held, its last touch."""
    held = [m for m in link_marks if m.on <= day]
    if not held or held[-1].says is None:
        return None
    since = held[-1].on
    for mark in reversed(held):
        if mark.says is None:
            break
        since = mark.on
    touches = [m for m in touch_marks if m.on <= day]
    last = touches[-1] if touches else None
    return Link(ours, int(held[-1].says), since, last and last.on, last and last.says)


def threads_on(marks: Mapping[str, list[Mark]], day: date) -> set[tuple[str, str]]:
    """(person, ours) of every link held on that date to a person at the client then."""
    threads = set()
    for name, kept in marks.items():
        kind, _, rest = name.partition(":")
        if kind == LINK and said_on(kept, day) is not None:
            person, ours = pair_of(rest)
            if said_on(marks.get(slot(PERSON, person)), day) == PRESENT:
                threads.add((person, ours))
    return threads


@dataclass(frozen=True)
class Coverage:
    """How well the relationship is spread over the client's people, on a date, and what puts it at risk."""

    day: date
    contacts: int  # at the client now
    reached: int  # of them, held by one of ours
    levels_reached: tuple[str, ...]
    levels_known: tuple[str, ...]
    departments_reached: tuple[str, ...]
    departments_known: tuple[str, ...]
    decision_makers: int
    decision_maker_covered: bool
    champions: int
    blockers: int
    holders: tuple[str, ...]  # ours holding a link
    single_threaded: bool
    cold: tuple[tuple[str, str, date], ...]  # (person, ours, last contact) gone cold
    cold_decision_maker: bool
    needs_holder: tuple[tuple[str, str], ...]  # (person, ours) whose holder left the company
    champion_lost: bool  # a champion left and none is there now
    decision_maker_lost: bool
    risks: tuple[str, ...]

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    @property
    def supports_synergy(self) -> bool:
        return len(self.departments_reached) >= SYNERGY_DEPARTMENTS

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(), "contacts": self.contacts, "reached": self.reached,
            "levels_reached": list(self.levels_reached), "levels_known": list(self.levels_known),
            "departments_reached": list(self.departments_reached), "departments_known": list(self.departments_known),
            "decision_makers": self.decision_makers, "decision_maker_covered": self.decision_maker_covered,
            "champions": self.champions, "blockers": self.blockers, "holders": list(self.holders),
            "single_threaded": self.single_threaded,
            "cold": [{"person": p, "ours": o, "last_contact": d.isoformat()} for p, o, d in self.cold],
            "cold_decision_maker": self.cold_decision_maker,
            "needs_holder": [{"person": p, "ours": o} for p, o in self.needs_holder],
            "champion_lost": self.champion_lost, "decision_maker_lost": self.decision_maker_lost,
            "risks": list(self.risks),
        }


def coverage(contacts: Iterable[Contact], day: date, cold_after: int = COLD_AFTER_DAYS,
             ours_left: Mapping[str, date] | None = None) -> Coverage:
    """The coverage of the client's people on that date. ``ours_left``: the day each of ours who
    left the company left (their links need a new holder from then on)."""
    everyone = list(contacts)
    here = [c for c in everyone if c.present]
    gone_ours = {name for name, left in (ours_left or {}).items() if left <= day}
    reached = [c for c in here if c.links]
    threads = {(c.person, link.ours) for c in reached for link in c.links}
    deciders = [c for c in here if c.decides]
    covered = [c for c in deciders if c.links]
    cold = tuple((c.person, link.ours, link.last_contact) for c in reached for link in c.links if link.cold_on(day, cold_after))
    cold_deciders = [c for c in covered if all(link.cold_on(day, cold_after) for link in c.links)]
    needs_holder = tuple((p, o) for p, o in sorted(threads) if o in gone_ours)
    champions = sum(c.stance is Stance.CHAMPION for c in here)
    blockers = sum(c.stance is Stance.BLOCKER for c in here)
    champion_lost = champions == 0 and any(c.stance is Stance.CHAMPION and not c.present for c in everyone)
    decision_maker_lost = not deciders and any(c.decides and not c.present for c in everyone)
    single = is_single_threaded(threads)
    risks = [name for name, holds in (
        ("single-threaded", single),
        ("decision maker left", decision_maker_lost),
        ("champion left", champion_lost),
        ("no decision maker known", bool(here) and not deciders and not decision_maker_lost),
        ("decision maker not covered", bool(deciders) and not covered),
        ("decision maker gone cold", bool(covered) and len(cold_deciders) == len(covered)),
        ("more blockers than champions", blockers > champions),
        ("holder left the company", bool(needs_holder)),
        ("relationships gone cold", bool(cold)),
    ) if holds]
    return Coverage(
        day=day, contacts=len(here), reached=len(reached),
        levels_reached=_in_order(c.level.value for c in reached), levels_known=_in_order(c.level.value for c in here),
        departments_reached=tuple(sorted({c.department for c in reached if c.department})),
        departments_known=tuple(sorted({c.department for c in here if c.department})),
        decision_makers=len(deciders), decision_maker_covered=bool(covered),
        champions=champions, blockers=blockers, holders=tuple(sorted({o for _, o in threads})),
        single_threaded=single, cold=cold, cold_decision_maker=bool(covered) and len(cold_deciders) == len(covered),
        needs_holder=needs_holder, champion_lost=champion_lost, decision_maker_lost=decision_maker_lost,
        risks=tuple(risks),
    )


def _in_order(levels: Iterable[str]) -> tuple[str, ...]:
    seen = set(levels)
    return tuple(level.value for level in PersonLevel if level.value in seen)


def urgency(tier: str, cover: Coverage) -> tuple[int, int, int]:
    """How soon the KAM lead should look at a client's map, most urgent first: gold clients run
    through a single thread or with a cold decision maker come first, then by tier and number of risks."""
    first = tier == "gold" and (cover.single_threaded or cover.cold_decision_maker)
    return (0 if first else 1, TIERS.index(tier) if tier in TIERS else len(TIERS), -len(cover.risks))


def synergy_mismatch(pyramid_level: str, cover: Coverage) -> str | None:
    """What to point out when the pyramid says synergy but the map has no joint contacts across
    enough departments (the pyramid's top level is joint teams); None when they agree."""
    if pyramid_level != PyramidLevel.SYNERGY.value or cover.supports_synergy:
        return None
    reached = ", ".join(cover.departments_reached) or "none"
    return (f"the pyramid says synergy, but the map has joint contacts in {len(cover.departments_reached)} "
            f"department(s) ({reached}): synergy means joint teams across at least {SYNERGY_DEPARTMENTS}")


def coverage_of(marks: Mapping[str, list[Mark]], day: date, ours_left: Mapping[str, date] | None = None,
                cold_after: int = COLD_AFTER_DAYS) -> Coverage:
    """The coverage of a client's people on a business date, from its marks."""
    return coverage(people_on(marks, day), day, cold_after, ours_left)
