"""Everyone knows the key clients: standings of one tier, and the key-clients page."""

import subprocess

from pytest_bdd import scenarios, then, when

from .portfolio import step_text

scenarios("key_clients.feature")


@when(step_text('the KAM lead writes the key-clients page to "{name}"'), target_fixture="attempt")
def writes_the_page(portfolio, tmp_path, name):
    return portfolio.attempt("key-clients", "--out", str(tmp_path / name))


@then(step_text('the page "{name}" has the row "{row}"'))
def page_has_row(tmp_path, name, row):
    assert row in (tmp_path / name).read_text().splitlines()


@then(step_text("the standings of tier {tier} list only {listed*}"))
def standings_of_tier(portfolio, tier, listed):
    assert ", ".join(f'"{r["key"]}"' for r in portfolio.kam.json("standings", "--tier", tier)) == listed


@then(step_text('opened in a headless browser, "{name}" lists "{client}" with its owner "{owner}"'))
def opened_in_a_browser(tmp_path, name, client, owner):
    from tests.test_review_browser import FLAGS, chromium_program

    done = subprocess.run([chromium_program(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", (tmp_path / name).as_uri()],
                          capture_output=True, text=True, timeout=90, check=True)
    rows = done.stdout.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert any(f">{client}</td>" in row and f">{owner}</td>" in row for row in rows), rows
