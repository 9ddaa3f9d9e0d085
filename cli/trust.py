"""kam verify | backup | restore | keygen | forget: a ledger one can trust."""

import typer

from kamledger.cli.app import Json, open_ledger
from kamledger.cli.render import print_json, say


def add_to(app: typer.Typer) -> None:
    app.command()(verify)


def verify(ctx: typer.Context, json: Json = False) -> None:
    """Check the hash chain over the event log; exit 1 at the first edited, missing, inserted or reordered event."""
    verdict = open_ledger(ctx).chain.verify()
    if json:
        print_json(verdict.to_dict())
    elif verdict.intact:
        tail = f"; {verdict.unchained} newest not chained yet (the next command chains them)" if verdict.unchained else ""
        say(f"ledger intact: {verdict.chained} events chained{tail}")
        if verdict.head:
            say(f"head {verdict.head}")
    else:
        broken = verdict.broken
        say(f"ledger BROKEN at event {broken.notification_id} ({broken.kind}): {broken.detail}")
    if not verdict.intact:
        raise typer.Exit(1)
