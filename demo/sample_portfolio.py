"""A realistic sample portfolio: 30 clients and a year of history, entered through the kam CLI.

Every line is a kam command, run in this one process (as typed, in order); the commands go to
demo-output/commands.txt and what kam answered to demo-output/output.txt. Deterministic: the
same portfolio every run.
"""

import random
import shlex
import sys
from contextlib import redirect_stdout
from pathlib import Path

from kamledger.cli.main import app

OWNERS = ["ana.ruiz", "ben.okafor", "chloe.martin", "dev.patel"]
CLIENTS = [
    ("northwind", "Northwind Traders"), ("contoso", "Contoso Ltd"), ("fabrikam", "Fabrikam Inc"),
    ("tailspin", "Tailspin Toys"), ("wingtip", "Wingtip Toys"), ("adventure-works", "Adventure Works"),
    ("litware", "Litware Inc"), ("proseware", "Proseware Inc"), ("fourth-coffee", "Fourth Coffee"),
    ("alpine-ski", "Alpine Ski House"), ("blue-yonder", "Blue Yonder Airlines"), ("coho-winery", "Coho Winery"),
    ("consolidated", "Consolidated Messenger"), ("graphic-design", "Graphic Design Institute"),
    ("humongous", "Humongous Insurance"), ("lucerne", "Lucerne Publishing"), ("margies", "Margie's Travel"),
    ("nod-publishers", "Nod Publishers"), ("southridge", "Southridge Video"), ("trey-research", "Trey Research"),
    ("wide-world", "Wide World Importers"), ("woodgrove", "Woodgrove Bank"), ("school-fine-art", "School of Fine Art"),
    ("city-power", "City Power & Light"), ("relecloud", "Relecloud"), ("munson", "Munson's Pickles"),
    ("vanarsdel", "VanArsdel Ltd"), ("datum", "A. Datum Corporation"), ("bellows", "Bellows College"),
    ("fineline", "Fineline Outfitters"),
]
QUARTERS = [("2025-Q4", "2026-01-10"), ("2026-Q1", "2026-04-10"), ("2026-Q2", "2026-07-10"), ("2026-Q3", "2026-10-09")]


