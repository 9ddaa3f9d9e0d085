"""The tier policy: ordered rules read from data, first match wins, with named causes."""

from decimal import Decimal

import pytest

from kamledger.domain.errors import InvalidInput
from kamledger.domain.scorecard import Band
from kamledger.domain.tier_policy import evaluate_portfolio, policy_from_dict
from kamledger.domain.tiers import ClientInputs, EventRef, Tier
from kamledger.domain.value import BurdenSignal, ValueDimension
from kamledger.service.infrastructure.config import default_policy

POLICY = default_policy()


def ref(client: str, version: int, kind: str) -> EventRef:
    return EventRef(client, f"id-{client}", version, kind, "2026-01-01", "2026-01-01T00:00:00+00:00", "coach")


def client(key: str, profit=None, band=None, high=(), burdens=(), override=None) -> ClientInputs:
    """A client's inputs; each input it has comes from its own event."""
    sources = {}
    if profit is not None:
        sources["profit"] = (ref(key, 2, "ValueRecorded"), ref(key, 3, "ValueRecorded"))
    if band is not None:
        sources["score"] = (ref(key, 4, "Scored"),)
    if high:
        sources["dimensions"] = (ref(key, 5, "ValueDimensionNoted"),)
    if burdens:
        sources["burdens"] = (ref(key, 6, "BurdenSignalNoted"),)
    if override is not None:
        sources["override"] = (ref(key, 7, "TierOverridden"),)
    totals = {Band.IDEAL: 110, Band.WORKABLE: 90, Band.AT_RISK: 70, Band.DECLINE: 40}
    return ClientInputs(
        key=key,
        profit=None if profit is None else Decimal(profit),
        score_total=totals.get(band),
        band=band,
        high_dimensions=frozenset(high),
        burdens=frozenset(burdens),
        override=override,
        sources=sources,
    )


def decide(subject: ClientInputs, *others: ClientInputs):
    return evaluate_portfolio(POLICY, [subject, *others])[subject.key]


# A small profitable client beside a big one: outside the Pareto head.
BIG = client("big", profit="1000000", band=Band.IDEAL)


@pytest.mark.parametrize(
    ("subject", "tier", "rule"),
    [
        (client("acme", profit="500", band=Band.IDEAL, burdens={BurdenSignal.HARM_TO_TEAM}, override=Tier.GOLD),
         Tier.GOLD, "manual-override"),
        (client("acme", override=Tier.BRONZE), Tier.BRONZE, "manual-override"),
        (client("acme"), Tier.UNRATED, "unrated-no-inputs"),
        (client("acme", profit="0", band=Band.IDEAL), Tier.BRONZE, "bronze-unprofitable"),
        (client("acme", profit="-10", high={ValueDimension.STRATEGIC}), Tier.BRONZE, "bronze-unprofitable"),
        (client("acme", profit="500", band=Band.DECLINE, burdens={BurdenSignal.LOW_PROFIT}), Tier.BRONZE,
         "bronze-declining-score"),
        (client("acme", profit="500", band=Band.IDEAL, burdens={BurdenSignal.COST_TO_SERVE}), Tier.BRONZE,
         "bronze-burden"),
        (client("acme", profit="500", band=Band.WORKABLE, high={ValueDimension.STRATEGIC}), Tier.GOLD,
         "gold-pareto-head"),
        (client("acme", profit="500", band=Band.AT_RISK, high={ValueDimension.POTENTIAL}), Tier.GOLD,
         "gold-strategic"),
        (client("acme", band=Band.AT_RISK), Tier.SILVER, "silver-default"),
        (client("acme", high={ValueDimension.REFERRAL, ValueDimension.EDUCATIONAL}), Tier.SILVER,
         "silver-default"),
    ],
)
def test_the_shipped_policy_gives_each_situation_its_tier_by_the_first_rule_that_holds(subject, tier, rule):
    decision = decide(subject)
    assert (decision.tier, decision.rule, decision.policy_version) == (tier, rule, "v1")


