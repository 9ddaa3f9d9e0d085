"""kam effort | problem: what a client costs in time and trouble."""

from typing import Annotated

import typer

from kamledger.cli.app import RECORD, At, By, Key, batchable, entry, open_ledger
from kamledger.cli.output import say, tier_changes


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=RECORD)(effort)
    app.command(rich_help_panel=RECORD)(problem)


@batchable
def effort(
    ctx: typer.Context,
    key: Key,
    hours: Annotated[str, typer.Option("--hours", metavar="H", help="Hours of work in this entry: above 0, at most 24 (e.g. 1.5).")],
    kind: Annotated[str, typer.Option("--kind", help="support, meetings, rework, travel or other.")],
    note: Annotated[str | None, typer.Option("--note", help="What the time went on.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Record time spent on the client (hours, of a kind)."""
    changes = open_ledger(ctx).spend_effort(key, hours, kind, note, entry(at, by))
    say(f"{key}: {hours.strip()} h of {kind.strip().lower()} recorded")
    tier_changes(changes)


@batchable
def problem(
    ctx: typer.Context,
    key: Key,
    note: Annotated[str | None, typer.Option("--note", help="What happened (required to note a problem).")] = None,
    severity: Annotated[str | None, typer.Option("--severity", help="low, medium or high (default: medium).")] = None,
    resolved: Annotated[int | None, typer.Option("--resolved", metavar="N", help="Problem N no longer holds.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Note a problem the client caused or had (or, with --resolved N, that it was resolved)."""
    from kamledger.domain.errors import InvalidInput

    ledger = open_ledger(ctx)
    if resolved is not None:
        if severity is not None:
            raise InvalidInput("--severity belongs to a new problem, not to --resolved")
        changes = ledger.resolve_problem(key, resolved, note, entry(at, by))
        say(f"{key}: problem {resolved} resolved")
    else:
        outcome = ledger.note_problem(key, note, severity, entry(at, by))
        changes = outcome.tier_changes
        say(f"{key}: problem {outcome.done} noted")
    tier_changes(changes)
