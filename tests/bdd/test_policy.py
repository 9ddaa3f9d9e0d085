"""Changing the tier policy: the policy in force, replaying a draft, adopting it, and refusals."""

import json
from importlib.resources import files

import pytest
from pytest_bdd import given, scenarios, then, when

from .commands import entry_args
from .moments import view_args, view_step
from .portfolio import step_text

scenarios("policy.feature")

SHIPPED_POLICY = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()

BAD_POLICY_FILES = {
    "does not exist": None,
    "is not valid TOML": 'version = "v9"\n[[rules]\nid = ',
    "uses a condition nobody knows": (
        'version = "v9"\n'
        '[[rules]]\nid = "odd"\ntier = "gold"\nwhen = { moon_full = true }\n'
        '[[rules]]\nid = "rest"\ntier = "silver"\n'
    ),
    "has no version": '[[rules]]\nid = "rest"\ntier = "silver"\n',
}


@pytest.fixture
def drafts(tmp_path) -> dict[str, str]:
    """Tier policy files the coaches wrote, by name; the latest draft of a version wins."""
    return {"directory": str(tmp_path)}


@pytest.fixture
def log_before() -> dict[str, int]:
    return {}


def write_draft(drafts, name: str, text: str) -> None:
    path = f"{drafts['directory']}/policy-{len(drafts)}.toml"
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    drafts[name] = path


def without_rule(text: str, rule: str) -> str:
    blocks = text.split("[[rules]]")
    assert any(f'id = "{rule}"' in block for block in blocks), f"the shipped policy has no rule {rule}"
    return "[[rules]]".join(block for block in blocks if f'id = "{rule}"' not in block)


def shipped_as(version: str) -> str:
    return SHIPPED_POLICY.replace('version = "v1"', f'version = "{version}"')


# What the coaches drafted

@given(step_text('the coaches drafted tier policy "{version}" that drops rule {rule}'))
def drafted_without_a_rule(drafts, version, rule):
    write_draft(drafts, version, without_rule(shipped_as(version), rule))


@given(step_text('the coaches drafted tier policy "{version}" with a Pareto head of {share} of profit'))
def drafted_with_a_pareto_share(drafts, version, share):
    text = shipped_as(version).replace('pareto_share = "0.8"', f'pareto_share = "{share}"')
    assert f'pareto_share = "{share}"' in text
    write_draft(drafts, version, text)


@given("the coaches copied the shipped tier policy")
def copied_the_shipped_policy(drafts):
    write_draft(drafts, "the copy of the shipped tier policy", SHIPPED_POLICY)


@given(step_text('a tier policy file "{name}" that {what*}'))
def a_bad_policy_file(drafts, name, what):
    text = BAD_POLICY_FILES[what]
    if text is None:
        drafts[name] = f"{drafts['directory']}/{name}.toml"
    else:
        write_draft(drafts, name, text)


@given(step_text('tier policy "{version}" was adopted'))
def was_adopted(portfolio, drafts, version):
    portfolio.record("tiers", "adopt", drafts[version], "--reason", f"the coaches agreed on {version}")


# What the coach does

@when(step_text("{who} looks at the tier policy"), target_fixture="attempt")
def looks_at_the_policy(portfolio, by=None):
    return portfolio.attempt("tiers", "policy")


@when(step_text('{who} replays tier policy "{version}"'), target_fixture="attempt")
@when(view_step('{who} replays tier policy "{version}" {view}'), target_fixture="attempt")
def replays(portfolio, drafts, moments, log_before, version, view=None, by=None):
    log_before["last_event"] = portfolio.kam.json("projections", "status")["last_event"]
    portfolio.watching = True  # a replay must leave the ledger as it was: compare with before
    return portfolio.attempt("tiers", "replay", "--policy", drafts[version], "--json", *view_args(view, moments) if view else [])


@when(step_text('{who} adopts tier policy "{version}" because "{reason}"', dated=True), target_fixture="attempt")
@when(step_text('{who} adopts the tier policy file "{version}" because "{reason}"', dated=True), target_fixture="attempt")
@when(step_text('{who} adopts the copy of the shipped tier policy because "{reason}"', dated=True), target_fixture="attempt")
def adopts(portfolio, drafts, reason, version="the copy of the shipped tier policy", day=None, by=None):
    return portfolio.attempt("tiers", "adopt", drafts[version], "--reason", reason, *entry_args(day, by))


@when(step_text('{who} adopts tier policy "{version}" without a reason'), target_fixture="attempt")
def adopts_without_a_reason(portfolio, drafts, version, by=None):
    return portfolio.attempt("tiers", "adopt", drafts[version], *entry_args(None, by))


# What the ledger answers

@then(step_text('the tier policy in force is "{version}"'))
@then(step_text('the tier policy in force is still "{version}"'))
def policy_in_force(portfolio, version):
    assert portfolio.kam.json("tiers", "policy")["version"] == version
    assert portfolio.kam.ok("tiers", "policy").startswith(f"Tier policy {version} ")


@then(step_text('the tier policy in force is "{version}", with the rules in order:'))
def policy_in_force_with_rules(portfolio, version, datatable):
    header, *rows = datatable
    assert header == ["rule", "tier"]
    policy = portfolio.kam.json("tiers", "policy")
    assert policy["version"] == version
    assert [[rule["id"], rule["tier"]] for rule in policy["rules"]] == rows


@then(step_text('under tier policy "{version}" these clients would move:'))
def would_move(attempt, version, datatable):
    header, *rows = datatable
    assert header == ["client", "tier", "under the policy", "rule"]
    replay = json.loads(attempt.stdout)
    assert {row["policy_version"] for row in replay} == {version}
    assert [[r["key"], r["tier"], r["tier_under_policy"], r["rule_under_policy"]] for r in replay if r["moves"]] == rows


@then(step_text('under tier policy "{version}", "{key}" would stay {tier} and "{other}" would stay {other_tier}'))
def would_stay(attempt, version, key, tier, other, other_tier):
    replay = {row["key"]: row for row in json.loads(attempt.stdout)}
    for client, stays in ((key, tier), (other, other_tier)):
        row = replay[client]
        assert (row["tier"], row["tier_under_policy"], row["moves"]) == (stays, stays, False)


@then(step_text('replayed over the ledger as it is now, no client would move under tier policy "{version}"'))
def nobody_would_move_now(portfolio, drafts, version):
    replay = portfolio.kam.json("tiers", "replay", "--policy", drafts[version])
    assert replay and not any(row["moves"] for row in replay)


@then("nothing was recorded: the standings, every history and the event log are as they were")
def nothing_was_recorded(portfolio, attempt, log_before):
    assert portfolio.snapshot() == attempt.before
    assert portfolio.kam.json("projections", "status")["last_event"] == log_before["last_event"]


@then(step_text('it says tier policy "{version}" is in force and {count} tier changed'))
def says_in_force(attempt, version, count):
    lines = attempt.stdout.splitlines()
    assert lines[0].startswith(f"tier policy {version} is in force; {count} tier")
    assert len([line for line in lines if line.strip().startswith("tier: ")]) == int(count)


@then(step_text('asked why, the adoption behind "{key}" put tier policy "{version}" in force because "{reason}"'))
def adoption_behind(portfolio, key, version, reason):
    [adoption] = [c for c in portfolio.why(key)["causes"] if c["type"] == "PolicyAdopted"]
    assert (adoption["fields"]["version"], adoption["fields"]["reason"]) == (version, reason)
    assert adoption["fields"]["document"]["version"] == version
