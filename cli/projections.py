"""kam projections status | rebuild: the read models behind standings and history."""

import time
from typing import Annotated

import typer

from kamledger.cli.app import Json, collect_rarely, new_app, open_ledger
from kamledger.cli.output import print_json, say

app = new_app("The read models (standings, timeline) that follow the event log.")


@app.command("status")
def status(ctx: typer.Context, json: Json = False) -> None:
    """How far the read models have followed the event log."""
    report = open_ledger(ctx, finish=False).projection_status()  # as it lies: no interrupted command finished first
    if json:
        print_json(report)
        return
    say(f"read models at event {report['position']} of {report['last_event']}; {report['behind']} behind")


@app.command("rebuild")
def rebuild(ctx: typer.Context) -> None:
    """Drop the read models and build them again from the whole event log."""
    from kamledger.service.queries.rebuild import rebuild_read_models

    ledger = open_ledger(ctx, finish=False)  # not caught up first: the rebuild reads the whole log anyway
    started = time.perf_counter()
    count = rebuild_read_models(ledger, process_setup=collect_rarely)  # each part's process collects as this one
    ledger.finish_interrupted()  # a command whose writer died after saving, on the read models rebuilt
    say(f"read models rebuilt from {count} events in {time.perf_counter() - started:.2f} s")


@app.command("follow")
def follow(
    ctx: typer.Context,
    seconds: Annotated[float | None, typer.Option("--seconds", help="Stop after this many seconds (default: until Ctrl-C).")] = None,
) -> None:
    """Keep the read models current while others write (pushed on PostgreSQL, polled on SQLite)."""
    from kamledger.service.queries.follower import follow as follow_log

    try:
        follow_log(open_ledger(ctx), seconds, lambda position: say(f"read models at event {position}"))
    except KeyboardInterrupt:
        say("stopped")
