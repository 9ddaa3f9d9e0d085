"""An import is one transaction: kill -9 in the middle of it leaves the ledger as it was, and
running it again completes it once."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PAUSE = Path(__file__).with_name("pause_in_commit.py")
CLIENTS, YEARS = 20, 5  # 20 clients x 5 years x 12 months = 1,200 value rows (the kill comes at the commit, whatever the size)


def run_kam(env, *args, paused_at: Path | None = None):
    command = [sys.executable, str(PAUSE)] if paused_at else [str(Path(sys.executable).with_name("kam"))]
    return subprocess.Popen([*command, *args], env={**env, "KAM_TEST_PAUSED": str(paused_at or "")},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kam(env, *args) -> str:
    process = run_kam(env, *args)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def event_count(env) -> int:
    return len(kam(env, "export", "events", "--format", "jsonl").splitlines())


def test_kill_9_during_an_import_leaves_the_ledger_as_before_and_a_rerun_completes_it_once(database_url, tmp_path):
    env = {**os.environ, "KAM_DATABASE_URL": database_url, "KAM_USER": "coach"}
    clients = tmp_path / "clients.csv"
    clients.write_text("key,name\n" + "".join(f"c{n},Client {n}\n" for n in range(CLIENTS)))
    kam(env, "import", "clients", str(clients))
    values = tmp_path / "values.csv"
    values.write_text("key,period,revenue,cost\n" + "".join(
        f"c{n},{2020 + year}-{month:02},{1000 + n},{month}\n"
        for n in range(CLIENTS) for year in range(YEARS) for month in range(1, 13)
    ))
    before = event_count(env), kam(env, "standings", "--json")

    paused = tmp_path / "paused"
    process = run_kam(env, "import", "values", str(values), paused_at=paused)
    deadline = time.monotonic() + 120
    while not paused.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never reached its commit"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert (event_count(env), kam(env, "standings", "--json")) == before

    assert "1200 rows, 1200 recorded" in kam(env, "import", "values", str(values))
    assert event_count(env) == before[0] + CLIENTS * YEARS * 12 + 1 + CLIENTS  # the values, the import's record, a tier change each
    assert "already imported" in kam(env, "import", "values", str(values))
    assert event_count(env) == before[0] + CLIENTS * YEARS * 12 + 1 + CLIENTS
    profits = {row["key"]: row["profit"] for row in json.loads(kam(env, "standings", "--json"))}
    assert profits["c0"] == str(sum(1000 - month for month in range(1, 13)) * YEARS)
