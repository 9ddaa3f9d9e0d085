"""The people on both sides: contacts at a client, who of ours holds each relationship, the map's
coverage and risks, forgetting a person, the tier policy's single_threaded, the pyramid's synergy
against the map, and the people section of a review."""

import json
import re
from importlib.resources import files

from pytest_bdd import given, parsers, scenarios, then, when

from .commands import entry_args
from .portfolio import step_text
from .test_effort import by_business_date
from .test_review import reviews, says, writes_the_portfolio_review, writes_the_review  # noqa: F401  (reviews: the fixture)

scenarios("people.feature")

SHIPPED_POLICY_RULE_BEFORE = '[[rules]]\nid = "gold-pareto-head"'
CONTACT_STEP = parsers.re(
    r'client "(?P<key>[^"]+)" has contact "(?P<person>[^"]+)"(?: named "(?P<name>[^"]+)")?, an? (?P<level>\w+) in (?P<department>\w+), '
    r'an? (?P<stance>\w+)(?P<decides> who decides)?(?: on (?P<day>\S+))?$')


@given(CONTACT_STEP)
def has_contact(portfolio, key, person, name, level, department, stance, decides, day):
    portfolio.ensure(key)
    portfolio.record("contact", "add", key, person, "--name", name or person.title(), "--role", f"the {person} of {key}",
                     "--level", level, "--department", department, "--stance", stance, *(["--decides"] if decides else []),
                     *entry_args(day, None))


@given(step_text('"{ours}" holds contact "{person}" of "{key}" since {day}'))
def holds(portfolio, ours, person, key, day):
    portfolio.record("contact", "link", key, person, "--ours", ours, "--at", day)


@when(step_text('"{ours}" holds contact "{person}" of "{key}" since {day}'), target_fixture="attempt")
def takes_over(portfolio, ours, person, key, day):
    return portfolio.attempt("contact", "link", key, person, "--ours", ours, "--at", day)


@when(step_text('"{ours}" no longer holds contact "{person}" of "{key}" since {day}'), target_fixture="attempt")
def lets_go(portfolio, ours, person, key, day):
    return portfolio.attempt("contact", "unlink", key, person, "--ours", ours, "--at", day)


@given(parsers.re(r'"(?P<ours>[^"]+)" met contact "(?P<person>[^"]+)" of "(?P<key>[^"]+)" on (?P<day>\S+)(?: noting "(?P<note>[^"]+)")?$'))
def met(portfolio, ours, person, key, day, note):
    portfolio.record("contact", "touch", key, person, "--ours", ours, "--kind", "meeting", "--at", day, *(["--note", note] if note else []))


@given(step_text('contact "{person}" of "{key}" left on {day}'))
def contact_had_left(portfolio, person, key, day):
    portfolio.record("contact", "left", key, person, "--at", day)


@given(step_text('contact "{person}" of "{key}" turned {stance} on {day}'))
def turned(portfolio, person, key, stance, day):
    portfolio.record("contact", key, person, "--stance", stance, "--note", f"turned {stance}", "--at", day)


@when(step_text('{who} records that contact "{person}" left "{key}"', dated=True), target_fixture="attempt")
def records_left(portfolio, person, key, day=None, by=None):
    return portfolio.attempt("contact", "left", key, person, "--note", "moved to a competitor", *entry_args(day, by))


@when(step_text('"{name}" of ours leaves the company on {day}'), target_fixture="attempt")
def ours_leaves(portfolio, name, day):
    return portfolio.attempt("ours", "left", name, "--at", day)


@when(step_text('{who} forgets contact "{person}" of "{key}" because "{reason}"'), target_fixture="attempt")
def forgets(portfolio, person, key, reason, by=None):
    return portfolio.attempt("forget", key, "--person", person, "--reason", reason)


@when("the KAM lead looks at the relationship maps", target_fixture="attempt")
def looks_at_the_maps(portfolio):
    return portfolio.attempt("map", "--all", "--json")


def the_maps(portfolio):
    return portfolio.kam.json("map", "--all")


def risks_in_the_maps(portfolio, key):
    return next(row["coverage"]["risks"] for row in the_maps(portfolio)["clients"] if row["key"] == key)


@then(step_text('the maps flag "{key}" as "{risk}"'))
def maps_flag(portfolio, key, risk):
    assert risk in risks_in_the_maps(portfolio, key)


@then(step_text('the maps do not flag "{key}" as "{risk}"'))
def maps_do_not_flag(portfolio, key, risk):
    assert risk not in risks_in_the_maps(portfolio, key)


@then(step_text('"{key}" comes first among the maps'))
def comes_first(portfolio, key):
    assert the_maps(portfolio)["clients"][0]["key"] == key


def map_of(portfolio, key, day, cold_after=None):
    return portfolio.kam.json("map", key, "--on", day, *(["--cold-after", cold_after] if cold_after else []))


MAP_FLAG = r'on (?P<day>\S+)(?: with relationships cold after (?P<cold>\d+) days)? the map of "(?P<key>[^"]+)" is (?P<negated>not )?flagged "(?P<risk>[^"]+)"$'