def portfolio_commands(seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    commands: list[list[str]] = []
    for rank, (key, name) in enumerate(CLIENTS):
        owner = OWNERS[rank % len(OWNERS)]
        commands.append(["client", "add", key, "--name", name, "--owner", owner, "--at", "2025-11-03", "--by", owner])
    for rank, (key, _) in enumerate(CLIENTS):
        commands += client_year(rng, rank, key, OWNERS[rank % len(OWNERS)])
    commands += turning_points()
    return sorted(commands, key=business_date)  # entered as the year went by


def business_date(command: list[str]) -> str:
    return command[command.index("--at") + 1]


def client_year(rng: random.Random, rank: int, key: str, owner: str) -> list[list[str]]:
    """Scores in spring and autumn, four quarters of value, and the odd survey and note."""
    revenue_base = 1_200_000 / (rank + 1) ** 1.3  # a Pareto-like spread: a few clients bring most
    strength = 9 if rank < 6 else 7 if rank < 18 else 6 if rank < 26 else 5
    commands = []
    for when in ("2026-03-16", "2026-09-14"):
        answers = [max(1, min(10, strength + rng.choice([-2, -1, 0, 0, 1]))) for _ in range(12)]
        commands.append(["score", key, "--answers", ",".join(map(str, answers)), "--at", when, "--by", owner])
    for period, when in QUARTERS:
        revenue = round(revenue_base * rng.uniform(0.8, 1.2) / 4, 2)
        cost = round(revenue * (rng.uniform(0.35, 0.7) if rank < 26 else rng.uniform(1.0, 1.4)), 2)
        commands.append(["value", key, "--revenue", f"{revenue:.2f}", "--cost", f"{cost:.2f}", "--period", period, "--at", when, "--by", "finance"])
    if rank < 12:
        satisfaction, nps = rng.randint(6, 10), rng.randint(5, 10)
        commands.append(["survey", key, "--satisfaction", str(satisfaction), "--nps", str(nps), "--at", "2026-06-01", "--by", owner])
    if rank < 10:
        commands.append(["pyramid", key, "cooperation", "--reason", "Quarterly joint planning agreed", "--at", "2026-02-02", "--by", owner])
    return commands


def turning_points() -> list[list[str]]:
    """The stories a coach will ask about."""
    return [
        ["pyramid", "northwind", "partnership", "--reason", "Shared roadmap and a named sponsor on both sides", "--at", "2026-05-04", "--by", "ana.ruiz"],
        ["pyramid", "northwind", "synergy", "--reason", "Joint delivery team set up in Rotterdam", "--at", "2026-10-01", "--by", "ana.ruiz"],
        ["pyramid", "contoso", "partnership", "--reason", "Co-developed the pricing model", "--at", "2026-06-15", "--by", "ben.okafor"],
        ["note", "relecloud", "potential", "--level", "high", "--note", "Opening three new markets next year", "--at", "2026-04-20", "--by", "ana.ruiz"],
        ["note", "bellows", "educational", "--level", "high", "--note", "Our team learns their research methods", "--at", "2026-05-11", "--by", "chloe.martin"],
        ["note", "trey-research", "referral", "--level", "medium", "--note", "Introduced us to Woodgrove", "--at", "2026-03-02", "--by", "dev.patel"],
        ["burden", "fabrikam", "harm-to-team", "--note", "Abusive escalations to junior staff", "--at", "2026-08-20", "--by", "chloe.martin"],
        ["pyramid", "fabrikam", "transactional", "--reason", "Stepped back after escalations", "--at", "2026-08-21", "--by", "chloe.martin"],
        ["burden", "consolidated", "cost-to-serve", "--note", "Weekly custom reports nobody pays for", "--at", "2026-07-07", "--by", "ana.ruiz"],
        ["tier", "school-fine-art", "gold", "--reason", "Board decision: flagship reference client", "--at", "2026-09-30", "--by", "dev.patel"],
        ["owner", "tailspin", "ana.ruiz", "--at", "2026-06-01", "--by", "ben.okafor"],
        ["survey", "northwind", "--satisfaction", "9", "--nps", "10", "--comment", "The joint team changed how we work", "--at", "2026-10-20", "--by", "ana.ruiz"],
        ["goal", "northwind", "add", "Joint innovation lab", "--due", "2027-03-31", "--at", "2026-10-02", "--by", "ana.ruiz"],
        ["goal", "contoso", "add", "Executive sponsor meeting twice a year", "--at", "2026-06-16", "--by", "ben.okafor"],
        ["goal", "contoso", "done", "1", "--at", "2026-11-10", "--by", "ben.okafor"],
        ["goal", "tailspin", "add", "Second product line", "--due", "2027-06-30", "--at", "2026-07-01", "--by", "ana.ruiz"],
        ["goal", "litware", "add", "Meet the new CFO", "--at", "2026-09-20", "--by", "chloe.martin"],
        *by_their_criteria(),
        *time_and_trouble(),
    ]


def by_their_criteria() -> list[list[str]]:
    """How a few clients rate their suppliers, and how we stand by their yardstick."""
    return [
        ["criteria", "contoso", "--set", "quality=30,price=20,delivery=20,innovation=20,relationship=10", "--at", "2026-06-05", "--by", "ben.okafor"],
        ["rating", "contoso", "--ratings", "quality=8,price=6,delivery=7,innovation=7,relationship=9", "--source", "estimate", "--at", "2026-06-05", "--by", "ben.okafor"],
        ["rating", "contoso", "--ratings", "quality=9,price=7,delivery=8,innovation=8,relationship=9", "--source", "client", "--note", "From their annual supplier review", "--at", "2026-11-12", "--by", "ben.okafor"],
        ["criteria", "wingtip", "--set", "quality=30,price=25,delivery=20,innovation=15,relationship=10", "--at", "2026-11-11", "--by", "ana.ruiz"],
        ["rating", "wingtip", "--ratings", "quality=8,price=3,delivery=7,innovation=6,relationship=8", "--source", "client", "--note", "Their buyer: the dearest of three suppliers", "--at", "2026-11-12", "--by", "ana.ruiz"],
        ["criteria", "fabrikam", "--set", "quality=40,price=30,delivery=30", "--at", "2026-11-11", "--by", "chloe.martin"],
        ["rating", "fabrikam", "--ratings", "quality=9,price=7,delivery=8", "--source", "client", "--at", "2026-11-12", "--by", "chloe.martin"],
        ["criteria", "tailspin", "--set", "quality=2,price=1,delivery=1", "--at", "2026-11-11", "--by", "ana.ruiz"],
        ["rating", "tailspin", "--ratings", "quality=8,price=7,delivery=8", "--source", "estimate", "--at", "2026-11-12", "--by", "ana.ruiz"],
    ]


def time_and_trouble() -> list[list[str]]:
    """The second half of September's time sheets (a working day is an entry of up to 8 hours),
    and the problems some clients caused."""
    sheet = {  # hours, and the kinds of work they went on, in turn
        "fabrikam": (120, ("support", "rework", "meetings")), "consolidated": (96, ("support", "rework")),
        "northwind": (64, ("meetings", "travel")), "wingtip": (40, ("meetings", "support")),
        "coho-winery": (32, ("support", "rework")), "contoso": (24, ("meetings",)),
        "tailspin": (16, ("support",)), "litware": (8, ("meetings",)),
    }
    owners = {key: OWNERS[rank % len(OWNERS)] for rank, (key, _) in enumerate(CLIENTS)}
    commands = [
        ["effort", key, "--hours", "8", "--kind", kinds[day % len(kinds)], "--at", f"2026-09-{15 + day}", "--by", owners[key]]
        for key, (hours, kinds) in sheet.items() for day in range(hours // 8)
    ]
    return commands + [
        ["problem", "fabrikam", "--note", "Escalated a late delivery to our CEO", "--severity", "high", "--at", "2026-09-16", "--by", "chloe.martin"],
        ["problem", "fabrikam", "--note", "Disputes every invoice line", "--severity", "high", "--at", "2026-09-22", "--by", "chloe.martin"],
        ["problem", "consolidated", "--note", "Custom report redone three times", "--at", "2026-09-18", "--by", "ana.ruiz"],
        ["problem", "coho-winery", "--note", "Wrong labels shipped", "--severity", "low", "--at", "2026-09-21", "--by", "dev.patel"],
        ["problem", "coho-winery", "--resolved", "1", "--note", "Relabelled at our cost", "--at", "2026-09-25", "--by", "dev.patel"],
    ]


def run(commands: list[list[str]], database_url: str, log: Path) -> None:
    with log.open("w") as output, redirect_stdout(output):
        for args in commands:
            if app(["--db", database_url, *args], prog_name="kam", standalone_mode=False):
                sys.exit(f"demo command failed: kam {shlex.join(args)}")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "demo-output")
    out.mkdir(exist_ok=True)
    ledger = out / "ledger.db"
    for stale in out.glob("ledger.db*"):
        stale.unlink()
    commands = portfolio_commands()
    (out / "commands.txt").write_text("".join(f"kam {shlex.join(c)}\n" for c in commands))
    run(commands, f"sqlite:///{ledger.absolute()}", out / "output.txt")
    print(f"Entered {len(commands)} commands for {len(CLIENTS)} clients into {ledger}", file=sys.stderr)


if __name__ == "__main__":
    main()
