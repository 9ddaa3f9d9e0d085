"""What a person waits for when typing one kam command: a fresh process, start to end.

Each figure is the median of --runs, against a floor measured in the same run:
  - `kam score KEY --answers ...` on a small SQLite ledger, against
    `python -c "import typer, sqlalchemy, eventsourcing.application"` (target: within 1.3x);
  - `kam --help`, against `python -c "import typer"` (target: within 1.5x).

Run: .venv/bin/python bench/startup.py [--runs 11]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANSWERS = "8,8,8,8,8,8,8,8,8,8,8,8"


def fresh_process_seconds(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of running args in a new process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    python, kam = sys.executable, str(Path(sys.executable).with_name("kam"))
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "KAM_DATABASE_URL": f"sqlite:///{directory}/ledger.db", "KAM_USER": "bench"}
        subprocess.run([kam, "client", "add", "acme", "--name", "Acme"], env=env, check=True, capture_output=True)
        figures = [
            ("kam score acme --answers ...", [kam, "score", "acme", "--answers", ANSWERS],
             "import typer, sqlalchemy, eventsourcing.application", 1.3),
            ("kam --help", [kam, "--help"], "import typer", 1.5),
        ]
        for label, command, floor_imports, target in figures:
            floor = fresh_process_seconds([python, "-c", floor_imports], env, runs)
            took = fresh_process_seconds(command, env, runs)
            print(f"{label}: {took * 1000:.0f} ms; python -c \"{floor_imports}\": {floor * 1000:.0f} ms; "
                  f"= {took / floor:.2f}x (target: within {target}x)")


if __name__ == "__main__":
    main()
