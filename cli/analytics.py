"""kam pareto | matrix | owners: the portfolio at a glance (tables, JSON, and charts)."""

from pathlib import Path
from typing import Annotated, Any

import typer

from kamledger.cli.app import PORTFOLIO, Json, open_ledger
from kamledger.cli.output import clients, print_json, print_table, say
from kamledger.domain.errors import InvalidInput

Chart = Annotated[str | None, typer.Option("--chart", metavar="FILE", help="Also draw the chart to FILE.png or FILE.svg.")]
On = Annotated[str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="The day to count from (default: today).")]
GoldMonths = Annotated[int, typer.Option(
    "--gold-months", envvar="KAM_SURVEY_GOLD_MONTHS", min=1, show_default=False,
    help="Months between surveys of a gold client (default: $KAM_SURVEY_GOLD_MONTHS, else 6).")]
SilverMonths = Annotated[int, typer.Option(
    "--silver-months", envvar="KAM_SURVEY_SILVER_MONTHS", min=1, show_default=False,
    help="Months between surveys of a silver client (default: $KAM_SURVEY_SILVER_MONTHS, else 12).")]


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=PORTFOLIO)(pareto)
    app.command(rich_help_panel=PORTFOLIO)(matrix)
    app.command(rich_help_panel=PORTFOLIO)(owners)


def pareto(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help="Rank by profit, revenue, cost (cost to serve), hours (of work) or problems.")] = "profit",
    period: Annotated[str | None, typer.Option("--period", metavar="P", help="Count the values recorded for periods within P (2026, 2026-H1, 2026-Q1, 2026-03).")] = None,
    start: Annotated[str | None, typer.Option("--from", metavar="P", help="Count periods from the start of P on.")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="P", help="Count periods up to the end of P.")] = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, help="How many of the clients costliest to serve to list.")] = 10,
    chart: Chart = None,
    json: Json = False,
) -> None:
    """The 20% that bring 80%: the Pareto head, concentration, and the costliest to serve.

    Clients ranked with their share and cumulative share, the head that brings 80% and the share
    of clients in it, and each one's profit per hour of work; then the clients whose cost to serve is
    highest against their revenue. --by hours or problems: the clients that take most of the time
    or cause most of the problems, and those that earn the least per hour.
    Without --period/--from/--to, every recorded period counts."""
    from kamledger.reports.portfolio_charts import checked_chart_path, pareto_chart, save_chart

    out = checked_chart_path(chart) if chart else None
    answer = open_ledger(ctx).pareto(by, period, start, end, top)
    drawn = bool(out and answer["rows"])  # a chart with nothing on it is not drawn
    if drawn:
        save_chart(pareto_chart(answer), out)
    if json:
        print_json(answer)
        return
    head, share = len(answer["head"]), _percent(answer["head_share"], 0)
    if not answer["rows"]:
        say(f"Pareto by {answer['by']}, {answer['periods']}: no client has a {answer['by']} above zero.")
    else:
        say(f"Pareto by {answer['by']}, {answer['periods']}: the head is {head} of {clients(answer['clients'])} "
            f"({_percent(answer['concentration'], 0)}), making up {share} of the {answer['by']} ({answer['total']} in all)")
        print_table(
            None,
            ["#", "Key", answer["by"].capitalize(), "Share", "Cumulative", "Head", "Profit / hour"],
            [[r["rank"], r["key"], r["value"], _percent(r["share"]), _percent(r["cumulative_share"]), "yes" if r["in_head"] else "",
              r["profit_per_hour"]]
             for r in answer["rows"]] + [["", o["key"], o["value"], "", "", "", ""] for o in answer["others"]],
        )
    if answer["costliest_to_serve"]:
        print_table(
            f"The {len(answer['costliest_to_serve'])} costliest to serve against what they bring",
            ["Key", "Revenue", "Cost to serve", "Profit", "Cost / revenue", "Share of cost"],
            [[c["key"], c["revenue"], c["cost_to_serve"], c["profit"], _percent(c["cost_ratio"]) if c["cost_ratio"] else "no revenue",
              _percent(c["cost_share"])] for c in answer["costliest_to_serve"]],
        )
    if answer.get("lowest_profit_per_hour"):
        print_table(
            f"The {len(answer['lowest_profit_per_hour'])} with the least profit per hour",
            ["Key", "Profit", "Hours", "Profit / hour"],
            [[r["key"], r["profit"], r["hours"], r["profit_per_hour"]] for r in answer["lowest_profit_per_hour"]],
        )
    if answer["left_out"]:
        say("Left out, as they reach beyond the selected periods: "
            + ", ".join(f"{r['key']} {r['period']}" for r in answer["left_out"]))
    _say_chart(out, drawn)


