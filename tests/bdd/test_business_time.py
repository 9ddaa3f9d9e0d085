"""Business time: a client's tier on a date follows from the facts dated by then, whenever they
were entered; what was shown before a late entry stays provable as recorded by a moment."""

import csv
import re
from datetime import UTC, date, datetime, timedelta

from pytest_bdd import parsers, scenarios, then, when

from .commands import answers_for, goal_done_args
from .portfolio import step_text

scenarios("business_time.feature")

# A business date as a coach says it: 2026-03-05, or "7 days ago" (counted from today).
DAY = r'(?P<day>\d{4}-\d\d-\d\d|\d+ days? ago)'
MOMENT = r'as recorded at "(?P<moment>[^"]+)"'


def day_of(text: str) -> str:
    ago = re.fullmatch(r"(\d+) days? ago", text)
    return (date.today() - timedelta(days=int(ago[1]))).isoformat() if ago else text


def today_in_utc() -> date:
    """Recording time is UTC: 'recorded today' is today's date there."""
    return datetime.now(UTC).date()


def cell(value) -> str:
    return "(none)" if value is None else str(value)


# What the coach does

@when(parsers.re(r'"(?P<by>[^"]+)" enters today the score (?P<total>\d+) of 120 of (?:her|his|their) meeting '
                 r'with "(?P<key>[^"]+)" ' + DAY), target_fixture="attempt")
def enters_a_score_late(portfolio, by, total, key, day):
    return portfolio.attempt("score", key, "--answers", answers_for(int(total)), "--at", day_of(day), "--by", by)


@when("the coach imports last year's values:", target_fixture="attempt")
def imports_last_years_values(portfolio, tmp_path, datatable):
    path = tmp_path / "values-last-year.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(datatable)
    return portfolio.attempt("import", "values", str(path))


@when(step_text('{who} marks goal {goal_id} of "{key}" done', dated=True), target_fixture="attempt")
def marks_a_goal_done(portfolio, goal_id, key, day=None, by=None):
    return portfolio.attempt(*goal_done_args(key, goal_id, day, by))


# The ledger by business date (--effective)

@then(parsers.re(r'effective ' + DAY + r', "(?P<key>[^"]+)" was (?P<tier>\w+) by rule (?P<rule>\S+)'))
def was_by_rule_on(portfolio, day, key, tier, rule):
    effective = ["--effective", day_of(day)]
    [row] = [r for r in portfolio.kam.json("standings", *effective) if r["key"] == key]
    assert (row["tier"], row["tier_rule"]) == (tier, rule), f"effective {day_of(day)}: {row}"
    client = portfolio.kam.json("client", "show", key, *effective)
    assert (client["tier"]["tier"], client["tier"]["rule"]) == (tier, rule)


@then(parsers.re(r'effective ' + DAY + r', the standings were:'))
def standings_on(portfolio, day, datatable):
    assert_standings(portfolio.kam.json("standings", "--effective", day_of(day)), datatable)


@then(parsers.re(MOMENT + r', the standings were:'))
def standings_as_recorded(portfolio, moments, moment, datatable):
    assert_standings(portfolio.kam.json("standings", "--as-of", moments[moment]), datatable)


def assert_standings(rows, datatable):
    header, *expected = datatable
    assert header == ["client", "tier", "rule", "profit"]
    assert [[r["key"], r["tier"], cell(r["tier_rule"]), cell(r["profit"])] for r in rows] == expected


@then(parsers.re(r'effective ' + DAY + r', "(?P<key>[^"]+)" was owned by "(?P<owner>[^"]+)"'
                 r'(?:, with a score of (?P<score>\d+)|, with a survey of (?P<survey>\S+))?'))
def owned_on(portfolio, day, key, owner, score=None, survey=None):
    """The owner the client had on the day, in the standings and the client by that date: what was
    done for the client then is credited to them."""
    effective = ["--effective", day_of(day)]
    [row] = [r for r in portfolio.kam.json("standings", *effective) if r["key"] == key]
    client = portfolio.kam.json("client", "show", key, *effective)
    assert (row["owner"], client["owner"]) == (owner, owner)
    if score:
        assert client["score"]["total"] == int(score) and client["score"]["occurred_on"] <= day_of(day)
    if survey:
        assert (client["survey"]["occurred_on"], row["last_survey_on"]) == (survey, survey)


@then("the surveys summed up by owner are:")
def surveys_by_owner(portfolio, datatable):
    header, *expected = datatable
    assert header == ["owner", "responses", "nps"]
    summary = portfolio.kam.json("surveys", "summary", "--by", "owner")
    assert [[r["owner"], str(r["responses"]), str(r["nps"])] for r in summary["rows"] if r["period"] == "all"] == expected


# Why, by business date: the chain in one time order, each step with when it was recorded

@then(parsers.re(r'asked why, "(?P<key>[^"]+)" has been (?P<tier>\w+) since ' + DAY + r' by business date'))
def has_been_since(portfolio, key, tier, day):
    answer = portfolio.why(key)
    assert (answer["tier"], answer["changed_on"]) == (tier, day_of(day))


@then(parsers.re(r'asked why, "(?P<key>[^"]+)" became (?P<tier>\w+) ' + DAY + r', back-dated: recorded today by '
                 r'"(?P<by>[^"]+)", shown as (?P<shown>\w+) until then'))
def became_back_dated(portfolio, key, tier, day, by, shown):
    [step] = [s for s in portfolio.why(key)["tier_changes"] if (s["to_tier"], s["occurred_on"]) == (tier, day_of(day))]
    assert step["back_dated"] is True
    assert datetime.fromisoformat(step["recorded_at"]).astimezone(UTC).date() == today_in_utc()
    assert step["recorded_by"] == by
    assert step["shown_before"] is not None and step["shown_before"]["tier"] == shown, step["shown_before"]
    assert step["shown_before"]["until"] == today_in_utc().isoformat()


@then(step_text('asked why, the tier changes of "{key}" run forward in time:'))
def chain_runs_forward(portfolio, key, datatable):
    header, *expected = datatable
    assert header == ["on", "from", "to", "rule"]
    changes = portfolio.why(key)["tier_changes"]
    assert [[c["occurred_on"], c["from_tier"], c["to_tier"], c["rule"]] for c in changes] == expected
    days = [c["occurred_on"] for c in changes]
    assert days == sorted(days), f"the chain runs backwards: {days}"
    assert all(later["from_tier"] == earlier["to_tier"] for earlier, later in zip(changes, changes[1:]))
    assert all(c["recorded_at"] for c in changes), "every step says when it was recorded"


# The ledger as it had been recorded by a moment (--as-of): what was shown then

@then(parsers.re(MOMENT + r', "(?P<key>[^"]+)" was (?P<tier>\w+) by rule (?P<rule>\S+)'))
def was_as_recorded(portfolio, moments, moment, key, tier, rule):
    as_of = ["--as-of", moments[moment]]
    [row] = [r for r in portfolio.kam.json("standings", *as_of) if r["key"] == key]
    assert (row["tier"], row["tier_rule"]) == (tier, rule)
    answer = portfolio.kam.json("why", key, *as_of)
    assert (answer["tier"], answer["rule"]) == (tier, rule)


@then(parsers.re(MOMENT + r', the tier changes of "(?P<key>[^"]+)" were:'))
def tier_changes_as_recorded(portfolio, moments, moment, key, datatable):
    header, *expected = datatable
    assert header == ["from", "to", "rule"]
    changes = portfolio.kam.json("why", key, "--as-of", moments[moment])["tier_changes"]
    assert [[c["from_tier"], c["to_tier"], c["rule"]] for c in changes] == expected
