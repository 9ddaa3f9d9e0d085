"""Prospects, and the way in and out of the portfolio: steps in a KAM lead's words."""

from datetime import date

from pytest_bdd import given, scenarios, then, when

from .commands import entry_args, score_args
from .portfolio import step_text

scenarios("prospects.feature")

TODAY = date.today().isoformat()


def prospect_args(key, owner=None, estimated_profit=None, chance=None, day=None, by=None):
    args = ["prospect", "add", key, "--name", key.title()]
    for option, value in (("--owner", owner), ("--estimated-profit", estimated_profit), ("--chance", chance)):
        if value is not None:
            args += [option, value]
    return [*args, *entry_args(day or "2020-01-01", by)]


# What happened (Given)

@given(step_text('prospect "{key}" is added with owner "{owner}" and an estimated profit of {amount}', dated=True))
def prospect_added_with(portfolio, key, owner, amount, day=None, by=None):
    portfolio.kam.ok(*prospect_args(key, owner, amount, day=day, by=by))
    portfolio.known.add(key)


@given(step_text('prospect "{key}" is added', dated=True))
def prospect_added(portfolio, key, day=None, by=None):
    portfolio.kam.ok(*prospect_args(key, day=day, by=by))
    portfolio.known.add(key)


@given(step_text('prospect "{key}" scored {total} of 120', dated=True))
def prospect_scored(portfolio, key, total, day=None, by=None):
    portfolio.record(*score_args(key, total, day, by))


@given(step_text('prospect "{key}" was lost because "{reason}"', dated=True))
def prospect_was_lost(portfolio, key, reason, day=None, by=None):
    portfolio.record("prospect", "lost", key, "--reason", reason, *entry_args(day, by))


@given("these prospects were scored and ended so:")
def prospects_scored_and_ended(portfolio, datatable):
    header, *rows = datatable
    assert header == ["prospect", "score", "outcome"]
    for key, score, outcome in rows:
        portfolio.kam.ok(*prospect_args(key))
        portfolio.known.add(key)
        portfolio.record(*score_args(key, score, None, None))
        if outcome != "open":
            portfolio.record("prospect", outcome, key, "--reason", f"{key} {outcome}")


# What the coach does (When)

@when(step_text('{who} decides to {choice} "{key}" without a reason', dated=True), target_fixture="attempt")
def decides_without_a_reason(portfolio, choice, key, day=None, by=None):
    return portfolio.attempt("prospect", "decide", key, choice, *entry_args(day or TODAY, by))


@when(step_text('{who} decides to {choice} "{key}" because "{reason}"', dated=True), target_fixture="attempt")
def decides(portfolio, choice, key, reason, day=None, by=None):
    return portfolio.attempt("prospect", "decide", key, choice, "--reason", reason, *entry_args(day or TODAY, by))


@when(step_text('{who} records that prospect "{key}" was won', dated=True), target_fixture="attempt")
def records_won(portfolio, key, day=None, by=None):
    return portfolio.attempt("prospect", "won", key, *entry_args(day or TODAY, by))


@when(step_text('{who} records that prospect "{key}" was lost without a reason', dated=True), target_fixture="attempt")
def records_lost_without_a_reason(portfolio, key, day=None, by=None):
    return portfolio.attempt("prospect", "lost", key, *entry_args(day or TODAY, by))


@when(step_text('{who} records that client "{key}" was lost because "{reason}"', dated=True), target_fixture="attempt")
def records_client_lost(portfolio, key, reason, day=None, by=None):
    return portfolio.attempt("client", "lost", key, "--reason", reason, *entry_args(day or TODAY, by))


@when(step_text('{who} records that client "{key}" was won back because "{reason}"', dated=True), target_fixture="attempt")
def records_client_back(portfolio, key, reason, day=None, by=None):
    return portfolio.attempt("client", "back", key, "--reason", reason, *entry_args(day or TODAY, by))


@when(step_text('{who} adds prospect "{key}" with a chance of {chance}'), target_fixture="attempt")
def adds_prospect_with_chance(portfolio, key, chance, by=None):
    return portfolio.attempt(*prospect_args(key, chance=chance, by=by))


# What the ledger answers (Then)

