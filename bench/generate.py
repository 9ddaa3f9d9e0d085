"""Build a realistic portfolio at scale and measure the bulk import against raw sqlite3.

Default: 10,000 clients over 5 years, about 100 events each (1,000,000 events): monthly value,
quarterly scores, surveys twice a year, pyramid moves, value notes, burdens, an owner change;
and one more client with 10,000 events (a score or a survey every day), for bench/queries.py.
The events come from the same domain code (Relationship's methods) into the same event store,
many clients per save (one transaction each), from one writer process per core at once (as a
team's kam processes write one ledger); then the read models follow and the tier policy is
evaluated once over the whole portfolio.

The baseline, measured in the same run: raw `sqlite3` executemany, in one transaction, of as many
rows of the same size into one table (WAL mode, as the ledger uses).

Run: .venv/bin/python bench/generate.py [--clients 10000] [--writers N] [--db URL] [--out ledger.db]
"""

import argparse
import gc
import os
import random
import sqlite3
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.relationship import Relationship
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension
from kamledger.projections.ledger_projection import catch_up
from kamledger.service.infrastructure.config import load_questionnaire
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

OWNERS = [f"owner-{n:02d}" for n in range(40)]
FIRST_MONTH = date(2021, 12, 1)
MONTHS = 60
LEVELS = list(PyramidLevel)
HEAVY = "client-heavy"