def test_a_workable_client_outside_the_pareto_head_is_silver():
    decision = decide(client("acme", profit="500", band=Band.IDEAL), BIG)
    assert (decision.tier, decision.rule) == (Tier.SILVER, "silver-default")


def test_an_at_risk_client_in_the_pareto_head_is_not_gold_by_profit_alone():
    decision = decide(client("acme", profit="500", band=Band.AT_RISK))
    assert (decision.tier, decision.rule) == (Tier.SILVER, "silver-default")


def test_every_rule_of_the_shipped_policy_can_decide():
    situations = [
        client("a", override=Tier.GOLD), client("b"), client("c", profit="0"),
        client("d", profit="1", band=Band.DECLINE), client("e", profit="1", burdens={BurdenSignal.LOW_PROFIT}),
        client("f", band=Band.IDEAL, high={ValueDimension.STRATEGIC}), client("g", band=Band.WORKABLE),
        client("h", profit="10000", band=Band.WORKABLE),
    ]
    decided = evaluate_portfolio(POLICY, situations)
    assert {d.rule for d in decided.values()} == {rule.id for rule in POLICY.rules}


def test_a_decision_names_the_events_behind_the_inputs_its_rule_read():
    subject = client("acme", profit="500", band=Band.WORKABLE, high={ValueDimension.REFERRAL})
    decision = decide(subject)
    assert decision.rule == "gold-pareto-head"
    assert decision.causes == subject.sources["profit"] + subject.sources["score"]


@pytest.mark.parametrize(
    ("subject", "source"),
    [
        (client("acme", profit="0", band=Band.IDEAL), "profit"),
        (client("acme", profit="5", band=Band.DECLINE), "score"),
        (client("acme", profit="5", burdens={BurdenSignal.LOW_PROFIT}), "burdens"),
        (client("acme", band=Band.AT_RISK, high={ValueDimension.STRATEGIC}), "dimensions"),
        (client("acme", profit="5", override=Tier.SILVER), "override"),
    ],
)
def test_a_rule_that_reads_one_input_is_caused_by_that_input_alone(subject, source):
    assert decide(subject).causes == subject.sources[source]


def test_the_catch_all_rule_is_caused_by_everything_the_client_has():
    subject = client("acme", profit="500", band=Band.AT_RISK, high={ValueDimension.REFERRAL})
    decision = decide(subject, BIG)
    assert decision.rule == "silver-default"
    assert set(decision.causes) == {r for refs in subject.sources.values() for r in refs}
    assert len(decision.causes) == 4


def test_a_client_with_nothing_recorded_has_no_causes():
    assert decide(client("acme")).causes == ()


def test_a_decision_shows_the_inputs_it_saw():
    decision = decide(client("acme", profit="100", band=Band.WORKABLE), client("other", profit="900"))
    assert decision.inputs == {
        "profit": "100", "rank": 2, "share": "0.1000", "cumulative_share": "1.0000",
        "in_pareto_head": False, "score_total": 90, "score_band": "workable",
        "high_dimensions": [], "burdens": [], "override": None,
        "cost_ratio": None, "hours": "0", "profit_per_hour": None, "open_problems": 0,  # what it costs in time and trouble
    }


def test_a_rule_that_reads_the_same_input_twice_names_each_event_once():
    policy = policy_from_dict({
        "version": "t",
        "rules": [
            {"id": "gold-small-head", "tier": "gold", "when": {"in_pareto_head": True, "profit_at_most": 1000}},
            {"id": "rest", "tier": "silver"},
        ],
    })
    subject = client("acme", profit="500")
    decision = evaluate_portfolio(policy, [subject])["acme"]
    assert decision.rule == "gold-small-head"
    assert decision.causes == subject.sources["profit"]


def rules(*extra: dict) -> list[dict]:
    return [*extra, {"id": "rest", "tier": "silver"}]


