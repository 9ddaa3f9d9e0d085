"""kam review: a coaching review of one client, or of the whole portfolio, written to a file."""

from typing import Annotated

import typer

from kamledger.cli.app import At, By, entry, open_ledger
from kamledger.cli.render import say


def review(
    ctx: typer.Context,
    out: Annotated[str, typer.Option("--out", metavar="FILE", help="The report to write: FILE.md or FILE.html.")],
    key: Annotated[str | None, typer.Argument(metavar="[KEY]", help="The client to review (or --all).")] = None,
    portfolio: Annotated[bool, typer.Option("--all", help="Review the whole portfolio.")] = False,
    start: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First day of the period (default: the start).")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day of the period (default: --at).")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Write a coaching review of the period (scores, tier changes, pyramid, surveys, value, owners,
    notes, and what changed since the previous review), then record that the review was held."""
    from kamledger.domain.errors import InvalidInput
    from kamledger.reports import render
    from kamledger.reports.portfolio import review_of_portfolio
    from kamledger.reports.report import Period
    from kamledger.reports.review import review_of_client
    from kamledger.service.entry import parse_date

    if portfolio == (key is not None):
        raise InvalidInput("give either a client KEY or --all")
    path = render.checked_output(out)
    the_entry = entry(at, by)
    period = Period.between(parse_date(start, "--from") if start else None, parse_date(end, "--to") if end else the_entry.occurred_on)
    prepared = f"{the_entry.occurred_on} by {the_entry.recorded_by}"
    start_text = period.start.isoformat() if period.start else None
    ledger = open_ledger(ctx)
    if portfolio:
        from kamledger.service.pipeline import Pipeline

        render.write(review_of_portfolio(ledger, period, prepared, Pipeline(ledger).prospects()), path)
        ledger.record_portfolio_review(start_text, period.end.isoformat(), the_entry)
        say(f"review of the portfolio written to {out}")
    else:
        render.write(review_of_client(ledger, key, period, prepared), path)
        ledger.record_review(key, start_text, period.end.isoformat(), the_entry)
        say(f"review of {key} written to {out}")
