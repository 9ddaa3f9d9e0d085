"""Our attractiveness by the client's own criteria: weights, ratings, the weighted mean x10, and
the criteria and ratings kept by business date whatever order they were typed in."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from kamledger.domain.attractiveness import (
    RatingSource, checked_ratings, moved, normalised, our_attractiveness_by_criteria, parse_criteria, parse_ratings,
    weighted_mean_x10,
)
from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.relationship import Relationship, replay_standing, standing_on

START = date(2026, 1, 1)


def test_criteria_are_names_with_weights_above_zero():
    assert parse_criteria(" Quality=30, price=25 ,on-time=0.5") == {"quality": Decimal(30), "price": Decimal(25), "on-time": Decimal("0.5")}


@pytest.mark.parametrize(("text", "complaint"), [
    ("quality=0", "must be above zero"), ("quality=-1", "must be above zero"), ("quality=abc", "must be a number"),
    ("quality=NaN", "must be above zero"), ("quality", "name=number"), ("quality=1,,price=2", "name=number"),
    ("qu ality=1", "lowercase letters"), ("quality=1,quality=2", "given twice"), ("", "name=number"),
])
def test_bad_criteria_are_refused_as_bad_input(text, complaint):
    with pytest.raises(InvalidInput, match=complaint):
        parse_criteria(text)


@pytest.mark.parametrize("text", ["quality=0", "quality=11", "quality=7.5", "quality=-3", "quality=x"])
def test_a_rating_is_a_whole_number_from_one_to_ten(text):
    with pytest.raises(InvalidInput, match="whole number from 1 to 10"):
        parse_ratings(text)


def test_a_rating_names_every_criterion_and_no_other():
    criteria = {"quality": Decimal(1), "price": Decimal(1)}
    assert checked_ratings("acme", {"price": 3, "quality": 4}, criteria) == {"quality": 4, "price": 3}
    with pytest.raises(RuleViolation, match="does not rate suppliers by cost"):
        checked_ratings("acme", {"quality": 4, "price": 3, "cost": 2}, criteria)
    with pytest.raises(RuleViolation, match="price missing"):
        checked_ratings("acme", {"quality": 4}, criteria)
    with pytest.raises(RuleViolation, match="no criteria"):
        checked_ratings("acme", {"quality": 4}, {})


def test_the_weighted_mean_times_ten():
    criteria = parse_criteria("quality=30,price=25,delivery=20,innovation=15,relationship=10")
    assert weighted_mean_x10(parse_ratings("quality=9,price=2,delivery=8,innovation=7,relationship=9"), criteria) == Decimal("67.5")
    assert weighted_mean_x10({"quality": 10, "price": 2}, {"quality": Decimal(3), "price": Decimal(1)}) == Decimal("80.0")
    assert weighted_mean_x10({"quality": 10}, {"quality": Decimal(3), "price": Decimal(1)}) == Decimal("100.0")  # price unrated
    assert weighted_mean_x10({}, {"quality": Decimal(3)}) is None


@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.integers(1, 1000), min_size=1),
       st.integers(1, 10), st.integers(1, 100))
def test_scaling_every_weight_changes_nothing_and_the_mean_stays_within_the_ratings(weights, low, factor):
    criteria = {name: Decimal(w) for name, w in weights.items()}
    ratings = {name: min(10, low + n) for n, name in enumerate(criteria)}
    mean = weighted_mean_x10(ratings, criteria)
    assert mean == weighted_mean_x10(ratings, {name: w * factor for name, w in criteria.items()})
    assert min(ratings.values()) * 10 <= mean <= max(ratings.values()) * 10
    assert sum(normalised(criteria).values()) == pytest.approx(1)


def test_what_moved_between_ratings():
    assert moved(None, {"quality": 3}) == {}
    assert moved({"quality": 3, "price": 5}, {"quality": 4, "price": 5}) == {"quality": 1}


def test_criteria_set_after_the_latest_rating_are_unrated():
    ours = our_attractiveness_by_criteria({"quality": Decimal(1), "price": Decimal(1), "delivery": Decimal(2)},
                                          {"quality": 8, "price": 7}, "client", "2026-03-01")
    assert (ours.value, ours.source_label, ours.unrated) == (Decimal("75.0"), "rating-client", ("delivery",))


def client() -> Relationship:
    return Relationship.register("acme", "Acme", None, START, "coach")


def test_a_rating_is_checked_against_the_criteria_of_its_date():
    acme = client()
    acme.set_criteria({"quality": Decimal(1)}, date(2026, 2, 1), "coach")
    acme.set_criteria({"quality": Decimal(1), "price": Decimal(1)}, date(2026, 6, 1), "coach")
    assert acme.rate_on_criteria({"quality": 8}, RatingSource.CLIENT, None, date(2026, 3, 1), "coach") == Decimal("80.0")
    with pytest.raises(RuleViolation, match="price missing"):
        acme.rate_on_criteria({"quality": 8}, RatingSource.CLIENT, None, date(2026, 7, 1), "coach")
    with pytest.raises(RuleViolation, match="no criteria"):
        acme.rate_on_criteria({"quality": 8}, RatingSource.CLIENT, None, date(2026, 1, 15), "coach")
    with pytest.raises(RuleViolation, match="registered on"):
        acme.set_criteria({"quality": Decimal(1)}, date(2025, 12, 31), "coach")
    assert len(acme.collect_events()) == 4  # registered, two criteria, one rating


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 90), st.booleans(), st.integers(1, 10), st.integers(1, 10)), min_size=1, max_size=8),
       st.randoms(use_true_random=False))
def test_criteria_and_ratings_by_business_date_do_not_depend_on_the_order_typed(facts, shuffle):
    """The same dated criteria and ratings, folded in the order typed and in another, give the same
    criteria, latest rating and ratings over time on every date."""
    acme = client()
    acme.set_criteria({"quality": Decimal(1), "price": Decimal(1)}, START, "coach")
    for offset, is_criteria, first, second in facts:
        day = START + timedelta(days=offset)
        if is_criteria:
            acme.set_criteria({"quality": Decimal(first), "price": Decimal(second)}, day, "coach")
        else:
            acme.rate_on_criteria({"quality": first, "price": second}, RatingSource.ESTIMATE, None, day, "coach")
    events = acme.collect_events()
    registered, later = events[0], events[1:]
    shuffled = list(later)
    shuffle.shuffle(shuffled)
    for day in sorted({START + timedelta(days=offset) for offset, *_ in facts} | {START + timedelta(days=100)}):
        typed, other = standing_on([registered, *later], day), standing_on([registered, *shuffled], day)
        assert (typed.criteria, typed.rating and (typed.rating.ratings, typed.rating.occurred_on)) == (
            other.criteria, other.rating and (other.rating.ratings, other.rating.occurred_on))
        assert typed.marks.get("rating") == other.marks.get("rating")
    rated = [(e.occurred_on, e.originator_version, e.ratings) for e in events if isinstance(e, Relationship.RatedOnCriteria)]
    latest = replay_standing([registered, *shuffled]).rating
    assert (latest and (latest.occurred_on, latest.ref.version, latest.ratings)) == (max(rated) if rated else None)


def test_a_rating_note_is_personal_and_criteria_count_for_no_tier():
    assert Relationship.RatedOnCriteria.personal == ("note",)
    assert not Relationship.CriteriaSet.counts_for_tiers and not Relationship.RatedOnCriteria.counts_for_tiers
