"""kam backup of the bench ledger against SQLite's own `.backup`, taking turns.

Each turn copies the ledger twice into a scratch directory: with the sqlite3 command-line shell's
`.backup` (the baseline) and with `kam backup` in a fresh process, the whole command timed. The
copy is written through the OS's cache, so one copy's time moves by half from turn to turn: the
medians are compared. Target (issue 17): kam backup within 2x of `sqlite3 .backup`.

Run after bench/generate.py: .venv/bin/python bench/backup.py [--file bench-output/ledger.db] [--runs 5]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KAM = str(Path(sys.executable).with_name("kam"))


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ledger = Path(args.file).resolve()
    shell = shutil.which("sqlite3")
    if shell is None:
        sys.exit("the sqlite3 command-line shell is not installed: it is the baseline")
    env = {**os.environ, "KAM_DATABASE_URL": f"sqlite:///{ledger}"}
    theirs, ours = [], []
    with tempfile.TemporaryDirectory(dir=ledger.parent) as scratch:
        for run in range(args.runs):
            for copy in Path(scratch).iterdir():
                copy.unlink()
            theirs.append(timed([shell, str(ledger), f".backup {scratch}/sqlite3-{run}.db"]))
            ours.append(timed([KAM, "backup", f"{scratch}/kam-{run}.db"], env))
    size = ledger.stat().st_size / 1e6
    base, mine = statistics.median(theirs), statistics.median(ours)
    print(f"sqlite3 .backup of {size:,.0f} MB: median {base:.2f} s ({', '.join(f'{t:.2f}' for t in theirs)})")
    print(f"kam backup, a fresh process: median {mine:.2f} s ({', '.join(f'{t:.2f}' for t in ours)})")
    print(f"kam backup / sqlite3 .backup = {mine / base:.2f}x (target: at most 2x)")


if __name__ == "__main__":
    main()
