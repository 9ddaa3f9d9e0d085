"""The portfolio reads on a large ledger: each one's time and peak memory against `kam standings --json`.

Each read is a whole `kam ... --json` command in a fresh process, as a person runs it (start-up and
imports included), on a ledger built by bench/generate.py; the reads take turns, and each one's time
is the median of --runs and its peak memory the largest resident set of those processes (the
kernel's count for each child, through os.wait4). Targets: each read at most 2x the time of `kam standings --json` and at most 3x its peak
memory. Then, for a SQLite ledger, the size of the file against the bytes of the stored events
(target: at most 2x), and which tables hold the rest.

Run: .venv/bin/python bench/portfolio_reads.py [--db URL | --file bench-output/ledger.db] [--runs 5]
"""

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ON = "2026-11-23"  # the day surveys are counted from: the day bench/generate.py evaluates the tiers
READS = {
    "standings": ["standings", "--json"],
    "pareto": ["pareto", "--json"],
    "pareto --period 2025": ["pareto", "--json", "--period", "2025"],
    "matrix": ["matrix", "--json"],
    "surveys due": ["surveys", "due", "--json", "--on", ON],
    "surveys summary": ["surveys", "summary", "--json"],
    "owners": ["owners", "--json", "--on", ON],
}
TIME_TARGET, MEMORY_TARGET, SIZE_TARGET = 2, 3, 2


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


def measure(env: dict[str, str], runs: int) -> dict[str, tuple[float, int]]:
    """Each read's median seconds and largest peak, the reads taking turns run after run (so a load
    that comes and goes on the machine falls on all of them alike)."""
    kam = str(Path(sys.executable).with_name("kam"))
    done: dict[str, list[tuple[float, int]]] = {label: [] for label in READS}
    for turn in range(runs + 1):
        for label, args in READS.items():
            measured = run_once([kam, *args], env)
            if turn:  # the first turn warms: the file's pages into the OS cache
                done[label].append(measured)
    return {label: (statistics.median(s for s, _ in runs_), max(peak for _, peak in runs_)) for label, runs_ in done.items()}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: the SQLite file given by --file)")
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes-only", action="store_true", help="only the file's size, no reads")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(args.file).resolve()}"
    env = {**os.environ, "KAM_DATABASE_URL": url, "KAM_USER": "bench"}
    if not args.sizes_only:
        reads(env, args.runs)
    if not args.db:
        file_sizes(Path(args.file))


def reads(env: dict[str, str], runs: int) -> None:
    measured = measure(env, runs)
    base_seconds, base_peak = measured["standings"]
    print(f"{'kam ... --json':24} {'time':>9} {'/ standings':>12} {'peak memory':>12} {'/ standings':>12}")
    for label, (seconds, peak) in measured.items():
        print(f"{label:24} {seconds * 1000:6,.0f} ms {seconds / base_seconds:12.2f} {peak / 1e6:9,.0f} MB {peak / base_peak:12.2f}")
    worst_time = max(seconds / base_seconds for label, (seconds, _) in measured.items())
    worst_peak = max(peak / base_peak for label, (_, peak) in measured.items())
    print(f"worst: {worst_time:.2f}x the time (target: at most {TIME_TARGET}x), "
          f"{worst_peak:.2f}x the peak memory (target: at most {MEMORY_TARGET}x)")


if __name__ == "__main__":
    main()
