"""Portfolio analytics through kam, on SQLite and PostgreSQL: pareto, matrix, surveys, owners, goals."""

import random
from decimal import Decimal

import pytest


def test_a_generated_portfolio_with_a_known_concentration_has_exactly_its_head(kam):
    """Five head clients share just over four times what twenty tail clients bring: the head is
    those five, 20% of the portfolio."""
    rng = random.Random(20261123)
    tail = {f"tail-{n:02d}": rng.randint(50, 100) for n in range(20)}
    base = -(-4 * sum(tail.values()) // 5)
    head = {f"head-{n}": base + rng.randint(0, 10) for n in range(5)}
    for key, profit in {**tail, **head}.items():
        kam.ok("client", "add", key, "--name", key)
        kam.ok("value", key, "--revenue", str(profit + 100), "--cost", "100", "--period", "2026-Q1")
    answer = kam.json("pareto")
    assert answer["head"] == sorted(head, key=lambda k: (-head[k], k))
    assert answer["concentration"] == "0.2000" and answer["clients"] == 25
    assert Decimal(answer["rows"][4]["cumulative_share"]) >= Decimal("0.8") > Decimal(answer["rows"][3]["cumulative_share"])
    assert {row["key"] for row in answer["rows"] if row["in_head"]} == set(head)


@pytest.fixture
def portfolio(kam):
    kam.ok("client", "add", "acme", "--name", "Acme", "--owner", "ann", "--at", "2026-01-05")
    kam.ok("client", "add", "globex", "--name", "Globex", "--owner", "bob", "--at", "2026-01-05")
    kam.ok("value", "acme", "--revenue", "9000", "--cost", "1000", "--period", "2026-Q1", "--at", "2026-04-02")
    kam.ok("value", "globex", "--revenue", "3000", "--cost", "2000", "--period", "2026-Q1", "--at", "2026-04-02")
    kam.ok("score", "acme", "--answers", ",".join(["9"] * 12), "--at", "2026-04-03")
    kam.ok("score", "globex", "--answers", ",".join(["5"] * 12), "--at", "2026-04-03")
    kam.ok("survey", "acme", "--satisfaction", "9", "--nps", "10", "--at", "2026-02-01")
    kam.ok("survey", "globex", "--satisfaction", "4", "--nps", "3", "--at", "2026-03-01")
    return kam


def test_pareto_ranks_and_names_the_costliest_to_serve(portfolio):
    answer = portfolio.json("pareto", "--period", "2026-Q1")
    assert [(r["key"], r["value"], r["share"]) for r in answer["rows"]] == [("acme", "8000", "0.8889"), ("globex", "1000", "0.1111")]
    assert answer["head"] == ["acme"] and answer["periods"] == "2026-Q1"
    assert [r["key"] for r in answer["costliest_to_serve"]] == ["globex", "acme"]
    table = portfolio.ok("pareto")
    assert "the head is 1 of 2 clients (50%), making up 80% of the profit (9000 in all)" in table
    assert "The 2 costliest to serve" in table
    assert [r["key"] for r in portfolio.json("pareto", "--top", "1")["costliest_to_serve"]] == ["globex"]


def test_the_matrix_places_each_client(portfolio):
    rows = {r["key"]: r for r in portfolio.json("matrix")}
    assert (rows["acme"]["client_attractiveness"], rows["acme"]["our_attractiveness"], rows["acme"]["quadrant"]) == ("90.0", "94.4", "key")
    assert rows["globex"]["quadrant"] == "reconsider" and rows["globex"]["tier"] == "silver"  # 60 of 120 is at risk: not high
    assert rows["acme"]["our_source"] == "survey"
    assert {r["key"]: r["quadrant"] for r in portfolio.json("matrix", "--client-high", "60")} == {"acme": "key", "globex": "develop"}
    assert {r["key"]: r["quadrant"] for r in portfolio.json("matrix", "--client-high", "110", "--our-high", "92")} == {
        "acme": "maintain", "globex": "reconsider"}


def test_surveys_due_and_their_summary(portfolio):
    due = portfolio.json("surveys", "due", "--on", "2026-08-01")
    assert [(r["key"], r["tier"], r["last_survey"], r["due"]) for r in due] == [("acme", "gold", "2026-02-01", "2026-08-01")]
    summary = portfolio.json("surveys", "summary", "--every", "year")
    assert [(r["period"], r["responses"], r["nps"], r["mean_satisfaction"]) for r in summary["rows"]] == [
        ("2026", 2, 0, "6.5"), ("all", 2, 0, "6.5"),
    ]
    assert "Surveys due on 2026-08-01" in portfolio.ok("surveys", "due", "--on", "2026-08-01")


def test_goals_and_the_owners_overview(portfolio):
    assert "acme: goal 1 added: Joint roadmap (due 2026-12-31)" in portfolio.ok(
        "goal", "acme", "add", "Joint roadmap", "--due", "2026-12-31", "--at", "2026-05-01")
    owners = portfolio.json("owners", "--on", "2026-08-01")
    assert [(o["owner"], o["gold"], o["silver"], o["surveys_due"], o["without_goal"]) for o in owners] == [
        ("ann", ["acme"], [], ["acme"], []), ("bob", [], ["globex"], [], ["globex"]),
    ]
    assert "acme: goal 1 done: Joint roadmap" in portfolio.ok("goal", "acme", "done", "1")
    assert portfolio.json("goal", "acme", "list")[0]["done_on"] is not None
    assert "goal 1 added: Joint roadmap (due 2026-12-31)" in portfolio.ok("history", "acme")


def test_goals_survive_a_rebuild_of_the_read_models(portfolio):
    portfolio.ok("goal", "globex", "add", "First steering meeting")
    before = portfolio.json("goal", "globex", "list")
    portfolio.ok("projections", "rebuild")
    assert portfolio.json("goal", "globex", "list") == before
    assert portfolio.json("owners")[1]["without_goal"] == []


@pytest.mark.parametrize(("command", "suffix", "start"), [("pareto", "png", b"\x89PNG"), ("matrix", "svg", b"<?xml")])
def test_charts_are_drawn_by_the_file_suffix(portfolio, tmp_path, command, suffix, start):
    chart = tmp_path / f"chart.{suffix}"
    output = portfolio.ok(command, "--chart", str(chart))
    assert chart.read_bytes().startswith(start) and f"chart written to {chart}" in output


def test_a_chart_that_cannot_be_written_is_one_line(portfolio, tmp_path):
    result = portfolio("pareto", "--chart", str(tmp_path / "missing" / "chart.png"))
    assert result.exit_code == 2 and result.stderr.strip().startswith("kam: error: cannot write ")


def test_a_chart_of_another_kind_is_a_usage_error_and_nothing_is_drawn(kam_sqlite, tmp_path):
    chart = tmp_path / "chart.gif"
    result = kam_sqlite("pareto", "--chart", str(chart))
    assert result.exit_code == 2 and result.stderr.strip() == f"kam: error: --chart {chart} must end in .png or .svg"
    assert not chart.exists()


def test_a_goal_on_an_unknown_client_is_refused(kam_sqlite):
    result = kam_sqlite("goal", "nobody", "add", "Hello")
    assert result.exit_code == 1 and result.stderr.strip() == "kam: error: no client with key 'nobody'"
    result = kam_sqlite("goal", "nobody", "list")
    assert result.exit_code == 1


def test_an_empty_ledger_has_nothing_to_rank_or_chart(kam_sqlite, tmp_path):
    assert "no client has a profit above zero" in kam_sqlite.ok("pareto")
    chart = tmp_path / "empty.png"
    for command in ("pareto", "matrix"):
        result = kam_sqlite(command, "--chart", str(chart))
        assert f"no chart drawn to {chart}: nothing to show yet" in result.stdout and not result.stderr and not chart.exists()
    assert kam_sqlite.json("pareto")["head"] == [] and kam_sqlite.json("matrix") == []
    assert kam_sqlite.json("surveys", "summary")["rows"] == [] and kam_sqlite.json("owners") == []
