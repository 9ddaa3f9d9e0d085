"""A team opens one ledger at the same moment: eight kam processes at once, each its own command,
on a ledger nobody has opened yet, and on one whose read models are of an older version (after an
upgrade of kamledger every first command makes them again). Each command does what it was asked,
none is refused for meeting the others' half-made tables."""

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

KAM = str(Path(sys.executable).with_name("kam"))
AT_ONCE = 8


def at_once(database_url: str, commands: list[list[str]]) -> list[str]:
    """Start every command at the same moment; each one's output, once all have succeeded."""
    env = {**os.environ, "KAM_DATABASE_URL": database_url, "KAM_USER": "coach"}
    started = [subprocess.Popen([KAM, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for command in commands]
    outcomes = [process.communicate(timeout=300) for process in started]
    assert [process.returncode for process in started] == [0] * len(started), "\n".join(err for _, err in outcomes)
    return [out for out, _ in outcomes]


def test_eight_account_managers_adding_clients_to_a_new_ledger_at_once_all_record_theirs(database_url):
    at_once(database_url, [["client", "add", f"client-{n}", "--name", f"Client {n}", "--at", "2026-03-02"] for n in range(AT_ONCE)])

    standings, = at_once(database_url, [["standings", "--json"]])
    assert sorted(row["key"] for row in json.loads(standings)) == [f"client-{n}" for n in range(AT_ONCE)]


def test_eight_commands_opening_read_models_of_an_older_version_at_once_all_answer_alike(database_url):
    at_once(database_url, [["client", "add", f"client-{n}", "--name", f"Client {n}", "--at", "2026-03-02"] for n in range(3)])
    at_once(database_url, [["value", "client-1", "--period", "2026-Q1", "--revenue", "90000", "--cost", "10000",
                            "--at", "2026-04-01"]])
    before, = at_once(database_url, [["standings", "--json"]])
    engine = create_engine(database_url)
    with engine.begin() as connection:  # as an earlier kamledger left them
        connection.execute(text("UPDATE kam_read_model_version SET version = version - 1"))
    engine.dispose()

    assert at_once(database_url, [["standings", "--json"]] * AT_ONCE) == [before] * AT_ONCE
