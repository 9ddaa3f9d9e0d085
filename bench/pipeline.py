"""`kam pipeline --json` and `kam pipeline funnel --json` against `kam standings --json`, in process.

Builds (unless --file exists already) a ledger of --clients clients (a value and a score each) and
--prospects prospects (scored; a third pursued, a third of those won, a sixth lost), entered through
one Bulk (one transaction) and followed by the read models; then runs each command through the kam
command line in this process (typer's CliRunner: parsing, opening the ledger and printing included,
the process start and imports not) and prints the median of --runs.

Run: .venv/bin/python bench/pipeline.py [--clients 10000] [--prospects 2000] [--file bench-output/pipeline.db]
"""

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from typer.testing import CliRunner

from kamledger.cli.main import app
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store


def build(url: str, clients: int, prospects: int) -> None:
    rng = random.Random(14)
    ledger = bootstrap(resolve_store(url))
    registered, later = make_entry("2026-01-05", "bench"), make_entry("2026-03-02", "bench")
    with ledger.bulk() as bulk:
        for n in range(clients):
            key = f"client-{n:05d}"
            bulk.register_client(key, f"Client {n}", f"owner-{n % 40:02d}", registered)
            bulk.record_value(key, "2026-Q1", str(rng.randint(1_000, 500_000)), str(rng.randint(0, 200_000)), later)
            bulk.score(key, [rng.randint(4, 10) for _ in range(12)], None, later)
        for n in range(prospects):
            key = f"prospect-{n:05d}"
            bulk.add_prospect(key, f"Prospect {n}", f"owner-{n % 40:02d}", "bench", None, str(rng.randint(5_000, 90_000)), registered)
            bulk.score(key, [rng.randint(3, 10) for _ in range(12)], None, later)
            if n % 3 == 0:
                bulk.decide_prospect(key, "pursue", "bench", make_entry("2026-03-03", "bench"))
            if n % 9 == 0:
                bulk.win_prospect(key, "bench", make_entry("2026-04-01", "bench"))
            elif n % 6 == 1:
                bulk.lose_prospect(key, "bench", make_entry("2026-04-01", "bench"))
    ledger.close()


def median_ms(runner: CliRunner, args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):  # the first run warms up
        started = time.perf_counter()
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--prospects", type=int, default=2_000)
    parser.add_argument("--file", default="bench-output/pipeline.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.file).resolve()
    url = f"sqlite:///{path}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        build(url, args.clients, args.prospects)
        print(f"built {args.clients:,} clients and {args.prospects:,} prospects in {time.perf_counter() - started:.0f} s")
    os.environ["KAM_DATABASE_URL"] = url
    runner = CliRunner()
    for command in (["standings", "--json"], ["pipeline", "--json"], ["pipeline", "funnel", "--json"], ["pipeline", "--former", "--json"]):
        print(f"kam {' '.join(command)}: {median_ms(runner, command, args.runs):.0f} ms")


if __name__ == "__main__":
    main()
