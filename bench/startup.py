"""What a person waits for when typing one kam command: a fresh process, start to end.

Each figure is the median of --runs, against a floor measured in the same run, turn about:
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


def fresh_process_seconds(commands: list[list[str]], env: dict[str, str], runs: int) -> list[float]:
    """Median wall time of running each command in a new process, the commands taking turns run
    after run: on a machine whose speed drifts (a shared VM's), each sees the same drift."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, took in zip(commands, times):
            started = time.perf_counter()
            subprocess.run(args, env=env, check=True, capture_output=True)
            took.append(time.perf_counter() - started)
    return [statistics.median(took) for took in times]


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
            floor, took = fresh_process_seconds([[python, "-c", floor_imports], command], env, runs)
            print(f"{label}: {took * 1000:.0f} ms; python -c \"{floor_imports}\": {floor * 1000:.0f} ms; "
                  f"= {took / floor:.2f}x (target: within {target}x)")


if __name__ == "__main__":
    main()
