"""Surveys due: gold every 6 months, silver every 12 (or as chosen), never-surveyed at once."""

from pytest_bdd import given, scenarios, then, when

from .portfolio import as_cell, step_text

scenarios("surveys_due.feature")


@given(step_text("the {tier} cadence is set to {months} months in the environment"))
def cadence_in_the_environment(monkeypatch, tier, months):
    monkeypatch.setenv(f"KAM_SURVEY_{tier.upper()}_MONTHS", months)


@when(step_text("the KAM lead asks which surveys are due on {day}"), target_fixture="attempt")
def asks_which_are_due(portfolio, day):
    return portfolio.attempt("surveys", "due", "--on", day, "--json")


@when(step_text("the KAM lead asks which surveys are due within {days} days of {day}"), target_fixture="attempt")
def asks_which_fall_due(portfolio, days, day):
    return portfolio.attempt("surveys", "due", "--on", day, "--within", days, "--json")


@when(step_text("the KAM lead asks which surveys are due on {day}, surveying gold every {months} months"),
      target_fixture="attempt")
def asks_with_a_cadence(portfolio, day, months):
    return portfolio.attempt("surveys", "due", "--on", day, "--gold-months", months, "--json")


@then("no survey is due")
def none_due(attempt):
    assert attempt.answer() == []


@then("the surveys due are:")
def surveys_due(attempt, datatable):
    header, *rows = datatable
    assert [[as_cell(row[column]) for column in header] for row in attempt.answer()] == rows
