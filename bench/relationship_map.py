"""The relationship maps of a large portfolio: `kam map --all --json` against `kam standings --json`.

On a ledger built by bench/generate.py (a copy: this adds to it), every third client gets three
people at the client (kam import contacts) and two links held by its owner and a colleague (kam
batch), unless it has them already; then each read runs as a whole command in a fresh process, the
reads taking turns, and each one's time is the median of --runs and its peak memory the largest
resident set (as bench/portfolio_reads.py measures them). Target: `map --all` at most 2x the time
of `kam standings --json` (both read every client) and at most 3x its peak memory.

Run: .venv/bin/python bench/relationship_map.py [--file bench-output/ledger.db] [--runs 5]
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from portfolio_reads import measure  # bench/ runs as scripts: its modules are on the path

READS = {"standings": ["standings", "--json"], "map --all": ["map", "--all", "--json"]}
TIME_TARGET, MEMORY_TARGET = 2, 3
PEOPLE = (("cfo", "executive", "finance", "champion", "yes"), ("buyer", "operational", "purchasing", "neutral", "no"),
          ("it-lead", "manager", "it", "critic", "no"))


def add_people(path: Path, env: dict[str, str]) -> None:
    """Three people at every third client, two of them held by one of ours, if not there already."""
    connection = sqlite3.connect(path)
    has_people = connection.execute("SELECT name FROM sqlite_master WHERE name = 'kam_people'").fetchone() and \
        connection.execute("SELECT COUNT(*) FROM kam_people").fetchone()[0]
    clients = connection.execute("SELECT key, owner, registered_on FROM kam_standings WHERE stage = 'client' ORDER BY key").fetchall()
    connection.close()
    if has_people:
        return
    chosen = clients[::3]
    folder = path.parent
    contacts = folder / "contacts.csv"
    contacts.write_text("key,person,name,role,department,level,stance,decides,date\n" + "".join(
        f"{key},{person},Person {n} of {key},Role {n},{department},{level},{stance},{decides},{registered_on}\n"
        for key, _, registered_on in chosen for n, (person, level, department, stance, decides) in enumerate(PEOPLE)))
    links = folder / "links.kam"
    links.write_text("".join(
        f"contact link {key} cfo --ours '{owner or 'ana'}' --strength 4 --at {registered_on}\n"
        f"contact link {key} buyer --ours colleague --strength 2 --at {registered_on}\n" for key, owner, registered_on in chosen))
    kam = str(Path(sys.executable).with_name("kam"))
    for command in ([kam, "import", "contacts", str(contacts)], [kam, "batch", str(links)]):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"{' '.join(command[1:3])}: {time.perf_counter() - started:.1f} s")
    print(f"people at {len(chosen):,} of {len(clients):,} clients")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.file).resolve()
    env = {**os.environ, "KAM_DATABASE_URL": f"sqlite:///{path}", "KAM_USER": "bench"}
    add_people(path, env)
    import portfolio_reads

    portfolio_reads.READS = READS
    measured = measure(env, args.runs)
    base_seconds, base_peak = measured["standings"]
    for label, (seconds, peak) in measured.items():
        print(f"{label:12} {seconds * 1000:7,.0f} ms {seconds / base_seconds:6.2f} x   {peak / 1e6:6,.0f} MB {peak / base_peak:6.2f} x")
    seconds, peak = measured["map --all"]
    print(f"map --all: {seconds / base_seconds:.2f}x the time of standings (target: at most {TIME_TARGET}x), "
          f"{peak / base_peak:.2f}x its peak memory (target: at most {MEMORY_TARGET}x)")


if __name__ == "__main__":
    main()
