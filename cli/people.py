"""kam contact | map | ours: the people on both sides of a relationship, and the map of them."""

from datetime import date
from typing import Annotated, Any

import typer

from kamledger.cli.app import PORTFOLIO, RECORD, At, By, Json, KamGroup, batchable, entry, new_app, open_ledger
from kamledger.cli.output import print_json, print_table, say, tier_changes
from kamledger.domain.errors import InvalidInput


class ContactGroup(KamGroup):
    """kam contact KEY PERSON --stance ... changes a person; kam contact add|left|link|unlink|touch ... the rest."""

    def parse_args(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["change", *args]
        return super().parse_args(ctx, args)


contact_app = new_app("The people at a client: add them, record what changes, who of ours holds each relationship and each contact made.")
contact_app.info.cls = ContactGroup
ours_app = new_app("Our own people: one of ours who leaves the company leaves relationships that need a new holder.")

ClientKey = Annotated[str, typer.Argument(metavar="KEY", help="The client's key, e.g. acme-gmbh.")]
Person = Annotated[str, typer.Argument(metavar="PERSON", help="The person's handle at the client, e.g. cfo or buyer-2 (an identifier, not a name).")]
Ours = Annotated[str, typer.Option("--ours", metavar="NAME", help="Who of ours holds the relationship.")]
Note = Annotated[str | None, typer.Option("--note", help="A note (a personal text: sealed, forgotten with the person).")]
Level = Annotated[str | None, typer.Option("--level", metavar="executive|manager|operational", help="Their level at the client.")]
Stance = Annotated[str | None, typer.Option("--stance", metavar="champion|supporter|neutral|critic|blocker", help="Their stance towards us.")]
Department = Annotated[str | None, typer.Option("--department", metavar="D", help="Their department, e.g. purchasing.")]
ColdAfter = Annotated[int | None, typer.Option("--cold-after", metavar="DAYS", help="A relationship not touched for longer has gone cold (default 90).")]


def add_to(app: typer.Typer) -> None:
    app.add_typer(contact_app, name="contact", rich_help_panel=RECORD)
    app.add_typer(ours_app, name="ours", rich_help_panel=RECORD)
    app.command("map", rich_help_panel=PORTFOLIO)(map_)


@contact_app.command("add")
@batchable
def add(
    ctx: typer.Context, key: ClientKey, person: Person,
    name: Annotated[str, typer.Option("--name", help="Their name (a personal text: sealed).")],
    role: Annotated[str, typer.Option("--role", metavar="TEXT", help="Their role, e.g. Head of Purchasing (sealed).")],
    department: Department = None, level: Level = None, stance: Stance = None,
    decides: Annotated[bool, typer.Option("--decides", help="They take or sign off the decisions.")] = False,
    at: At = None, by: By = None,
) -> None:
    """Put a person at the client on its map (level default operational, stance default neutral)."""
    changes = open_ledger(ctx).add_contact(key, person, name, role, department, level, stance, decides, entry(at, by))
    say(f"{key}: {person.strip()} added to the map")
    tier_changes(changes)


@contact_app.command("change", hidden=True)
def change(
    ctx: typer.Context, key: ClientKey, person: Person, stance: Stance = None, level: Level = None,
    department: Department = None,
    role: Annotated[str | None, typer.Option("--role", metavar="TEXT", help="Their new role (sealed).")] = None,
    decides: Annotated[bool | None, typer.Option("--decides/--no-decides", help="Whether they decide now.")] = None,
    note: Note = None, at: At = None, by: By = None,
) -> None:
    """kam contact KEY PERSON: record what changed about a person (stance, level, department, role, --decides)."""
    changes = open_ledger(ctx).change_contact(key, person, entry(at, by), stance=stance, level=level, department=department,
                                              decides=decides, role=role, note=note)
    say(f"{key}: {person.strip()} changed")
    tier_changes(changes)


@contact_app.command("left")
@batchable
def left(ctx: typer.Context, key: ClientKey, person: Person, note: Note = None, at: At = None, by: By = None) -> None:
    """The person left the client: off the map from that date, kept in its history."""
    changes = open_ledger(ctx).contact_left(key, person, note, entry(at, by))
    say(f"{key}: {person.strip()} left the client")
    tier_changes(changes)


@contact_app.command("link")
@batchable
def link(
    ctx: typer.Context, key: ClientKey, person: Person, ours: Ours,
    strength: Annotated[int | None, typer.Option("--strength", metavar="1-5", help="How strong the relationship is (default 3).")] = None,
    at: At = None, by: By = None,
) -> None:
    """Who of ours holds the relationship with the person, and how strong it is (linking again sets the strength)."""
    changes = open_ledger(ctx).link_contact(key, person, ours, strength, entry(at, by))
    say(f"{key}: {person.strip()} held by {ours.strip()}")
    tier_changes(changes)


@contact_app.command("unlink")
@batchable
def unlink(ctx: typer.Context, key: ClientKey, person: Person, ours: Ours, note: Note = None, at: At = None, by: By = None) -> None:
    """One of ours no longer holds the relationship with the person."""
    changes = open_ledger(ctx).unlink_contact(key, person, ours, note, entry(at, by))
    say(f"{key}: {person.strip()} no longer held by {ours.strip()}")
    tier_changes(changes)


@contact_app.command("touch")
@batchable
def touch(
    ctx: typer.Context, key: ClientKey, person: Person, ours: Ours,
    kind: Annotated[str, typer.Option("--kind", metavar="meeting|call|email|event", help="How we were in touch.")],
    note: Note = None, at: At = None, by: By = None,
) -> None:
    """A contact made with the person by one of ours who holds the relationship (dated with --at)."""
    changes = open_ledger(ctx).touch_contact(key, person, ours, kind, note, entry(at, by))
    say(f"{key}: {kind.strip().lower()} with {person.strip()} by {ours.strip()} recorded")
    tier_changes(changes)


@ours_app.command("left")
def ours_left(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who of ours left, as named in --ours and as owner.")],
    at: At = None, by: By = None,
) -> None:
    """One of ours left the company: kam map --all lists the relationships and clients that need a new holder."""
    ledger = open_ledger(ctx)
    ledger.ours_left(name, entry(at, by))
    say(f"{name.strip()} left the company")


def map_(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument(metavar="[KEY]", help="The client whose map to show.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Coverage and risks of every client's map, most urgent first.")] = False,
    json: Json = False,
    out: Annotated[str | None, typer.Option("--out", metavar="FILE", help="Also draw the map to FILE.svg, FILE.png or FILE.html.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="The map on that business date (default: today).")] = None,
    cold_after: ColdAfter = None,
) -> None:
    """The relationship map of a client: its people by level and department, their stance, who
    decides, our counterpart for each with the strength and last touch; its coverage and risks."""
    from kamledger.domain.people import COLD_AFTER_DAYS, checked_cold_after
    from kamledger.service.commands.entry import parse_date

    if (key is None) == (not all_):
        raise InvalidInput("give a client's KEY or --all")
    days = COLD_AFTER_DAYS if cold_after is None else checked_cold_after(cold_after)
    day = parse_date(on, "--on") if on else date.today()
    if day > date.today():
        raise InvalidInput(f"--on {day} is in the future")
    if all_:
        if out is not None or on is not None:
            raise InvalidInput("--out and --on belong to one client's map (kam map KEY)")
        from kamledger.service.queries.people import portfolio_map

        _portfolio(portfolio_map(open_ledger(ctx), day, days), json)
        return
    from kamledger.reports.people_map import checked_map_path, save_map
    from kamledger.service.queries.people import client_map

    path = checked_map_path(out) if out else None
    answer = client_map(open_ledger(ctx), key, day, days)
    if path is not None:
        save_map(answer, path)
    if json:
        print_json(answer)
    else:
        _client(answer)
    if path is not None:
        say(f"map drawn to {path}")


def _client(answer: dict[str, Any]) -> None:
    rows = []
    for p in answer["people"]:
        if p["left_on"]:
            continue
        ours = "; ".join(f"{o['ours']} {o['strength']}/5, last {o['last_touch'] or 'never'}" + (" (cold)" if o["cold"] else "")
                         + (" (left us)" if o["holder_left"] else "") for o in p["ours"]) or "-"
        rows.append([p["person"], p["name"], p["role"], p["level"], p["department"] or "", p["stance"] + (", decides" if p["decides"] else ""), ours])
    print_table(f"Relationship map of {answer['key']} on {answer['on']} ({answer['tier']}, pyramid {answer['pyramid_level']})",
                ["Person", "Name", "Role", "Level", "Department", "Stance", "Held by"], rows)
    gone = [p["person"] for p in answer["people"] if p["left_on"]]
    if gone:
        say(f"left the client: {', '.join(gone)}")
    _coverage_lines(answer["coverage"])
    if answer["synergy_mismatch"]:
        say(f"mismatch: {answer['synergy_mismatch']}")


def _coverage_lines(c: dict[str, Any]) -> None:
    say(f"coverage: {c['reached']} of {c['contacts']} people reached; levels {len(c['levels_reached'])}/3 "
        f"({', '.join(c['levels_reached']) or 'none'}); departments {len(c['departments_reached'])} of {len(c['departments_known'])}; "
        f"decision maker {'covered' if c['decision_maker_covered'] else 'not covered'}; "
        f"{c['champions']} champion(s), {c['blockers']} blocker(s); held by {', '.join(c['holders']) or 'nobody'}")
    say(f"risks: {', '.join(c['risks']) or 'none'}")


def _portfolio(answer: dict[str, Any], json: bool) -> None:
    if json:
        print_json(answer)
        return
    rows = [[r["key"], r["tier"], r["owner"] or "", f"{r['coverage']['reached']}/{r['coverage']['contacts']}",
             len(r["coverage"]["levels_reached"]), len(r["coverage"]["departments_reached"]),
             "yes" if r["coverage"]["decision_maker_covered"] else "no", ", ".join(r["coverage"]["risks"]) or "-"]
            for r in answer["clients"]]
    print_table(f"Relationship maps on {answer['on']} (cold after {answer['cold_after']} days), most urgent first",
                ["Client", "Tier", "Owner", "Reached", "Levels", "Depts", "Decider", "Risks"], rows)
    if answer["unmapped"]:
        say(f"no one mapped: {len(answer['unmapped'])} client(s)")
    for holder in answer["ours_left"]:
        held = ", ".join(f"{r['key']}/{r['person']}" for r in holder["relationships"]) or "none"
        say(f"{holder['name']} left on {holder['left_on']}: relationships needing a new holder: {held}; "
            f"clients still owned: {', '.join(holder['owns']) or 'none'}")
