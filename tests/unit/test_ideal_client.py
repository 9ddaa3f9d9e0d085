"""The ideal-client profile: data in the tier policy's vocabulary, checked condition by condition."""

from decimal import Decimal

import pytest

from kamledger.domain.errors import InvalidInput
from kamledger.domain.ideal_client import ClientFacts, profile_from_dict
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.scorecard import Band
from kamledger.service.infrastructure.config import load_ideal_profile

IDEAL = ClientFacts(Band.IDEAL, Decimal(900), PyramidLevel.PARTNERSHIP, frozenset({"strategic"}), frozenset(), 0, Decimal("82.0"))


def test_the_shipped_profile_is_met_whole_by_an_ideal_client():
    profile = load_ideal_profile()
    assert profile.met(IDEAL) == (7, 7)


@pytest.mark.parametrize(("change", "fails"), [
    ({"band": Band.AT_RISK}, "band_at_least"), ({"band": None}, "band_at_least"),
    ({"profit_per_hour": Decimal("499.99")}, "profit_per_hour_at_least"), ({"profit_per_hour": None}, "profit_per_hour_at_least"),
    ({"pyramid_level": PyramidLevel.TRANSACTIONAL}, "pyramid_at_least"), ({"high_dimensions": frozenset({"educational"})}, "dimension_high"),
    ({"burdens": frozenset({"harm-to-team"})}, "no_open_burden"), ({"open_problems": 1}, "no_open_problem"),
    ({"our_attractiveness": Decimal("69.9")}, "our_attractiveness_at_least"), ({"our_attractiveness": None}, "our_attractiveness_at_least"),
])
def test_each_condition_fails_alone_and_says_what_it_saw(change, fails):
    checks = load_ideal_profile().fit(ClientFacts(**{**IDEAL.__dict__, **change}))
    assert [c.condition for c in checks if not c.holds] == [fails]


def test_a_profile_names_only_what_it_wants():
    profile = profile_from_dict({"version": "lean", "conditions": {"no_open_problem": True, "our_attractiveness_at_least": 60}})
    assert profile.met(ClientFacts(None, None, PyramidLevel.TRANSACTIONAL, frozenset(), frozenset(), 0, Decimal(60))) == (2, 2)


@pytest.mark.parametrize("document", [
    {"conditions": {"no_open_problem": True}},
    {"version": "x"},
    {"version": "x", "conditions": {"band_at_least": "superb"}},
    {"version": "x", "conditions": {"pyramid_at_least": "friends"}},
    {"version": "x", "conditions": {"dimension_high": []}},
    {"version": "x", "conditions": {"dimension_high": ["charm"]}},
    {"version": "x", "conditions": {"no_open_burden": False}},
    {"version": "x", "conditions": {"our_attractiveness_at_least": 120}},
    {"version": "x", "conditions": {"profit_per_hour_at_least": "lots"}},
    {"version": "x", "conditions": {"profit_per_hour_at_least": True}},
    {"version": "x", "conditions": {"in_pareto_head": True}},
])
def test_a_profile_the_fit_would_not_understand_is_refused(document):
    with pytest.raises(InvalidInput):
        profile_from_dict(document)
