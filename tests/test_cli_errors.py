"""Bad input at the command line: one line on stderr, the right exit code, and nothing written."""

import json
import shutil

import pytest

USAGE, REFUSED = 2, 1
NINES = "9,9,9,9,9,9,9,9,9,9,9,9"


def prepare(kam) -> None:
    """acme: owned by ann, scored, valued for 2025-Q1, with an open low-profit burden."""
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--owner", "ann", "--at", "2025-01-06")
    kam.ok("score", "acme", "--answers", NINES, "--at", "2025-02-01")
    kam.ok("value", "acme", "--period", "2025-Q1", "--revenue", "1000", "--cost", "200")
    kam.ok("burden", "acme", "low-profit", "--note", "thin margin")


def what_is_recorded(kam) -> tuple:
    return kam.json("history", "acme"), kam.json("standings")


def assert_refused_with_one_line(kam, args: tuple[str, ...], exit_code: int, before=None) -> str:
    """Runs kam with args; it must fail in one line and leave what is recorded as it was."""
    before = before or what_is_recorded(kam)
    result = kam(*args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == exit_code, output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kam: error: "), result.stderr
    assert what_is_recorded(kam) == before, f"kam {' '.join(args)} wrote something"
    return lines[0]


@pytest.fixture(scope="module")
def prepared_sqlite(tmp_path_factory):
    """A SQLite ledger holding acme, made once through kam and copied for each test (fast)."""
    from typer.testing import CliRunner

    from kamledger.cli.main import app

    directory = tmp_path_factory.mktemp("prepared")
    env = {"KAM_DATABASE_URL": f"sqlite:///{directory / 'ledger.db'}", "KAM_USER": "coach", "COLUMNS": "200"}
    runner = CliRunner()

    class OneOff:
        def ok(self, *args):
            result = runner.invoke(app, list(args), env=env)
            assert result.exit_code == 0, result.stdout + result.stderr
            return result.stdout

        def json(self, *args):
            return json.loads(self.ok(*args, "--json"))

    kam = OneOff()
    prepare(kam)
    return directory, what_is_recorded(kam)


@pytest.fixture
def acme_sqlite(prepared_sqlite, tmp_path, kam_sqlite):
    """kam on a copy of the prepared ledger; .before is what it records."""
    directory, before = prepared_sqlite
    for file in directory.glob("ledger.db*"):
        shutil.copy(file, tmp_path / file.name)
    kam_sqlite.before = before
    return kam_sqlite


USAGE_ERRORS = {
    "a malformed key": ("client", "add", "Acme GmbH", "--name", "Acme"),
    "a key that is too long": ("client", "add", "a" * 65, "--name", "Acme"),
    "a blank name": ("client", "add", "bolt", "--name", "  "),
    "a missing --name": ("client", "add", "bolt"),
    "a blank owner": ("owner", "acme", " "),
    "a missing owner": ("owner", "acme"),
    "too few answers": ("score", "acme", "--answers", "9,9,9"),
    "too many answers": ("score", "acme", "--answers", NINES + ",9"),
    "an answer above 10": ("score", "acme", "--answers", "9,9,9,9,9,9,9,9,9,9,9,11"),
    "an answer of 0": ("score", "acme", "--answers", "0,9,9,9,9,9,9,9,9,9,9,9"),
    "an answer that is not a number": ("score", "acme", "--answers", "9,9,9,9,9,nine,9,9,9,9,9,9"),
    "a decimal answer": ("score", "acme", "--answers", "9.5,9,9,9,9,9,9,9,9,9,9,9"),
    "no answers off a terminal": ("score", "acme"),
    "a satisfaction above 10": ("survey", "acme", "--satisfaction", "11", "--nps", "5"),
    "a satisfaction of 0": ("survey", "acme", "--satisfaction", "0", "--nps", "5"),
    "a negative NPS answer": ("survey", "acme", "--satisfaction", "5", "--nps", "-1"),
    "an NPS answer above 10": ("survey", "acme", "--satisfaction", "5", "--nps", "11"),
    "a satisfaction that is not a number": ("survey", "acme", "--satisfaction", "high", "--nps", "5"),
    "a missing --nps": ("survey", "acme", "--satisfaction", "5"),
    "an unknown pyramid level": ("pyramid", "acme", "summit", "--reason", "why not"),
    "a pyramid move without a reason": ("pyramid", "acme", "synergy"),
    "a pyramid move with a blank reason": ("pyramid", "acme", "synergy", "--reason", "   "),
    "revenue that is not an amount": ("value", "acme", "--period", "2025-Q2", "--revenue", "lots", "--cost", "1"),
    "a negative cost": ("value", "acme", "--period", "2025-Q2", "--revenue", "1", "--cost", "-5"),
    "revenue with three decimals": ("value", "acme", "--period", "2025-Q2", "--revenue", "1.005", "--cost", "1"),
    "revenue that is NaN": ("value", "acme", "--period", "2025-Q2", "--revenue", "NaN", "--cost", "1"),
    "cost that is infinite": ("value", "acme", "--period", "2025-Q2", "--revenue", "1", "--cost", "Infinity"),
    "a malformed period": ("value", "acme", "--period", "2025-Q5", "--revenue", "1", "--cost", "1"),
    "a missing --period": ("value", "acme", "--revenue", "1", "--cost", "1"),
    "an unknown value dimension": ("note", "acme", "fame", "--level", "high", "--note", "famous"),
    "an unknown level": ("note", "acme", "strategic", "--level", "huge", "--note", "big"),
    "a dimension note without text": ("note", "acme", "strategic", "--level", "high"),
    "a missing --level": ("note", "acme", "strategic", "--note", "big"),
    "an unknown burden signal": ("burden", "acme", "rudeness", "--note", "rude"),
    "a burden without a note": ("burden", "acme", "harm-to-team"),
    "a resolved burden without a note": ("burden", "acme", "low-profit", "--resolved"),
    "an unknown tier": ("tier", "acme", "platinum", "--reason", "shiny"),
    "an override to unrated": ("tier", "acme", "unrated", "--reason", "forget them"),
    "an override without a reason": ("tier", "acme", "gold"),
    "neither a tier nor --clear": ("tier", "acme"),
    "both a tier and --clear": ("tier", "acme", "gold", "--clear", "--reason", "both"),
    "a date that is not a date": ("survey", "acme", "--satisfaction", "5", "--nps", "5", "--at", "2025-02-30"),
    "a date in another form": ("survey", "acme", "--satisfaction", "5", "--nps", "5", "--at", "01.02.2025"),
    "a date in the future": ("survey", "acme", "--satisfaction", "5", "--nps", "5", "--at", "2999-01-01"),
    "a blank recorder": ("survey", "acme", "--satisfaction", "5", "--nps", "5", "--by", " "),
    "an unknown option": ("survey", "acme", "--satisfaction", "5", "--nps", "5", "--mood", "good"),
    "an unknown command": ("rate", "acme"),
    "an extra argument": ("history", "acme", "extra"),
    "a database that is not a URL": ("--db", "ledger", "standings"),
    "an in-memory database": ("--db", "sqlite://", "standings"),
}

RULE_VIOLATIONS = {
    "a duplicate key": ("client", "add", "acme", "--name", "Acme again"),
    "an unknown client": ("score", "nobody", "--answers", NINES),
    "the history of an unknown client": ("history", "nobody"),
    "why for an unknown client": ("why", "nobody"),
    "showing an unknown client": ("client", "show", "nobody"),
    "the same owner again": ("owner", "acme", "ann"),
    "the same pyramid level": ("pyramid", "acme", "transactional", "--reason", "no move"),
    "an overlapping period": ("value", "acme", "--period", "2025", "--revenue", "1", "--cost", "1"),
    "resolving a burden that is not open": ("burden", "acme", "harm-to-team", "--note", "fine", "--resolved"),
    "clearing an override that does not exist": ("tier", "acme", "--clear", "--reason", "tidy up"),
}


@pytest.mark.parametrize("args", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_a_usage_error_exits_2_with_one_line_and_writes_nothing(acme_sqlite, args):
    assert_refused_with_one_line(acme_sqlite, args, USAGE, acme_sqlite.before)


@pytest.mark.parametrize("args", RULE_VIOLATIONS.values(), ids=RULE_VIOLATIONS.keys())
def test_a_refused_rule_exits_1_with_one_line_and_writes_nothing(acme_sqlite, args):
    assert_refused_with_one_line(acme_sqlite, args, REFUSED, acme_sqlite.before)


def test_on_each_backend_every_refusal_exits_with_its_code_and_writes_nothing(kam, subtests):
    prepare(kam)
    before = what_is_recorded(kam)
    usage = ("an answer above 10", "a date in the future", "revenue that is NaN")
    cases = [*((args, REFUSED) for args in RULE_VIOLATIONS.values()), *((USAGE_ERRORS[name], USAGE) for name in usage)]
    for args, code in cases:
        with subtests.test(" ".join(args)):
            assert_refused_with_one_line(kam, args, code, before)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("score", "nobody", "--answers", NINES), "kam: error: no client with key 'nobody'"),
        (("client", "add", "acme", "--name", "Acme"), "kam: error: a client with key 'acme' is already registered"),
        (("pyramid", "acme", "transactional", "--reason", "x"), "kam: error: 'acme' is already at transactional"),
        (("tier", "acme", "--clear", "--reason", "x"), "kam: error: 'acme' has no tier override to clear"),
        (("value", "acme", "--period", "2025-03", "--revenue", "1", "--cost", "1"),
         "kam: error: period 2025-03 overlaps 2025-Q1, already recorded for 'acme'"),
        (("note", "acme", "fame", "--level", "high", "--note", "x"),
         "kam: error: unknown value dimension 'fame' (one of: strategic, referral, educational, potential)"),
        (("survey", "acme", "--satisfaction", "5", "--nps", "5", "--at", "2999-01-01"),
         "kam: error: --at 2999-01-01 is in the future"),
    ],
)
def test_the_error_line_says_what_was_wrong(acme_sqlite, args, message):
    result = acme_sqlite(*args)
    assert result.stderr.strip() == message


