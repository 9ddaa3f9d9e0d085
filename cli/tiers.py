"""kam tiers policy | adopt | replay: the tier policy in force, switching it, and what-if."""

from typing import Annotated

import typer

from kamledger.cli.app import AsOf, At, By, Json, entry, moment, new_app, open_ledger
from kamledger.cli.output import print_json, print_table, say, tier_changes

app = new_app("The tier policy: which is in force, adopt another, or replay one without writing anything.")

PolicyFile = Annotated[str, typer.Argument(metavar="FILE", help="A tier policy TOML file (see service/defaults/tier-policy-v1.toml).")]


@app.command("policy")
def policy(ctx: typer.Context, json: Json = False) -> None:
    """The tier policy in force: its version and its rules in order."""
    current = open_ledger(ctx).policy
    rules = [{"id": r.id, "tier": r.tier, "when": dict(r.when), "description": r.description} for r in current.rules]
    if json:
        print_json({"version": current.version, "pareto_share": str(current.pareto_share), "rules": rules})
        return
    say(f"Tier policy {current.version} (Pareto head: {current.pareto_share:%} of profit)")
    print_table(None, ["#", "Rule", "Tier", "When", "Meaning"], [
        [n, r["id"], r["tier"], ", ".join(f"{k}={v}" for k, v in r["when"].items()) or "always", r["description"]]
        for n, r in enumerate(rules, start=1)
    ])


@app.command("adopt")
def adopt(
    ctx: typer.Context,
    path: PolicyFile,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the policy changes (required).")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Put another tier policy in force (recorded as an event); every tier is evaluated again."""
    ledger = open_ledger(ctx)
    changes = ledger.adopt_policy(path, reason, entry(at, by))
    say(f"tier policy {ledger.policy.version} is in force; {len(changes)} tiers changed")
    tier_changes(changes)


@app.command("replay")
def replay(
    ctx: typer.Context,
    path: Annotated[str, typer.Option("--policy", metavar="FILE", help="The tier policy TOML file to try.")],
    json: Json = False,
    as_of: AsOf = None,
) -> None:
    """Who would move: every client's tier (now, or as recorded at --as-of) and under another
    policy. Nothing is written."""
    rows = open_ledger(ctx).replay_policy(path, moment(as_of, None))
    if json:
        print_json(rows)
        return
    moving = sum(row["moves"] for row in rows)
    print_table(
        f"{moving} of {len(rows)} clients would move under tier policy {rows[0]['policy_version'] if rows else ''}",
        ["Key", "Tier now", "Under the policy", "Rule", "Moves"],
        [[r["key"], r["tier"], r["tier_under_policy"], r["rule_under_policy"], "yes" if r["moves"] else ""] for r in rows],
    )
