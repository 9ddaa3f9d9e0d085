"""Time travel: the ledger as it was recorded by a moment (--as-of) and as it was in effect on a
business date (--effective), on SQLite and PostgreSQL.

Recording time is the clock's, so the story below notes real instants between its entries.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from importlib.resources import files

import pytest

from kamledger.domain.errors import ClientNotFound, InvalidInput
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.moments import NOW, Moment, parse_moment
from kamledger.service.infrastructure.store import resolve_store
from tests.conftest import fresh_postgres_database

END_OF_DAY = (23, 59, 59, 999999)


def an_instant() -> datetime:
    """A real instant between two entries, clear of both."""
    time.sleep(0.015)
    instant = datetime.now(UTC)
    time.sleep(0.015)
    return instant


# Reading a moment

def test_a_date_means_the_end_of_that_day_in_utc():
    assert parse_moment("2026-03-31").as_of == datetime(2026, 3, 31, *END_OF_DAY, tzinfo=UTC)


def test_a_date_in_the_compact_iso_form_also_means_the_end_of_that_day():
    assert parse_moment("20260331").as_of == datetime(2026, 3, 31, *END_OF_DAY, tzinfo=UTC)


def test_a_date_time_without_an_offset_is_utc():
    assert parse_moment("2026-03-31T17:05:30").as_of == datetime(2026, 3, 31, 17, 5, 30, tzinfo=UTC)


def test_a_date_time_with_an_offset_keeps_it_and_is_that_instant():
    as_of = parse_moment("2026-03-31T17:00+01:00").as_of
    assert as_of.utcoffset() == timedelta(hours=1)
    assert as_of == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)


def test_effective_is_a_business_date():
    moment = parse_moment(effective="2026-03-31")
    assert (moment.as_of, moment.effective) == (None, date(2026, 3, 31))
    assert not moment.is_now


def test_without_as_of_or_effective_the_moment_is_now():
    assert parse_moment() == NOW
    assert parse_moment(None, None).is_now
    assert NOW.describe() == "now"


@pytest.mark.parametrize("text", ["yesterday", "2026-02-30", "31/03/2026", "2026-03-31T25:00", "Q1"])
def test_an_as_of_that_is_no_date_or_date_time_is_bad_input(text):
    with pytest.raises(InvalidInput, match="--as-of"):
        parse_moment(as_of=text)


@pytest.mark.parametrize("text", ["last week", "2026-02-30", "2026-03-31T10:00", "31.03.2026"])
def test_an_effective_date_that_is_no_date_is_bad_input(text):
    with pytest.raises(InvalidInput, match="--effective"):
        parse_moment(effective=text)


def test_an_event_recorded_at_the_very_moment_or_on_the_very_day_counts():
    as_of = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    moment = Moment(as_of, date(2026, 3, 31))
    assert moment.includes(as_of, date(2026, 3, 31))
    assert moment.includes(as_of.astimezone(timezone(timedelta(hours=2))), date(2026, 1, 1))
    assert not moment.includes(as_of + timedelta(microseconds=1), date(2026, 3, 31))
    assert not moment.includes(as_of, date(2026, 4, 1))


def test_a_moment_says_what_it_looks_at():
    moment = parse_moment("2026-03-31T17:00:00.25", "2026-02-28")
    assert moment.describe() == "as recorded by 2026-03-31T17:00:00+00:00 and effective 2026-02-28"


# The ledger at a moment, on both backends

def record_the_story(ledger: Ledger) -> dict[str, datetime]:
    """acme is gold in February, silver after a weak score in August; then a harm-to-team burden
    of March is entered late (back-dated), which makes it bronze; globex, registered in May, is
    entered after all that. Returns the real instants noted between the entries."""
    at = {"before anything": an_instant()}
    ledger.register_client("acme", "Acme GmbH", "ann", make_entry("2026-01-05", "ann"))
    ledger.record_value("acme", "2026", "1000", "0", make_entry("2026-01-10", "ann"))
    ledger.score("acme", [8] * 12, None, make_entry("2026-02-10", "ann"))  # 96, workable
    at["gold"] = an_instant()
    ledger.score("acme", [6] * 12, "weaker year", make_entry("2026-08-14", "bob"))  # 72, at-risk
    at["silver"] = an_instant()
    ledger.note_burden("acme", "harm-to-team", "escalations in the March minutes", make_entry("2026-03-05", "dora"))
    at["bronze"] = an_instant()
    ledger.register_client("globex", "Globex", None, make_entry("2026-05-01", "ann"))
    return at


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def told(request, tmp_path_factory) -> Iterator[tuple[Ledger, dict[str, datetime]]]:
    """The story, recorded once per backend for the tests that only read it."""
    with fresh_database(request.param, tmp_path_factory.mktemp("story")) as url:
        ledger = bootstrap(resolve_store(url))
        try:
            yield ledger, record_the_story(ledger)
        finally:
            ledger.close()


@pytest.fixture
def ledger(told) -> Ledger:
    return told[0]


@pytest.fixture
def story(told) -> dict[str, datetime]:
    return told[1]


@pytest.fixture
def own_ledger(database_url) -> Iterator[Ledger]:
    """A ledger of the test's own, for a test that changes it."""
    opened = bootstrap(resolve_store(database_url))
    yield opened
    opened.close()


