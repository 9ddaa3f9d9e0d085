"""The Pareto head: the fewest clients that together bring 80% of the profit."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kamledger.domain.pareto import pareto_positions


def head_of(values) -> list[str]:
    positions = pareto_positions(values)
    return sorted((key for key, p in positions.items() if p.in_head), key=lambda k: positions[k].rank)


def test_the_head_is_the_fewest_clients_reaching_80_percent():
    values = {"a": Decimal(50), "b": Decimal(25), "c": Decimal(15), "d": Decimal(10)}
    assert head_of(values) == ["a", "b", "c"]


def test_a_client_that_brings_the_head_exactly_to_80_percent_closes_it():
    values = {"a": Decimal(50), "b": Decimal(30), "c": Decimal(20)}
    positions = pareto_positions(values)
    assert head_of(values) == ["a", "b"]
    assert positions["b"].cumulative_share == Decimal("0.8")


def test_one_client_with_most_of_the_profit_is_the_whole_head():
    assert head_of({"big": Decimal(900), "small": Decimal(50), "tiny": Decimal(50)}) == ["big"]


def test_a_lone_profitable_client_is_the_head_with_the_whole_share():
    position = pareto_positions({"only": Decimal("10.50")})["only"]
    assert (position.rank, position.share, position.cumulative_share, position.in_head) == (
        1, Decimal(1), Decimal(1), True,
    )


def test_positions_rank_by_value_then_carry_share_and_cumulative_share():
    positions = pareto_positions({"b": Decimal(30), "a": Decimal(60), "c": Decimal(10)})
    assert [(k, p.rank, p.share, p.cumulative_share) for k, p in sorted(positions.items())] == [
        ("a", 1, Decimal("0.6"), Decimal("0.6")),
        ("b", 2, Decimal("0.3"), Decimal("0.9")),
        ("c", 3, Decimal("0.1"), Decimal("1")),
    ]


def test_equal_values_rank_by_key():
    positions = pareto_positions({"zeta": Decimal(10), "alpha": Decimal(10), "mid": Decimal(10)})
    assert {k: p.rank for k, p in positions.items()} == {"alpha": 1, "mid": 2, "zeta": 3}


def test_ties_at_the_edge_of_the_head_are_broken_by_key():
    values = {"d": Decimal(40), "c": Decimal(40), "b": Decimal(10), "a": Decimal(10)}
    assert head_of(values) == ["c", "d"]


def test_clients_without_positive_profit_have_no_position():
    positions = pareto_positions(
        {"win": Decimal(10), "zero": Decimal(0), "loss": Decimal(-500), "unknown": None}
    )
    assert set(positions) == {"win"}
    assert positions["win"].share == Decimal(1)


def test_losses_do_not_shrink_the_total_the_head_is_measured_against():
    with_loss = pareto_positions({"a": Decimal(70), "b": Decimal(30), "loss": Decimal(-90)})
    assert with_loss["a"].share == Decimal("0.7") and with_loss["b"].in_head


def test_no_profitable_client_gives_no_positions():
    assert pareto_positions({}) == {}
    assert pareto_positions({"a": Decimal(0), "b": None}) == {}


def test_the_head_share_can_be_chosen():
    values = {"a": Decimal(50), "b": Decimal(30), "c": Decimal(20)}
    assert [k for k, p in pareto_positions(values, Decimal("0.5")).items() if p.in_head] == ["a"]
    assert all(p.in_head for p in pareto_positions(values, Decimal(1)).values())


amounts = st.one_of(
    st.none(),
    st.decimals(min_value=-1000, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)
portfolios = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=4), amounts, max_size=25)


@settings(max_examples=200, deadline=None)
@given(portfolios)
def test_the_head_reaches_80_percent_and_is_no_larger_than_it_must_be(values):
    positions = pareto_positions(values)
    positive = {k: v for k, v in values.items() if v is not None and v > 0}
    assert set(positions) == set(positive)
    if not positive:
        return
    total = sum(positive.values())
    ranked = sorted(positions, key=lambda k: positions[k].rank)
    assert [positions[k].rank for k in ranked] == list(range(1, len(ranked) + 1))
    assert [positive[k] for k in ranked] == sorted(positive.values(), reverse=True)
    head = [k for k in ranked if positions[k].in_head]
    assert head == ranked[: len(head)], "the head is a prefix of the ranking"
    reached = sum(positive[k] for k in head)
    assert reached >= Decimal("0.8") * total
    assert reached - positive[head[-1]] < Decimal("0.8") * total
