import re


def test_a_registered_and_scored_client_shows_in_standings(kam):
    kam.ok("client", "add", "acme", "--name", "Acme GmbH", "--owner", "ann")
    kam.ok("score", "acme", "--answers", "9,9,9,9,9,9,9,9,9,9,9,9")
    rows = kam.json("standings")
    assert [(r["key"], r["tier"], r["score_total"]) for r in rows] == [("acme", "silver", 108)]


def test_a_client_shows_its_profit_over_every_recorded_period(kam):
    kam.ok("client", "add", "acme", "--name", "Acme GmbH")
    assert kam.json("client", "show", "acme")["profit"] is None
    kam.ok("value", "acme", "--revenue", "100", "--cost", "30", "--period", "2026-Q1")
    kam.ok("value", "acme", "--revenue", "50.50", "--cost", "60", "--period", "2026-Q2")
    assert kam.json("client", "show", "acme")["profit"] == "60.50"
    assert re.search(r"^Profit +60.50; cost to serve 59.8% of revenue *$", kam.ok("client", "show", "acme"), re.MULTILINE)


def test_the_help_groups_every_command_in_one_of_five_panels(kam_sqlite):
    from kamledger.cli.app import PANELS
    from kamledger.cli.main import app

    help_text = kam_sqlite.ok("--help")
    headings = [line[:-1] for line in help_text.splitlines() if line.endswith(":") and not line.startswith(" ")]
    assert headings == ["Options", *PANELS]
    listed = {line.split()[0] for line in help_text.split("Record:")[1].splitlines() if line.startswith("  ")}
    commands = {info.name or info.callback.__name__ for info in app.registered_commands} | {group.name for group in app.registered_groups}
    assert listed == commands
    assert all(info.rich_help_panel in PANELS for info in [*app.registered_commands, *app.registered_groups])


def test_kam_offers_to_install_shell_completion(kam_sqlite):
    help_text = kam_sqlite.ok("--help")
    assert "--install-completion" in help_text and "--show-completion" in help_text
