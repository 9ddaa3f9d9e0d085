"""The portfolio reads on a large ledger: each one's time and peak memory against `kam standings --json`.

Each read is a whole `kam ...` command in a fresh process, as a person runs it (start-up and
imports included), on a ledger built by bench/generate.py; the reads take turns, and each one's time
is the median of --runs and its peak memory the largest resident set of those processes (the
kernel's count for each child, through os.wait4). Targets: each read at most 2x the time of `kam standings --json` and at most 3x its peak
memory (the views by business date and recording time at most 3x the time, a review of the
portfolio 5x: OWN_TIME_TARGETS). Then the size of the ledger (a SQLite file, or a PostgreSQL database's tables and
indexes) against the bytes of the stored events (target: at most 2x), and which tables hold the rest.

`kam review --all` and `kam key-clients` record that they were held: each run adds an event to the
ledger, and the reviews after the first find a previous one (what changed since is then short).

Run: .venv/bin/python bench/portfolio_reads.py [--db URL | --file bench-output/ledger.db] [--runs 5] [--only LABEL ...]
"""

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from kamledger.projections.tables import timeline

ON = "2026-11-23"  # the day surveys are counted from: the day bench/generate.py evaluates the tiers
EFFECTIVE = "2024-06-15"  # a date in the middle of the business history
OUT = Path(tempfile.mkdtemp())


def portfolio_reads(as_of: str) -> dict[str, list[str]]:
    """Each read's label and arguments; as_of is a moment in the middle of the recording history."""
    return {
        "standings": ["standings", "--json"],
        "pareto": ["pareto", "--json"],
        "pareto --period 2025": ["pareto", "--json", "--period", "2025"],
        "matrix": ["matrix", "--json"],
        "surveys due": ["surveys", "due", "--json", "--on", ON],
        "surveys summary": ["surveys", "summary", "--json"],
        "owners": ["owners", "--json", "--on", ON],
        "standings --effective": ["standings", "--json", "--effective", EFFECTIVE],
        "standings --as-of": ["standings", "--json", "--as-of", as_of],
        "standings --as-of --effective": ["standings", "--json", "--as-of", as_of, "--effective", EFFECTIVE],
        "review --all, half a year": ["review", "--all", "--from", "2024-01-01", "--to", "2024-06-30", "--out",
                                      str(OUT / "review.md"), "--at", "2024-07-01"],
        "owners, half a year": ["owners", "--json", "--from", "2024-01-01", "--to", "2024-06-30"],
        "owners, five years": ["owners", "--json", "--from", "2021-12-01", "--to", ON],
        "surveys unhappy": ["surveys", "unhappy", "--json", "--on", ON],
        "surveys summary --by owner": ["surveys", "summary", "--json", "--by", "owner"],
        "key-clients": ["key-clients", "--out", str(OUT / "key-clients.md"), "--at", ON],
        "pipeline": ["pipeline", "--json"],
        "export standings": ["export", "standings", "--format", "json", "--out", str(OUT / "standings.json")],
    }


TIME_TARGET, MEMORY_TARGET, SIZE_TARGET = 2, 3, 2
# The reads whose time has a target of its own (the issues' figures): the views by business date and
# recording time at most 3x, a review of the portfolio 5x; every other read TIME_TARGET.
OWN_TIME_TARGETS = {"standings --effective": 3, "standings --as-of": 3, "standings --as-of --effective": 3, "review --all, half a year": 5}
MOVES_READS = ("review --all, half a year", "owners, half a year", "owners, five years")  # the reads of the tier moves


def middle_of_recording(url: str) -> str:
    """The recording time half way between the first and the last event recorded."""
    engine = create_engine(url)
    with engine.connect() as connection:
        first, last = connection.execute(select(func.min(timeline.c.recorded_at), func.max(timeline.c.recorded_at))).one()
    engine.dispose()
    return (first + (last - first) / 2).isoformat()


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak resident bytes of one run of the command in a new process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {child.stderr.read().decode()}")
    child.stderr.close()
    return seconds, usage.ru_maxrss * 1024  # Linux counts kilobytes


def measure(env: dict[str, str], runs: int, reads: dict[str, list[str]]) -> tuple[dict[str, tuple[float, int]], dict[str, float]]:
    """Each read's median seconds and largest peak, the reads taking turns run after run (so a load
    that comes and goes on the machine falls on all of them alike); and each one's seconds in the
    first turn, which is not counted."""
    kam = str(Path(sys.executable).with_name("kam"))
    done: dict[str, list[tuple[float, int]]] = {label: [] for label in reads}
    first: dict[str, float] = {}
    for turn in range(runs + 1):
        for label, args in reads.items():
            measured = run_once([kam, *args], env)
            if turn:
                done[label].append(measured)
            else:  # the first turn warms: the file's pages into the OS cache
                first[label] = measured[0]
    return {label: (statistics.median(s for s, _ in runs_), max(peak for _, peak in runs_)) for label, runs_ in done.items()}, first


