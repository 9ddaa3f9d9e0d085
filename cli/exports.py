"""kam export: the standings or every recorded event, as CSV, JSON or JSON lines."""

import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from typing import IO, Annotated, Any

import typer

from kamledger.cli.app import TierOption, open_ledger
from kamledger.cli.output import counted, say
from kamledger.domain.errors import InvalidInput

FORMATS = ("csv", "json", "jsonl")
What = Annotated[str, typer.Argument(metavar="WHAT", help="standings (one row per client) or events (every stored event, to import elsewhere).")]
Format = Annotated[str, typer.Option("--format", help="csv, json or jsonl (one JSON object per line).")]
Out = Annotated[str | None, typer.Option("--out", metavar="FILE", help="Write to FILE instead of standard output.")]


def export(ctx: typer.Context, what: What, format: Format = "csv", out: Out = None, tier: TierOption = None) -> None:
    """Write the standings, or every recorded event in order, for other tools or another ledger."""
    what, format = what.lower(), format.lower()
    if what not in ("standings", "events"):
        raise InvalidInput(f"cannot export '{what}': choose standings or events")
    if format not in FORMATS:
        raise InvalidInput(f"--format must be one of {', '.join(FORMATS)}, not '{format}'")
    ledger = open_ledger(ctx)
    if what == "standings":
        from kamledger.service.queries.ledger_queries import STANDINGS_COLUMNS

        rows, columns = ledger.standings(tier=tier, everyone=tier is None), STANDINGS_COLUMNS  # prospects and former clients too, by stage
    else:
        from kamledger.service.data.event_log import FIELDS, recorded_events

        rows, columns = recorded_events(ledger), FIELDS
    with _output(out) as stream:
        written = {"csv": _csv, "json": _json, "jsonl": _jsonl}[format](stream, rows, columns)
    if out is not None:
        say(f"{counted(written, what.rstrip('s'))} written to {out}")


@contextmanager
def _output(path: str | None):
    if path is None:
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
    with stream:
        yield stream


def _csv(stream: IO[str], rows: Iterable[dict[str, Any]], columns: list[str]) -> int:
    import csv

    writer = csv.writer(stream)
    writer.writerow(columns)
    written = 0
    for written, row in enumerate(rows, start=1):
        writer.writerow([_cell(row[c]) for c in columns])
    return written


def _cell(value: Any) -> Any:
    """A value as a CSV cell: text a spreadsheet would run as a formula is neutralised."""
    from kamledger.domain.spreadsheet import guarded

    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return guarded(value) if isinstance(value, str) else value


def _json(stream: IO[str], rows: Iterable[dict[str, Any]], columns: list[str]) -> int:
    stream.write("[")
    written = 0
    for written, row in enumerate(rows, start=1):
        stream.write(("," if written > 1 else "") + "\n  " + json.dumps(row, default=str, ensure_ascii=False))
    stream.write("\n]\n")
    return written


def _jsonl(stream: IO[str], rows: Iterable[dict[str, Any]], columns: list[str]) -> int:
    written = 0
    for written, row in enumerate(rows, start=1):
        stream.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    return written