def test_a_minimal_policy_is_read_with_the_default_pareto_share():
    policy = policy_from_dict({"version": "2", "rules": rules()})
    assert (policy.version, policy.pareto_share, [r.id for r in policy.rules]) == ("2", Decimal("0.8"), ["rest"])


@pytest.mark.parametrize("share", ["1", 1, "0.5", 0.5, "0.001"])
def test_a_pareto_share_above_0_and_at_most_1_is_accepted(share):
    policy = policy_from_dict({"version": "2", "pareto_share": share, "rules": rules()})
    assert policy.pareto_share == Decimal(str(share))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": rules()}, "has no version"),
        ({"version": "  ", "rules": rules()}, "has no version"),
        ({"version": "2"}, "has no \\[\\[rules\\]\\]"),
        ({"version": "2", "rules": []}, "has no \\[\\[rules\\]\\]"),
        ({"version": "2", "rules": {"id": "rest", "tier": "silver"}}, "has no \\[\\[rules\\]\\]"),
        ({"version": "2", "rules": rules({"id": "rest", "tier": "gold", "when": {"override": True}})},
         "repeats a rule id"),
        ({"version": "2", "rules": rules({"tier": "gold", "when": {"override": True}})}, "needs an id"),
        ({"version": "2", "rules": rules("not a table")}, "needs an id"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "platinum", "when": {"override": True}})},
         "unknown tier 'platinum'"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {"is_nice": True}})},
         "unknown condition 'is_nice'"),
        ({"version": "2", "rules": [{"id": "rest", "tier": "silver", "when": {"override": False}}]},
         "last rule .* must have no conditions"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {"band_in": ["superb"]}})},
         "unknown band or dimension 'superb'"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {"band_at_least": "great"}})},
         "unknown band or dimension 'great'"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {"dimension_high": ["fame"]}})},
         "unknown band or dimension 'fame'"),
        ({"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {"profit_at_most": "lots"}})},
         "profit_at_most 'lots' is not an amount"),
    ],
)
def test_a_policy_the_evaluator_would_not_understand_is_refused(data, message):
    with pytest.raises(InvalidInput, match=message):
        policy_from_dict(data)


@pytest.mark.parametrize(
    ("condition", "argument"),
    [
        ("override", "yes"), ("override", 1), ("has_inputs", "false"), ("in_pareto_head", 0),
        ("burden_noted", ["low-profit"]), ("band_in", "decline"), ("band_at_least", ["workable"]),
        ("dimension_high", "strategic"), ("profit_at_most", True), ("profit_at_most", 0.5),
        ("profit_at_most", [0]),
    ],
)
def test_a_condition_given_the_wrong_kind_of_argument_is_refused(condition, argument):
    data = {"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": {condition: argument}})}
    with pytest.raises(InvalidInput, match=f"rule x: {condition} cannot take"):
        policy_from_dict(data)


@pytest.mark.parametrize("share", [0, "0", "-0.1", "1.01", 2, "most", True, "NaN"])
def test_a_pareto_share_outside_0_to_1_is_refused(share):
    with pytest.raises(InvalidInput, match="pareto_share must be above 0 and at most 1"):
        policy_from_dict({"version": "2", "pareto_share": share, "rules": rules()})


@pytest.mark.parametrize("limit", ["NaN", "sNaN"])
def test_a_profit_limit_that_is_not_a_number_is_refused(limit):
    data = {"version": "2", "rules": rules({"id": "x", "tier": "bronze", "when": {"profit_at_most": limit}})}
    with pytest.raises(InvalidInput, match="profit_at_most"):
        policy_from_dict(data)


@pytest.mark.parametrize("when", ["override", ["override"], 5])
def test_a_rule_whose_conditions_are_not_a_table_is_refused(when):
    data = {"version": "2", "rules": rules({"id": "x", "tier": "gold", "when": when})}
    with pytest.raises(InvalidInput):
        policy_from_dict(data)


