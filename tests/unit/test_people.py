"""The people on both sides, without a database: the contact rules of the Relationship, the map on
a business date, single-threaded, coverage and risks, and the tier policy's single_threaded in both
clocks, for all inputs where it must hold."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from kamledger.domain import business_time as bt
from kamledger.domain.business_time import Mark, inputs_on, insert_mark
from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.people import (
    COLD_AFTER_DAYS, Contact, Link, PersonLevel, Stance, TouchKind, checked_person, checked_strength, coverage, link_slot,
    people_on, synergy_mismatch, threads_on, urgency,
)
from kamledger.domain.relationship import Relationship
from kamledger.domain.threads import is_single_threaded

START = date(2026, 1, 5)


def client() -> Relationship:
    return Relationship.register("acme", "Acme", "ann", START, "coach")


def add(relationship, person, on=START, level=PersonLevel.OPERATIONAL, stance=Stance.NEUTRAL, decides=False, department="sales"):
    relationship.add_contact(person, person.title(), "a role", department, level, stance, decides, on, "coach")


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_a_person_is_on_the_map_from_the_day_they_were_added_until_they_left():
    acme = client()
    add(acme, "cfo", day(10), PersonLevel.EXECUTIVE, Stance.CHAMPION, True, "finance")
    acme.link_contact("cfo", "ann", 4, day(11), "coach")
    acme.contact_left("cfo", None, day(40), "coach")
    assert people_on(acme.standing.marks, day(9)) == []
    [cfo] = people_on(acme.standing.marks, day(20))
    assert (cfo.level, cfo.department, cfo.stance, cfo.decides, cfo.present) == (PersonLevel.EXECUTIVE, "finance", Stance.CHAMPION, True, True)
    assert cfo.links == (Link("ann", 4, day(11)),)
    assert people_on(acme.standing.marks, day(40))[0].left_on == day(40)


@pytest.mark.parametrize(("doing", "complaint"), [
    (lambda a: add(a, "cfo"), "already has a person 'cfo'"),
    (lambda a: a.link_contact("nobody", "ann", 3, day(5), "coach"), "has no person 'nobody'"),
    (lambda a: a.touch_contact("cfo", "bob", TouchKind.CALL, None, day(5), "coach"), "bob does not hold cfo"),
    (lambda a: a.touch_contact("old", "ann", TouchKind.CALL, None, day(5), "coach"), "old left 'acme' on"),
    (lambda a: a.link_contact("cfo", "ann", 3, day(0), "coach"), "cannot be linked on"),
    (lambda a: a.change_contact("cfo", day(5), "coach", stance=Stance.NEUTRAL), "is already so"),
    (lambda a: a.unlink_contact("cfo", "bob", None, day(5), "coach"), "bob does not hold cfo"),
    (lambda a: a.link_contact("cfo", "ann", 3, date(2025, 1, 1), "coach"), "was registered on"),
])
def test_the_ledger_refuses_what_contradicts_the_map(doing, complaint):
    acme = client()
    add(acme, "cfo", day(1))
    add(acme, "old", day(1))
    acme.link_contact("old", "ann", 3, day(1), "coach")
    acme.contact_left("old", None, day(2), "coach")
    with pytest.raises(RuleViolation, match=complaint):
        doing(acme)


@pytest.mark.parametrize(("doing", "complaint"), [
    (lambda a: a.link_contact("cfo", "ann", 6, day(5), "coach"), "strength must be 1 to 5"),
    (lambda a: a.link_contact("cfo", "ann", 0, day(5), "coach"), "strength must be 1 to 5"),
    (lambda a: add(a, "Clara Schmidt"), "a handle, not a name"),
    (lambda a: a.change_contact("cfo", day(5), "coach"), "say what changed"),
    (lambda a: a.add_contact("x", "", "role", None, PersonLevel.MANAGER, Stance.NEUTRAL, False, day(5), "coach"), "name"),
])
def test_bad_input_about_people(doing, complaint):
    acme = client()
    add(acme, "cfo", day(1))
    with pytest.raises(InvalidInput, match=complaint):
        doing(acme)


def test_a_forgotten_person_leaves_the_map_and_cannot_come_back_under_that_handle():
    acme = client()
    add(acme, "cfo", day(1))
    acme.link_contact("cfo", "ann", 3, day(1), "coach")
    acme.forget_contact("cfo", "erasure request", day(30), "coach")
    assert people_on(acme.standing.marks, day(10)) == [] and threads_on(acme.standing.marks, day(40)) == set()
    assert acme.people_forgotten() == ["cfo"]
    with pytest.raises(RuleViolation, match="was forgotten"):
        add(acme, "cfo", day(31))


def test_handles_and_strengths():
    assert checked_person(" buyer-2 ") == "buyer-2"
    assert checked_strength(5) == 5
    with pytest.raises(InvalidInput):
        checked_person("")


@pytest.mark.parametrize(("threads", "single"), [
    ([], False), ([("cfo", "ann")], True), ([("cfo", "ann"), ("buyer", "ann")], True),
    ([("cfo", "ann"), ("cfo", "bob")], True), ([("cfo", "ann"), ("buyer", "bob")], False),
])
def test_single_threaded_is_one_person_on_either_side(threads, single):
    assert is_single_threaded(threads) is single


pairs = st.lists(st.tuples(st.sampled_from(["cfo", "buyer", "cto", "it"]), st.sampled_from(["ann", "bob", "cy"])), max_size=8)


@given(pairs)
def test_single_threaded_holds_exactly_when_one_side_has_one_person(threads):
    people, ours = {p for p, _ in threads}, {o for _, o in threads}
    assert is_single_threaded(threads) == (bool(threads) and (len(people) == 1 or len(ours) == 1))


@given(pairs, st.sampled_from(["new-person"]), st.sampled_from(["new-ours"]))
def test_a_thread_to_someone_new_on_both_sides_is_never_single_threaded(threads, person, ours):
    assert not is_single_threaded([*threads, (person, ours)]) or not threads


contacts = st.lists(st.builds(
    Contact, person=st.sampled_from(["a", "b", "c", "d", "e"]), level=st.sampled_from(PersonLevel),
    department=st.sampled_from([None, "finance", "sales", "it"]), stance=st.sampled_from(Stance), decides=st.booleans(),
    joined_on=st.just(START), left_on=st.sampled_from([None, None, day(20)]),
    links=st.lists(st.builds(Link, ours=st.sampled_from(["ann", "bob"]), strength=st.integers(1, 5), linked_on=st.just(START),
                             last_touch=st.sampled_from([None, day(5), day(150)])), max_size=2, unique_by=lambda link: link.ours).map(tuple),
), max_size=6, unique_by=lambda contact: contact.person)


@settings(max_examples=200, deadline=None)
@given(contacts, st.integers(1, 200), st.sampled_from([{}, {"ann": day(10)}, {"bob": day(300)}]))
def test_coverage_is_consistent_for_every_map(found, cold_after, left):
    on = day(160)
    cover = coverage(found, on, cold_after, left)
    here = [c for c in found if c.present]
    assert cover.reached <= cover.contacts == len(here)
    assert set(cover.levels_reached) <= set(cover.levels_known) and set(cover.departments_reached) <= set(cover.departments_known)
    assert cover.single_threaded == is_single_threaded((c.person, link.ours) for c in here for link in c.links)
    assert ("single-threaded" in cover.risks) == cover.single_threaded
    assert not cover.decision_maker_covered or cover.decision_makers > 0
    assert all(on - last > timedelta(days=cold_after) for _, _, last in cover.cold)
    assert not cover.cold_decision_maker or cover.decision_maker_covered
    assert {o for _, o in cover.needs_holder} <= {name for name, gone in left.items() if gone <= on}
    assert cover.at_risk == bool(cover.risks)
    assert (synergy_mismatch("synergy", cover) is None) == (len(cover.departments_reached) >= 2)
    assert synergy_mismatch("partnership", cover) is None


def test_gold_clients_run_through_one_thread_come_first():
    single = coverage([Contact("cfo", PersonLevel.EXECUTIVE, "finance", Stance.CHAMPION, True, START, None, (Link("ann", 3, day(150)),))], day(160))
    spread = coverage([Contact("cfo", PersonLevel.EXECUTIVE, "finance", Stance.CHAMPION, True, START, None, (Link("ann", 3, day(150)),)),
                       Contact("cto", PersonLevel.MANAGER, "it", Stance.BLOCKER, False, START, None, (Link("bob", 3, day(150)),)),
                       Contact("x", PersonLevel.MANAGER, "it", Stance.BLOCKER, False, START)], day(160))
    assert sorted([("silver", single), ("gold", spread), ("gold", single)], key=lambda pair: urgency(*pair))[0] == ("gold", single)
    assert "more blockers than champions" in spread.risks and "single-threaded" not in spread.risks


def test_a_relationship_goes_cold_after_the_days_the_domain_sets():
    link = Link("ann", 3, START, day(10))
    assert not link.cold_on(day(10 + COLD_AFTER_DAYS)) and link.cold_on(day(11 + COLD_AFTER_DAYS))


slots = st.lists(st.one_of(
    st.tuples(st.just("person"), st.sampled_from(["a", "b", "c"]), st.sampled_from(["present", "present", "left", "forgotten"])),
    st.tuples(st.just("link"), st.sampled_from(["a", "b", "c"]), st.sampled_from(["ann", "bob"]), st.sampled_from([None, 1, 3])),
), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(slots, st.lists(st.integers(0, 60), min_size=12, max_size=12), st.randoms(use_true_random=False))
def test_single_threaded_by_business_date_is_the_same_in_both_clocks_whatever_the_order(facts, days, shuffler):
    """The dated inputs (kam_dated, --effective) and the Standing (kam_standings, the map) say alike
    whether a client is single-threaded on every date, whatever order its facts were recorded in."""
    marks: dict[str, list[Mark]] = {}
    order = list(range(len(facts)))
    shuffler.shuffle(order)
    for version, n in enumerate(order, start=2):
        fact = facts[n]
        slot = bt.slot(bt.PERSON, fact[1]) if fact[0] == "person" else link_slot(fact[1], fact[2])
        insert_mark(marks.setdefault(slot, []), Mark(day(days[n]), version, fact[-1]))
    for n in range(0, 62, 3):
        assert inputs_on(marks, day(n)).single_threaded == is_single_threaded(threads_on(marks, day(n))), n
