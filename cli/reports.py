"""kam standings | history | why | questionnaire: reading the ledger."""

from decimal import Decimal
from typing import Annotated, Any

import typer

from kamledger.cli.app import READ, AsOf, Effective, Json, Key, TierOption, moment, open_ledger
from kamledger.cli.output import clients, print_json, print_table, say


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=READ)(standings)
    app.command(rich_help_panel=READ)(history)
    app.command(rich_help_panel=READ)(why)
    app.command(rich_help_panel=READ)(questionnaire)


def standings(
    ctx: typer.Context, json: Json = False, as_of: AsOf = None, effective: Effective = None, tier: TierOption = None,
    everyone: Annotated[bool, typer.Option("--all", help="Prospects and former clients too, after the clients.")] = False,
) -> None:
    """The whole portfolio: tier, score, pyramid level and profit of every client, gold first."""
    when = moment(as_of, effective)
    rows = open_ledger(ctx).standings(when, tier, everyone)
    if json:
        print_json(rows)
        return
    others = sum(r["stage"] != "client" for r in rows)
    print_table(
        f"Standings{_at(when)}: {clients(len(rows) - others)}" + (f", {others} prospects or former clients" if everyone else ""),
        ["Key", "Name", "Owner", "Tier", "Rule", "Score", "Pyramid", "Profit"],
        [[r["key"], r["name"], r["owner"], r["tier"], r["tier_rule"], _score(r), r["pyramid_level"], r["profit"]] for r in rows],
    )


def _at(when: Any) -> str:
    return "" if when.is_now else f" ({when.describe()})"


def _score(row: dict[str, Any]) -> str | None:
    return None if row["score_total"] is None else f"{row['score_total']} {row['score_band']}"


def history(ctx: typer.Context, key: Key, json: Json = False, as_of: AsOf = None, effective: Effective = None) -> None:
    """Every event of one client, in the order it was recorded."""
    when = moment(as_of, effective)
    items = open_ledger(ctx).history(key, when)
    if json:
        print_json(items)
        return
    from kamledger.reports.describe import describe

    print_table(
        f"History of {key}{_at(when)}: {len(items)} events",
        ["#", "Date", "What", "By", "Recorded at"],
        [[i["version"], i["occurred_on"], describe(i), i["recorded_by"], i["recorded_at"][:19].replace("T", " ")] for i in items],
    )


def why(ctx: typer.Context, key: Key, json: Json = False, as_of: AsOf = None, effective: Effective = None) -> None:
    """Why the client has its tier: the rule, the policy version, the inputs and the events behind it."""
    when = moment(as_of, effective)
    answer = open_ledger(ctx).why(key, when)
    if json:
        print_json(answer)
        return
    from kamledger.reports.describe import describe

    if not answer["tier_changes"]:
        say(f"{key} is {answer['tier']}{_at(when)}: nothing that decides a tier had been recorded.")
        if answer.get("mismatch"):
            say(f"Mismatch: {answer['mismatch']}.")
        return
    business = answer["clock"] == "business"
    by_date = " by business date" if business else ""
    say(f"{key} is {answer['tier'].upper()}{_at(when)} since {answer['changed_on']}{by_date} (was {answer['previous_tier']}).")
    last = answer["tier_changes"][-1]
    if business and last.get("back_dated"):
        say(correction(last))
    say(f"Rule {answer['rule']} of tier policy {answer['policy_version']}: {answer['rule_description'] or ''}")
    if answer.get("mismatch"):
        say(f"Mismatch: {answer['mismatch']}.")
    reads = answer.get("rule_reads") or []
    reads = [*reads, "costly"] if any(_costly(i or {}, reads) for i in (answer["inputs"], answer["inputs_at_change"])) else reads
    if when.is_now:
        print_table("Inputs", ["", "Now", "At the last tier change"], [
            (label, current, then) for (label, current), (_, then) in zip(_inputs(answer["inputs"], reads), _inputs(answer["inputs_at_change"], reads))
        ])
    else:
        print_table("Inputs" if business else "Inputs at the last tier change", ["", "Value"], _inputs(answer["inputs"], reads))
    print_table(
        "Caused by",
        ["Client", "#", "Date", "What", "Recorded by", "Recorded at"],
        [[c["client"], c["version"], c["occurred_on"], describe({"type": c["type"], **c["fields"]}), c["recorded_by"], c["recorded_at"][:19].replace("T", " ")] for c in answer["causes"]],
    )
    if len(answer["tier_changes"]) > 1 or business:
        print_table(
            "How it got there" + (" (by business date)" if business else " (as recorded)"),
            ["Date", "Recorded", "From", "To", "Rule", "Policy", "Recorded by", "Caused by"],
            [[t["occurred_on"], _recorded(t), t["from_tier"], t["to_tier"], t["rule"], t["policy_version"], t["recorded_by"] or "",
              _causes(t["causes"])] for t in answer["tier_changes"]],
        )
    shown = answer["recorded_changes"]
    if business and [t["to_tier"] for t in shown] != [t["to_tier"] for t in answer["tier_changes"]]:
        print_table(
            "What was shown at the time (tier changes as recorded)",
            ["Recorded at", "From", "To", "Rule", "Policy", "Entry dated"],
            [[t["recorded_at"][:19].replace("T", " "), t["from_tier"], t["to_tier"], t["rule"], t["policy_version"], t["occurred_on"]]
             for t in shown],
        )


