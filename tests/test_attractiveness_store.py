"""Criteria and ratings through kam on SQLite and PostgreSQL: recorded, read back after a rebuild of
the read models, by business date, in a batch, and their notes forgotten with the client's."""



def record(kam) -> None:
    kam.ok("client", "add", "acme", "--name", "Acme", "--owner", "ana", "--at", "2026-01-05")
    kam.ok("score", "acme", "--answers", ",".join(["9"] * 12), "--at", "2026-01-10")
    kam.ok("criteria", "acme", "--set", "quality=30,price=25,delivery=20,innovation=15,relationship=10", "--at", "2026-01-10")
    kam.ok("rating", "acme", "--ratings", "quality=9,price=2,delivery=8,innovation=7,relationship=9", "--source", "client",
           "--note", "Maria Schulz said our prices hurt", "--at", "2026-02-01")


def test_criteria_and_ratings_are_kept_and_read_back_after_a_rebuild(kam):
    record(kam)
    kam.ok("rating", "acme", "--ratings", "quality=9,price=6,delivery=8,innovation=7,relationship=9", "--source", "estimate",
           "--at", "2026-05-01")
    matrix = kam.json("matrix")
    assert [(r["key"], r["our_attractiveness"], r["our_source"], r["quadrant"]) for r in matrix] == [
        ("acme", "77.5", "rating-estimate", "key")]
    shown = kam.json("client", "show", "acme")
    kam.ok("projections", "rebuild")
    assert kam.json("matrix") == matrix and kam.json("client", "show", "acme") == shown
    assert [r["moved"] for r in shown["attractiveness"]["ratings"]] == [{}, {"price": 4}]


def test_our_attractiveness_on_a_business_date_and_as_recorded_then(kam):
    record(kam)
    kam.ok("rating", "acme", "--ratings", "quality=5,price=5,delivery=5,innovation=5,relationship=5", "--source", "client",
           "--at", "2026-01-20")  # back-dated: before the rating of 2026-02-01, so not the latest
    assert kam.json("client", "show", "acme")["attractiveness"]["our_attractiveness"] == "67.5"
    on = kam.json("client", "show", "acme", "--effective", "2026-01-25")["attractiveness"]
    assert (on["our_attractiveness"], [r["occurred_on"] for r in on["ratings"]]) == ("50.0", ["2026-01-20"])
    assert kam.json("client", "show", "acme", "--effective", "2026-01-15")["attractiveness"]["our_source"] is None
    by_date = {day: kam.json("standings", "--effective", day)[0] for day in ("2026-01-15", "2026-01-25", "2026-02-01")}
    assert [(r["our_attractiveness"], r["our_source"]) for r in by_date.values()] == [
        (None, None), ("50.0", "rating-client"), ("67.5", "rating-client")]


def test_a_batch_takes_criteria_and_ratings_and_is_refused_whole_for_a_bad_rating(kam, tmp_path):
    kam.ok("client", "add", "acme", "--name", "Acme", "--at", "2026-01-05")
    good = tmp_path / "good.txt"
    good.write_text("criteria acme --set quality=1,price=1 --at 2026-01-10\n"
                    "rating acme --ratings quality=8,price=6 --source estimate --at 2026-01-11\n")
    assert "2 commands, 2 events recorded" in kam.ok("batch", str(good))
    bad = tmp_path / "bad.txt"
    bad.write_text("criteria acme --set quality=1,price=1,delivery=2 --at 2026-02-10\n"
                   "rating acme --ratings quality=8,price=6 --source client --at 2026-02-11\n")
    refused = kam("batch", str(bad))
    assert refused.exit_code == 1 and "line 2: every criterion of 'acme' must be rated: delivery missing" in refused.stderr
    assert [e["type"] for e in kam.json("history", "acme")] == ["Registered", "CriteriaSet", "RatedOnCriteria"]


def test_a_forgotten_client_keeps_its_ratings_but_not_their_notes(kam):
    record(kam)
    kam.ok("forget", "acme", "--reason", "Former client asked for erasure")
    rated = [e for e in kam.json("history", "acme") if e["type"] == "RatedOnCriteria"]
    assert [(e["note"], e["ratings"]["price"]) for e in rated] == [("(forgotten)", 2)]
    assert kam.json("matrix")[0]["our_attractiveness"] == "67.5"


def test_the_ideal_fit_in_the_standings_and_by_business_date(kam):
    record(kam)  # acme: ideal score, rated 67.5 by its criteria, transactional, no hours
    kam.ok("pyramid", "acme", "cooperation", "--reason", "Joint planning", "--at", "2026-03-01")
    row = kam.json("standings")[0]
    assert (row["our_attractiveness"], row["our_source"], row["ideal_fit"]) == ("67.5", "rating-client", "4/7")
    failing = [c["condition"] for c in kam.json("fit", "acme")["checks"] if not c["holds"]]
    assert failing == ["profit_per_hour_at_least", "dimension_high", "our_attractiveness_at_least"]
    before = [c["condition"] for c in kam.json("fit", "acme", "--effective", "2026-02-15")["checks"] if not c["holds"]]
    assert before == ["profit_per_hour_at_least", "pyramid_at_least", "dimension_high", "our_attractiveness_at_least"]
    assert kam.json("standings", "--effective", "2026-02-15")[0]["ideal_fit"] == "3/7"
    assert kam.json("standings", "--effective", "2026-03-01")[0] == row  # the latest date: as now
    kam.ok("projections", "rebuild")
    assert kam.json("standings")[0] == row


def test_the_review_shows_the_criteria_and_how_our_ratings_moved(kam, tmp_path):
    record(kam)
    kam.ok("rating", "acme", "--ratings", "quality=9,price=5,delivery=7,innovation=7,relationship=9", "--source", "client",
           "--at", "2026-05-01")
    out = tmp_path / "acme.md"
    kam.ok("review", "acme", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out), "--at", "2026-07-01")
    section = out.read_text().split("## Our attractiveness by the client's criteria")[1].split("## ")[0]
    assert "| 2026-01-10 | criteria set | quality 30%, price 25%, delivery 20%, innovation 15%, relationship 10% |" in section
    assert "| 2026-05-01 | rated (client) | quality 9, price 5, delivery 7, innovation 7, relationship 9 | 73.0 | price +3, delivery -1 |" in section
