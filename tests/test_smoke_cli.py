import re


def test_a_registered_and_scored_client_shows_in_standings(kam):
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--owner", "ann")
    kam.ok("score", "acme", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9")
    rows = kam.json("standings")
    assert [(r["key"], r["tier"], r["score_total"]) for r in rows] == [("acme", "silver", 108)]


def test_a_client_shows_its_profit_over_every_recorded_period(kam):
    kam.ok("client", "add", "acme", "--name", "Acme GmbH")
    assert kam.json("client", "show", "acme")["profit"] is None
    kam.ok("value", "acme", "--revenue", "100", "--cost", "30", "--period", "2026-Q1")
    kam.ok("value", "acme", "--revenue", "50.50", "--cost", "60", "--period", "2026-Q2")
    assert kam.json("client", "show", "acme")["profit"] == "60.50"
    assert re.search(r"^Profit +60.50 *$", kam.ok("client", "show", "acme"), re.MULTILINE)
