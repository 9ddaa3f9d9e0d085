"""A property of prospects and former clients (hypothesis): whatever order their dated facts are
typed in, on every business date the standings hold exactly the relationships that were clients
then (never a prospect, never a client that had left), the same as when typed in date order; and
now, the Pareto view, the matrix, the surveys due and the owners' counts hold only clients.

Facts that would be refused in some order are held back until what they need is typed (a value of
a won prospect after its win, a win back after the loss), as the business-time oracle does.
"""

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamledger.domain.surveys import SurveyCadence
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.moments import Moment
from kamledger.service.queries.pipeline import Pipeline
from kamledger.service.infrastructure.store import resolve_store
from tests.test_business_time_oracle import Fact

FIRST_DAY = date(2025, 1, 1)
ANSWERS = {"ideal": [9] * 12, "workable": [7] * 12, "decline": [4] * 12}


def later(draw, day: date, most: int = 60) -> date:
    return day + timedelta(days=draw(st.integers(1, most)))


@st.composite
def relationship_story(draw, key: str) -> tuple[list[Fact], list[tuple[date, str]]]:
    """The facts of one relationship and its stage marks (date, stage): a client, a client that
    leaves (and maybe comes back), or a prospect that stays open, is lost or is won."""
    registered_on = FIRST_DAY + timedelta(days=draw(st.integers(0, 30)))
    kind = draw(st.sampled_from(("client", "leaver", "open", "lost", "won")))
    facts: list[Fact] = []

    def add(what: str, method: str, args: tuple, day: date, needs: str | None = None) -> str:
        name = f"{key}:{what}"
        facts.append(Fact(name, key, method, (key, *args), day, needs))
        return name

    score = draw(st.sampled_from(sorted(ANSWERS)))
    if kind in ("client", "leaver"):
        facts.append(Fact(f"{key}:registered", key, "register_client", (key, key.title(), "ann"), registered_on))
        marks = [(registered_on, "client")]
        add("value", "record_value", ("2025", draw(st.sampled_from(("900", "5000", "20000"))), "0"), later(draw, registered_on, 90))
    else:
        facts.append(Fact(f"{key}:registered", key, "add_prospect",
                          (key, key.title(), draw(st.sampled_from(("ann", "bob"))), None, None, "10000"), registered_on))
        marks = [(registered_on, "prospect")]
    add("score", "score", (ANSWERS[score], None), later(draw, registered_on))
    if kind == "leaver":
        left = later(draw, registered_on, 120)
        lost = add("lost", "lose_client", ("went to a competitor",), left)
        marks.append((left, "former"))
        if draw(st.booleans()):
            back = later(draw, left, 120)
            add("back", "win_back_client", ("won back",), back, lost)
            marks.append((back, "client"))
    elif kind == "lost":
        add("lost", "lose_prospect", ("chose someone else",), later(draw, registered_on))
    elif kind == "won":
        won_on = later(draw, registered_on)
        won = add("won", "win_prospect", ("signed",), won_on)
        marks.append((won_on, "client"))
        add("value", "record_value", ("2026", draw(st.sampled_from(("900", "5000", "20000"))), "0"), later(draw, won_on), won)
    return facts, marks


@st.composite
def stories(draw):
    told = [draw(relationship_story(f"r{n}")) for n in range(draw(st.integers(2, 4)))]
    facts = [fact for story, _ in told for fact in story]
    marks = {story[0].key: sorted(stages) for story, stages in told}
    shuffled = [facts[i] for i in draw(st.permutations(range(len(facts))))]
    return sorted(facts, key=in_business_date_order), respecting_needs(shuffled), marks


def in_business_date_order(fact: Fact) -> tuple:
    return fact.day, not fact.name.endswith(":registered"), fact.name


def respecting_needs(facts: list[Fact]) -> list[Fact]:
    """The facts in the order given, each held back until its relationship's registration and the
    fact it needs have been typed."""
    typed: set[str] = set()
    ordered: list[Fact] = []
    waiting = list(facts)
    while waiting:
        ready = next(f for f in waiting if f.name.endswith(":registered")
                     or (f"{f.key}:registered" in typed and (f.needs is None or f.needs in typed)))
        waiting.remove(ready)
        ordered.append(ready)
        typed.add(ready.name)
    return ordered


def clients_on(marks: dict[str, list[tuple[date, str]]], day: date) -> set[str]:
    """The relationships registered by the day whose latest stage on it is client."""
    return {key for key, stages in marks.items()
            if stages[0][0] <= day and [stage for on, stage in stages if on <= day][-1] == "client"}


@pytest.fixture(scope="module")
def empty_ledger_file(tmp_path_factory):
    base = Path(tempfile.mkdtemp(prefix="kam-prospects-", dir="/dev/shm")) if Path("/dev/shm").is_dir() else tmp_path_factory.mktemp("p")
    empty = base / "empty.db"
    bootstrap(resolve_store(f"sqlite:///{empty}")).close()
    yield base, empty
    shutil.rmtree(base, ignore_errors=True)


def typed(base: Path, empty: Path, name: str, facts: list[Fact]) -> Ledger:
    path = base / name
    shutil.copyfile(empty, path)
    ledger = bootstrap(resolve_store(f"sqlite:///{path}"))
    for fact in facts:
        fact.enter(ledger, "coach")
    return ledger


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(story=stories())
def test_only_clients_are_in_the_portfolio_on_every_date_whatever_the_order_typed(empty_ledger_file, story):
    in_date_order, as_typed, marks = story
    base, empty = empty_ledger_file
    run = next(tempfile._get_candidate_names())
    one, two = typed(base, empty, f"{run}-dated.db", in_date_order), typed(base, empty, f"{run}-typed.db", as_typed)
    try:
        days = sorted({fact.day for fact in in_date_order} | {fact.day - timedelta(days=1) for fact in in_date_order})
        for day in days:
            moment = Moment(effective=day)
            shown = two.standings(moment)
            assert {row["key"] for row in shown} == clients_on(marks, day), day
            assert [(r["key"], r["tier"], r["profit"]) for r in shown] == [(r["key"], r["tier"], r["profit"]) for r in one.standings(moment)]
        now = clients_on(marks, date.max)
        standings = two.standings()
        assert {row["key"] for row in standings} == now
        pareto = two.pareto()
        assert {row["key"] for row in pareto["rows"] + pareto["others"]} == now  # every client of the story has a value
        assert {row["key"] for row in two.matrix()} == now
        surveyed = {row["key"] for row in standings if row["tier"] in ("gold", "silver")}  # none surveyed yet: all due
        assert {row["key"] for row in two.surveys_due(date.today(), SurveyCadence())} == surveyed
        assert sum(row["clients"] for row in two.owners(date.today(), SurveyCadence())) == len(now)
        never_clients = {key for key, stages in marks.items() if all(stage == "prospect" for _, stage in stages)}
        for key in never_clients:
            assert not [e for e in two.history(key) if e["type"] == "TierChanged"], key
        assert Pipeline(two).prospects() == Pipeline(one).prospects()
    finally:
        one.close()
        two.close()
