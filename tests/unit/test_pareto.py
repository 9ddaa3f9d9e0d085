"""The Pareto head: the fewest clients that together bring 80% of the profit."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kamledger.domain.pareto import Measure, costliest_to_serve, pareto_head, pareto_positions, pareto_view, share_text


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


@settings(max_examples=200, deadline=None)
@given(portfolios, st.sampled_from([Decimal("0.8"), Decimal("0.5"), Decimal("0.95"), Decimal(1)]))
def test_the_head_alone_is_the_clients_the_positions_put_in_it(values, share):
    assert pareto_head(values, share) == {key for key, position in pareto_positions(values, share).items() if position.in_head}


# The Pareto view: the ranking, the head and the portfolio's concentration

def test_the_view_ranks_clients_and_measures_the_concentration():
    view = pareto_view({"a": Decimal(50), "b": Decimal(30), "c": Decimal(10), "d": Decimal(10), "e": Decimal(0)})
    assert [row.key for row in view.rows] == ["a", "b", "c", "d"]
    assert view.head == ("a", "b")
    assert view.others == (("e", Decimal(0)),)
    assert view.clients == 5 and view.concentration == Decimal("0.4")


def test_a_loss_counts_among_the_clients_but_not_in_the_ranking():
    view = pareto_view({"a": Decimal(10), "loss": Decimal(-5)})
    assert view.head == ("a",) and view.concentration == Decimal("0.5")
    assert view.others == (("loss", Decimal(-5)),)


def test_an_empty_portfolio_has_no_concentration():
    view = pareto_view({})
    assert view.head == () and view.concentration is None


def test_the_measures_are_profit_revenue_and_cost_to_serve():
    assert [m.of(Decimal(100), Decimal(30)) for m in Measure] == [Decimal(70), Decimal(100), Decimal(30)]


def test_shares_are_written_with_four_decimals():
    assert (share_text(Decimal(2) / 3), share_text(Decimal("0.5")), share_text(None)) == ("0.6667", "0.5000", None)


@settings(max_examples=150, deadline=None)
@given(
    head_size=st.integers(1, 12),
    tail_factor=st.integers(4, 8),
    losers=st.integers(0, 3),
    data=st.data(),
)
def test_a_portfolio_built_with_a_known_head_has_exactly_that_head(head_size, tail_factor, losers, data):
    """Tail clients bring 50-100 each; head clients share four times the tail's total (plus a little),
    so together they just reach 80% and no smaller set does. The concentration is known too."""
    tail = data.draw(st.lists(st.integers(50, 100), min_size=head_size * tail_factor, max_size=head_size * tail_factor))
    extras = data.draw(st.lists(st.integers(0, 10), min_size=head_size, max_size=head_size))
    base = -(-4 * sum(tail) // head_size)  # ceil(4 * tail / head_size): each head client far above any tail one
    values = {f"head-{n:02d}": Decimal(base + extra) for n, extra in enumerate(extras)}
    values |= {f"tail-{n:03d}": Decimal(value) for n, value in enumerate(tail)}
    values |= {f"loss-{n}": Decimal(-n) for n in range(losers)}
    view = pareto_view(values)
    assert sorted(view.head) == sorted(k for k in values if k.startswith("head-"))
    assert view.concentration == Decimal(head_size) / len(values)


# The reverse view: cost to serve against what a client brings

def test_the_costliest_to_serve_against_revenue_come_first():
    rows = costliest_to_serve({
        "lean": (Decimal(1000), Decimal(100)),
        "heavy": (Decimal(1000), Decimal(900)),
        "free": (Decimal(500), Decimal(0)),
        "nothing-back": (Decimal(0), Decimal(50)),
    })
    assert [r.key for r in rows] == ["nothing-back", "heavy", "lean"]
    assert rows[0].ratio is None and rows[1].ratio == Decimal("0.9")
    assert rows[1].cost_share == Decimal(900) / Decimal(1050) and rows[1].profit == Decimal(100)


def test_equal_ratios_put_the_larger_cost_first():
    rows = costliest_to_serve({"small": (Decimal(100), Decimal(50)), "big": (Decimal(1000), Decimal(500))})
    assert [r.key for r in rows] == ["big", "small"]
