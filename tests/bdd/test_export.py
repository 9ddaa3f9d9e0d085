"""Exporting standings and events; events into an empty ledger tell the same story."""

import csv
import io
import json

from pytest_bdd import parsers, scenarios, then, when

from .portfolio import step_text

scenarios("export.feature")


@when(parsers.parse("the coach exports the standings as {format}"), target_fixture="attempt")
def exports_the_standings(portfolio, format):
    return portfolio.attempt("export", "standings", "--format", format)


@when("the coach exports the events and imports them into an empty ledger", target_fixture="new_ledger")
def exports_and_imports(portfolio, tmp_path, kam_on):
    events = tmp_path / "events.jsonl"
    portfolio.kam.ok("export", "events", "--format", "jsonl", "--out", str(events))
    (tmp_path / "new").mkdir()
    new_ledger = kam_on(f"sqlite:///{tmp_path / 'new' / 'ledger.db'}")
    new_ledger.ok("import", "events", str(events))
    return new_ledger


@when("the coach imports the ledger's own events into it again", target_fixture="attempt")
def imports_its_own_events(portfolio, tmp_path):
    events = tmp_path / "events.jsonl"
    portfolio.kam.ok("export", "events", "--format", "jsonl", "--out", str(events))
    return portfolio.attempt("import", "events", str(events))


@then(step_text('the export is a table with the columns "{columns}"'))
def export_columns(attempt, columns):
    header = next(csv.reader(io.StringIO(attempt.stdout)))
    assert header[: len(columns.split(", "))] == columns.split(", ")


@then(step_text('the export has a row for "{key}" with tier "{tier}"'))
def export_row(attempt, key, tier):
    rows = list(csv.DictReader(io.StringIO(attempt.stdout)))
    assert [row["tier"] for row in rows if row["key"] == key] == [tier]


@then("the export holds the same standings as the ledger shows")
def export_same_standings(portfolio, attempt):
    text = attempt.stdout
    rows = json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines()]
    assert rows == portfolio.standings()


@then("the new ledger shows the same standings")
def same_standings(portfolio, new_ledger):
    assert new_ledger.json("standings") == portfolio.standings()


@then(step_text('the new ledger shows the same history of "{key}"'))
def same_history(portfolio, new_ledger, key):
    assert new_ledger.json("history", key) == portfolio.history(key)


@then(step_text('asked why in the new ledger, "{key}" is {tier} by rule {rule}'))
def why_in_the_new_ledger(new_ledger, key, tier, rule):
    answer = new_ledger.json("why", key)
    assert (answer["tier"], answer["rule"]) == (tier, rule)


@then(step_text('the owner of "{key}" in the export starts with a quote, so a spreadsheet shows it as text'))
def export_owner_neutralised(attempt, key):
    rows = list(csv.DictReader(io.StringIO(attempt.stdout)))
    [owner] = [row["owner"] for row in rows if row["key"] == key]
    assert owner.startswith("'=")


@then(step_text('imported as clients into an empty ledger, "{key}" has the owner "{owner}"'))
def imported_owner(attempt, tmp_path, kam_on, key, owner):
    exported = tmp_path / "standings.csv"
    exported.write_text(attempt.stdout, encoding="utf-8")
    (tmp_path / "spreadsheet").mkdir()
    new_ledger = kam_on(f"sqlite:///{tmp_path / 'spreadsheet' / 'ledger.db'}")
    new_ledger.ok("import", "clients", str(exported))
    assert [row["owner"] for row in new_ledger.json("standings") if row["key"] == key] == [owner]
