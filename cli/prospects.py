"""kam prospect add | decide | won | lost, and kam pipeline [funnel]: before the first deal."""

from typing import Annotated, Any

import typer

from kamledger.cli.app import At, By, Json, Key, batchable, entry, new_app, open_ledger
from kamledger.cli.output import counted, print_json, print_table, say, tier_changes

app = new_app("Add a prospect before the first deal; decide to pursue or decline it; won or lost.")
pipeline_app = new_app("Prospects, the funnel's win rate per score band, former clients to win back.")
pipeline_app.info.no_args_is_help = False
pipeline_app.info.invoke_without_command = True

Reason = Annotated[str | None, typer.Option("--reason", help="Why.")]


@app.command("add")
@batchable
def add(
    ctx: typer.Context,
    key: Key,
    name: Annotated[str, typer.Option("--name", help="The prospect's display name.")],
    owner: Annotated[str | None, typer.Option("--owner", help="The account owner.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where it came from (a referral, a fair...).")] = None,
    chance: Annotated[int | None, typer.Option("--chance", metavar="PCT", help="How likely it is to be won, 0-100 (default: the scorecard's question 5).")] = None,
    estimated_profit: Annotated[str | None, typer.Option("--estimated-profit", metavar="AMOUNT", help="The yearly profit expected if won.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Register a prospect: a relationship before the first deal, out of the standings."""
    added = open_ledger(ctx).add_prospect(key, name, owner, source, chance, estimated_profit, entry(at, by))
    say(f"{added}: prospect '{name.strip()}' added")


@app.command("decide")
@batchable
def decide(
    ctx: typer.Context,
    key: Key,
    choice: Annotated[str, typer.Argument(metavar="pursue|decline", help="What was decided.")],
    reason: Reason = None,
    at: At = None,
    by: By = None,
) -> None:
    """Decide to pursue or decline a prospect (against the scorecard only with --reason)."""
    against = open_ledger(ctx).decide_prospect(key, choice, reason, entry(at, by))
    say(f"{key}: decided to {choice.strip().lower()}" + (" (against the scorecard)" if against else ""))


@app.command("won")
@batchable
def won(ctx: typer.Context, key: Key, reason: Reason = None, at: At = None, by: By = None) -> None:
    """The prospect became a client, under the same key, its history going on."""
    changes = open_ledger(ctx).win_prospect(key, reason, entry(at, by))
    say(f"{key}: won, a client from now on")
    tier_changes(changes)


@app.command("lost")
@batchable
def lost(ctx: typer.Context, key: Key, reason: Reason = None, at: At = None, by: By = None) -> None:
    """The prospect chose someone else (--reason required)."""
    changes = open_ledger(ctx).lose_prospect(key, reason, entry(at, by))
    say(f"{key}: prospect lost")
    tier_changes(changes)


@pipeline_app.callback()
def pipeline(
    ctx: typer.Context,
    former: Annotated[bool, typer.Option("--former", help="Former clients to win back instead.")] = False,
    chart: Annotated[str | None, typer.Option("--chart", metavar="FILE", help="Also draw the open prospects' expected profit to FILE.png or FILE.svg.")] = None,
    json: Json = False,
) -> None:
    """The prospects: stage, score, recommendation, decision, chance, expected profit, key prospects."""
    if ctx.invoked_subcommand is not None:
        return
    from kamledger.reports.portfolio_charts import checked_chart_path, pipeline_chart, save_chart
    from kamledger.service.queries.pipeline import Pipeline

    out = checked_chart_path(chart) if chart else None
    found = Pipeline(open_ledger(ctx))
    rows = found.former() if former else found.prospects()
    drawn = pipeline_chart(rows) if out and not former else None
    if drawn and drawn.keys:  # a chart with nothing on it is not drawn
        save_chart(drawn, out)
    if json:
        print_json(rows)
    elif former:
        print_table(f"Former clients: {len(rows)}", ["Key", "Name", "Owner", "Last tier", "Score", "Profit", "Left", "Why"],
                    [[r["key"], r["name"], r["owner"], r["last_tier"], _score(r), r["profit"], r["left_on"], r["reason"]] for r in rows])
    else:
        print_table(f"Pipeline: {counted(len(rows), 'prospect')} (* a key prospect)",
                    ["Key", "Owner", "Stage", "Score", "Recommended", "Decision", "Against scorecard", "Chance", "Expected profit", "Ideal fit"],
                    [_prospect_cells(r) for r in rows])


@pipeline_app.command("funnel")
def funnel(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE", help="Prospects added from this date on.")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Prospects added up to this date.")] = None,
    json: Json = False,
) -> None:
    """How many were scored, pursued, declined, won and lost, and the win rate per score band."""
    from kamledger.service.queries.pipeline import Pipeline

    answer = Pipeline(open_ledger(ctx)).funnel(start, end)
    if json:
        print_json(answer)
        return
    period = "" if not (start or end) else f" added {answer['from'] or '...'} to {answer['to'] or '...'}"
    say(f"Funnel of {counted(answer['prospects'], 'prospect')}{period}: {answer['scored']} scored, "
        f"{answer['pursued']} pursued, {answer['declined']} declined, {answer['won']} won, {answer['lost']} lost "
        f"(win rate {answer['win_rate'] or '-'}; {answer['against_scorecard']} against the scorecard)")
    print_table("Win rate by score band", ["Band", "Prospects", "Pursued", "Won", "Lost", "Win rate"],
                [[b["band"], b["prospects"], b["pursued"], b["won"], b["lost"], b["win_rate"] or "-"] for b in answer["bands"]])


def _score(row: dict[str, Any]) -> str | None:
    return None if row["score_total"] is None else f"{row['score_total']} {row['band']}"


def _prospect_cells(r: dict[str, Any]) -> list[Any]:
    chance = None if r["chance"] is None else f"{r['chance']}%" + ("" if r["chance_given"] else " (q5)")
    return [r["key"] + (" *" if r["key_prospect"] else ""), r["owner"], r["status"], _score(r), r["recommendation"],
            r["choice"], "yes" if r["against_scorecard"] else "", chance, r["expected_profit"], r["ideal_fit"]]
