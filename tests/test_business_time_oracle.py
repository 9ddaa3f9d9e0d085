"""The test oracle of business time (issue 12): the same dated facts, typed into one ledger in
business-date order and into another in any other order, give the same business-time views
(standings, why, history and the client, each ``--effective`` a date) on every date, on SQLite and
PostgreSQL. Read as recorded by a moment between two entries (``--as-of`` too), a ledger shows on
each date what a ledger of only the facts typed by then shows; and each step of why's chain held as
recorded by the moment it says it became known.

The facts are generated so that no order can be refused: each client is registered before anything
is recorded for it, dated on or before all its facts; each kind of fact has its own business dates
per client; pyramid moves go to distinct levels and owners change to distinct people; a burden is
resolved, an override cleared and a period's value corrected only after (by business date and in
the order typed) it was noted, set or first recorded. Recording metadata (versions, recorded_at,
recorded_by, the order of one day's facts) legitimately differs between the orders and is left out.
"""

import atexit
import functools
import itertools
import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kamledger.domain.business_time import said_on
from kamledger.domain.portfolio import PORTFOLIO
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.business_time import BusinessTime
from kamledger.service.queries.moments import Moment, parse_moment
from kamledger.service.infrastructure.store import resolve_store
from tests.conftest import fresh_postgres_database