@then(step_text('the scorecard recommends to {recommendation*} "{key}"'))
def recommends(attempt, recommendation, key):
    assert f"recommended: {recommendation} " in attempt.stdout, attempt.stdout


@then(step_text('"{key}" is not in the standings'))
def not_in_the_standings(portfolio, key):
    assert key not in [row["key"] for row in portfolio.standings()]
    assert key in [row["key"] for row in portfolio.kam.json("standings", "--all")]


@then(step_text("\"{key}\" is in no portfolio view: Pareto, matrix, surveys due or the owners' counts"))
def in_no_portfolio_view(portfolio, key):
    kam = portfolio.kam
    pareto = kam.json("pareto")
    assert key not in [row["key"] for row in pareto["rows"] + pareto["others"]]
    assert key not in [row["key"] for row in kam.json("matrix")]
    assert key not in [row["key"] for row in kam.json("surveys", "due")]
    for owner in kam.json("owners"):
        assert key not in sum((owner[tier] for tier in ("gold", "silver", "bronze", "unrated")), [])
    assert sum(owner["clients"] for owner in kam.json("owners")) == len(portfolio.standings())


def pipeline_row(portfolio, key):
    rows = [row for row in portfolio.kam.json("pipeline") if row["key"] == key]
    assert len(rows) == 1, f"'{key}' is not in the pipeline"
    return rows[0]


@then(step_text('the pipeline shows "{key}" {status}, scored {total} in the {band} band, recommended "{recommendation}"'))
def pipeline_shows(portfolio, key, status, total, band, recommendation):
    row = pipeline_row(portfolio, key)
    assert (row["status"], row["score_total"], row["band"], row["recommendation"]) == (status, int(total), band, recommendation)


@then(step_text('the pipeline shows "{key}" {status} against the scorecard'))
def pipeline_shows_against(portfolio, key, status):
    row = pipeline_row(portfolio, key)
    assert (row["status"], row["against_scorecard"]) == (status, True)
    header, *lines = [line for line in portfolio.kam.ok("pipeline").splitlines() if "Against scorecard" in line or f" {key} " in line]
    column = header.index("Against scorecard")
    assert lines[0][column:column + 3] == "yes", lines[0]


@then(step_text("the funnel counts {count} decision against the scorecard"))
def funnel_against(portfolio, count):
    assert portfolio.kam.json("pipeline", "funnel")["against_scorecard"] == int(count)


@then(step_text('"{key}" keeps its score of {total} from before it was won'))
def keeps_its_score(portfolio, key, total):
    assert portfolio.standing(key)["score_total"] == int(total)
    types = [event["type"] for event in portfolio.history(key)]
    assert types.index("Scored") < types.index("ProspectWon")


@then(step_text('on {day} "{key}" was not in the standings'))
def not_in_the_standings_on(portfolio, day, key):
    assert key not in [row["key"] for row in portfolio.kam.json("standings", "--effective", day)]


@then(step_text('on {day} "{key}" was {tier}'))
def tier_on(portfolio, day, key, tier):
    rows = {row["key"]: row["tier"] for row in portfolio.kam.json("standings", "--effective", day)}
    assert rows.get(key) == tier


@then(step_text('the former clients to win back are "{keys}", last {tier}, because "{reason}"'))
def former_clients(portfolio, keys, tier, reason):
    rows = portfolio.kam.json("pipeline", "--former")
    assert [(r["key"], r["last_tier"], r["reason"]) for r in rows] == [(key, tier, reason) for key in keys.split(", ")]


@then(step_text("the funnel counts {prospects} prospects, {scored} scored, {won} won and {lost} lost"))
def funnel_counts(portfolio, prospects, scored, won, lost):
    found = portfolio.kam.json("pipeline", "funnel")
    assert [found[k] for k in ("prospects", "scored", "won", "lost")] == [int(prospects), int(scored), int(won), int(lost)]


@then("the win rate per score band is:")
def win_rate_per_band(portfolio, datatable):
    header, *rows = datatable
    found = portfolio.kam.json("pipeline", "funnel")["bands"]
    assert [[b["band"], str(b["prospects"]), str(b["won"]), str(b["lost"]), b["win_rate"] or "-"] for b in found] == rows