@then(parsers.re(MAP_FLAG))
def map_flagged(portfolio, day, cold, key, negated, risk):
    risks = map_of(portfolio, key, day, cold)["coverage"]["risks"]
    assert (risk in risks) != bool(negated), risks


@then(step_text('the relationships that need a new holder since "{name}" left are "{expected}"'))
def need_a_new_holder(portfolio, name, expected):
    holder = next(h for h in the_maps(portfolio)["ours_left"] if h["name"] == name)
    assert ", ".join(f"{r['key']}/{r['person']}" for r in holder["relationships"]) == expected


@then(step_text('the clients "{name}" still owns are "{expected}"'))
def still_owns(portfolio, name, expected):
    holder = next(h for h in the_maps(portfolio)["ours_left"] if h["name"] == name)
    assert ", ".join(holder["owns"]) == expected


@then(step_text('no view or export of "{key}" names "{name}" or "{person}"'))
def named_nowhere(portfolio, tmp_path, key, name, person):
    kam = portfolio.kam
    shown = {
        "map": kam.ok("map", key), "map json": kam.ok("map", key, "--json"), "all maps": kam.ok("map", "--all", "--json"),
        "history": kam.ok("history", key, "--json"), "history table": kam.ok("history", key),
        "client": kam.ok("client", "show", key, "--json"), "why": kam.ok("why", key, "--json"),
        "events": kam.ok("export", "events", "--format", "jsonl"), "standings": kam.ok("export", "standings", "--format", "csv"),
    }
    kam.ok("review", key, "--out", str(tmp_path / "forgotten.md"))
    kam.ok("review", "--all", "--out", str(tmp_path / "forgotten-all.md"))
    kam.ok("map", key, "--out", str(tmp_path / "forgotten.svg"))
    for file in ("forgotten.md", "forgotten-all.md", "forgotten.svg"):
        shown[file] = (tmp_path / file).read_text()
    for where, text in shown.items():
        assert name not in text and f'"{person}"' not in text and f" {person} " not in text, f"{where} still names the person"
    assert any(json.loads(line)["state"].get("person") == "(forgotten)" for line in shown["events"].splitlines())


@given(step_text("the tier policy in force makes silver a client that is single-threaded"))
def single_threaded_policy(portfolio, tmp_path):
    shipped = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()
    rule = ('[[rules]]\nid = "silver-single-threaded"\ntier = "silver"\nwhen = { single_threaded = true }\n'
            'description = "Everything runs through one person at the client or one of ours."\n\n')
    text = shipped.replace('version = "v1"', 'version = "v9"').replace(SHIPPED_POLICY_RULE_BEFORE, rule + SHIPPED_POLICY_RULE_BEFORE)
    path = tmp_path / "single-threaded.toml"
    path.write_text(text)
    portfolio.record("tiers", "adopt", str(path), "--reason", "a key account needs more than one thread", "--at", "2026-01-02")


@then(step_text('why shows that "{key}" is single-threaded'))
def why_shows_single_threaded(portfolio, key):
    said = portfolio.kam.ok("why", key)
    assert re.search(r"^\s+Single-threaded\s+yes\s", said, re.MULTILINE), said


SYNERGY = "synergy means joint teams across at least 2"


def said_about_synergy(portfolio, tmp_path, key) -> list[bool]:
    kam = portfolio.kam
    kam.ok("review", key, "--out", str(tmp_path / "synergy.md"))
    return [SYNERGY in text for text in (kam.ok("why", key), kam.ok("client", "show", key), (tmp_path / "synergy.md").read_text())]


@then(step_text('why, the client\'s record and the review of "{key}" point out that synergy needs joint contacts in two departments'))
def points_out_synergy(portfolio, tmp_path, key):
    assert said_about_synergy(portfolio, tmp_path, key) == [True, True, True]


@then(step_text('why, the client\'s record and the review of "{key}" point out nothing about synergy'))
def nothing_about_synergy(portfolio, tmp_path, key):
    assert said_about_synergy(portfolio, tmp_path, key) == [False, False, False]


# Steps of other features, said the same way here (a step is registered in the module that declares it).

@then(step_text('on {before} "{key}" was {then_tier}, and on {after} {now_tier}'))
def tier_by_business_date(portfolio, before, key, then_tier, after, now_tier):
    by_business_date(portfolio, before, key, then_tier, after, now_tier)


@when(step_text('{who} writes the review of "{key}" {period*} as {kind}', dated=True), target_fixture="attempt")
def writes_a_review(portfolio, reviews, key, period, kind, day=None, by=None):  # noqa: F811
    return writes_the_review(portfolio, reviews, key, period, kind, day, by)


@then(step_text('the review says "{text}"'))
def the_review_says(reviews, text):  # noqa: F811
    says(reviews, text)


@when(step_text('{who} writes the portfolio review {period*} as {kind}', dated=True), target_fixture="attempt")
def writes_a_portfolio_review(portfolio, reviews, period, kind, day=None, by=None):  # noqa: F811
    return writes_the_portfolio_review(portfolio, reviews, period, kind, day, by)


@given(step_text('"{owner}" became the owner of "{key}" on {day}'))
def became_owner(portfolio, owner, key, day):
    portfolio.record("owner", key, owner, "--at", day)

