"""kam client add | list | show."""

from typing import Annotated, Any

import typer

from kamledger.cli.app import AsOf, At, By, Effective, Json, Key, TierOption, batchable, entry, moment, new_app, open_ledger
from kamledger.cli.output import clients, print_fields, print_json, print_table, say, tier_changes

app = new_app("Register clients and look them up.")


@app.command("add")
@batchable
def add(
    ctx: typer.Context,
    key: Key,
    name: Annotated[str, typer.Option("--name", help="The client's display name.")],
    owner: Annotated[str | None, typer.Option("--owner", help="The account owner.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Register a new client relationship."""
    registered = open_ledger(ctx).register_client(key, name, owner, entry(at, by))
    say(f"{registered}: registered '{name.strip()}'")


@app.command("lost")
@batchable
def lost(
    ctx: typer.Context,
    key: Key,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it left (required).")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """The client left: a former client, out of the standings, tiers and portfolio views."""
    changes = open_ledger(ctx).lose_client(key, reason, entry(at, by))
    say(f"{key}: client lost, a former client from now on")
    tier_changes(changes)


@app.command("back")
@batchable
def back(
    ctx: typer.Context,
    key: Key,
    reason: Annotated[str | None, typer.Option("--reason", help="How it was won back (required).")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """A former client was won back: a client again, its history going on."""
    changes = open_ledger(ctx).win_back_client(key, reason, entry(at, by))
    say(f"{key}: won back, a client again")
    tier_changes(changes)


@app.command("list")
def list_clients(ctx: typer.Context, json: Json = False, tier: TierOption = None) -> None:
    """Every client with its owner and tier."""
    rows = sorted(open_ledger(ctx).standings(tier=tier), key=lambda r: r["key"])
    listed = [{k: r[k] for k in ("key", "name", "owner", "tier", "registered_on")} for r in rows]
    if json:
        print_json(listed)
        return
    print_table(clients(len(listed)), ["Key", "Name", "Owner", "Tier", "Registered"],
                [list(r.values()) for r in listed])


@app.command("show")
def show(ctx: typer.Context, key: Key, json: Json = False, as_of: AsOf = None, effective: Effective = None) -> None:
    """Everything the ledger knows about one client (now, or at a past moment)."""
    when = moment(as_of, effective)
    client = open_ledger(ctx).client(key, when)
    if json:
        print_json(client)
        return
    print_fields(f"{client['name']} ({client['key']})" + ("" if when.is_now else f", {when.describe()}"), _client_fields(client))
    if client["values"]:
        print_table("Value by period", ["Period", "Revenue", "Cost to serve", "Recorded"],
                    [[p, v["revenue"], v["cost_to_serve"], v["ref"]["occurred_on"]] for p, v in sorted(client["values"].items())])
    ratings = client["attractiveness"]["ratings"]
    if ratings:
        print_table("Our ratings by the client's criteria", ["Date", "Source", "Ratings", "Ours", "Moved"],
                    [[r["occurred_on"], r["source"], ", ".join(f"{name} {value}" for name, value in r["ratings"].items()),
                      r["our_attractiveness"], ", ".join(f"{name} {change:+d}" for name, change in r["moved"].items())]
                     for r in ratings])
    if client["goals"]:
        print_table("Development goals", ["#", "Goal", "Added", "Due", "Done"],
                    [[g["id"], g["text"], g["added_on"], g["due"], g["done_on"]] for g in client["goals"].values()])


def _client_fields(c: dict[str, Any]) -> list[tuple[str, Any]]:
    from kamledger.domain.scorecard import MAX_TOTAL

    from decimal import Decimal

    score, survey, tier, override, ours = c["score"], c["survey"], c["tier"], c["override"], c["attractiveness"]
    work = c["workload"]
    profit = c["profit"]
    return [
        ("Owner", c["owner"] or "(none)"),
        ("Registered", c["registered_on"]),
        *([("Stage", _stage(c))] if c.get("prospect") or c.get("departure") else []),
        ("Tier", f"{tier['tier']}" + (f" by rule {tier['rule']} (policy {tier['policy_version']})" if tier["rule"] else "")),
        ("Override", f"{override['tier']} (since {override['ref']['occurred_on']})" if override else "none"),
        ("Score", f"{score['total']}/{MAX_TOTAL} {score['band']} on {score['occurred_on']} (questionnaire {score['questionnaire_version']})" if score else "not scored"),
        ("Pyramid", c["pyramid_level"]),
        ("Profit", (profit if profit is not None else "no value recorded")
         + (f"; cost to serve {Decimal(work['cost_ratio']) * 100:.1f}% of revenue" if work["cost_ratio"] else "")),
        ("Value dimensions", ", ".join(f"{d} {n['level']}" for d, n in sorted(c["dimensions"].items())) or "none noted"),
        ("Burden signals", ", ".join(sorted(c["burdens"])) or "none"),
        ("Last survey", f"{survey['occurred_on']}: satisfaction {survey['satisfaction']}/10, NPS answer {survey['nps']}" if survey else "never"),
        ("Time spent", _time_spent(c["workload"])),
        ("Problems", _problems(c)),
        ("Criteria", ", ".join(f"{c['criterion']} {Decimal(c['share']) * 100:.0f}%" for c in ours["criteria"]) or "none set"),
        ("We to them", _our_side(ours)),
        *_people(c),
        ("Events", c["version"]),
    ]


def _people(c: dict[str, Any]) -> list[tuple[str, Any]]:
    """The coverage of the client's people and any mismatch with the pyramid, where there are people or one."""
    people = c.get("people") or {}
    shown = []
    if people.get("contacts") or people.get("risks"):
        shown.append(("People", f"{people['reached']} of {people['contacts']} reached; risks: {', '.join(people['risks']) or 'none'} (kam map {c['key']})"))
    if c.get("mismatch"):
        shown.append(("Mismatch", c["mismatch"]))
    return shown


def _stage(c: dict[str, Any]) -> str:
    """Prospect, client or former client, and how it came to be (shown for those that were not
    always clients)."""
    prospect, departure = c.get("prospect"), c.get("departure")
    said = [c["stage"]]
    if prospect:
        said.append(f"a prospect from {prospect['added_on']}"
                    + (f", decided to {prospect['choice']} on {prospect['decided_on']}" if prospect["choice"] else "")
                    + (f", {prospect['outcome']} on {prospect['outcome_on']}" if prospect["outcome"] else ""))
    if departure:
        said.append(f"left on {departure['left_on']}" + (f", back on {departure['back_on']}" if departure["back_on"] else ""))
    return "; ".join(said)
def _our_side(ours: dict[str, Any]) -> str:
    """Our attractiveness to the client, where it comes from, and the criteria the rating left out."""
    if ours["our_attractiveness"] is None:
        return "not rated, no survey"
    unrated = f" (unrated: {', '.join(ours['unrated_criteria'])})" if ours["unrated_criteria"] else ""
    return f"{ours['our_attractiveness']} of 100 ({ours['our_source']}){unrated}"


def _time_spent(work: dict[str, Any]) -> str:
    """Hours of work, by kind, and the profit they earned per hour."""
    if work["hours"] == "0":
        return "none recorded"
    kinds = ", ".join(f"{kind} {hours}" for kind, hours in work["hours_by_kind"].items())
    per_hour = f"; profit per hour {work['profit_per_hour']}" if work["profit_per_hour"] else ""
    return f"{work['hours']} h ({kinds}){per_hour}"


def _problems(c: dict[str, Any]) -> str:
    problems = c["problems"]
    if not problems:
        return "none noted"
    opened = [p for p in problems.values() if p["resolved_on"] is None]
    listed = ", ".join(f"#{p['id']} {p['severity']} since {p['noted_on']}" for p in opened)
    return f"{len(opened)} open of {len(problems)}" + (f": {listed}" if listed else "")
