"""What a client costs in time and trouble: effort, problems, pareto by hours and problems, the
time-and-trouble conditions of a tier policy."""

import re
from decimal import Decimal
from importlib.resources import files

from pytest_bdd import given, parsers, scenarios, then, when

from .commands import entry_args
from .portfolio import step_text

scenarios("effort.feature")

SHIPPED_POLICY_RULE_BEFORE = '[[rules]]\nid = "gold-pareto-head"'


def took_hours(portfolio, key, hours, day):
    """Entries of at most 8 hours, a day apart (counting back from the day, if given)."""
    left, n = Decimal(hours), 0
    while left > 0:
        chunk = min(left, Decimal(8))
        on = day or f"2026-01-{2 + n:02d}"
        portfolio.record("effort", key, "--hours", str(chunk), "--kind", "support", "--at", on)
        left, n = left - chunk, n + 1


@given(step_text('client "{key}" took {hours} hours of our time', dated=True))
def took_our_time(portfolio, key, hours, day=None, by=None):
    portfolio.ensure(key)
    took_hours(portfolio, key, hours, day)


@when(step_text('client "{key}" takes {hours} more hours of our time', dated=True))
def takes_more_time(portfolio, key, hours, day=None, by=None):
    took_hours(portfolio, key, hours, day)


CAUSED_STEP = parsers.re(r'client "(?P<key>[^"]+)" caused (?P<count>\d+) problems?(?: on (?P<day>\S+))?$')


@given(CAUSED_STEP)
def caused_problems(portfolio, key, count, day=None):
    portfolio.ensure(key)
    if int(count) == 0:
        portfolio.record("value", key, "--revenue", "100", "--cost", "0", "--period", "2026")  # a client with no problem
    for n in range(int(count)):
        portfolio.record("problem", key, "--note", f"escalation {n + 1}", "--severity", "high", *entry_args(day, None))


@given(step_text("the tier policy in force makes bronze a client with {condition} = {value}"))
def policy_in_force(portfolio, tmp_path, condition, value):
    shipped = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()
    argument = value if condition == "open_problems_at_least" else f'"{value}"'
    rule = (f'[[rules]]\nid = "bronze-time-and-trouble"\ntier = "bronze"\nwhen = {{ {condition} = {argument} }}\n'
            f'description = "What the client costs in time or trouble is out of proportion."\n\n')
    text = shipped.replace('version = "v1"', 'version = "v9"').replace(SHIPPED_POLICY_RULE_BEFORE, rule + SHIPPED_POLICY_RULE_BEFORE)
    path = tmp_path / "time-and-trouble.toml"
    path.write_text(text)
    portfolio.record("tiers", "adopt", str(path), "--reason", "cost to serve out of proportion is bronze", "--at", "2026-01-02")


@when(step_text("the KAM lead ranks the clients by {measure}"), target_fixture="attempt")
def ranks_by(portfolio, measure):
    return portfolio.attempt("pareto", "--by", measure, "--json")


@when(step_text('{who} records {hours} hours of {kind} on "{key}"', dated=True), target_fixture="attempt")
def records_hours(portfolio, hours, kind, key, day=None, by=None):
    return portfolio.attempt("effort", key, "--hours", hours, "--kind", kind, *entry_args(day, by))


@when(step_text('{who} records that problem {number} of "{key}" was resolved', dated=True), target_fixture="attempt")
def records_resolved(portfolio, number, key, day=None, by=None):
    return portfolio.attempt("problem", key, "--resolved", number, *entry_args(day, by))


@when(step_text('{who} notes a problem on "{key}" without a note', dated=True), target_fixture="attempt")
def notes_a_problem_without_a_note(portfolio, key, day=None, by=None):
    return portfolio.attempt("problem", key, "--severity", "low", *entry_args(day, by))


@then(step_text("the head is {head} of {count} clients, making up {total} {measure}"))
def head_is(attempt, head, count, total, measure):
    answer = attempt.answer()
    assert (len(answer["head"]), answer["clients"], Decimal(answer["total"]), answer["by"]) == (int(head), int(count), Decimal(total), measure)


@then(step_text('"{key}" is first in the head with {share} of the {measure}'))
def first_in_head(attempt, key, share, measure):
    first = attempt.answer()["rows"][0]
    assert (first["key"], first["in_head"], f"{Decimal(first['share']) * 100:.1f}%") == (key, True, share)


@then(step_text('"{key}" is not in the head'))
def not_in_head(attempt, key):
    assert key not in attempt.answer()["head"]


@then(step_text('"{key}" earns {amount} per hour of work, its cost to serve {share} of its revenue'))
def earns_per_hour(portfolio, attempt, key, amount, share):
    work = attempt.answer()["workload"]
    assert (work["profit_per_hour"], f"{Decimal(work['cost_ratio']) * 100:.1f}%") == (amount, share)
    assert portfolio.standing(key)["profit_per_hour"] == amount
    assert f"profit per hour {amount}" in portfolio.kam.ok("client", "show", key)


@then(step_text('why shows "{label}" at {value}'))
def why_shows(portfolio, attempt, label, value):
    said = portfolio.kam.ok("why", attempt.args[1])
    assert re.search(rf"^\s+{re.escape(label)}\s+{re.escape(value)}\s", said, re.MULTILINE), said


@then(step_text('on {before} "{key}" was {then_tier}, and on {after} {now_tier}'))
def by_business_date(portfolio, before, key, then_tier, after, now_tier):
    def tier_on(day):
        return next(r["tier"] for r in portfolio.kam.json("standings", "--effective", day) if r["key"] == key)

    assert (tier_on(before), tier_on(after)) == (then_tier, now_tier)
