"""A team opens one ledger at the same moment: eight kam processes at once, each its own command,
on a ledger nobody has opened yet, and on one whose read models are of an older version (after an
upgrade of kamledger every first command makes them again). Each command does what it was asked,
none is refused for meeting the others' half-made tables."""

import json

from tests.conftest import kam_at_once, read_models_of_an_older_version

AT_ONCE = 8


def at_once(database_url: str, commands: list[list[str]]) -> list[str]:
    """Start every command at the same moment; each one's output, once all have succeeded."""
    outcomes = kam_at_once(database_url, commands)
    assert [code for code, _, _ in outcomes] == [0] * len(outcomes), "\n".join(err for _, _, err in outcomes)
    return [out for _, out, _ in outcomes]


def test_eight_account_managers_adding_clients_to_a_new_ledger_at_once_all_record_theirs(database_url):
    at_once(database_url, [["client", "add", f"client-{n}", "--name", f"Client {n}", "--at", "2026-03-02"] for n in range(AT_ONCE)])

    standings, = at_once(database_url, [["standings", "--json"]])
    assert sorted(row["key"] for row in json.loads(standings)) == [f"client-{n}" for n in range(AT_ONCE)]


def test_eight_commands_opening_read_models_of_an_older_version_at_once_all_answer_alike(database_url):
    at_once(database_url, [["client", "add", f"client-{n}", "--name", f"Client {n}", "--at", "2026-03-02"] for n in range(3)])
    at_once(database_url, [["value", "client-1", "--period", "2026-Q1", "--revenue", "90000", "--cost", "10000",
                            "--at", "2026-04-01"]])
    before, = at_once(database_url, [["standings", "--json"]])
    read_models_of_an_older_version(database_url)

    assert at_once(database_url, [["standings", "--json"]] * AT_ONCE) == [before] * AT_ONCE
