"""kam import: many clients, values, scores, surveys or effort from a CSV file, or a whole event log."""

from typing import Annotated

import typer

from kamledger.cli.app import By, open_ledger, read_input
from kamledger.cli.output import counted, many_tier_changes, say
from kamledger.domain.errors import InvalidInput

Kind = Annotated[str, typer.Argument(metavar="KIND", help="clients, values, scores, surveys, prospects, effort or contacts (CSV), or events (JSON lines from 'kam export events').")]
File = Annotated[str, typer.Argument(metavar="FILE", help="The file to import; - reads standard input.")]


def import_(ctx: typer.Context, kind: Kind, file: File, by: By = None) -> None:
    """Import clients, values, scores, surveys, prospects, effort or contacts from a CSV file, all rows or none; or a whole event log.

    CSV: UTF-8, a header line, dates like 2026-03-31. Other columns than these are ignored:

    clients: key, name [, owner, date]  |  values: key, period, revenue, cost [, date (default today)]

    scores: key, date, q1 ... q12 [, note]  |  surveys: key, date, satisfaction, nps [, comment]

    prospects: key, name [, owner, source, chance, estimated_profit, date]
    effort: key, date, hours, kind [, note]
    contacts: key, person, name, role [, department, level, stance, decides, date]

    A file imported before imports nothing; rows the ledger already holds are skipped.

    events: the output of 'kam export events --format jsonl', into an empty ledger only.
    """
    name, data = read_input(file)
    ledger = open_ledger(ctx)
    if kind.lower() == "events":
        from kamledger.service.data.event_log import import_events

        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise InvalidInput(f"{name} is not UTF-8 text") from None
        say(f"{name}: {counted(import_events(ledger, name, lines), 'event')} imported")
        return
    from kamledger.service.data.csv_import import import_csv

    result = import_csv(ledger, kind.lower(), name, data, by)
    if result.earlier is not None:
        earlier = result.earlier
        say(f"{name}: already imported on {earlier.recorded_on} by {earlier.recorded_by} "
            f"(as {earlier.file_name}, {counted(earlier.rows, 'row')}); nothing was recorded")
        return
    say(f"{name}: {counted(result.rows, 'row')}, {result.recorded} recorded, {result.skipped} already in the ledger")
    if result.ignored_columns:
        say(f"  ignored columns: {', '.join(result.ignored_columns)}")
    many_tier_changes(result.tier_changes)
