"""Client focus on both stores: plans, feedback, the unhappy clients and the owners' results, and
their texts sealed and forgotten like every note."""


def test_plans_feedback_and_owner_results_on_each_store(kam):
    kam.ok("client", "add", "acme", "--name", "Acme", "--owner", "ann", "--at", "2026-01-02")
    kam.ok("plan", "acme", "add", "--kind", "develop", "--due", "2026-06-30", "--target", "satisfaction>=8", "--note", "happier", "--at", "2026-02-01")
    kam.ok("survey", "acme", "--satisfaction", "5", "--nps", "4", "--at", "2026-03-01")
    kam.ok("owner", "acme", "bob", "--at", "2026-04-01")
    kam.ok("survey", "acme", "--satisfaction", "9", "--nps", "9", "--at", "2026-05-01")
    kam.ok("feedback", "acme", "--kind", "complaint", "--note", "Ms Jones was rude on the phone", "--at", "2026-05-02")

    [objective] = kam.json("plan", "acme", "--on", "2026-07-01")
    assert (objective["status"], objective["met_by"]["occurred_on"]) == ("met", "2026-05-01")
    [unhappy] = kam.json("surveys", "unhappy", "--on", "2026-06-01")
    assert unhappy["reasons"] == ["1 open complaint"]
    results = {r["owner"]: r for r in kam.json("owners", "--from", "2026-01-01", "--to", "2026-06-30")}
    assert (results["bob"]["satisfaction_change"], results["bob"]["targets_met"]) == (4, 1)
    assert "rude" in kam.ok("history", "acme")

    kam.ok("forget", "acme", "--reason", "asked to", "--at", "2026-06-02")
    assert "rude" not in kam.ok("history", "acme") and "(forgotten)" in kam.ok("history", "acme")
    assert kam.json("plan", "acme", "--on", "2026-07-01")[0]["status"] == "met"  # the plan's facts are no personal text
