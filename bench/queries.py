"""Reads and one write on a large ledger, in-process, as the kam commands run them.

Measures (median of --runs), on a ledger built by bench/generate.py:
  - `kam history client-heavy --json` (a client with 10,000 events, from the timeline read model),
    and the service call behind it alone;
  - `kam client show client-heavy --json` (the aggregate, from its latest snapshot);
  - `kam standings --json` over every client;
  - one `kam survey ...` on a client, and the tier re-evaluation over the portfolio inside it.
Each command runs through the kam command line in this process (typer's CliRunner), so parsing,
opening the ledger and printing are included; the process start and imports are not (see
bench/startup.py for those).

Run: .venv/bin/python bench/queries.py [--db URL | --file bench-output/ledger.db]
"""

import argparse
import os
import statistics
import time
from pathlib import Path

from typer.testing import CliRunner

from kamledger.cli.main import app
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

HEAVY = "client-heavy"


def median_ms(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def kam_command(runner: CliRunner, *args: str):
    def run() -> None:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: the SQLite file given by --file)")
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(args.file).resolve()}"
    os.environ["KAM_DATABASE_URL"] = url
    runner = CliRunner()

    ledger = bootstrap(resolve_store(url))
    clients = len(ledger.read_models.standings())
    heavy_events = len(ledger.history(HEAVY))
    print(f"ledger: {clients:,} clients; {HEAVY} has {heavy_events:,} events")

    figures = {
        f"kam history {HEAVY} --json": kam_command(runner, "history", HEAVY, "--json"),
        f"kam client show {HEAVY} --json": kam_command(runner, "client", "show", HEAVY, "--json"),
        "kam standings --json": kam_command(runner, "standings", "--json"),
        "kam survey client-00042 --satisfaction 8 --nps 9": kam_command(
            runner, "survey", "client-00042", "--satisfaction", "8", "--nps", "9"),
    }
    for label, run in figures.items():
        run()  # warm: the first call also opens the database
        print(f"{label}: {median_ms(run, args.runs):.0f} ms")

    print(f"ledger.history({HEAVY!r}), the service call without the command line and printing: "
          f"{median_ms(lambda: ledger.history(HEAVY), args.runs):.0f} ms")
    entry = make_entry(None, "bench")
    print(f"tier re-evaluation of {clients:,} clients after one event: "
          f"{median_ms(lambda: ledger.evaluate_tiers(entry), args.runs):.0f} ms")
    ledger.close()


if __name__ == "__main__":
    main()
