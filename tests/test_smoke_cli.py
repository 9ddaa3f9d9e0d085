def test_a_registered_and_scored_client_shows_in_standings(kam):
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--owner", "ann")
    kam.ok("score", "acme", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9")
    rows = kam.json("standings")
    assert [(r["key"], r["tier"], r["score_total"]) for r in rows] == [("acme", "silver", 108)]
