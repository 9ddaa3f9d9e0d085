"""Effort and problems through kam on SQLite and PostgreSQL: summed in SQL for pareto, kept by
business date whatever order they were typed in, rebuilt alike, imported from CSV."""

from pathlib import Path


def record(kam, order=None) -> None:
    """Three clients' value, time and problems; `order` types the dated facts in another order."""
    for key in ("acme", "globex", "initech"):
        kam.ok("client", "add", key, "--name", key.title(), "--at", "2026-01-05")
    facts = [
        ("value", "acme", "--revenue", "10000", "--cost", "8500", "--period", "2026-Q1", "--at", "2026-04-01"),
        ("value", "globex", "--revenue", "20000", "--cost", "5000", "--period", "2026-Q1", "--at", "2026-04-01"),
        ("value", "initech", "--revenue", "3000", "--cost", "1000", "--period", "2026-Q1", "--at", "2026-04-01"),
        ("effort", "acme", "--hours", "8", "--kind", "support", "--at", "2026-02-01"),
        ("effort", "acme", "--hours", "8", "--kind", "rework", "--note", "Redid the Q1 report", "--at", "2026-02-10"),
        ("effort", "globex", "--hours", "3.5", "--kind", "meetings", "--at", "2026-03-01"),
        ("effort", "initech", "--hours", "0.5", "--kind", "travel", "--at", "2026-05-01"),
        ("problem", "acme", "--note", "Invoice dispute", "--severity", "high", "--at", "2026-02-15"),
        ("problem", "acme", "--note", "Escalated to our CEO", "--at", "2026-03-15"),
        ("problem", "globex", "--note", "Late delivery", "--severity", "low", "--at", "2026-03-20"),
    ]
    for n in order or range(len(facts)):
        kam.ok(*facts[n])
    kam.ok("problem", "acme", "--resolved", "1", "--note", "Credit note", "--at", "2026-04-15")


def test_pareto_by_hours_and_problems_and_profit_per_hour(kam):
    record(kam)
    hours = kam.json("pareto", "--by", "hours")
    assert [(r["key"], r["value"], r["in_head"], r["profit_per_hour"]) for r in hours["rows"]] == [
        ("acme", "16", True, "93.75"), ("globex", "3.5", False, "4285.71"), ("initech", "0.5", False, "4000.00")]
    assert hours["head"] == ["acme"] and hours["concentration"] == "0.3333"  # 16 of 20 hours: 80% in one of three
    assert [r["key"] for r in hours["lowest_profit_per_hour"]] == ["acme", "initech", "globex"]
    problems = kam.json("pareto", "--by", "problems")
    assert [(r["key"], r["value"], r["open_problems"]) for r in problems["rows"]] == [("acme", "2", 1), ("globex", "1", 1)]
    assert [r["key"] for r in kam.json("pareto", "--by", "hours", "--period", "2026-Q1")["rows"]] == ["acme", "globex"]
    assert {r["key"]: r["profit_per_hour"] for r in kam.json("pareto")["rows"]}["acme"] == "93.75"
    assert {r["key"]: (r["hours"], r["open_problems"]) for r in kam.json("standings")}["acme"] == ("16", 1)


def test_time_and_trouble_by_business_date_whatever_order_they_were_typed_in(kam, kam_on, other_database_url, tmp_path):
    record(kam)
    typed_otherwise = kam_on(other_database_url)
    record(typed_otherwise, order=[9, 4, 6, 0, 8, 3, 5, 1, 7, 2])
    policy = Path(__file__).resolve().parent.parent / "docs" / "examples" / "cost-to-serve-v3.toml"
    for ledger in (kam, typed_otherwise):
        ledger.ok("tiers", "adopt", str(policy), "--reason", "cost to serve out of proportion is bronze", "--at", "2026-01-05")
    for day in ("2026-02-01", "2026-02-20", "2026-03-31", "2026-04-01", "2026-04-20", "2026-05-02"):
        assert kam.json("standings", "--effective", day) == typed_otherwise.json("standings", "--effective", day), day
    assert [(r["key"], r["tier"], r["tier_rule"]) for r in kam.json("standings", "--effective", "2026-04-01")] == [
        ("globex", "silver", "silver-default"),
        ("initech", "silver", "silver-default"), ("acme", "bronze", "bronze-low-profit-per-hour")]  # 1500 in 16 h
    assert [(r["key"], r["tier_rule"]) for r in kam.json("standings", "--effective", "2026-02-20")] == [
        ("acme", "unrated-no-inputs"), ("globex", "unrated-no-inputs"), ("initech", "unrated-no-inputs")]  # hours alone rate no one
    assert kam.json("why", "acme")["rule"] == "bronze-low-profit-per-hour"
    shown = kam.json("client", "show", "acme")
    kam.ok("projections", "rebuild")
    assert kam.json("client", "show", "acme") == shown and kam.json("pareto", "--by", "problems") == typed_otherwise.json("pareto", "--by", "problems")


def test_effort_is_imported_from_a_time_sheet_all_rows_or_none(kam, tmp_path):
    kam.ok("client", "add", "acme", "--name", "Acme", "--at", "2026-01-05")
    sheet = tmp_path / "effort.csv"
    sheet.write_text("key,date,hours,kind,note\nacme,2026-02-01,2,support,Upgrade\nacme,2026-02-02,1.5,meetings,\n")
    assert "2 rows, 2 recorded" in kam.ok("import", "effort", str(sheet))
    bad = tmp_path / "bad.csv"
    bad.write_text("key,date,hours,kind\nacme,2026-02-03,3,support\nacme,2026-02-04,0,support\nacme,2026-01-01,1,travel\n")
    refused = kam("import", "effort", str(bad))
    assert refused.exit_code == 2 and "line 3: hours must be above 0" in refused.stderr and "line 4:" in refused.stderr
    assert kam.json("client", "show", "acme")["workload"]["hours"] == "3.5"


def test_a_forgotten_client_keeps_its_hours_and_problems_but_not_their_notes(kam):
    kam.ok("client", "add", "acme", "--name", "Acme", "--at", "2026-01-05")
    kam.ok("effort", "acme", "--hours", "2", "--kind", "support", "--note", "Helped Maria Schulz", "--at", "2026-02-01")
    kam.ok("problem", "acme", "--note", "Jens shouted at our intern", "--at", "2026-02-02")
    kam.ok("forget", "acme", "--reason", "Former client asked for erasure")
    notes = [e.get("note") for e in kam.json("history", "acme") if e["type"] in ("EffortSpent", "ProblemNoted")]
    assert notes == ["(forgotten)", "(forgotten)"]
    assert kam.json("pareto", "--by", "hours")["rows"][0]["value"] == "2"
