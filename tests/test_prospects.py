"""Prospects and former clients through kam, on SQLite and PostgreSQL: out of every portfolio view
(now and by business date), in the pipeline and its funnel, exported with their stage, and the same
after the read models are rebuilt from the log."""

import csv
import io

from pathlib import Path

import pytest

from tests.conftest import BACKENDS, Kam, fresh_postgres_database, sqlite_url_in

SHIPPED_POLICY = Path(__file__).parents[1] / "service" / "defaults" / "tier-policy-v1.toml"
ALPHA_PROFIT = ("--revenue", "5000", "--cost", "0", "--period", "2026-Q1")


@pytest.fixture(scope="module", params=BACKENDS)
def pipeline(request, tmp_path_factory):
    """Two clients; a prospect won, one lost, one open and key, one declined against the scorecard;
    a client that left. One ledger a backend for the whole module: the tests only read it, or are
    refused, or rebuild its read models (which must change nothing)."""
    if request.param == "sqlite":
        yield portfolio_in(Kam(sqlite_url_in(tmp_path_factory.mktemp("prospects"))))
        return
    with fresh_postgres_database() as url:
        yield portfolio_in(Kam(url))


def portfolio_in(kam):
    for key, owner in (("alpha", "ann"), ("bravo", "bob")):
        kam.ok("client", "add", key, "--name", key.title(), "--owner", owner, "--at", "2026-01-02")
        kam.ok("score", key, "--answers", "9,9,9,9,9,9,9,9,9,9,9,9", "--at", "2026-01-03")
    kam.ok("value", "alpha", *ALPHA_PROFIT, "--at", "2026-04-01")
    kam.ok("value", "bravo", "--revenue", "1000", "--cost", "0", "--period", "2026-Q1", "--at", "2026-04-01")
    kam.ok("prospect", "add", "won", "--name", "Won", "--owner", "ann", "--estimated-profit", "8000", "--at", "2026-02-01")
    kam.ok("score", "won", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9", "--at", "2026-02-02")
    kam.ok("prospect", "won", "won", "--at", "2026-05-01")
    kam.ok("prospect", "add", "lost", "--name", "Lost", "--owner", "bob", "--at", "2026-02-01")
    kam.ok("score", "lost", "--answers", "7,7,7,7,7,7,7,7,7,7,7,7", "--at", "2026-02-02")
    kam.ok("prospect", "lost", "lost", "--reason", "chose a cheaper agency", "--at", "2026-03-01")
    kam.ok("prospect", "add", "open", "--name", "Open", "--owner", "ann", "--chance", "80",
           "--estimated-profit", "100000", "--source", "a referral from alpha", "--at", "2026-06-01")
    kam.ok("score", "open", "--answers", "8,8,8,8,8,8,8,8,8,8,8,8", "--at", "2026-06-02")
    kam.ok("prospect", "add", "ideal", "--name", "Ideal", "--owner", "bob", "--at", "2026-06-01")
    kam.ok("score", "ideal", "--answers", "10,10,10,10,10,10,10,10,10,10,10,10", "--at", "2026-06-02")
    kam.ok("prospect", "decide", "ideal", "decline", "--reason", "no capacity this year", "--at", "2026-06-03")
    kam.ok("client", "lost", "bravo", "--reason", "went to a competitor", "--at", "2026-07-01")
    return kam


def keys(rows):
    return sorted(row["key"] for row in rows)


def test_prospects_and_former_clients_are_out_of_every_portfolio_view_now_and_by_date(pipeline):
    kam = pipeline
    assert keys(kam.json("standings")) == ["alpha", "won"]
    assert keys(kam.json("standings", "--effective", "2026-04-15")) == ["alpha", "bravo"]  # won not yet, bravo not yet gone
    assert keys(kam.json("standings", "--effective", "2026-08-01")) == ["alpha", "won"]
    everyone = {row["key"]: row["tier"] for row in kam.json("standings", "--all")}
    assert everyone == {"alpha": everyone["alpha"], "won": everyone["won"], "bravo": "former",
                        "lost": "prospect", "open": "prospect", "ideal": "prospect"}
    pareto = kam.json("pareto")
    assert keys(pareto["rows"] + pareto["others"]) == ["alpha"]  # won has no value yet, bravo left
    assert set(keys(kam.json("matrix"))) == {"alpha", "won"}
    assert keys(kam.json("surveys", "due")) == ["alpha", "won"]  # gold and silver, never surveyed
    owners = {row["owner"]: row["clients"] for row in kam.json("owners")}
    assert owners == {"ann": 2}
    assert {row["owner"]: row["clients"] for row in kam.json("owners", "--on", "2026-04-15")} == {"ann": 1, "bob": 1}
    assert keys(kam.json("tiers", "replay", "--policy", str(SHIPPED_POLICY))) == ["alpha", "won"]


def test_the_pipeline_shows_each_prospect_with_its_decision_chance_and_expected_profit(pipeline):
    rows = {row["key"]: row for row in pipeline.json("pipeline")}
    assert [row["key"] for row in pipeline.json("pipeline")] == ["open", "ideal", "won", "lost"]
    open_, ideal, won, lost = rows["open"], rows["ideal"], rows["won"], rows["lost"]
    assert (open_["status"], open_["band"], open_["recommendation"], open_["chance"], open_["expected_profit"], open_["key_prospect"]) == (
        "open", "workable", "pursue", 80, "80000.00", True)
    assert (ideal["status"], ideal["choice"], ideal["against_scorecard"], ideal["recommendation"]) == (
        "declined", "decline", True, "pursue first")
    assert (won["status"], won["chance"], won["chance_given"], won["expected_profit"], won["outcome_on"]) == (
        "won", 90, False, "7200.00", "2026-05-01")
    assert (lost["status"], lost["band"]) == ("lost", "workable")
    former = pipeline.json("pipeline", "--former")
    assert [(r["key"], r["last_tier"], r["reason"], r["left_on"]) for r in former] == [
        ("bravo", "silver", "went to a competitor", "2026-07-01")]


def test_the_funnel_counts_the_prospects_added_in_the_period(pipeline):
    whole = pipeline.json("pipeline", "funnel")
    assert [whole[k] for k in ("prospects", "scored", "pursued", "declined", "won", "lost", "against_scorecard")] == [4, 4, 0, 1, 1, 1, 1]
    assert {b["band"]: (b["won"], b["lost"], b["win_rate"]) for b in whole["bands"]}["ideal"] == (1, 0, "1.0000")
    early = pipeline.json("pipeline", "funnel", "--from", "2026-01-01", "--to", "2026-03-31")
    assert (early["prospects"], early["won"], early["lost"], early["win_rate"]) == (2, 1, 1, "0.5000")


def test_the_export_has_every_relationship_with_its_stage(pipeline):
    rows = list(csv.DictReader(io.StringIO(pipeline.ok("export", "standings"))))
    assert {row["key"]: row["stage"] for row in rows} == {
        "alpha": "client", "won": "client", "bravo": "former", "lost": "prospect", "open": "prospect", "ideal": "prospect"}


def test_the_pipeline_and_the_standings_are_the_same_after_a_rebuild(pipeline):
    before = [pipeline.json(*args) for args in (("pipeline",), ("pipeline", "--former"), ("standings", "--all"),
                                                 ("standings", "--all", "--effective", "2026-05-15"))]
    pipeline.ok("projections", "rebuild")
    after = [pipeline.json(*args) for args in (("pipeline",), ("pipeline", "--former"), ("standings", "--all"),
                                                ("standings", "--all", "--effective", "2026-05-15"))]
    assert after == before


def test_a_refused_prospect_command_is_one_line_and_writes_nothing(pipeline):
    before = pipeline.ok("export", "events", "--format", "jsonl")
    for args, code, says in (
        (("prospect", "decide", "alpha", "pursue", "--reason", "x"), 1, "not a prospect"),
        (("prospect", "decide", "nobody", "pursue"), 1, "no client with key 'nobody'"),
        (("prospect", "decide", "open", "maybe"), 2, "unknown decision 'maybe'"),
        (("prospect", "won", "lost"), 1, "was lost"),
        (("prospect", "lost", "open"), 2, "a reason why the prospect was lost is required"),
        (("prospect", "add", "new", "--name", "New", "--chance", "101"), 2, "0 to 100"),
        (("prospect", "add", "alpha", "--name", "Alpha"), 1, "already registered"),
        (("client", "lost", "open", "--reason", "x"), 1, "kam prospect lost"),
        (("client", "back", "alpha", "--reason", "x"), 1, "only a former client"),
        (("value", "open", *ALPHA_PROFIT), 1, "is a prospect"),
        (("prospect", "won", "open", "--at", "2026-05-01"), 1, "before that"),
    ):
        result = pipeline(*args)
        lines = result.stderr.strip().splitlines()
        assert (result.exit_code, len(lines)) == (code, 1), (args, result.output, result.stderr)
        assert says in lines[0], (args, lines)
    assert pipeline.ok("export", "events", "--format", "jsonl") == before


def test_prospects_are_imported_from_csv_all_or_nothing_and_once(kam, tmp_path):
    kam.ok("client", "add", "alpha", "--name", "Alpha", "--at", "2026-01-02")
    good = tmp_path / "prospects.csv"
    good.write_text("key,name,owner,source,chance,estimated_profit,date\n"
                    "nova,Nova SA,ben,a fair,60,12000,2026-05-01\nomega,Omega plc,,,,,2026-05-02\n")
    assert "2 rows, 2 recorded" in kam.ok("import", "prospects", str(good))
    assert "nothing was recorded" in kam.ok("import", "prospects", str(good))
    again = tmp_path / "again.csv"
    again.write_text("key,name\nnova,Nova SA\n")
    assert "1 row, 0 recorded, 1 already in the ledger" in kam.ok("import", "prospects", str(again))
    rows = {row["key"]: row for row in kam.json("pipeline")}
    assert (rows["nova"]["chance"], rows["nova"]["expected_profit"], rows["nova"]["source"], rows["nova"]["added_on"]) == (
        60, "7200.00", "a fair", "2026-05-01")
    before = kam.ok("export", "events", "--format", "jsonl")
    for lines, says in (("key,name,chance\npi,Pi Ltd,101\nrho,Rho,5\n", "line 2: a chance is a percentage from 0 to 100"),
                        ("key,name\nalpha,Alpha\n", "line 2: 'alpha' is already registered as 'Alpha', a client")):
        bad = tmp_path / "bad.csv"
        bad.write_text(lines)
        result = kam("import", "prospects", str(bad))
        assert result.exit_code in (1, 2) and says in result.stderr, result.stderr
    assert kam.ok("export", "events", "--format", "jsonl") == before


def test_a_batch_takes_prospects_from_added_to_won(kam_sqlite, tmp_path):
    commands = tmp_path / "commands.txt"
    commands.write_text("prospect add nova --name 'Nova SA' --chance 70 --at 2026-05-01\n"
                        "score nova --answers 9,9,9,9,9,9,9,9,9,9,9,9 --at 2026-05-02\n"
                        "prospect decide nova pursue --at 2026-05-03\n"
                        "prospect won nova --at 2026-06-01\n")
    assert "4 commands" in kam_sqlite.ok("batch", str(commands))
    assert [(r["key"], r["status"]) for r in kam_sqlite.json("pipeline")] == [("nova", "won")]
    assert [r["key"] for r in kam_sqlite.json("standings")] == ["nova"]


def test_the_reviews_show_the_prospect_history_and_the_pipeline(pipeline, tmp_path):
    client = tmp_path / "won.md"
    pipeline.ok("review", "won", "--out", str(client), "--from", "2026-05-01", "--to", "2026-06-30", "--at", "2026-11-30")
    text = client.read_text()
    section = text[text.index("## Prospect history"):]
    assert "added as a prospect" in section and "scored 108/120" in section and "won: a client from then on (108, ideal)" in section
    whole = tmp_path / "portfolio.md"
    pipeline.ok("review", "--all", "--out", str(whole), "--from", "2026-06-01", "--to", "2026-06-30", "--at", "2026-11-30")
    text = whole.read_text()
    section = text[text.index("## Pipeline"):text.index("## Since")]
    assert "| open | open |" in section and "decline (against the scorecard)" in section and "| won |" not in section


def test_the_pipeline_chart_shows_the_open_prospects(kam_sqlite, tmp_path):
    kam_sqlite.ok("prospect", "add", "nova", "--name", "Nova", "--chance", "50", "--estimated-profit", "1000")
    chart = tmp_path / "pipeline.svg"
    kam_sqlite.ok("pipeline", "--chart", str(chart))
    assert "nova" in chart.read_text()
    result = kam_sqlite("pipeline", "--chart", str(tmp_path / "pipeline.gif"))
    assert result.exit_code == 2 and "must end in .png or .svg" in result.stderr


def test_client_show_and_why_say_where_a_relationship_is(pipeline):
    assert "client; a prospect from 2026-02-01, won on 2026-05-01" in pipeline.ok("client", "show", "won")
    assert "former; left on 2026-07-01" in pipeline.ok("client", "show", "bravo")
    assert "Stage" not in pipeline.ok("client", "show", "alpha")
    refused = pipeline("why", "open")
    assert refused.exit_code == 1 and "'open' is a prospect: it has no tier" in refused.stderr
    assert pipeline("why", "bravo", "--effective", "2026-06-01").exit_code == 0  # still a client then
    assert "'won' is a prospect on 2026-03-01" in pipeline("why", "won", "--effective", "2026-03-01").stderr
    shown = pipeline.json("client", "show", "won", "--effective", "2026-03-01")
    assert (shown["stage"], shown["tier"]["tier"]) == ("prospect", "unrated")


def test_the_pipeline_shows_how_each_prospect_fits_the_ideal_client(kam):
    kam.ok("prospect", "add", "zeta", "--name", "Zeta", "--chance", "80", "--at", "2026-01-05")
    kam.ok("prospect", "add", "omega", "--name", "Omega", "--chance", "80", "--at", "2026-01-05")
    kam.ok("score", "zeta", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9", "--at", "2026-01-06")
    fits = {row["key"]: row["ideal_fit"] for row in kam.json("pipeline")}
    (zeta_met, total), (omega_met, same_total) = (map(int, fits[key].split("/")) for key in ("zeta", "omega"))
    assert total == same_total > 0 and zeta_met > omega_met  # the scorecard's band is one of the profile's conditions
