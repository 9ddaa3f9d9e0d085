"""kam criteria | rating: how attractive we are to a client, by the client's own yardstick."""

from typing import Annotated

import typer

from kamledger.cli.app import RECORD, At, By, Key, batchable, entry, open_ledger
from kamledger.cli.render import say, tier_changes


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=RECORD)(criteria)
    app.command(rich_help_panel=RECORD)(rating)


@batchable
def criteria(
    ctx: typer.Context,
    key: Key,
    weights: Annotated[str, typer.Option(
        "--set", metavar="NAME=W,...",
        help="The criteria the client rates its suppliers by, each with a weight above zero (normalised), "
             "e.g. quality=30,price=25,delivery=20. Names: lowercase letters, digits, '-'.")],
    at: At = None,
    by: By = None,
) -> None:
    """Set the criteria the client rates its suppliers by, with their weights."""
    from kamledger.domain.attractiveness import parse_criteria, weights_text

    changes = open_ledger(ctx).set_criteria(key, weights, entry(at, by))
    say(f"{key}: criteria set: {weights_text(parse_criteria(weights))}")
    tier_changes(changes)


@batchable
def rating(
    ctx: typer.Context,
    key: Key,
    ratings: Annotated[str, typer.Option(
        "--ratings", metavar="NAME=N,...", help="How we stand on every one of the client's criteria, 1-10, e.g. quality=8,price=6.")],
    source: Annotated[str, typer.Option("--source", help="client (the client told us) or estimate (our own estimate).")],
    note: Annotated[str | None, typer.Option("--note", help="Where it comes from, what was said.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Rate us on the client's criteria: our attractiveness to the client, 0-100."""
    outcome = open_ledger(ctx).rate_on_criteria(key, ratings, source, note, entry(at, by))
    say(f"{key}: rated by its criteria ({source.strip().lower()}): our attractiveness {outcome.done}")
    tier_changes(outcome.tier_changes)
