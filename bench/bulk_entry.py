"""How fast does bulk entry go, against raw sqlite3 writing rows of the same size?

Measures on a SQLite file (native recorders):
  - raw: sqlite3 executemany of the very stored events (same sizes) in one transaction;
  - bulk: Ledger.bulk() entering the same events (registrations, values, scores, surveys) through
    the Relationship methods: applying them in memory, the one save (commit), then the read-model
    catch-up and the single tier evaluation (settle);
  - batch: `kam batch FILE` in-process, a file of score lines on existing clients;
  - csv: `kam import scores FILE.csv` in-process.
Run: .venv/bin/python bench/bulk_entry.py [--clients 500] [--per-client 20] [--lines 5000] [--repeat 3]
"""

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

ANSWERS = [8] * 12


def bulk_rate(directory: Path, clients: int, per_client: int) -> tuple[dict[str, float], int, list]:
    ledger = bootstrap(resolve_store(f"sqlite:///{directory / 'bulk.db'}"))
    entry = make_entry("2026-01-05", "bench")
    times = {}
    started = time.perf_counter()
    bulk = ledger.bulk()
    for n in range(clients):
        key = f"c{n}"
        bulk.register_client(key, f"Client {n}", "ann", entry)
        for m in range(per_client - 1):
            if m % 3 == 0:
                bulk.record_value(key, f"{2000 + m // 3}", str(1000 + n), "100", entry)
            elif m % 3 == 1:
                bulk.score(key, ANSWERS, None, entry)
            else:
                bulk.answer_survey(key, 8, 9, None, entry)
    times["apply"] = time.perf_counter() - started
    events = bulk.pending_events
    started = time.perf_counter()
    bulk.commit()
    times["save"] = time.perf_counter() - started
    started = time.perf_counter()
    bulk.settle()
    times["settle"] = time.perf_counter() - started
    stored = ledger.recorder.select_notifications(start=None, limit=events)
    ledger.close()
    return times, events, stored


def raw_rate(directory: Path, stored: list) -> float:
    connection = sqlite3.connect(directory / "raw.db")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE stored_events (notification_id INTEGER PRIMARY KEY, originator_id TEXT, "
        "originator_version INTEGER, topic TEXT, state BLOB, UNIQUE (originator_id, originator_version))"
    )
    rows = [(s.originator_id.hex, s.originator_version, s.topic, s.state) for s in stored]
    started = time.perf_counter()
    with connection:
        connection.executemany(
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)", rows
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return len(rows) / elapsed


def cli_rate(directory: Path, name: str, args: list[str], text: str, clients: int) -> float:
    from typer.testing import CliRunner

    from kamledger.cli.main import app

    env = {"KAM_DATABASE_URL": f"sqlite:///{directory / (name + '.db')}", "KAM_USER": "bench"}
    runner = CliRunner()
    registrations = directory / f"{name}-clients.csv"
    # registered before every business date the lines carry (nothing is recorded before registration)
    registrations.write_text("key,name,date\n" + "".join(f"c{n},Client {n},2019-12-01\n" for n in range(clients)))
    assert runner.invoke(app, ["import", "clients", str(registrations)], env=env).exit_code == 0
    path = directory / f"{name}.input"
    path.write_text(text)
    started = time.perf_counter()
    result = runner.invoke(app, [*args, str(path)], env=env)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--per-client", type=int, default=20)
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (the machine is shared)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        best: dict[str, float] = {}
        for run in range(options.repeat):
            directory = Path(name) / f"run{run}"
            directory.mkdir()
            times, events, stored = bulk_rate(directory, options.clients, options.per_client)
            rates = {
                "raw": raw_rate(directory, stored),
                "apply": events / times["apply"],
                "save": events / times["save"],
                "apply + save": events / (times["apply"] + times["save"]),
                "overall": events / sum(times.values()),
            }
            best = {k: max(v, best.get(k, 0)) for k, v in rates.items()}
        raw = best["raw"]
        print(f"best of {options.repeat} runs")
        print(f"raw sqlite3 executemany, one transaction: {raw:,.0f} rows/s ({events} rows)")
        print(f"Ledger.bulk(), {events} events on {options.clients} clients:")
        print(f"  apply in memory {best['apply']:,.0f} ev/s; save {best['save']:,.0f} ev/s ({best['save'] / raw:.2f} of raw)")
        print(f"  apply + save {best['apply + save']:,.0f} ev/s ({best['apply + save'] / raw:.2f} of raw)")
        print(f"  with read-model catch-up and tier evaluation: {best['overall']:,.0f} ev/s overall")
        directory = Path(name)
        clients, lines = min(options.clients, options.lines), options.lines
        score_lines = "".join(f"score c{n % clients} --answers {','.join(map(str, ANSWERS))} --at 2026-03-01\n" for n in range(lines))
        elapsed = cli_rate(directory, "batch", ["batch"], score_lines, clients)
        print(f"kam batch, {lines} score lines: {lines / elapsed:,.0f} events/s ({elapsed:.2f} s)")
        rows = "key,date," + ",".join(f"q{q}" for q in range(1, 13)) + "\n" + "".join(
            f"c{n % clients},{2020 + n // clients % 6}-0{1 + n // (6 * clients) % 9}-01,{','.join(map(str, ANSWERS))}\n" for n in range(lines)
        )
        elapsed = cli_rate(directory, "csv", ["import", "scores"], rows, clients)
        print(f"kam import scores, {lines} rows: {lines / elapsed:,.0f} events/s ({elapsed:.2f} s)")


if __name__ == "__main__":
    os.environ.setdefault("KAM_USER", "bench")
    main()