def matrix(
    ctx: typer.Context,
    client_high: Annotated[int, typer.Option(
        "--client-high", min=1, max=120, metavar="SCORE",
        help="The score of 120 from which a client is highly attractive to us (default 80, the workable band).")] = 80,
    our_high: Annotated[int, typer.Option(
        "--our-high", min=1, max=100, metavar="N", help="Where we are highly attractive to the client, 0-100.")] = 70,
    chart: Chart = None,
    json: Json = False,
) -> None:
    """The two-sided matrix: key, develop, maintain or reconsider.

    Each client's attractiveness to us (latest scorecard, 0-100) against ours to it, 0-100: by the
    client's own criteria (our latest rating, as the client told us or as we estimate it), else its
    latest survey. With its quadrant, tier and pyramid level, and why a key client is not gold."""
    from kamledger.domain.matrix import MEANINGS, QUADRANT_IS_NOT_TIER, client_high_line
    from kamledger.reports.portfolio_charts import checked_chart_path, matrix_chart, save_chart

    out = checked_chart_path(chart) if chart else None
    rows = open_ledger(ctx).matrix(client_high, our_high)
    drawn = bool(out and any(r["quadrant"] for r in rows))
    if drawn:
        save_chart(matrix_chart(rows, client_high_line(client_high), our_high), out)
    if json:
        print_json(rows)
        return
    placed = sum(r["quadrant"] is not None for r in rows)
    say(f"Two-sided matrix: {placed} of {clients(len(rows))} placed. To us: the latest score, 0-100, high from {client_high} "
        f"of 120 ({client_high_line(client_high)}). We to them: by the client's criteria (else a survey), high from {our_high}.")
    print_table(
        None,
        ["Key", "Owner", "Tier", "Pyramid", "To us", "We to them", "From", "Quadrant"],
        [[r["key"], r["owner"], r["tier"], r["pyramid_level"], r["client_attractiveness"], r["our_attractiveness"],
          r["our_source"], r["quadrant"] or f"(needs {' and '.join(r['missing'])})"] for r in rows],
    )
    for quadrant, meaning in MEANINGS.items():
        say(f"  {quadrant.value}: {meaning}")
    say(QUADRANT_IS_NOT_TIER)
    if against := [r for r in rows if r["against_tier"]]:
        say("Where they part:")
        for r in against:
            say(f"  {r['key']}: {r['against_tier']}")
    _say_chart(out, drawn)


def owners(
    ctx: typer.Context, on: On = None, gold_months: GoldMonths = 6, silver_months: SilverMonths = 12, json: Json = False,
    start: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="Each owner's results over the period from that day.")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="The period's last day (default: today).")] = None,
    chart: Chart = None,
) -> None:
    """Per account owner: clients by tier, surveys due, clients without an open goal; with --from,
    what improved with the clients each owned in the period, the most improved first."""
    from kamledger.domain.surveys import SurveyCadence
    from kamledger.domain.tiers import TIERS

    cadence = SurveyCadence(gold_months, silver_months)
    if start is not None or end is not None:
        _owner_results(ctx, start, end, cadence, json, chart)
        return
    if chart is not None:
        raise InvalidInput("--chart draws the owners' results: give the period with --from")
    rows = open_ledger(ctx).owners(day(on), cadence)
    if json:
        print_json(rows)
        return
    print_table(
        f"Account owners: {len(rows)}",
        ["Owner", "Clients", *(tier.title() for tier in TIERS), "Surveys due", "Without an open goal"],
        [[r["owner"] or "(none)", r["clients"], *(len(r[tier]) for tier in TIERS),
          _keys(r["surveys_due"]), _keys(r["without_goal"])] for r in rows],
    )


def _owner_results(ctx: typer.Context, start: str | None, end: str | None, cadence: Any, json: bool, chart: str | None) -> None:
    from kamledger.reports.portfolio_charts import checked_chart_path, owners_chart, save_chart
    from kamledger.service.commands.entry import parse_date
    from kamledger.service.queries.owner_results import owner_results

    if start is None:
        raise InvalidInput("give the period's first day with --from")
    first, last = parse_date(start, "--from"), day(end)
    if first > last:
        raise InvalidInput(f"--from {first} comes after --to {last}")
    out = checked_chart_path(chart) if chart else None
    rows = owner_results(open_ledger(ctx), first, last, cadence)
    if out is not None and rows:
        save_chart(owners_chart(rows, f"{first} to {last}"), out)
    if json:
        print_json(rows)
        return
    print_table(
        f"Account owners' results from {first} to {last}, the most improved first",
        ["Owner", "Improved", "Clients", "Tiers", "Pyramid", "Satisf.", "NPS", "Score", "Profit", "Met", "Overdue", "Surveys"],
        [[r["owner"] or "(none)", f"{r['improvement']:+d}", sum(r["clients"].values()),
          f"+{r['tier_moves']['up']} -{r['tier_moves']['down']}", f"+{r['pyramid_moves']['up']} -{r['pyramid_moves']['down']}",
          f"{r['satisfaction_change']:+d}", f"{r['nps_change']:+d}", f"{r['score_change']:+d}", r["profit"],
          r["targets_met"], r["objectives_overdue"], f"{r['surveys']['held']}/{r['surveys']['due']}"] for r in rows],
    )
    _say_chart(out, bool(rows))


def _say_chart(out: Path | None, drawn: bool) -> None:
    """Say where the chart went, if anywhere."""
    if out:
        say(f"chart written to {out}" if drawn else f"no chart drawn to {out}: nothing to show yet")


def day(on: str | None):
    """The --on day, default today."""
    from datetime import date

    from kamledger.service.commands.entry import parse_date

    return parse_date(on, "--on") if on else date.today()


def _keys(keys: list[str]) -> str:
    return f"{len(keys)}: {', '.join(keys)}" if keys else "0"


def _percent(share: Any, places: int = 1) -> str:
    from decimal import Decimal

    return f"{Decimal(share) * 100:.{places}f}%"