def correction(step: dict[str, Any]) -> str:
    """E.g. 'Recorded on 2026-11-23 (BurdenSignalNoted, back-dated); shown as gold from 2026-04-02 until then.'"""
    what = ", ".join(c["type"] for c in step["causes"])
    text = f"Recorded on {step['recorded_at'][:10]} ({what}, back-dated)"
    shown = step.get("shown_before")
    if shown:
        text += f"; shown as {shown['tier']} from {shown['since']} until then"
    return text + "."


def _recorded(step: dict[str, Any]) -> str:
    if not step["recorded_at"]:
        return ""
    return step["recorded_at"][:10] + (" (back-dated)" if step.get("back_dated") else "")


def _causes(causes: list[dict[str, Any]]) -> str:
    return ", ".join(c["type"] + ("" if c["version"] is None else f" #{c['version']}")
                     + ("" if c["client"] == causes[0]["client"] else f" of {c['client']}") for c in causes)


TIME_AND_TROUBLE = {"cost_ratio_at_least", "profit_per_hour_below", "open_problems_at_least"}


def _costly(inputs: dict[str, Any], reads: Any) -> bool:
    """Whether to show what the client costs in time and trouble: the rule reads it, or some was recorded."""
    return bool(TIME_AND_TROUBLE & set(reads) or inputs.get("hours") not in (None, "0") or inputs.get("open_problems"))


def _inputs(inputs: dict[str, Any], reads: Any = ()) -> list[tuple[str, Any]]:
    """The inputs a tier decision saw; what the client costs in time and trouble too where the
    caller says ('costly' among the reads) or the rule reads it."""
    rank = inputs["rank"]
    costly = "costly" in reads or TIME_AND_TROUBLE & set(reads)
    return [
        ("Profit", inputs["profit"] if inputs["profit"] is not None else "none recorded"),
        ("Pareto rank", f"{rank}, cumulative share {inputs['cumulative_share']} ({'in' if inputs['in_pareto_head'] else 'outside'} the head)" if rank
         else f"share {inputs['share']} ({'in' if inputs['in_pareto_head'] else 'outside'} the head)" if inputs.get("share") not in (None, "0.0000")
         else "not ranked"),
        ("Score", f"{inputs['score_total']} ({inputs['score_band']})" if inputs["score_total"] is not None else "not scored"),
        ("High value", ", ".join(inputs["high_dimensions"]) or "none"),
        ("Burdens", ", ".join(inputs["burdens"]) or "none"),
        ("Override", inputs["override"] or "none"),
    ] + ([
        ("Cost / revenue", f"{Decimal(inputs['cost_ratio']) * 100:.1f}%" if inputs.get("cost_ratio") else "no revenue"),
        ("Time spent", f"{inputs.get('hours') or 0} h" + (f", profit per hour {inputs['profit_per_hour']}" if inputs.get("profit_per_hour") else "")),
        ("Open problems", inputs.get("open_problems") or 0),
    ] if costly else []) + ([
        ("Single-threaded", "yes" if inputs.get("single_threaded") else "no"),
    ] if "single_threaded" in reads or "people" in reads else [])


def questionnaire(ctx: typer.Context, json: Json = False) -> None:
    """The scorecard questions in use ($KAM_QUESTIONNAIRE, else the shipped v1)."""
    from kamledger.service.infrastructure.config import load_questionnaire

    current = load_questionnaire()
    if json:
        print_json({"version": current.version, "questions": list(current.questions)})
        return
    print_table(f"Questionnaire {current.version}", ["#", "Question"], list(enumerate(current.questions, start=1)))
