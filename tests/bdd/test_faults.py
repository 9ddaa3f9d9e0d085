"""Faults that leave nothing half-done: a full disk, a file that is no ledger, a writer that died;
and colleagues opening the ledger at the same moment."""

import json
import sqlite3
from datetime import date
from decimal import Decimal

from pytest_bdd import given, scenarios, then, when

from kamledger.domain.value import Period
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store
from tests.conftest import Kam, kam_at_once, read_models_of_an_older_version

from .conftest import assert_refused
from .portfolio import step_text

scenarios("faults.feature")

NOTES = "Meeting notes: Acme wants a workshop in May.\n" * 50


@given(step_text("the disk has room for only a few more pages"))
def small_disk(portfolio, monkeypatch):
    with sqlite3.connect(portfolio.kam.database_url.removeprefix("sqlite:///")) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connect = sqlite3.connect

    def on_a_small_disk(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.execute(f"PRAGMA max_page_count = {pages + 10}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", on_a_small_disk)


@when(step_text('the coach imports {count} monthly values for "{key}"'), target_fixture="attempt")
def imports_values(portfolio, tmp_path, count, key):
    values = tmp_path / "values.csv"
    months = [f"{2000 + n // 12}-{n % 12 + 1:02}" for n in range(int(count))]
    values.write_text("key,period,revenue,cost,note\n" + "".join(f"{key},{month},1000,10,{'x' * 200}\n" for month in months))
    return portfolio.attempt("import", "values", str(values))


@then(step_text('it is refused in one line, saying "{complaint}", and nothing is recorded'))
def refused_in_one_line(portfolio, attempt, complaint):
    assert_refused(portfolio, attempt, exit_code=1, complaint=complaint)


@given(step_text("the ledger setting points at a file of meeting notes"), target_fixture="notes")
def points_at_notes(portfolio, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES)
    portfolio.kam = Kam(f"sqlite:///{notes}")
    return notes


@when(step_text("the coach looks at the standings"), target_fixture="result")
def looks_at_standings(portfolio):
    return portfolio.kam("standings")


@then(step_text('the coach is told in one line that "{message}"'))
def told_in_one_line(result, message):
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kam: error: ") and message in lines[0], result.stderr


@then(step_text("the file of meeting notes is unchanged"))
def notes_unchanged(notes):
    assert notes.read_text() == NOTES


@given(step_text('a colleague\'s kam recorded that "{key}" made a profit of {amount} and died before evaluating tiers'))
def died_before_settling(portfolio, key, amount):
    ledger = bootstrap(resolve_store(portfolio.kam.database_url))
    try:
        relationship = ledger.relationship(key)
        relationship.record_value(Period.parse("2026-Q1"), Decimal(amount), Decimal(0), date(2026, 4, 2), "colleague")
        ledger.save(relationship)  # saved with its chain links; the tier evaluation never ran
    finally:
        ledger.close()


@given(step_text("the ledger's read models were made by an earlier version of kamledger"))
def read_models_of_an_earlier_version(portfolio):
    read_models_of_an_older_version(portfolio.kam.database_url)


@when(step_text("{count} colleagues look at the standings at the same moment"), target_fixture="answers")
def colleagues_at_once(portfolio, count):
    return kam_at_once(portfolio.kam.database_url, [["standings", "--json"]] * int(count))


@then(step_text('every one of them sees "{key}" in the standings'))
def everyone_sees(answers, key):
    for exit_code, out, err in answers:
        assert exit_code == 0, err
        assert [row["key"] for row in json.loads(out)] == [key]
