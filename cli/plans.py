"""kam plan KEY [add | cancel | done]: a client's development plan; kam plans: every objective to reach."""

from datetime import date
from typing import Annotated, Any

import typer

from kamledger.cli.app import At, By, Json, Key, entry, new_app, open_ledger
from kamledger.cli.output import print_json, print_table, say

app = new_app("A client's development plan: objectives to retain or develop the relationship, checked against the ledger.",
              options_after_key=True)

On = Annotated[str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="The status on that business date (default: today).")]


@app.callback(invoke_without_command=True)
def plan(ctx: typer.Context, key: Key, json: Json = False, on: On = None) -> None:
    """The development plan of client KEY, each objective with its status (without a command),
    or: add, cancel, done."""
    if ctx.invoked_subcommand is not None:
        return
    from kamledger.service.queries.plans import plan as plan_of

    day = _day(on)
    objectives = plan_of(open_ledger(ctx), key, day)
    if json:
        print_json(objectives)
        return
    print_table(f"Development plan of {key} on {day}: {sum(o['status'] in ('open', 'overdue', 'lost') for o in objectives)} to reach of {len(objectives)}",
                ["#", "Kind", "Target", "Due", "Status", "Met by", "Note"],
                [[o["id"], o["kind"] or "goal", o["target"] or "", o["due"], o["status"], _fact(o), o["note"]] for o in objectives])


def _key(ctx: typer.Context) -> str:
    return ctx.parent.params["key"]


@app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[str, typer.Option("--kind", metavar="retain|develop", help="Retain the relationship as it is, or develop it.")],
    due: Annotated[str, typer.Option("--due", metavar="YYYY-MM-DD", help="When it should be reached.")],
    note: Annotated[str, typer.Option("--note", help="What the objective is, in words.")],
    target: Annotated[str | None, typer.Option("--target", metavar="TARGET", help="What the ledger checks: satisfaction>=N, nps>=N, score>=N, pyramid>=LEVEL, profit>=AMOUNT, tier>=TIER, survey, burden-resolved. Without it, mark it done by hand.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Add an objective to the plan; it gets the client's next number."""
    key = _key(ctx)
    number = open_ledger(ctx).add_objective(key, kind, target, note, due, entry(at, by))
    say(f"{key}: objective {number} added ({kind.strip().lower()}" + (f", target {target.strip().lower()}" if target else "") + f", due {due})")


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="N", help="The objective's number (see 'kam plan KEY').")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is given up (required).")],
    at: At = None,
    by: By = None,
) -> None:
    """Give up an objective that is not met."""
    from kamledger.service.commands.plans import cancel_objective

    key = _key(ctx)
    cancel_objective(open_ledger(ctx), key, number, reason, entry(at, by))
    say(f"{key}: objective {number} cancelled")


@app.command("done")
def done(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="N", help="The objective's number (see 'kam plan KEY').")],
    at: At = None,
    by: By = None,
) -> None:
    """Mark an objective without a target done (one with a target is checked against the ledger)."""
    key = _key(ctx)
    text = open_ledger(ctx).complete_goal(key, number, entry(at, by))
    say(f"{key}: objective {number} done: {text}")


def plans(
    ctx: typer.Context,
    owner: Annotated[str | None, typer.Option("--owner", metavar="NAME", help="Only this owner's clients.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only the objectives past their due date.")] = False,
    json: Json = False,
    on: On = None,
) -> None:
    """Every objective still to reach across the portfolio, overdue first, and the gold clients without a plan."""
    from kamledger.service.queries.plans import plans as plans_of

    day = _day(on)
    found = plans_of(open_ledger(ctx), day, owner, overdue)
    if json:
        print_json(found)
        return
    rows = found["objectives"]
    print_table(f"Objectives to reach on {day}: {len(rows)}, {sum(r['status'] == 'overdue' for r in rows)} overdue",
                ["Client", "Owner", "Tier", "#", "Kind", "Target", "Due", "Status", "Note"],
                [[r["key"], r["owner"], r["tier"], r["id"], r["kind"] or "goal", r["target"] or "", r["due"], r["status"], r["note"]] for r in rows])
    if found["gold_without_plan"]:
        say("Gold clients without a plan: " + ", ".join(f"{g['key']} ({g['owner'] or 'no owner'})" for g in found["gold_without_plan"]))


def _day(on: str | None) -> date:
    from kamledger.service.commands.entry import parse_date

    return parse_date(on, "--on") if on else date.today()


def _fact(objective: dict[str, Any]) -> str:
    met, lost = objective["met_by"], objective["lost_by"]
    if met is None:
        return ""
    shown = f"{met['type']} {met['occurred_on']}"
    return shown + (f"; lost: {lost['type']} {lost['occurred_on']}" if lost else "")