def test_a_usage_mistake_points_at_the_commands_help(acme_sqlite):
    line = assert_refused_with_one_line(acme_sqlite, ("client", "add", "bolt"), USAGE)
    assert "Missing option '--name'" in line and "client add --help" in line


def test_a_sqlite_file_in_a_missing_directory_is_refused(kam_sqlite, tmp_path):
    result = kam_sqlite("--db", f"sqlite:///{tmp_path}/missing/ledger.db", "standings")
    assert (result.exit_code, result.stderr.startswith("kam: error: no directory")) == (USAGE, True)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("field", "args"),
    [
        ("name", ("client", "add", "bolt", "--name", "N" * 250)),
        ("owner", ("client", "add", "bolt", "--name", "Bolt AG", "--owner", "O" * 250)),
        ("recorder", ("client", "add", "bolt", "--name", "Bolt AG", "--by", "B" * 250)),
        ("revenue", ("value", "acme", "--period", "2025-Q2", "--revenue", "9" * 40, "--cost", "0")),
    ],
)
def test_a_very_long_value_is_refused_or_kept_and_the_ledger_keeps_working(kam, field, args):
    """However long a name, owner, recorder or amount, the ledger either refuses it in one line or
    keeps it whole; it never records an event it then cannot show."""
    acme = kam
    acme.ok("client", "add", "acme", "--name", "Acme GmbH")
    result = acme(*args)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        events = acme.json("history", "bolt" if args[0] == "client" else "acme")
        kept = {"name": "N" * 250, "owner": "O" * 250, "recorder": "B" * 250, "revenue": "9" * 40}[field]
        assert kept in repr(events)
    else:
        assert result.exit_code == USAGE and result.stderr.startswith("kam: error: ")
    acme.ok("client", "add", "cola", "--name", "Cola Ltd")
    assert "cola" in [row["key"] for row in acme.json("standings")]


