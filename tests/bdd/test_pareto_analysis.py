"""The Pareto analysis: head, concentration, the reverse view, which periods count, the chart."""

import re

from pytest_bdd import given, parsers, scenarios, then, when

from .commands import value_args
from .portfolio import spoken_options, step_text

scenarios("pareto_analysis.feature", "pareto_periods.feature")


@given(step_text("these values were recorded for {period}:"))
def values_for_one_period(portfolio, period, datatable):
    header, *rows = datatable
    assert header == ["client", "revenue", "cost"]
    for key, revenue, cost in rows:
        portfolio.ensure(key)
        portfolio.record(*value_args(key, revenue, cost, period, None, None))


@given("these values were recorded:")
def values(portfolio, datatable):
    header, *rows = datatable
    assert header == ["client", "period", "revenue", "cost"]
    for key, period, revenue, cost in rows:
        portfolio.ensure(key)
        portfolio.record(*value_args(key, revenue, cost, period, None, None))


SELECTION = re.compile(r"by (?P<by>\S+)|for period (?P<period>\S+)|from (?P<start>\S+)|to (?P<end>\S+)")
OPTIONS = {"by": "--by", "period": "--period", "start": "--from", "end": "--to"}


@when(parsers.re(r"the KAM lead looks at the Pareto view(?P<selection>.*)"), target_fixture="attempt")
def looks_at_the_pareto_view(portfolio, selection):
    """'by cost', 'for period 2026-H1', 'from 2026-Q2 to 2026-Q4', 'for every period' (no option)."""
    args = spoken_options(selection, SELECTION, OPTIONS)
    return portfolio.attempt("pareto", *args, "--json")


@then(step_text('the head is "{keys}"'))
def head_is(attempt, keys):
    assert attempt.answer()["head"] == keys.split(", ")


@then(step_text("the concentration is {share}"))
def concentration_is(attempt, share):
    assert attempt.answer()["concentration"] == share


@then("the ranking starts:")
def ranking_starts(attempt, datatable):
    header, *rows = datatable
    ranked = attempt.answer()["rows"][: len(rows)]
    assert [[str(row[column]) for column in header] for row in ranked] == rows


@then(step_text('the ranking is "{keys}"'))
def ranking_is(attempt, keys):
    assert [row["key"] for row in attempt.answer()["rows"]] == keys.split(", ")


@then(step_text('the recorded periods left out are "{periods}"'))
def left_out(attempt, periods):
    assert [f"{r['key']} {r['period']}" for r in attempt.answer()["left_out"]] == [p for p in periods.split(", ") if p]


@then(step_text('"{key}" is not ranked'))
def not_ranked(attempt, key):
    answer = attempt.answer()
    assert key not in [row["key"] for row in answer["rows"]] and key in [row["key"] for row in answer["others"]]


@then(step_text('the clients costliest to serve against what they bring start with "{keys}"'))
def costliest(attempt, keys):
    expected = keys.split(", ")
    assert [row["key"] for row in attempt.answer()["costliest_to_serve"]][: len(expected)] == expected


@then(step_text('"{key}" costs {ratio} of its revenue to serve, {share} of the portfolio\'s cost to serve'))
def costs(attempt, key, ratio, share):
    row = next(r for r in attempt.answer()["costliest_to_serve"] if r["key"] == key)
    assert (row["cost_ratio"], row["cost_share"]) == (ratio, share)
