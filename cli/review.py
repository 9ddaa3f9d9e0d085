"""kam review: a coaching review of one client, or of the whole portfolio, written to a file."""

from typing import Annotated

import typer

from kamledger.cli.app import At, By, entry, open_ledger
from kamledger.cli.output import say
from kamledger.domain.errors import InvalidInput


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
    from kamledger.reports import render
    from kamledger.reports.portfolio import portfolio_review
    from kamledger.reports.report import ReviewPeriod
    from kamledger.reports.review import client_review
    from kamledger.service.commands.entry import parse_date
    from kamledger.service.queries.reviews import client_review_data, portfolio_review_data

    if portfolio == (key is not None):
        raise InvalidInput("give either a client KEY or --all")
    path = render.checked_output(out)
    the_entry = entry(at, by)
    period = ReviewPeriod.between(parse_date(start, "--from") if start else None, parse_date(end, "--to") if end else the_entry.occurred_on)
    prepared = f"{the_entry.occurred_on} by {the_entry.recorded_by}"
    start_text = period.start.isoformat() if period.start else None
    ledger = open_ledger(ctx)
    if portfolio:
        render.write(portfolio_review(**portfolio_review_data(ledger, period.start, period.end), period=period, prepared=prepared), path)
        ledger.record_portfolio_review(start_text, period.end.isoformat(), the_entry)
        say(f"review of the portfolio written to {out}")
    else:
        render.write(client_review(**client_review_data(ledger, key, period.end, period.start), period=period, prepared=prepared), path)
        ledger.record_review(key, start_text, period.end.isoformat(), the_entry)
        say(f"review of {key} written to {out}")


def key_clients(
    ctx: typer.Context,
    out: Annotated[str, typer.Option("--out", metavar="FILE.html|.md", help="Where to write the page.")],
    at: At = None,
    by: By = None,
) -> None:
    """One printable page for the whole company: each key client, its owner, pyramid level and
    why it is key."""
    from kamledger.reports import render
    from kamledger.reports.key_clients import key_clients_page
    from kamledger.service.queries.reviews import key_clients as gold_clients

    path = render.checked_output(out)
    the_entry = entry(at, by)
    clients = gold_clients(open_ledger(ctx))
    render.write(key_clients_page(clients, f"{the_entry.occurred_on} by {the_entry.recorded_by}"), path)
    say(f"{len(clients)} key clients written to {out}")