FIRST_DAY = date(2025, 1, 1)
PERIODS = ("2024", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1")  # none overlaps another
AMOUNTS = ("0", "150", "400", "1000", "1000.50", "2500", "7000")
OWNERS = ("bob", "cid", "dee")
LEVELS = ("cooperation", "partnership", "synergy")  # transactional is where every client starts
DIMENSIONS = ("strategic", "referral", "educational", "potential")
DIMENSION_LEVELS = ("low", "medium", "high")
SIGNALS = ("cost-to-serve", "low-profit", "harm-to-team")
OVERRIDE_TIERS = ("gold", "silver", "bronze")
RECORDERS = ("ann", "ben")

# Fields of an event that say how it was recorded, not what happened.
RECORDING_METADATA = {"version", "recorded_at", "recorded_by", "event_id", "marks"}


@dataclass(frozen=True)
class Fact:
    """One command of the story: the Ledger method, its values, its business date, and the fact
    that must have been typed before it (None: only the client's registration)."""

    name: str
    key: str
    method: str
    args: tuple
    day: date
    needs: str | None = None

    def enter(self, ledger: Ledger, by: str) -> None:
        getattr(ledger, self.method)(*self.args, make_entry(self.day.isoformat(), by))


def days_after(draw, start: date, count: int, span: int = 90) -> list[date]:
    """count distinct business dates from start on."""
    offsets = draw(st.lists(st.integers(0, span), min_size=count, max_size=count, unique=True))
    return [start + timedelta(days=offset) for offset in offsets]


OTHER_KINDS = ("survey", "dimension", "burden", "override", "pyramid", "owner")


@st.composite
def client_story(draw, key: str) -> list[Fact]:
    """A client's registration and its facts: most often values and scores (the Pareto head couples
    clients through them), and up to two other kinds; one or two of each kind, all dated on or
    after its registration date."""
    registered_on = FIRST_DAY + timedelta(days=draw(st.integers(0, 40)))
    first_owner = draw(st.sampled_from((None, "ann")))
    facts = [Fact(f"{key}:registered", key, "register_client", (key, key.title(), first_owner), registered_on)]
    kinds = {kind for kind in ("value", "score") if draw(st.integers(0, 3))}
    kinds |= draw(st.sets(st.sampled_from(OTHER_KINDS), max_size=2))

    def add(kind: str, method: str, args: tuple, day: date, needs: str | None = None) -> str:
        name = f"{key}:{kind}:{len(facts)}"
        facts.append(Fact(name, key, method, (key, *args), day, needs))
        return name

    def some_days(kind: str) -> list[date]:
        return days_after(draw, registered_on, draw(st.integers(1, 2))) if kind in kinds else []

    # Values of distinct periods, and maybe a correction of one of them on a later date.
    value_days = some_days("value")
    recorded = []
    for period, day in zip(draw(st.permutations(PERIODS)), value_days):
        revenue, cost = draw(st.sampled_from(AMOUNTS)), draw(st.sampled_from(AMOUNTS))
        recorded.append((add("value", "record_value", (period, revenue, cost), day), period, day))
    if recorded and draw(st.booleans()):
        first, period, day = draw(st.sampled_from(recorded))
        later = day + timedelta(days=draw(st.integers(1, 60)))
        if later not in value_days:
            add("value", "record_value", (period, draw(st.sampled_from(AMOUNTS)), draw(st.sampled_from(AMOUNTS))), later, first)

    for day in some_days("score"):
        answers = [draw(st.sampled_from((2, 6, 7, 9, 10)))] * 11 + [draw(st.integers(1, 10))]
        add("score", "score", (answers, None), day)
    for day in some_days("survey"):
        add("survey", "answer_survey", (draw(st.integers(1, 10)), draw(st.integers(0, 10)), None), day)
    for day in some_days("dimension"):
        dimension, level = draw(st.sampled_from(DIMENSIONS)), draw(st.sampled_from(DIMENSION_LEVELS))
        add("dimension", "note_value_dimension", (dimension, level, f"{dimension} looks {level}"), day)

    # Burdens noted, maybe resolved later (each burden fact of the client on a date of its own).
    burden_days = some_days("burden")
    for signal, day in zip(draw(st.permutations(SIGNALS)), list(burden_days)):
        noted = add("burden", "note_burden", (signal, "seen in the account review"), day)
        if draw(st.booleans()):
            resolved_on = day + timedelta(days=draw(st.integers(1, 60)))
            if resolved_on not in burden_days:
                burden_days.append(resolved_on)
                add("resolve", "resolve_burden", (signal, "no longer seen"), resolved_on, noted)

    # An override set, maybe cleared later.
    for day in some_days("override")[:1]:
        overridden = add("override", "override_tier", (draw(st.sampled_from(OVERRIDE_TIERS)), "the coach's judgement"), day)
        if draw(st.booleans()):
            cleared_on = day + timedelta(days=draw(st.integers(1, 60)))
            add("clear", "clear_tier_override", ("judgement withdrawn",), cleared_on, overridden)

    # Pyramid moves to distinct levels, owners changed to distinct people other than the first.
    for level, day in zip(draw(st.permutations(LEVELS)), some_days("pyramid")):
        add("pyramid", "change_pyramid_level", (level, "how we work together changed"), day)
    owners = [owner for owner in draw(st.permutations(OWNERS)) if owner != first_owner]
    for owner, day in zip(owners, some_days("owner")):
        add("owner", "assign_owner", (owner,), day)
    return facts


@st.composite
def stories(draw) -> tuple[list[Fact], list[Fact]]:
    """The facts of 2-4 clients (and sometimes a tier policy adopted) in business-date order, and the
    same facts in another order that still types each one after the one it needs."""
    facts = [fact for n in range(draw(st.integers(2, 4))) for fact in draw(client_story(f"c{n + 1}"))]
    if draw(st.integers(0, 2)) == 0:  # a tier policy adopted on a date: it decides from then on
        day = FIRST_DAY + timedelta(days=draw(st.integers(0, 150)))
        adopted = (str(policy_without_pareto()), "Pareto no longer decides")
        facts.append(Fact("portfolio:policy", PORTFOLIO, "adopt_policy", adopted, day))
    in_date_order = sorted(facts, key=in_business_date_order)
    shuffled = [facts[i] for i in draw(st.permutations(range(len(facts))))]
    return in_date_order, respecting_needs(shuffled)


@functools.cache
def policy_without_pareto() -> Path:
    """Tier policy v2: the shipped policy without its Pareto rule (a file, as kam policy adopt reads)."""
    shipped = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()
    text = shipped.replace('version = "v1"', 'version = "v2"')
    text = "[[rules]]".join(block for block in text.split("[[rules]]") if 'id = "gold-pareto-head"' not in block)
    directory = tempfile.mkdtemp(prefix="kam-oracle-policy-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = Path(directory) / "tier-policy-v2.toml"
    path.write_text(text)
    return path


def in_business_date_order(fact: Fact) -> tuple:
    """By business date; on a client's registration date, its registration first."""
    return fact.day, fact.method != "register_client", fact.name


def respecting_needs(facts: list[Fact]) -> list[Fact]:
    """The facts in the order given, each held back until the registration of its client and the
    fact it needs have been typed."""
    typed: set[str] = set()
    ordered: list[Fact] = []
    waiting = list(facts)
    while waiting:
        ready = next(f for f in waiting if f.key == PORTFOLIO or f.method == "register_client"
                     or (f"{f.key}:registered" in typed and (f.needs is None or f.needs in typed)))
        waiting.remove(ready)
        ordered.append(ready)
        typed.add(ready.name)
    return ordered


def dates_to_compare(facts: list[Fact]) -> list[date]:
    """Every fact's date, a date in each of the three widest gaps between them, the day before the
    first and the day after the last."""
    days = sorted({fact.day for fact in facts})
    gaps = sorted(((b - a, a) for a, b in zip(days, days[1:]) if (b - a).days > 1), reverse=True)[:3]
    between = [start + width / 2 for width, start in gaps]
    return sorted({days[0] - timedelta(days=1), *days, *between, days[-1] + timedelta(days=1)})


# The business-time views, without what says how they were recorded

def without_recording(value: Any, leave_out: set[str] = RECORDING_METADATA) -> Any:
    if isinstance(value, dict):
        return {k: without_recording(v, leave_out) for k, v in value.items() if k not in leave_out}
    if isinstance(value, list):
        return [without_recording(v, leave_out) for v in value]
    return value


STANDING_COLUMNS = ("key", "name", "tier", "tier_rule", "policy_version", "score_total", "score_band", "profit", "owner",
                    "pyramid_level", "burdens", "high_dimensions", "override_tier", "last_survey_on", "registered_on")


def standings_view(ledger: Ledger, moment: Moment) -> list[tuple]:
    return [tuple(row[c] for c in STANDING_COLUMNS) for row in ledger.standings(moment)]


def why_view(ledger: Ledger, key: str, moment: Moment) -> dict[str, Any]:
    answer = ledger.why(key, moment)
    return {
        "tier": answer["tier"], "rule": answer["rule"], "policy_version": answer["policy_version"],
        "previous_tier": answer["previous_tier"], "changed_on": answer["changed_on"], "inputs": answer["inputs"],
        "causes": sorted((c["client"], c["type"], c["occurred_on"]) for c in answer["causes"]),
        "chain": [(c["occurred_on"], c["from_tier"], c["to_tier"], c["rule"]) for c in answer["tier_changes"]],
        "inputs_at_each_step": [c["inputs"] for c in answer["tier_changes"]],
    }


def history_view(ledger: Ledger, key: str, moment: Moment) -> list[tuple]:
    """The facts effective by the day, in business-date order (one day's facts in an order of their own)."""
    events = ledger.history(key, moment)
    assert [e["occurred_on"] for e in events] == sorted(e["occurred_on"] for e in events)
    facts = without_recording(events)
    return sorted((f.pop("occurred_on"), f.pop("type"), json.dumps(f, sort_keys=True)) for f in facts)


def client_view(ledger: Ledger, key: str, moment: Moment) -> dict[str, Any]:
    return without_recording(ledger.client(key, moment))


def business_time_views(ledger: Ledger, facts: list[Fact], day: date, as_of: datetime | None = None) -> dict[str, Any]:
    """The business-time views of the ledger on the day, as recorded by as_of (default: now): the
    standings; for each client registered by then its history on each of its own dates, and the
    client and why on a date in the middle of its story and after the last (the standings hold every
    date's tiers and inputs; why's chain is the whole story up to its date)."""
    moment = Moment(as_of, day)
    views: dict[str, Any] = {"standings": standings_view(ledger, moment)}
    last = max(f.day for f in facts) + timedelta(days=1)
    for key in sorted({f.key for f in facts if f.method == "register_client" and f.day <= day}):
        own = sorted({f.day for f in facts if f.key == key})
        if day in own or day == last:
            views[f"history {key}"] = history_view(ledger, key, moment)
        if day in (own[len(own) // 2], last):
            views[f"client {key}"] = client_view(ledger, key, moment)
            views[f"why {key}"] = why = why_view(ledger, key, moment)
            [standing] = [row for row in views["standings"] if row[0] == key]
            assert (why["tier"], why["rule"]) == standing[2:4], f"why {key} and the standings disagree on {day}"
    return views


# Fresh ledgers, cheaply. On SQLite, copies of an empty ledger file, in memory (/dev/shm) where
# there is one: making the tables and waiting for the disk are most of the cost of a new ledger. On
# PostgreSQL two databases made once, emptied before each example, that do not wait for the disk
# at each commit (synchronous_commit off: a crash may lose their last transactions, not corrupt
# them). PostgreSQL costs about three times as much per example, so it has fewer: the logic is the
# same on both, what PostgreSQL adds is its SQL.

IN_MEMORY = Path("/dev/shm")


@pytest.fixture(scope="module")
def sqlite_pairs(tmp_path_factory) -> Iterator[Callable[[], tuple[str, str]]]:
    base = Path(tempfile.mkdtemp(prefix="kam-oracle-", dir=IN_MEMORY)) if IN_MEMORY.is_dir() else tmp_path_factory.mktemp("oracle")
    empty = base / "empty.db"
    bootstrap(resolve_store(f"sqlite:///{empty}")).close()
    made = itertools.count()

    def fresh_pair() -> tuple[str, str]:
        directory = base / str(next(made))
        directory.mkdir()
        for name in ("in-date-order.db", "as-typed.db"):
            shutil.copyfile(empty, directory / name)
        return f"sqlite:///{directory / 'in-date-order.db'}", f"sqlite:///{directory / 'as-typed.db'}"

    try:
        yield fresh_pair
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_pairs() -> Iterator[Callable[[], tuple[str, str]]]:
    with fresh_postgres_database() as first, fresh_postgres_database() as second:
        for url in (first, second):
            run_sql(url, f"ALTER DATABASE {make_url(url).database} SET synchronous_commit = off")

        def emptied_pair() -> tuple[str, str]:
            for url in (first, second):
                run_sql(url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
            return first, second

        yield emptied_pair


def run_sql(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@contextmanager
def ledger_with(url: str, facts: list[Fact], one_by_one: bool) -> Iterator[Ledger]:
    """A ledger with the facts entered in the order given: one command each, as a coach types
    them, or together in one unit of work, as an import enters them."""
    ledger = bootstrap(resolve_store(url))
    try:
        if one_by_one:
            for n, fact in enumerate(facts):
                fact.enter(ledger, RECORDERS[n % len(RECORDERS)])
        else:  # a policy adoption is no command of a unit of work: one unit of work before it, one after
            adoptions = [n for n, fact in enumerate(facts) if fact.method == "adopt_policy"]
            for start, end in zip([0, *(n + 1 for n in adoptions)], [*adoptions, len(facts)]):
                with ledger.bulk() as bulk:
                    for n, fact in enumerate(facts[start:end], start):
                        fact.enter(bulk, RECORDERS[n % len(RECORDERS)])
                if end < len(facts):
                    facts[end].enter(ledger, RECORDERS[end % len(RECORDERS)])
        yield ledger
    finally:
        ledger.close()


def assert_the_same_views(urls: tuple[str, str], story: tuple[list[Fact], list[Fact]]) -> None:
    """The facts in business-date order are entered together (as an import would: a ledger's
    business-time views do not depend on how its facts were entered either); in the other order,
    one command at a time, as typed, with back-dated facts among them."""
    in_date_order, shuffled = story
    with ledger_with(urls[0], in_date_order, one_by_one=False) as by_date, \
            ledger_with(urls[1], shuffled, one_by_one=True) as as_typed:
        for day in dates_to_compare(in_date_order):
            expected = business_time_views(by_date, in_date_order, day)
            assert business_time_views(as_typed, shuffled, day) == expected, f"the views effective {day} differ"


ORACLE = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@settings(ORACLE, max_examples=12)
@given(story=stories())
def test_the_same_dated_facts_in_any_order_give_the_same_business_time_views_on_every_date_on_sqlite(sqlite_pairs, story):
    assert_the_same_views(sqlite_pairs(), story)


@settings(ORACLE, max_examples=6)
@given(story=stories())
def test_the_same_dated_facts_in_any_order_give_the_same_business_time_views_on_every_date_on_postgres(postgres_pairs, story):
    assert_the_same_views(postgres_pairs(), story)


@settings(ORACLE, max_examples=6)
@given(story=stories(), data=st.data())
def test_as_recorded_by_a_moment_the_views_on_a_date_are_those_of_the_facts_typed_by_then(sqlite_pairs, story, data):
    """--as-of and --effective together: the ledger as recorded by a moment between two entries
    shows, on each date, what a ledger of only the facts typed by then shows on that date."""
    _, as_typed_order = story
    typed_by_then = as_typed_order[: data.draw(st.integers(1, len(as_typed_order) - 1), label="facts typed by then")]
    known_then_url, as_typed_url = sqlite_pairs()
    with ledger_with(known_then_url, sorted(typed_by_then, key=in_business_date_order), one_by_one=False) as known_then, \
            ledger_with(as_typed_url, typed_by_then, one_by_one=True) as as_typed:
        moment = an_instant()
        for n, fact in enumerate(as_typed_order[len(typed_by_then):]):
            fact.enter(as_typed, RECORDERS[n % len(RECORDERS)])
        for day in dates_to_compare(typed_by_then):
            expected = business_time_views(known_then, typed_by_then, day)
            assert business_time_views(as_typed, typed_by_then, day, as_of=moment) == expected, f"the views effective {day} differ"


def assert_the_kept_moves_are_those_walked(urls: tuple[str, str], story: tuple[list[Fact], list[Fact]], data: st.DataObject) -> None:
    """The tier moves by business date (owners and reviews) are kept between reads and walked again
    from the first date a later fact changed, up to the end of the period read: read between
    entries typed in any order, over any period, they are what a walk over the whole story gives,
    and at the end what the facts in date order give."""
    in_date_order, shuffled = story
    first, last = min(f.day for f in shuffled), max(f.day for f in shuffled) + timedelta(days=1)
    every_day = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    fact_days = sorted({f.day for f in shuffled})  # where moves happen: a period read from or to one of them
    with ledger_with(urls[0], in_date_order, one_by_one=False) as by_date, ledger_with(urls[1], [], one_by_one=True) as as_typed:
        for n, fact in enumerate(shuffled):
            fact.enter(as_typed, RECORDERS[n % len(RECORDERS)])
            if data.draw(st.booleans(), label=f"read after {fact.name}"):
                start = data.draw(st.sampled_from([None, *fact_days]) | st.sampled_from(every_day), label="from")
                end = data.draw(st.sampled_from([day for day in fact_days + every_day if start is None or day >= start]), label="to")
                walked = BusinessTime(as_typed).walk(first, last)
                within = [m for m in walked if (start is None or m["occurred_on"] >= start.isoformat()) and m["occurred_on"] <= end.isoformat()]
                assert as_typed.tier_moves(start, end) == within
                assert_counted_per_owner(as_typed, start or first, end, within)
        walked = BusinessTime(as_typed).walk(first, last)
        assert as_typed.tier_moves(None, last) == walked == by_date.tier_moves(None, last)
        assert_counted_per_owner(as_typed, first, last, walked)


def assert_counted_per_owner(ledger: Ledger, start: date, end: date, moves: list[dict[str, Any]]) -> None:
    """The moves counted per owner (kam owners) are the clients' moves each for the owner of its
    day, as the owner marks say."""
    reads = ledger.read_models.portfolio
    clients, marks = dict(reads.clients("key", "owner")), reads.owner_marks()
    per_owner = Counter((said_on(marks.get(m["key"]), date.fromisoformat(m["occurred_on"]), clients[m["key"]]), m["from_tier"], m["to_tier"])
                        for m in moves if m["key"] in clients)
    assert sorted(ledger.tier_moves_by_owner(start, end), key=str) == sorted(((*move, n) for move, n in per_owner.items()), key=str)


@settings(ORACLE, max_examples=10)
@given(story=stories(), data=st.data())
def test_the_tier_moves_kept_between_entries_are_those_walked_afresh_on_sqlite(sqlite_pairs, story, data):
    assert_the_kept_moves_are_those_walked(sqlite_pairs(), story, data)


@settings(ORACLE, max_examples=4)
@given(story=stories(), data=st.data())
def test_the_tier_moves_kept_between_entries_are_those_walked_afresh_on_postgres(postgres_pairs, story, data):
    assert_the_kept_moves_are_those_walked(postgres_pairs(), story, data)


def test_a_policy_adopted_back_dated_after_the_moves_were_read_moves_them_from_its_date(database_url):
    """a leads the Pareto head (gold) from its value on; the tier moves are read (and kept); then a
    policy without the Pareto rule is adopted, dated before the read: a's tier falls on its date."""
    facts = [
        *(Fact(f"{k}:registered", k, "register_client", (k, k.upper(), None), date(2025, 1, 1)) for k in "ab"),
        Fact("a:score", "a", "score", ("a", [8] * 12, None), date(2025, 1, 5)),
        Fact("a:value", "a", "record_value", ("a", "2024", "9000", "0"), date(2025, 1, 10)),
        Fact("b:value", "b", "record_value", ("b", "2024", "100", "0"), date(2025, 1, 10)),
    ]
    with ledger_with(database_url, facts, one_by_one=True) as ledger:
        assert [(m["key"], m["to_tier"]) for m in ledger.tier_moves(date(2025, 1, 10), date(2025, 6, 30))] == [("a", "gold"), ("b", "silver")]
        Fact("policy", PORTFOLIO, "adopt_policy", (str(policy_without_pareto()), "no Pareto"), date(2025, 3, 1)).enter(ledger, "ann")
        moves = ledger.tier_moves(date(2025, 1, 10), date(2025, 6, 30))
        assert [(m["occurred_on"], m["key"], m["from_tier"], m["policy_version"]) for m in moves][2:] == [("2025-03-01", "a", "gold", "v2")]
        assert moves == BusinessTime(ledger).walk(date(2025, 1, 1), date(2025, 6, 30))[-len(moves):]


def an_instant() -> datetime:
    """A real instant between two entries, clear of both (recording time is the clock's)."""
    time.sleep(0.005)
    instant = datetime.now(UTC)
    time.sleep(0.005)
    return instant


def typed_in_this_order(*facts: Fact) -> tuple[list[Fact], list[Fact]]:
    """A story as stories() gives it: in business-date order, and in the order given."""
    return sorted(facts, key=in_business_date_order), list(facts)


# b's score of 2025-03-21 puts it in the Pareto head with a (as typed so far); c's value, dated
# 2025-01-02 and typed last, pushes b out of the head on every date from then: b is silver on
# 2025-03-21 by business date only since c's value was recorded.
ANOTHER_CLIENT_MOVES_THE_HEAD = typed_in_this_order(
    *(Fact(f"{k}:registered", k, "register_client", (k, k.upper(), None), date(2025, 1, 1)) for k in "abc"),
    Fact("a:value", "a", "record_value", ("a", "2024", "1500", "0"), date(2025, 1, 1)),
    Fact("b:score:low", "b", "score", ("b", [2] * 11 + [1], None), date(2025, 1, 27)),
    Fact("b:value", "b", "record_value", ("b", "2024", "600", "0"), date(2025, 3, 8)),
    Fact("b:score:high", "b", "score", ("b", [7] * 11 + [8], None), date(2025, 3, 21)),
    Fact("c:value", "c", "record_value", ("c", "2024", "2500", "0"), date(2025, 1, 2)),
)


@settings(ORACLE, max_examples=8)
@example(story=ANOTHER_CLIENT_MOVES_THE_HEAD)
@given(story=stories())
def test_each_step_of_a_chain_held_as_recorded_by_the_moment_it_says_it_was_recorded(sqlite_pairs, story):
    """why's steps by business date say when each became known: read the ledger as recorded by then
    (--as-of), effective the step's date, and the client had the step's tier."""
    _, as_typed_order = story
    last = max(f.day for f in as_typed_order) + timedelta(days=1)
    with ledger_with(sqlite_pairs()[1], as_typed_order, one_by_one=True) as as_typed:
        for key in sorted({f.key for f in as_typed_order if f.method == "register_client"}):
            for step in as_typed.why(key, parse_moment(effective=last.isoformat()))["tier_changes"]:
                then = parse_moment(as_of=step["recorded_at"], effective=step["occurred_on"])
                [row] = [r for r in as_typed.standings(then) if r["key"] == key]
                assert row["tier"] == step["to_tier"], f"{key} {step['occurred_on']} as recorded by {step['recorded_at']}"
                recorded_on = datetime.fromisoformat(step["recorded_at"]).date()
                assert step["back_dated"] == (recorded_on > date.fromisoformat(step["occurred_on"]))


# What a fact says of the state before it, by business date

@pytest.fixture
def ledger(database_url) -> Iterator[Ledger]:
    opened = bootstrap(resolve_store(database_url))
    opened.register_client("acme", "Acme", "ann", make_entry("2026-01-05", "ann"))
    yield opened
    opened.close()


def effective_history(ledger: Ledger, kind: str, *fields: str) -> list[tuple]:
    history = ledger.history("acme", parse_moment(effective="2026-06-30"))
    return [(e["occurred_on"], *(e[f] for f in fields)) for e in history if e["type"] == kind]


def test_a_back_dated_pyramid_move_between_two_others_shows_the_level_before_it_by_business_date(ledger):
    ledger.change_pyramid_level("acme", "cooperation", "a joint project", make_entry("2026-03-01", "ann"))
    ledger.change_pyramid_level("acme", "synergy", "found in the February minutes", make_entry("2026-02-01", "ann"))
    assert effective_history(ledger, "PyramidLevelChanged", "direction", "from_level", "to_level") == [
        ("2026-02-01", "up", "transactional", "synergy"),
        ("2026-03-01", "down", "synergy", "cooperation"),
    ]


def test_a_back_dated_owner_change_before_another_shows_the_owner_before_it_by_business_date(ledger):
    ledger.assign_owner("acme", "cid", make_entry("2026-05-01", "ann"))
    ledger.assign_owner("acme", "bob", make_entry("2026-04-01", "ann"))
    assert effective_history(ledger, "OwnerAssigned", "previous_owner", "owner") == [
        ("2026-04-01", "ann", "bob"),
        ("2026-05-01", "bob", "cid"),
    ]


def test_the_review_of_a_period_tells_the_owners_and_moves_by_business_date(ledger):
    from kamledger.reports.report import ReviewPeriod
    from kamledger.reports.review import client_review
    from kamledger.service.queries.reviews import client_review_data

    ledger.change_pyramid_level("acme", "cooperation", "a joint project", make_entry("2026-03-01", "ann"))
    ledger.change_pyramid_level("acme", "synergy", "found in the February minutes", make_entry("2026-02-01", "ann"))
    ledger.assign_owner("acme", "cid", make_entry("2026-05-01", "ann"))
    ledger.assign_owner("acme", "bob", make_entry("2026-04-01", "ann"))
    assert ledger.client("acme")["owner"] == "cid"
    period = ReviewPeriod(date(2026, 1, 1), date(2026, 6, 30))
    report = client_review(**client_review_data(ledger, "acme", period.end), period=period, prepared="2026-07-01 by ann")
    assert ("Owner", "cid") in report.fields
    moves = [row[:4] for row in report.section("Pyramid moves").rows]
    assert [tuple(map(str, move)) for move in moves] == [
        ("2026-02-01", "up", "transactional", "synergy"), ("2026-03-01", "down", "synergy", "cooperation")]
    owners = [tuple(map(str, row[:3])) for row in report.section("Owner changes").rows]
    assert owners == [("2026-04-01", "ann", "bob"), ("2026-05-01", "bob", "cid")]
