"""kam surveys due | summary: which key clients to survey next, and what the surveys said."""

from typing import Annotated

import typer

from kamledger.cli.analytics import GoldMonths, On, SilverMonths, day
from kamledger.cli.app import Json, new_app, open_ledger
from kamledger.cli.output import clients, print_json, print_table, say

app = new_app("Satisfaction surveys across the portfolio: who is due, and NPS and satisfaction over time.")


@app.command("due")
def due(
    ctx: typer.Context,
    within: Annotated[int, typer.Option("--within", metavar="DAYS", min=0, help="Also those falling due within DAYS after --on.")] = 0,
    on: On = None,
    gold_months: GoldMonths = 6,
    silver_months: SilverMonths = 12,
    json: Json = False,
) -> None:
    """Gold and silver clients due for a survey, and those never surveyed.

    Due once the last survey is older than the cadence: gold every 6 months, silver every 12,
    unless chosen."""
    from kamledger.domain.surveys import SurveyCadence

    when = day(on)
    rows = open_ledger(ctx).surveys_due(when, SurveyCadence(gold_months, silver_months), within)
    if json:
        print_json(rows)
        return
    horizon = f" or within {within} days" if within else ""
    say(f"Surveys due on {when}{horizon} (gold every {gold_months} months, silver every {silver_months}): {clients(len(rows))}")
    print_table(
        None,
        ["Key", "Owner", "Tier", "Last survey", "Due", "Days overdue"],
        [[r["key"], r["owner"], r["tier"], r["last_survey"] or "never", r["due"] or "now",
          "" if r["days_overdue"] is None else r["days_overdue"]] for r in rows],
    )


@app.command("summary")
def summary(
    ctx: typer.Context,
    by: Annotated[str | None, typer.Option("--by", help="Group by the clients' tier (as it is now) or owner (the one who owned the client when it answered).")] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First day of surveys to count (default: the first).")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day of surveys to count (default: the latest).")] = None,
    every: Annotated[str, typer.Option("--every", help="Group over time by month, quarter or year.")] = "quarter",
    json: Json = False,
) -> None:
    """NPS, mean satisfaction and response counts over time, by tier or owner.

    NPS = % promoters (9-10) minus % detractors (0-6). Per quarter (or --every month/year) and in
    all; --by groups by the clients' tier as it is now, or by the owner on the survey's date."""
    answer = open_ledger(ctx).survey_summary(by, start, end, every)
    if json:
        print_json(answer)
        return
    group = [by.capitalize()] if by else []
    print_table(
        f"Surveys from {answer['from'] or 'the first'} to {answer['to'] or 'the latest'}, per {answer['every']}",
        [*group, "Period", "Responses", "Mean satisfaction", "Promoters", "Passives", "Detractors", "NPS"],
        [[*([r[by] or "(none)"] if by else []), r["period"], r["responses"], r["mean_satisfaction"],
          r["promoters"], r["passives"], r["detractors"], f"{r['nps']:+d}"] for r in answer["rows"]],
    )


@app.command("unhappy")
def unhappy(
    ctx: typer.Context,
    on: On = None,
    gold_months: GoldMonths = 6,
    silver_months: SilverMonths = 12,
    json: Json = False,
) -> None:
    """The clients to call first: latest satisfaction 6 or less, a detractor's NPS answer (0-6),
    satisfaction fallen by 2 or more since the survey before, an open complaint, or a key client
    not surveyed within its cadence. Each with why, its owner and tier; key clients first."""
    from kamledger.domain.surveys import SurveyCadence
    from kamledger.service.queries.unhappy import unhappy_clients

    rows = unhappy_clients(open_ledger(ctx), day(on), SurveyCadence(gold_months, silver_months))
    if json:
        print_json(rows)
        return
    print_table(f"Clients who may be unhappy on {day(on)}: {len(rows)}", ["Key", "Owner", "Tier", "Why"],
                [[r["key"], r["owner"], r["tier"], "; ".join(r["reasons"])] for r in rows])