@contextmanager
def _collector_paused():
    """The cyclic garbage collector off while a chunk of clients is built (the benchmark's own
    tuning, as kam's command line tunes it for its process)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()

def client_history(rng: random.Random, number: int, questionnaire) -> Relationship:
    """About 100 events of one client's five years, made by the domain's own methods."""
    key = f"client-{number:05d}"
    owner = OWNERS[number % len(OWNERS)]
    relationship = Relationship.register(key, f"Client {number:05d}", owner, FIRST_MONTH, owner)
    size = 1_000_000 / (number + 1) ** 0.9  # a Pareto-like spread of revenue
    strength = rng.randint(4, 9)
    level = 0
    for month, (day, period) in enumerate(CALENDAR):
        revenue = Decimal(round(size * rng.uniform(0.7, 1.3), 2)).quantize(CENT)
        cost = (revenue * Decimal(rng.uniform(0.4, 1.1))).quantize(CENT)
        relationship.record_value(period, revenue, cost, day + timedelta(days=30), "finance")
        if month % 3 == 2:
            answers = [max(1, min(10, strength + step)) for step in rng.choices((-1, 0, 0, 1), k=12)]
            relationship.score(questionnaire, answers, None, day + timedelta(days=5), owner)
        if month % 6 == 5:
            relationship.answer_survey(rng.randint(4, 10), rng.randint(0, 10), "asked at the half-year call", day + timedelta(days=12), owner)
        if month in (11, 29, 47):
            level = min(len(LEVELS) - 1, level + 1) if rng.random() < 0.75 else max(0, level - 1)
            if LEVELS[level] is not relationship.standing.pyramid_level:
                relationship.change_pyramid_level(LEVELS[level], "how we work together changed", day, owner)
        if month in (8, 20, 38, 50):
            dimension = rng.choice(list(ValueDimension))
            relationship.note_value_dimension(dimension, rng.choice(list(Level)), "seen in the account plan", day, owner)
        if month == 24 and rng.random() < 0.3:
            relationship.note_burden(BurdenSignal.COST_TO_SERVE, "too many escalations", day, owner)
        if month == 40 and BurdenSignal.COST_TO_SERVE in relationship.standing.burdens:
            relationship.resolve_burden(BurdenSignal.COST_TO_SERVE, "escalations are down", day, owner)
        if month == 30 and rng.random() < 0.2:
            relationship.assign_owner(OWNERS[(number + 7) % len(OWNERS)], day, owner)
    return relationship


def heavy_client(rng: random.Random, events: int, questionnaire) -> Relationship:
    """One client with a very long history: a score or a survey every day."""
    relationship = Relationship.register(HEAVY, "Heavy Industries", OWNERS[0], FIRST_MONTH, OWNERS[0])
    for n in range(events - 1):
        day = FIRST_MONTH + timedelta(days=n // 4)
        if n % 2:
            relationship.answer_survey(rng.randint(5, 10), rng.randint(5, 10), "daily pulse", day, OWNERS[0])
        else:
            relationship.score(questionnaire, [rng.randint(6, 10) for _ in range(12)], None, day, OWNERS[0])
    return relationship


def _month(n: int) -> date:
    year, month = divmod(FIRST_MONTH.month - 1 + n, 12)
    return date(FIRST_MONTH.year + year, month + 1, 1)


CENT = Decimal("0.01")
CALENDAR = [(_month(n) + timedelta(days=9), Period.parse(_month(n).strftime("%Y-%m"))) for n in range(MONTHS)]  # each month's day and period


def import_portfolio(url: str, clients: int, chunk: int, heavy_events: int, seed: int, writers: int) -> tuple[int, float, int]:
    """Save every client's history, `chunk` clients per transaction, and the heavy client's in one,
    from `writers` processes at once (each its own ledger on the same database, as several account
    managers' kam processes would be); returns events, seconds, state bytes."""
    jobs = [(first, min(clients, first + chunk)) for first in range(0, clients, chunk)]
    shares = [jobs[writer::writers] for writer in range(writers)]
    if heavy_events:
        shares[-1].append((HEAVY, heavy_events))
    started = time.perf_counter()
    with ProcessPoolExecutor(writers, mp_context=get_context("fork")) as pool:
        done = list(pool.map(partial(_write_share, url, seed), shares))
    seconds = time.perf_counter() - started
    return sum(events for events, _ in done), seconds, sum(state for _, state in done)


def _write_share(url: str, seed: int, jobs: list[tuple]) -> tuple[int, int]:
    """One writer's chunks of clients (each from its own seed); returns events and state bytes."""
    ledger = bootstrap(resolve_store(url))
    questionnaire = load_questionnaire()
    events = state_bytes = 0
    for first, last in jobs:
        rng = random.Random(f"{seed}:{first}")
        with _collector_paused():  # a chunk's clients live until saved
            if first == HEAVY:
                batch = [heavy_client(rng, last, questionnaire)]
            else:
                batch = [client_history(rng, n, questionnaire) for n in range(first, last)]
            recordings = ledger.save(*batch)
        events += len(recordings)
        state_bytes += sum(len(r.notification.state) for r in recordings)
    ledger.close()
    return events, state_bytes


def raw_sqlite_insert_rate(rows: int, row_bytes: int) -> float:
    """Rows/s of executemany into one table in one transaction, WAL mode, rows of the given size."""
    with tempfile.TemporaryDirectory() as directory:
        connection = sqlite3.connect(Path(directory) / "raw.db", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, state BLOB, "
            "PRIMARY KEY (originator_id, originator_version))"
        )
        payload = os.urandom(row_bytes)
        data = ((f"{n // 100:032x}", n % 100, "kamledger.domain.relationship:Relationship.Scored", payload) for n in range(rows))
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", data)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
        connection.close()
    return rows / elapsed


def raw_postgres_insert_rate(url: str, rows: int, row_bytes: int) -> float:
    """The same through psycopg into a table of the events' shape (uuid, version, topic, state,
    primary key), by COPY (PostgreSQL's fastest way in) in one transaction; the table is dropped after."""
    import uuid

    import psycopg

    params = resolve_store(url).event_store_env
    with psycopg.connect(
        host=params["POSTGRES_HOST"], port=params["POSTGRES_PORT"], dbname=params["POSTGRES_DBNAME"],
        user=params["POSTGRES_USER"], password=params.get("POSTGRES_PASSWORD", ""),
    ) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_raw_insert")
        connection.execute(
            "CREATE TABLE bench_raw_insert (originator_id uuid, originator_version bigint, topic text, state bytea, "
            "PRIMARY KEY (originator_id, originator_version))"
        )
        connection.commit()
        payload = os.urandom(row_bytes)
        data = ((uuid.UUID(int=n // 100), n % 100, "kamledger.domain.relationship:Relationship.Scored", payload) for n in range(rows))
        started = time.perf_counter()
        with connection.cursor() as cursor, cursor.copy("COPY bench_raw_insert FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)
        connection.commit()
        elapsed = time.perf_counter() - started
        connection.execute("DROP TABLE bench_raw_insert")
        connection.commit()
    return rows / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=100, help="clients saved per transaction")
    parser.add_argument("--heavy-events", type=int, default=10_000, help=f"events of one more client, {HEAVY}")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--writers", type=int, default=os.cpu_count() or 1, help="processes writing at once (default: one per core)")
    parser.add_argument("--db", help="database URL (default: a SQLite file, see --out)")
    parser.add_argument("--out", default="bench-output/ledger.db", help="SQLite file to build when --db is not given")
    args = parser.parse_args()
    if args.db:
        url = args.db
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(args.out + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{Path(args.out).resolve()}"

    bootstrap(resolve_store(url)).close()  # the tables, made before the writers start
    events, seconds, state_bytes = import_portfolio(url, args.clients, args.chunk, args.heavy_events, args.seed, args.writers)
    rate = events / seconds
    print(f"bulk import: {events:,} events of {args.clients + bool(args.heavy_events):,} clients by {args.writers} writers "
          f"in {seconds:.1f} s = {rate:,.0f} events/s")

    ledger = bootstrap(resolve_store(url))

    started = time.perf_counter()
    projected = catch_up(ledger, ledger.read_models)
    projection_seconds = time.perf_counter() - started
    print(f"read models followed {projected:,} events in {projection_seconds:.1f} s = {projected / projection_seconds:,.0f} events/s")

    started = time.perf_counter()
    changes = ledger.evaluate_tiers(make_entry("2026-11-23", "bench"))
    tier_seconds = time.perf_counter() - started
    print(f"tier policy over {args.clients:,} clients: {len(changes):,} tiers set in {tier_seconds:.1f} s")
    ledger.close()
    whole = seconds + projection_seconds + tier_seconds
    print(f"end to end (saved, read models caught up, every tier set): {events / whole:,.0f} events/s in {whole:.1f} s")

    if resolve_store(url).is_sqlite:
        raw = raw_sqlite_insert_rate(events, state_bytes // events)
        print(f"raw sqlite3 executemany, one transaction, {state_bytes // events}-byte rows: {raw:,.0f} rows/s")
    else:
        raw = raw_postgres_insert_rate(url, events, state_bytes // events)
        print(f"raw psycopg COPY, one transaction, {state_bytes // events}-byte rows: {raw:,.0f} rows/s")
    print(f"bulk import / raw insert = 1/{raw / rate:.1f} (target: at least 1/6)")
    print(f"end to end / raw insert = 1/{raw * whole / events:.1f} (target: at least 1/8)")


if __name__ == "__main__":
    main()