@contextmanager
def fresh_database(backend: str, directory) -> Iterator[str]:
    """Like the sqlite_url and postgres_url fixtures, for a fixture wider than one test."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'ledger.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


def as_of(instant: datetime) -> Moment:
    return parse_moment(as_of=instant.isoformat())


def tiers(rows) -> list[tuple]:
    return [(r["key"], r["tier"], r["tier_rule"], r["policy_version"], r["score_total"]) for r in rows]


def test_standings_as_recorded_at_a_moment_have_the_tiers_and_rules_recorded_then(ledger, story):
    assert ledger.standings(as_of(story["before anything"])) == []
    assert tiers(ledger.standings(as_of(story["gold"]))) == [("acme", "gold", "gold-pareto-head", "v1", 96)]
    assert tiers(ledger.standings(as_of(story["silver"]))) == [("acme", "silver", "silver-default", "v1", 72)]
    assert tiers(ledger.standings()) == [
        ("acme", "bronze", "bronze-burden", "v1", 72),
        ("globex", "unrated", "unrated-no-inputs", "v1", None),
    ]


def test_standings_at_a_moment_have_the_columns_of_the_standings_now(ledger, story):
    [then] = ledger.standings(as_of(story["bronze"]))
    now = next(row for row in ledger.standings() if row["key"] == "acme")
    assert then == now


def test_a_client_as_recorded_at_a_moment_is_what_was_known_then(ledger, story):
    then = ledger.client("acme", as_of(story["gold"]))
    assert (then["score"]["total"], then["tier"]["tier"], then["burdens"], then["owner"]) == (96, "gold", {}, "ann")
    assert then["version"] == 5  # registered, value, tier change, score, tier change
    now = ledger.client("acme")
    assert (now["score"]["total"], now["tier"]["tier"], list(now["burdens"])) == (72, "bronze", ["harm-to-team"])


def test_a_client_registered_after_the_moment_did_not_exist_then(ledger, story):
    moment = as_of(story["bronze"])
    for ask in (ledger.client, ledger.history, ledger.why):
        with pytest.raises(ClientNotFound, match=r"^no client with key 'globex' as recorded by 20\d\d-"):
            ask("globex", moment)
    with pytest.raises(ClientNotFound):
        ledger.client("acme", as_of(story["before anything"]))
    assert [row["key"] for row in ledger.standings(moment)] == ["acme"]


def test_the_history_as_recorded_at_a_moment_lists_what_was_recorded_by_then(ledger, story):
    then = ledger.history("acme", as_of(story["silver"]))
    assert [(e["type"], e["occurred_on"], e["recorded_by"]) for e in then] == [
        ("Registered", "2026-01-05", "ann"),
        ("ValueRecorded", "2026-01-10", "ann"),
        ("TierChanged", "2026-01-10", "ann"),
        ("Scored", "2026-02-10", "ann"),
        ("TierChanged", "2026-02-10", "ann"),
        ("Scored", "2026-08-14", "bob"),
        ("TierChanged", "2026-08-14", "bob"),
    ]
    assert then == ledger.history("acme")[: len(then)]
    assert all(datetime.fromisoformat(e["recorded_at"]) <= story["silver"] for e in then)


def test_why_at_a_moment_explains_with_what_was_recorded_at_the_last_change_until_then(ledger, story):
    answer = ledger.why("acme", as_of(story["gold"]))
    assert (answer["tier"], answer["previous_tier"], answer["rule"], answer["policy_version"], answer["changed_on"]) == (
        "gold", "silver", "gold-pareto-head", "v1", "2026-02-10")
    assert answer["rule_description"] == "Among the fewest clients that bring 80% of profit, with a score of 80 or more."
    assert (answer["inputs"]["profit"], answer["inputs"]["score_total"], answer["inputs"]["in_pareto_head"]) == ("1000", 96, True)
    assert [(c["type"], c["occurred_on"], c["recorded_by"]) for c in answer["causes"]] == [
        ("ValueRecorded", "2026-01-10", "ann"), ("Scored", "2026-02-10", "ann")]
    assert answer["causes"][1]["fields"]["total"] == 96
    assert [(t["from_tier"], t["to_tier"]) for t in answer["tier_changes"]] == [("unrated", "silver"), ("silver", "gold")]


def test_why_at_a_moment_before_any_tier_change_says_unrated_with_nothing_behind_it(own_ledger):
    ledger = own_ledger
    ledger.register_client("acme", "Acme GmbH", None, make_entry("2026-01-05", "ann"))
    registered = an_instant()
    ledger.record_value("acme", "2026", "1000", "0", make_entry("2026-01-10", "ann"))
    answer = ledger.why("acme", as_of(registered))
    assert (answer["tier"], answer["rule"], answer["causes"], answer["tier_changes"]) == ("unrated", None, [], [])


def test_the_past_is_explained_with_the_rules_of_the_policy_recorded_then(own_ledger, tmp_path):
    ledger = own_ledger
    story = record_the_story(ledger)
    ledger.adopt_policy(str(draft(tmp_path, "v2", drop="gold-pareto-head")), "Pareto no longer decides", make_entry("2026-09-01", "dora"))
    answer = ledger.why("acme", as_of(story["gold"]))
    assert (answer["rule"], answer["policy_version"]) == ("gold-pareto-head", "v1")
    assert answer["rule_description"] == "Among the fewest clients that bring 80% of profit, with a score of 80 or more."


def test_effective_on_a_date_a_back_dated_entry_counts_from_the_date_it_happened(ledger, story):
    march = parse_moment(effective="2026-03-31")
    client = ledger.client("acme", march)
    assert (client["score"]["total"], list(client["burdens"]), client["tier"]["tier"]) == (96, ["harm-to-team"], "bronze")
    assert tiers(ledger.standings(march)) == [("acme", "bronze", "bronze-burden", "v1", 96)]
    assert "BurdenSignalNoted" in [e["type"] for e in ledger.history("acme", march)]
    assert "2026-08-14" not in [e["occurred_on"] for e in ledger.history("acme", march)]
    assert (ledger.why("acme", march)["tier"], ledger.why("acme", march)["rule"]) == ("bronze", "bronze-burden")
    before_it = parse_moment(effective="2026-03-04")
    assert tiers(ledger.standings(before_it)) == [("acme", "gold", "gold-pareto-head", "v1", 96)]
    assert ledger.client("acme", before_it)["burdens"] == {}


def test_as_of_and_effective_together_see_what_was_recorded_then_and_in_effect_on_the_date(ledger, story):
    recorded_then = story["silver"].isoformat()
    both = parse_moment(recorded_then, "2026-03-31")
    client = ledger.client("acme", both)
    assert (client["score"]["total"], client["burdens"], client["tier"]["tier"]) == (96, {}, "gold")
    assert tiers(ledger.standings(both)) == [("acme", "gold", "gold-pareto-head", "v1", 96)]
    assert [e["type"] for e in ledger.history("acme", both)] == [  # recorded tier changes are of the other clock
        "Registered", "ValueRecorded", "Scored"]
    assert ledger.why("acme", both)["tier"] == "gold"
    # each on its own sees something else
    assert ledger.client("acme", parse_moment(recorded_then))["tier"]["tier"] == "silver"
    assert ledger.client("acme", parse_moment(effective="2026-03-31"))["tier"]["tier"] == "bronze"


def test_a_client_registered_after_the_business_date_was_no_client_then(ledger, story):
    with pytest.raises(ClientNotFound, match=r"^no client with key 'globex' effective 2026-04-30$"):
        ledger.client("globex", parse_moment(effective="2026-04-30"))
    assert [r["key"] for r in ledger.standings(parse_moment(effective="2026-04-30"))] == ["acme"]
    assert [r["key"] for r in ledger.standings(parse_moment(effective="2026-05-01"))] == ["acme", "globex"]
    with pytest.raises(ClientNotFound, match="effective 2026-01-04"):
        ledger.history("acme", parse_moment(effective="2026-01-04"))


def test_as_of_a_date_sees_everything_recorded_by_the_end_of_that_day(ledger, story):
    recorded = [datetime.fromisoformat(e["recorded_at"]).astimezone(UTC) for e in ledger.history("acme")]
    first_day, last_day = recorded[0].date(), recorded[-1].date()
    assert ledger.standings(parse_moment((first_day - timedelta(days=1)).isoformat())) == []
    assert tiers(ledger.standings(parse_moment(last_day.isoformat()))) == [
        ("acme", "bronze", "bronze-burden", "v1", 72), ("globex", "unrated", None, None, None)]


def test_a_policy_replayed_at_a_moment_starts_from_the_tiers_of_then(ledger, story, tmp_path):
    v2 = str(draft(tmp_path, "v2", drop="gold-pareto-head"))
    then = ledger.replay_policy(v2, as_of(story["gold"]))
    assert then == [{"key": "acme", "tier": "gold", "tier_under_policy": "silver", "rule_under_policy": "silver-default",
                     "policy_version": "v2", "moves": True}]
    now = {row["key"]: (row["tier"], row["tier_under_policy"], row["moves"]) for row in ledger.replay_policy(v2)}
    assert now == {"acme": ("bronze", "bronze", False), "globex": ("unrated", "unrated", False)}


def draft(directory, version: str, drop: str):
    """The shipped tier policy under another version, without one of its rules."""
    shipped = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()
    text = shipped.replace('version = "v1"', f'version = "{version}"')
    text = "[[rules]]".join(block for block in text.split("[[rules]]") if f'id = "{drop}"' not in block)
    path = directory / f"tier-policy-{version}.toml"
    path.write_text(text)
    return path


def test_the_pareto_heads_walked_through_a_period_are_those_worked_out_day_by_day(own_ledger):
    from decimal import Decimal

    from kamledger.service.queries.business_time import BusinessTime

    ledger = own_ledger
    for key in ("acme", "bolt", "cola"):
        ledger.register_client(key, key.title(), None, make_entry("2026-01-02", "ann"))
    for key, period, profit, day in [("acme", "2026-01", "900", "2026-02-01"), ("bolt", "2026-01", "500", "2026-02-03"),
                                     ("cola", "2026-01", "100", "2026-02-03"), ("acme", "2026-02", "0", "2026-03-01"),
                                     ("bolt", "2026-01", "50", "2026-03-02"), ("cola", "2026-02", "700", "2026-03-05")]:
        ledger.record_value(key, period, profit, "0", make_entry(day, "ann"))
    ledger.record_value("acme", "2026-03", "0", "1500", make_entry("2026-04-01", "ann"))  # a loss
    business = BusinessTime(ledger)
    days = business.dated.profit_days(date(2026, 12, 31))
    walked = business._heads_walked(days, Decimal("0.8"))
    for day in days:
        [(_, (one, _))] = [business._head(day, Decimal("0.8"), None)]
        assert walked[day][0] == one, day
