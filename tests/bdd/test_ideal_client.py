"""The ideal client: kam fit and the standings' ideal_fit, by a profile the scenario writes."""

from pytest_bdd import given, scenarios, then, when

from .portfolio import step_text
from .test_attractiveness import CRITERIA_STEP, RATED_STEP, client_rated_us, rates_suppliers_by
from .test_effort import CAUSED_STEP, caused_problems

scenarios("ideal_client.feature")

# Steps of other features (pytest-bdd keeps steps to the module that defines them, or conftest.py)
given(CRITERIA_STEP)(rates_suppliers_by)
given(RATED_STEP)(client_rated_us)
given(CAUSED_STEP)(caused_problems)


def write_profile(tmp_path, monkeypatch, conditions: str) -> None:
    path = tmp_path / "ideal.toml"
    path.write_text(f'version = "test"\ndescription = "as the scenario says"\n\n[conditions]\n{conditions}\n')
    monkeypatch.setenv("KAM_IDEAL_PROFILE", str(path))


@given("the ideal-client profile wants a workable score, cooperation on the pyramid, no open problem and our attractiveness of 70")
def a_profile(tmp_path, monkeypatch):
    write_profile(tmp_path, monkeypatch, 'band_at_least = "workable"\npyramid_at_least = "cooperation"\n'
                                         'no_open_problem = true\nour_attractiveness_at_least = 70')


@given(step_text('the ideal-client profile wants a pyramid level of "{level}"'))
def a_bad_profile(tmp_path, monkeypatch, portfolio, level):
    portfolio.register("acme")
    write_profile(tmp_path, monkeypatch, f'pyramid_at_least = "{level}"')


@when(step_text('{who} asks how "{key}" fits the ideal-client profile'), target_fixture="attempt")
def asks_fit(portfolio, key, by=None):
    return portfolio.attempt("fit", key, "--json")


@when(step_text('{who} asks how "{key}" fitted the ideal-client profile on {day}'), target_fixture="attempt")
def asks_fit_on(portfolio, key, day, by=None):
    return portfolio.attempt("fit", key, "--effective", day, "--json")


@then(step_text('"{key}" meets {met} of {total}, all but {failing*}'))
def meets(attempt, key, met, total, failing):
    answer = attempt.answer()
    assert (answer["key"], answer["met"], answer["total"]) == (key, int(met), int(total))
    assert [c["condition"] for c in answer["checks"] if not c["holds"]] == failing.split(", ")


@then(step_text('the standings give "{key}" an ideal fit of {fit}'))
def standings_fit(portfolio, key, fit):
    assert portfolio.standing(key)["ideal_fit"] == fit
