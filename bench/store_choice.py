"""Which recorders should hold the events: the library's native SQLite module or its SQLAlchemy one?

Measures, for each (KAM_EVENT_STORE=native | sqlalchemy) on a SQLite file:
  - commands/s in one process: `score` on an existing client (one event + read-model catch-up
    + tier re-evaluation), through the application service;
  - wall time of one `kam score ...` in a fresh process (median of N), against the import floor
    `python -c "import typer, sqlalchemy, eventsourcing.application"`.
Run: .venv/bin/python bench/store_choice.py [--clients 200] [--runs 7]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from startup import ANSWERS, fresh_process_seconds  # bench/ is the script directory, so on the path


def in_process_rate(url: str, clients: int) -> float:
    from kamledger.service.commands.entry import make_entry
    from kamledger.service.bootstrap import bootstrap
    from kamledger.service.infrastructure.store import resolve_store

    ledger = bootstrap(resolve_store(url))
    entry = make_entry("2026-01-05", "bench")
    for n in range(clients):
        ledger.register_client(f"c{n}", f"Client {n}", None, entry)
    started = time.perf_counter()
    for n in range(clients):
        ledger.score(f"c{n}", [8] * 12, None, entry)
    elapsed = time.perf_counter() - started
    ledger.close()
    return clients / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    kam = str(Path(sys.executable).with_name("kam"))
    floor = fresh_process_seconds(
        [sys.executable, "-c", "import typer, sqlalchemy, eventsourcing.application"], dict(os.environ), options.runs
    )
    print(f"import floor (typer, sqlalchemy, eventsourcing.application): {floor * 1000:.0f} ms")
    for recorders in ("native", "sqlalchemy"):
        os.environ["KAM_EVENT_STORE"] = recorders
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite:///{directory}/ledger.db"
            rate = in_process_rate(url, options.clients)
            env = {**os.environ, "KAM_DATABASE_URL": url, "KAM_USER": "bench"}
            one = fresh_process_seconds([kam, "score", "c0", "--answers", ANSWERS], env, options.runs)
        print(
            f"{recorders:>10}: {rate:6.0f} score commands/s in one process ({options.clients} clients); "
            f"one `kam score` in a fresh process {one * 1000:.0f} ms = {one / floor:.2f}x the import floor"
        )


if __name__ == "__main__":
    main()
