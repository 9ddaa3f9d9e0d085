"""A client's history: every event in recorded order, with its date, recorder and fields."""

from datetime import date, datetime

from pytest_bdd import scenarios, then

from .portfolio import step_text

scenarios("history.feature")


@then(step_text('the history of "{key}" is:'))
def history_is(portfolio, key, datatable):
    header, *rows = datatable
    assert header == ["type", "occurred_on", "recorded_by"]
    history = portfolio.history(key)
    assert [[e["type"], e["occurred_on"], e["recorded_by"]] for e in history] == rows
    assert [e["version"] for e in history] == list(range(1, len(rows) + 1))


@then(step_text('each event in the history of "{key}" was recorded at a UTC time, one after the other'))
def recorded_in_order(portfolio, key):
    times = [datetime.fromisoformat(e["recorded_at"]) for e in portfolio.history(key)]
    assert all(t.utcoffset() is not None and t.utcoffset().total_seconds() == 0 for t in times)
    assert times == sorted(times)


@then(step_text('the scores in the history of "{key}" are, in order:'))
def scores_in_order(portfolio, key, datatable):
    header, *rows = datatable
    assert header == ["total", "occurred_on"]
    assert [[str(e["total"]), e["occurred_on"]] for e in portfolio.events(key, "Scored")] == rows


@then(step_text('the latest {kind} of "{key}" happened today and was recorded by "{by}"'))
def happened_today(portfolio, kind, key, by):
    event = portfolio.events(key, kind)[-1]
    assert (event["occurred_on"], event["recorded_by"]) == (date.today().isoformat(), by)
