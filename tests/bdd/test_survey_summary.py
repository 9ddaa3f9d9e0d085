"""What the surveys said: responses, mean satisfaction and NPS over time, by tier or owner."""

import re

from pytest_bdd import parsers, scenarios, then, when

from .portfolio import as_cell, spoken_options

scenarios("survey_summary.feature")

PHRASES = re.compile(r"by (?P<by>\S+)|from (?P<start>\S+)|to (?P<end>\S+)|per (?P<every>\S+)")
OPTIONS = {"by": "--by", "start": "--from", "end": "--to", "every": "--every"}


@when(parsers.re(r"the KAM lead asks for the survey summary(?P<phrases>.*)"), target_fixture="attempt")
def asks_for_the_summary(portfolio, phrases):
    """'by owner', 'from DAY to DAY', 'per month'."""
    args = spoken_options(phrases, PHRASES, OPTIONS)
    return portfolio.attempt("surveys", "summary", *args, "--json")


@then("the survey summary is:")
def summary_is(attempt, datatable):
    header, *rows = datatable
    assert [[as_cell(row[column]) for column in header] for row in attempt.answer()["rows"]] == rows