def test_a_refused_command_leaves_the_next_one_working(acme_sqlite):
    acme_sqlite("value", "acme", "--period", "2025", "--revenue", "1", "--cost", "1")
    acme_sqlite.ok("value", "acme", "--period", "2025-Q2", "--revenue", "500", "--cost", "100")
    [row] = acme_sqlite.json("standings")
    assert row["profit"] == "1200"


HELP = [(), ("client",), ("client", "add"), ("client", "list"), ("client", "show"), ("owner",), ("score",),
        ("survey",), ("pyramid",), ("value",), ("note",), ("burden",), ("tier",), ("standings",),
        ("history",), ("why",), ("questionnaire",)]


@pytest.mark.parametrize("command", HELP, ids=[" ".join(c) or "kam" for c in HELP])
def test_help_is_shown_for_every_command(kam_sqlite, command):
    result = kam_sqlite(*command, "--help")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Usage:" in result.stdout and result.stderr == ""


def test_kam_with_no_arguments_shows_its_commands(kam_sqlite):
    result = kam_sqlite()
    assert "Usage:" in result.stdout + result.stderr
    for command in ("client", "score", "standings", "why"):
        assert command in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_scoring_without_answers_and_without_a_terminal_exits_2(acme_sqlite):
    line = assert_refused_with_one_line(acme_sqlite, ("score", "acme"), USAGE)
    assert "--answers" in line