def file_sizes(path: Path) -> None:
    """The file against the bytes of its stored events, and each table's share with its indexes
    (SQLite's dbstat); free pages (left by dropped or shrunk tables until a VACUUM) apart."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    pages = connection.execute(
        "SELECT coalesce(s.tbl_name, d.name), d.name = coalesce(s.tbl_name, d.name), SUM(d.pgsize) "
        "FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY d.name").fetchall()
    free = connection.execute("PRAGMA freelist_count").fetchone()[0] * connection.execute("PRAGMA page_size").fetchone()[0]
    payload = connection.execute(
        "SELECT SUM(length(originator_id) + 8 + length(topic) + length(state)) FROM stored_events").fetchone()[0]
    connection.close()
    tables: dict[str, list[int]] = {}
    for table, is_table, size in pages:
        tables.setdefault(table, [0, 0])[0 if is_table else 1] += size
    events = sum(tables["stored_events"])
    size = path.stat().st_size
    print(f"\nledger file {size / 1e6:,.0f} MB ({free / 1e6:,.0f} MB of it free pages); the stored events' table and index "
          f"{events / 1e6:,.0f} MB = {size / events:.2f}x, their bytes (ids, versions, topics, states) {payload / 1e6:,.0f} MB "
          f"= {size / payload:.2f}x, without the free pages {(size - free) / payload:.2f}x (target: at most {SIZE_TARGET}x)")
    print(f"  {'table':24} {'rows':>9} {'+ indexes':>10} {'= MB':>9}")
    for name, (rows, indexes) in sorted(tables.items(), key=lambda item: -sum(item[1])):
        if sum((rows, indexes)) >= 1e6:
            print(f"  {name:24} {rows / 1e6:9,.1f} {indexes / 1e6:10,.1f} {(rows + indexes) / 1e6:9,.1f}")
    rest = sum(rows + indexes for rows, indexes in tables.values()) - events
    print(f"  {'all but the events':24} {'':9} {'':10} {rest / 1e6:9,.1f}")


def database_sizes(url: str) -> None:
    """The same for a PostgreSQL ledger: its tables (with their TOAST) and indexes in the database,
    against the bytes of the stored events (a 16-byte uuid, the version, topic and state)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        sizes = connection.exec_driver_sql(
            "SELECT c.relname, pg_table_size(c.oid), pg_indexes_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema()").fetchall()
        events_table = next(name for name, _, _ in sizes if name.endswith("_events"))
        payload = connection.exec_driver_sql(
            f"SELECT SUM(16 + 8 + octet_length(topic) + octet_length(state)) FROM {events_table}").scalar_one()
        database = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
    engine.dispose()
    tables = {name: [rows, indexes] for name, rows, indexes in sizes}
    events = sum(tables[events_table])
    total = sum(rows + indexes for rows, indexes in tables.values())
    print(f"\nledger's tables {total / 1e6:,.0f} MB (the database {database / 1e6:,.0f} MB with the catalog); the stored "
          f"events' table and index {events / 1e6:,.0f} MB = {total / events:.2f}x, their bytes (ids, versions, topics, "
          f"states) {payload / 1e6:,.0f} MB = {total / payload:.2f}x (target: at most {SIZE_TARGET}x)")
    print(f"  {'table':24} {'rows':>9} {'+ indexes':>10} {'= MB':>9}")
    for name, (rows, indexes) in sorted(tables.items(), key=lambda item: -sum(item[1])):
        if rows + indexes >= 1e6:
            print(f"  {name:24} {rows / 1e6:9,.1f} {indexes / 1e6:10,.1f} {(rows + indexes) / 1e6:9,.1f}")
    print(f"  {'all but the events':24} {'':9} {'':10} {(total - events) / 1e6:9,.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: the SQLite file given by --file)")
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes-only", action="store_true", help="only the file's size, no reads")
    parser.add_argument("--only", nargs="+", metavar="LABEL", help="only these reads (and standings, the baseline)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(args.file).resolve()}"
    env = {**os.environ, "KAM_DATABASE_URL": url, "KAM_USER": "bench"}
    if not args.sizes_only:
        chosen = portfolio_reads(middle_of_recording(url))
        if args.only:
            chosen = {label: command for label, command in chosen.items() if label == "standings" or label in args.only}
        reads(env, args.runs, chosen)
    if args.db:
        database_sizes(url)
    else:
        file_sizes(Path(args.file))


def reads(env: dict[str, str], runs: int, chosen: dict[str, list[str]]) -> None:
    measured, first = measure(env, runs, chosen)
    base_seconds, base_peak = measured["standings"]
    print(f"{'kam ...':30} {'time':>9} {'/ standings':>12} {'target':>7} {'peak memory':>12} {'/ standings':>12}")
    for label, (seconds, peak) in measured.items():
        print(f"{label:30} {seconds * 1000:6,.0f} ms {seconds / base_seconds:12.2f} {OWN_TIME_TARGETS.get(label, TIME_TARGET):6}x "
              f"{peak / 1e6:9,.0f} MB {peak / base_peak:12.2f}")
    # the read furthest from its target: the largest share of its target taken
    label, (seconds, _) = max(measured.items(), key=lambda item: item[1][0] / base_seconds / OWN_TIME_TARGETS.get(item[0], TIME_TARGET))
    worst_peak = max(peak / base_peak for label, (_, peak) in measured.items())
    target = OWN_TIME_TARGETS.get(label, TIME_TARGET)
    print(f"closest to its time target: {label} {seconds / base_seconds:.2f}x (target: at most {target}x); "
          f"{'every read within its target' if seconds / base_seconds <= target else 'NOT every read within its target'}; "
          f"worst peak memory {worst_peak:.2f}x (target: at most {MEMORY_TARGET}x)")
    if walked := [label for label in MOVES_READS if label in first]:
        print("in the first turn, not counted (after an import the first read that needs the tier moves by business date "
              "walks them and keeps them, kam_tier_moves): " + ", ".join(f"{label} {first[label]:.1f} s" for label in walked))


if __name__ == "__main__":
    main()