def test_a_policy_file_is_read_from_toml(tmp_path):
    from kamledger.service.infrastructure.config import read_policy_file

    path = tmp_path / "policy.toml"
    path.write_text(
        'version = "v9"\npareto_share = "0.7"\n'
        '[[rules]]\nid = "loss"\ntier = "bronze"\nwhen = { profit_at_most = "0.00" }\n'
        '[[rules]]\nid = "rest"\ntier = "silver"\n'
    )
    policy, document = read_policy_file(str(path))
    assert document["version"] == "v9"
    assert (policy.version, policy.pareto_share) == ("v9", Decimal("0.7"))
    assert policy.rules[0].when == {"profit_at_most": "0.00"}


def test_a_policy_file_that_is_not_toml_is_refused(tmp_path):
    from kamledger.service.infrastructure.config import read_policy_file

    path = tmp_path / "policy.toml"
    path.write_text("version = \n")
    with pytest.raises(InvalidInput, match="is not valid TOML"):
        read_policy_file(str(path))
    with pytest.raises(InvalidInput, match="cannot read"):
        read_policy_file(str(tmp_path / "missing.toml"))


def test_a_verdict_remembered_by_what_the_conditions_read_is_the_verdict_itself():
    from decimal import Decimal

    from kamledger.domain.pareto import ParetoPosition
    from kamledger.domain.scorecard import Band
    from kamledger.domain.tier_policy import Situation
    from kamledger.domain.tiers import ClientInputs
    from kamledger.domain.value import BurdenSignal
    from kamledger.service.infrastructure.config import default_policy

    policy = default_policy()
    clients = [
        ClientInputs("a", has_inputs=True, profit=Decimal(5), band=Band.WORKABLE, score_total=90),
        ClientInputs("b", has_inputs=True, profit=Decimal(-5), band=Band.WORKABLE, score_total=90),
        ClientInputs("c", has_inputs=True, profit=Decimal(0), band=Band.IDEAL, score_total=110),
        ClientInputs("d", has_inputs=True, profit=Decimal(7), burdens=frozenset({BurdenSignal.LOW_PROFIT})),
        ClientInputs("e"),
    ]
    for client in clients * 2:
        for in_head in (True, False):
            verdict = policy.verdict(Situation(client, ParetoPosition(in_head=in_head)))
            assert policy.tier_by(client, in_head) == (verdict.tier, verdict.rule)


def test_client_inputs_made_unsourced_are_the_ones_the_constructor_makes():
    """The walk through the business dates makes its inputs without the dataclass's __init__: every
    field but the sources is given, and the result is equal to ClientInputs(...)."""
    import inspect
    from dataclasses import fields

    from kamledger.domain.business_time import DatedInputs

    given = set(inspect.signature(ClientInputs.unsourced).parameters)
    assert given == {f.name for f in fields(ClientInputs)} - {"sources"}
    values = dict(key="acme", has_inputs=True, profit=Decimal("12.50"), score_total=85, band=Band.WORKABLE,
                  high_dimensions=frozenset({ValueDimension.STRATEGIC}), burdens=frozenset({next(iter(BurdenSignal))}),
                  override=Tier.GOLD, revenue=Decimal("20"), cost_to_serve=Decimal("7.50"), hours=Decimal("3.5"),
                  open_problems=2, single_threaded=True)
    made, built = ClientInputs.unsourced(**values), ClientInputs(**values)
    assert made == built and made.sources == {} and made.sources is not ClientInputs.unsourced(**values).sources
    dated = DatedInputs(score_total=85, values=1, profit_sum=Decimal("12.5"), decimals=(0, 0, 1), dimensions=(("strategic", "high"),),
                        open_problems=1, linked=frozenset({"cfo/ann"}), present=frozenset({"cfo"}))
    assert dated.client_inputs("acme") == ClientInputs(
        key="acme", has_inputs=True, profit=Decimal("12.50"), score_total=85, band=Band.WORKABLE,
        high_dimensions=frozenset({ValueDimension.STRATEGIC}), revenue=Decimal(0), cost_to_serve=Decimal(0),
        open_problems=1, single_threaded=True)
