"""One command is one unit: its events, their chain links and the tier changes they cause are all
stored or none is. kam -9 at each step of a command that changes a tier: before its commit, the
ledger is as it was; after it, the next kam command finishes the tier changes before it reads
anything, and the ledger ends as if the command had never been interrupted."""

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PAUSE = Path(__file__).with_name("pause_at_step.py")
KAM = str(Path(sys.executable).with_name("kam"))
SETUP = [
    ("client", "add", "acme", "--name", "Acme GmbH", "--at", "2026-01-05"),
    ("client", "add", "bolt", "--name", "Bolt AG", "--at", "2026-01-05"),
    ("value", "bolt", "--revenue", "1000", "--cost", "900", "--period", "2026-Q1", "--at", "2026-04-01"),
]
COMMAND = ("value", "acme", "--revenue", "90000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-02")
BEFORE_COMMIT, AFTER_COMMIT = ("events", "links"), ("settle", "tier-changes", "marker")


def kam(url: str, *args: str, given: str | None = None) -> str:
    done = subprocess.run([KAM, *args], env={**os.environ, "KAM_DATABASE_URL": url, "KAM_USER": "coach"},
                          input=given, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def set_up(url: str) -> None:
    """The clients and the value before the command, in one kam process (a batch)."""
    kam(url, "batch", "-", given="".join(shlex.join(args) + "\n" for args in SETUP))


def as_it_lies(url: str) -> dict:
    """The chain as it lies, before any command opens (and so finishes) the ledger."""
    return json.loads(kam(url, "verify", "--json"))


def standings(url: str) -> list:
    return json.loads(kam(url, "standings", "--json"))


def killed_at(url: str, step: str, tmp_path: Path) -> None:
    paused = tmp_path / f"paused-{step}"
    env = {**os.environ, "KAM_DATABASE_URL": url, "KAM_USER": "coach",
           "KAM_TEST_PAUSE_STEP": step, "KAM_TEST_PAUSED": str(paused)}
    process = subprocess.Popen([sys.executable, str(PAUSE), *COMMAND], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not paused.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"the command never reached the step {step}"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


ENDINGS: dict[str, tuple[dict, list]] = {}  # by database kind: the same for every step


@pytest.fixture
def uninterrupted(other_database_url) -> tuple[dict, list]:
    """The same commands on another ledger, never interrupted: how the ledger must end (run once
    for each kind of database)."""
    kind = other_database_url.split(":", 1)[0]
    if kind not in ENDINGS:
        set_up(other_database_url)
        kam(other_database_url, *COMMAND)
        ENDINGS[kind] = as_it_lies(other_database_url), standings(other_database_url)
    return ENDINGS[kind]


@pytest.mark.parametrize("step", BEFORE_COMMIT + AFTER_COMMIT)
def test_kill_9_at_any_step_of_a_command_leaves_it_whole_or_undone(database_url, uninterrupted, step, tmp_path):
    set_up(database_url)
    before = as_it_lies(database_url), standings(database_url)
    chain_after, standings_after = uninterrupted
    assert standings_after != before[1], "the command must change a tier for this test to mean anything"

    killed_at(database_url, step, tmp_path)

    lying = as_it_lies(database_url)
    assert lying["intact"] and lying["unchained"] == 0, lying  # events never stored without their links
    if step in BEFORE_COMMIT:
        assert (lying, standings(database_url)) == before
        kam(database_url, *COMMAND)  # run again, it completes once
    else:
        assert lying["events"] > before[0]["events"]  # the command's events are stored
    assert standings(database_url) == standings_after
    assert as_it_lies(database_url)["events"] == chain_after["events"]  # each tier change recorded once
    kam(database_url, "client", "add", "cato", "--name", "Cato")  # and later commands carry on
    assert as_it_lies(database_url)["intact"]
