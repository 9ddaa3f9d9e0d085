"""Bad input, at random: kam either succeeds, or says what is wrong in one line on stderr and exits
non-zero having changed nothing (events and read models compared before and after). Never a traceback."""

import hashlib
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Kam, sqlite_url_in

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
INTEGER = st.integers(-10**6, 10**6).map(str)


def value(*examples: str) -> st.SearchStrategy[str]:
    """Mostly plausible values, sometimes anything at all."""
    plausible = st.sampled_from(examples)
    return st.one_of(*[plausible] * 8, TEXT, INTEGER)


KEY = value("acme", "bolt", "nobody", "new-client", "ACME", "a" * 70, "")
DATE = value("2026-03-01", "2026-02-30", "2999-01-01", "1900-01-01", "20260301", "yesterday")
NUMBER = value("0", "1", "5", "10", "11", "-1", "7.5", "1e3")
AMOUNT = value("0", "125000.50", "1.001", "-5", "1e9", "99999999999999999999", "NaN", "1_000")
# command -> (its positional arguments, its options with values, its flags)
COMMANDS = {
    ("client", "add"): ([KEY], {"--name": value("Acme GmbH", ""), "--owner": value("ana", "")}, []),
    ("client", "show"): ([KEY], {"--as-of": DATE, "--effective": DATE}, ["--json"]),
    ("owner",): ([KEY, value("ana", "ben", "")], {}, []),
    ("score",): ([KEY], {"--answers": value("9,9,9,9,9,9,9,9,9,9,9,9", "1,2,3", "0,0,0,0,0,0,0,0,0,0,0,0", "a,b"),
                         "--note": TEXT}, []),
    ("survey",): ([KEY], {"--satisfaction": NUMBER, "--nps": NUMBER, "--comment": TEXT,
                          "--channel": value("phone", "web", "pigeon")}, []),
    ("pyramid",): ([KEY, value("cooperation", "synergy", "transactional", "top")], {"--reason": TEXT}, []),
    ("value",): ([KEY], {"--revenue": AMOUNT, "--cost": AMOUNT, "--period": value("2026-Q1", "2026", "2026-H1", "2026-03", "2026-Q5")}, []),
    ("note",): ([KEY, value("strategic", "potential", "fun")], {"--level": value("high", "low", "huge"), "--note": TEXT}, []),
    ("burden",): ([KEY, value("harm-to-team", "cost-to-serve", "noise")], {"--note": TEXT}, ["--resolved"]),
    ("tier",): ([KEY, value("gold", "silver", "bronze", "unrated", "platinum")], {"--reason": TEXT}, ["--clear"]),
    ("forget",): ([KEY], {"--reason": TEXT}, []),
    ("history",): ([KEY], {"--as-of": DATE, "--effective": DATE}, ["--json"]),
    ("why",): ([KEY], {"--as-of": DATE, "--effective": DATE}, ["--json"]),
    ("standings",): ([], {"--as-of": DATE, "--effective": DATE}, ["--json"]),
    ("verify",): ([], {}, ["--json"]),
    ("tiers", "replay"): ([], {"--policy": value("missing.toml", ""), "--as-of": DATE}, ["--json"]),
}
WRITES = {"--at": DATE, "--by": value("coach", "")}


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    positional, options, flags = COMMANDS[command]
    given = len(positional) if draw(st.integers(0, 9)) else draw(st.integers(0, len(positional)))
    args = [draw(strategy) for strategy in positional[:given]]
    writes = WRITES if "--json" not in flags else {}
    for option, strategy in {**options, **writes}.items():
        if draw(st.integers(0, 3)):
            args += [option, draw(strategy)]
    args += [flag for flag in flags if draw(st.booleans())]
    if draw(st.integers(0, 3)) == 0:
        args += draw(st.lists(st.one_of(TEXT, st.sampled_from(["--json", "--at", "--nonsense", "--", "-h"])), max_size=2))
    return [*command, *draw(st.permutations(args))] if draw(st.integers(0, 9)) == 0 else [*command, *args]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Kam:
    kam = Kam(sqlite_url_in(tmp_path_factory.mktemp("fuzz")))
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--at", "2026-01-05")
    kam.ok("client", "add", "bolt", "--name", "Bolt AG", "--at", "2026-01-05")
    kam.ok("value", "acme", "--revenue", "90000", "--cost", "10000", "--period", "2026-Q1", "--at", "2026-04-01")
    kam.ok("burden", "bolt", "cost-to-serve", "--note", "Daily reports", "--at", "2026-04-02")
    return kam


def state(kam: Kam) -> tuple:
    """The number of events and a digest of every read-model row."""
    with sqlite3.connect(kam.database_url.removeprefix("sqlite:///")) as connection:
        events = connection.execute("SELECT count(*) FROM stored_events").fetchone()[0]
        digest = hashlib.sha256()
        for table in ("kam_standings", "kam_timeline", "kam_tracking", "kam_chain"):
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1"):
                digest.update(repr(row).encode())
    return events, digest.hexdigest()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(line=command_lines())
def test_random_arguments_succeed_or_fail_in_one_line_changing_nothing(ledger, line):
    before = state(ledger)
    result = ledger(*line)
    assert result.exception is None or isinstance(result.exception, SystemExit), (line, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        return
    assert result.exit_code in (1, 2), (line, result.exit_code)
    stderr = result.stderr
    usage_help = stderr == "" and result.stdout.lstrip().startswith("Usage:")  # a group called without a command
    assert usage_help or (stderr.startswith("kam: error: ") and stderr.count("\n") == 1), (line, stderr)
    assert state(ledger) == before, (line, stderr)

