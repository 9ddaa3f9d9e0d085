"""kam criteria | rating | fit: how attractive we are to a client, by the client's own yardstick,
and how the client fits the ideal-client profile."""

from typing import Annotated

import typer

from kamledger.cli.app import READ, RECORD, AsOf, At, By, Effective, Json, Key, batchable, entry, moment, open_ledger
from kamledger.cli.output import print_json, print_table, say, tier_changes


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=RECORD)(criteria)
    app.command(rich_help_panel=RECORD)(rating)
    app.command(rich_help_panel=READ)(fit)


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


def fit(
    ctx: typer.Context, key: Key, json: Json = False, as_of: AsOf = None, effective: Effective = None,
) -> None:
    """How the client fits the ideal-client profile: which conditions hold, which do not."""
    from kamledger.service.queries.fit import client_fit

    when = moment(as_of, effective)
    answer = client_fit(open_ledger(ctx), key, when)
    if json:
        print_json(answer)
        return
    say(f"{key} meets {answer['met']} of {answer['total']} conditions of the ideal-client profile {answer['profile']}"
        + ("" if when.is_now else f", {when.describe()}") + f": {answer['description']}")
    print_table(None, ["Condition", "Wanted", "Seen", "Holds"],
                [[c["condition"], c["wanted"], c["seen"], "yes" if c["holds"] else "no"] for c in answer["checks"]])
