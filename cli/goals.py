"""kam goal KEY add | done | list: the client's development plan."""

from typing import Annotated

import typer

from kamledger.cli.app import At, By, Json, Key, entry, new_app, open_ledger
from kamledger.cli.output import print_json, print_table, say

app = new_app("A client's development plan: goals set, and marked done.")


@app.callback()
def goal(key: Key) -> None:
    """The development plan of client KEY: kam goal KEY add TEXT | done ID | list."""


def _key(ctx: typer.Context) -> str:
    return ctx.parent.params["key"]


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The goal, e.g. 'Joint roadmap workshop'.")],
    due: Annotated[str | None, typer.Option("--due", metavar="YYYY-MM-DD", help="When it should be reached.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Add a development goal; it gets the client's next goal number."""
    key = _key(ctx)
    goal_id = open_ledger(ctx).add_goal(key, text, due, entry(at, by))
    say(f"{key}: goal {goal_id} added: {text.strip()}" + (f" (due {due})" if due else ""))


@app.command("done")
def done(
    ctx: typer.Context,
    goal_id: Annotated[int, typer.Argument(metavar="ID", help="The goal's number (see 'kam goal KEY list').")],
    at: At = None,
    by: By = None,
) -> None:
    """Mark a development goal done."""
    key = _key(ctx)
    text = open_ledger(ctx).complete_goal(key, goal_id, entry(at, by))
    say(f"{key}: goal {goal_id} done: {text}")


@app.command("list")
def list_goals(ctx: typer.Context, json: Json = False) -> None:
    """Every goal of the client's plan, open and done."""
    key = _key(ctx)
    goals = open_ledger(ctx).goals(key)
    if json:
        print_json(goals)
        return
    print_table(f"Development plan of {key}: {sum(g['done_on'] is None for g in goals)} open of {len(goals)}",
                ["#", "Goal", "Added", "Due", "Done"],
                [[g["id"], g["text"], g["added_on"], g["due"], g["done_on"]] for g in goals])
