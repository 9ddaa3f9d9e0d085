"""Importing CSV files from a CRM: all rows or none, bad rows named, nothing doubled."""

import csv

from pytest_bdd import given, parsers, scenarios, then, when

from .portfolio import step_text

scenarios("import.feature")


def write_csv(path, datatable) -> str:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(datatable)
    return str(path)


def import_file(portfolio, tmp_path, kind, datatable):
    path = write_csv(tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.csv", datatable)
    attempt = portfolio.attempt("import", kind, path)
    if attempt.exit_code == 0 and kind == "clients":
        portfolio.known.update(row[datatable[0].index("key")] for row in datatable[1:])
    return attempt


@given(parsers.parse("the coach imported a {kind} file:"), target_fixture="imported")
def imported(portfolio, tmp_path, kind, datatable):
    attempt = import_file(portfolio, tmp_path, kind, datatable)
    assert attempt.exit_code == 0, attempt.stderr
    return attempt.args[-1]


@when(parsers.parse("the coach imports a {kind} file:"), target_fixture="attempt")
def imports(portfolio, tmp_path, kind, datatable):
    return import_file(portfolio, tmp_path, kind, datatable)


@when(parsers.parse("the coach imports the same {kind} file again"), target_fixture="attempt")
def imports_again(portfolio, imported, kind):
    return portfolio.attempt("import", kind, imported)


@then(step_text('"{key}" makes a profit of {profit}'))
def makes_a_profit(portfolio, key, profit):
    assert portfolio.standing(key)["profit"] == profit
