"""The two-sided matrix: both sides on 0-100, and the quadrant they give."""

from decimal import Decimal

import pytest

from kamledger.domain.matrix import (
    OurSource, Placement, Quadrant, client_attractiveness, our_attractiveness, quadrant_against_tier, quadrant_of,
)


@pytest.mark.parametrize(("total", "scaled"), [(120, "100.0"), (60, "50.0"), (59, "49.2"), (12, "10.0"), (101, "84.2")])
def test_the_client_side_is_the_score_as_a_share_of_120(total, scaled):
    assert client_attractiveness(total) == Decimal(scaled)


@pytest.mark.parametrize(("satisfaction", "nps", "scaled"), [
    (10, 10, "100.0"), (1, 0, "0.0"), (10, 0, "50.0"), (1, 10, "50.0"), (8, 9, "83.9"), (5, 5, "47.2"),
])
def test_our_side_is_the_mean_of_satisfaction_and_the_nps_answer_scaled(satisfaction, nps, scaled):
    assert our_attractiveness(satisfaction, nps) == Decimal(scaled)


@pytest.mark.parametrize(("theirs", "ours", "quadrant"), [
    (50, 50, Quadrant.KEY), (90, 49.9, Quadrant.DEVELOP), (49.9, 50, Quadrant.MAINTAIN), (49.9, 49.9, Quadrant.RECONSIDER),
])
def test_fifty_or_more_is_high(theirs, ours, quadrant):
    assert quadrant_of(Decimal(str(theirs)), Decimal(str(ours))) is quadrant


def test_a_client_needs_a_score_and_our_side_to_be_placed():
    assert Placement.of("a", None, None, None).missing == ("score", "rating")
    assert Placement.of("a", 100, None, None).missing == ("rating",)
    assert Placement.of("a", None, 8, 9).quadrant is None
    assert Placement.of("a", 100, 8, 9).quadrant is Quadrant.KEY
    assert Placement.of("a", 100, 8, 9).our_source is OurSource.SURVEY


@pytest.mark.parametrize(("total", "ours", "quadrant"), [
    (80, "70.0", Quadrant.KEY), (79, "70.0", Quadrant.MAINTAIN), (60, "100.0", Quadrant.MAINTAIN),
    (120, "69.9", Quadrant.DEVELOP), (79, "69.9", Quadrant.RECONSIDER),
])
def test_high_to_us_from_a_workable_score_and_high_to_them_from_seventy(total, ours, quadrant):
    assert Placement("a", total, Decimal(ours)).quadrant is quadrant


def test_where_high_starts_can_be_chosen_on_each_side():
    assert quadrant_of(Decimal(80), Decimal("68.3"), high=Decimal(70)) is Quadrant.DEVELOP
    assert Placement.of("a", 60, 7, 7, client_high=60, our_high=Decimal(60)).quadrant is Quadrant.KEY
    assert Placement.of("a", 60, 7, 7).quadrant is Quadrant.RECONSIDER


def test_a_key_client_that_is_not_gold_says_by_which_rule():
    assert quadrant_against_tier(Quadrant.KEY, "bronze", "bronze-burden", "A burden signal is noted.") == (
        "key, yet bronze by bronze-burden (A burden signal is noted)")
    assert quadrant_against_tier(Quadrant.DEVELOP, "gold", "gold-pareto-head") == "develop, yet gold by gold-pareto-head"
    assert quadrant_against_tier(Quadrant.KEY, "gold", "gold-pareto-head") is None
    assert quadrant_against_tier(None, "gold", "gold-pareto-head") is None
