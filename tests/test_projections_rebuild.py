"""The read models hold nothing the events do not: kept current command by command, or rebuilt
from the whole log in one go or in batches of any size, or caught up after a crash half-way, they
are the same row for row."""

import random
import tempfile
from dataclasses import dataclass, field
from functools import partial
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select, text

from kamledger.domain.errors import KamError
from kamledger.domain.relationship import Relationship
from kamledger.projections import ledger_projection, read_models
from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.log_parts import part_of, part_pages
from kamledger.projections.tables import (
    effort, owner_marks, people, person_links, pipeline, problems, pyramid_moves, scores, standings, survey_answers, timeline, tier_decisions,
    tracking, value_entries,
)
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.queries.rebuild import rebuild_read_models
from kamledger.service.infrastructure.store import resolve_store

RECORDERS = ("ann", "ben", "chloe", "dev")
PERIODS = ("2025", "2025-H2", "2025-Q3", "2025-Q4", "2025-11", "2026-Q1", "2026-03", "2026-Q2")  # some overlap
LEVELS = ("transactional", "cooperation", "partnership", "synergy")
DIMENSIONS = ("strategic", "referral", "educational", "potential")
SIGNALS = ("cost-to-serve", "low-profit", "harm-to-team")
PEOPLE = ("cfo", "buyer", "cto")
FIRST_DAY, DAYS = date(2025, 1, 1), 540


@dataclass(frozen=True)
class Command:
    """One Ledger command as a coach would give it: the method, its values, the date and recorder."""

    method: str
    args: tuple
    at: str
    by: str

    def run(self, ledger: Ledger) -> None:
        getattr(ledger, self.method)(*self.args, make_entry(self.at, self.by))


def random_commands(rng: random.Random, clients: int, facts: int) -> list[Command]:
    """Registrations of `clients` clients, interleaved with `facts` random facts about the clients
    registered so far. Most are valid; some are refused (an overlapping period, a pyramid level
    already reached, the same owner again, a burden resolved twice)."""
    pending = [f"client-{n:03d}" for n in range(clients)]
    registered: dict[str, Noted] = {}
    commands = []
    while pending or facts:
        if pending and (not registered or rng.random() < len(pending) / (len(pending) + facts)):
            key = pending.pop(0)
            registered[key] = Noted()
            owner = rng.choice((None, *RECORDERS))
            # registered on the first day: nothing can be recorded for a client before its registration
            commands.append(Command("register_client", (key, key.replace("-", " ").title(), owner), FIRST_DAY.isoformat(), rng.choice(RECORDERS)))
        else:
            commands.append(random_fact(rng, registered))
            facts -= 1
    return commands


@dataclass
class Noted:
    """What the generator remembers of a client, to resolve burdens and clear overrides that exist."""

    burdens: set[str] = field(default_factory=set)
    override: bool = False


def random_fact(rng: random.Random, registered: dict[str, Noted]) -> Command:
    kind = rng.choices(
        ("value", "score", "survey", "pyramid", "note", "burden", "resolve", "override", "clear", "owner", "effort", "problem",
         "contact", "link"),
        weights=(24, 20, 8, 9, 10, 8, 6, 5, 4, 6, 4, 3, 3, 3),
    )[0]
    # resolving and clearing mostly pick a client with something to resolve or clear
    with_something = [k for k, n in registered.items() if (n.burdens if kind == "resolve" else n.override)]
    if kind in ("resolve", "clear") and with_something and rng.random() < 0.8:
        key = rng.choice(with_something)
    else:
        key = rng.choice(list(registered))
    noted = registered[key]
    if kind == "resolve" and noted.burdens and rng.random() < 0.8:
        signal = rng.choice(sorted(noted.burdens))
        noted.burdens.discard(signal)
        args, method = (signal, "no longer seen"), "resolve_burden"
    elif kind in ("burden", "resolve"):
        signal = rng.choice(SIGNALS)
        noted.burdens.add(signal)
        args, method = (signal, "seen in the account review"), "note_burden"
    elif kind == "clear" and (noted.override or rng.random() < 0.2):
        noted.override = False
        args, method = ("review: the policy decides again",), "clear_tier_override"
    elif kind in ("override", "clear"):
        noted.override = True
        args, method = (rng.choice(("gold", "silver", "bronze")), "the coach's judgement"), "override_tier"
    elif kind == "value":
        revenue, cost = rng.randint(0, 200_000), rng.randint(0, 150_000)
        args = (rng.choice(PERIODS), f"{revenue}.{rng.randint(0, 99):02d}", str(cost))
        method = "record_value"
    elif kind == "score":
        level = rng.randint(2, 10)
        args = ([min(10, max(1, level + rng.randint(-1, 1))) for _ in range(12)], rng.choice((None, "after the workshop")))
        method = "score"
    elif kind == "survey":
        args, method = (rng.randint(1, 10), rng.randint(0, 10), rng.choice((None, "fast answers"))), "answer_survey"
    elif kind == "pyramid":
        args, method = (rng.choice(LEVELS), "how we work together changed"), "change_pyramid_level"
    elif kind == "note":
        args = (rng.choice(DIMENSIONS), rng.choice(("low", "medium", "high")), "seen in the account review")
        method = "note_value_dimension"
    elif kind == "effort":
        args, method = (f"{rng.randint(1, 40) / 4}", rng.choice(("support", "meetings", "rework")), None), "spend_effort"
    elif kind == "problem":
        args, method = ("late deliveries", rng.choice(("low", "medium", "high"))), "note_problem"
    elif kind == "contact":  # the same person again is refused
        person = rng.choice(PEOPLE)
        args = (person, person.title(), "buyer", rng.choice(("purchasing", "it")), rng.choice(("executive", "manager")),
                rng.choice(("champion", "neutral", "blocker")), rng.random() < 0.3)
        method = "add_contact"
    elif kind == "link":  # a person not at the client is refused
        args, method = (rng.choice(PEOPLE), rng.choice(RECORDERS), rng.randint(1, 5)), "link_contact"
    else:
        args, method = (rng.choice(RECORDERS),), "assign_owner"
    return Command(method, (key, *args), _day(rng), rng.choice(RECORDERS))


def _day(rng: random.Random) -> str:
    return (FIRST_DAY + timedelta(days=rng.randint(0, DAYS))).isoformat()


def play(ledger: Ledger, commands: list[Command]) -> int:
    """Run the commands; returns how many the ledger refused."""
    refused = 0
    for command in commands:
        try:
            command.run(ledger)
        except KamError:
            refused += 1
    return refused


def read_model_rows(ledger: Ledger) -> dict[str, list[dict]]:
    with ledger.read_models.engine.connect() as connection:
        return {
            table.name: [  # a generated id aside (a sequence on PostgreSQL moves on in a transaction rolled back)
                {name: value for name, value in row._mapping.items() if name != "id"}
                for row in connection.execute(select(table).order_by(*(table.c.key, table.c.version) if "id" in table.c else table.primary_key))
            ]
            for table in (standings, timeline, tracking, survey_answers, owner_marks, scores, value_entries, pyramid_moves, effort,
                          problems, people, person_links, pipeline, tier_decisions)
        }


def notification_ids(ledger: Ledger) -> list[int]:
    ids, start = [], None
    while page := ledger.recorder.select_notifications(start=start, limit=1000, inclusive_of_start=False):
        ids += [notification.id for notification in page]
        start = page[-1].id
    return ids


def policy_file(directory: Path, version: str, pareto_share: str) -> str:
    """The shipped tier policy under another version, with another part for the Pareto head."""
    shipped = files("kamledger.service").joinpath("defaults", "tier-policy-v1.toml").read_text()
    text = shipped.replace('version = "v1"', f'version = "{version}"').replace(
        'pareto_share = "0.8"', f'pareto_share = "{pareto_share}"')
    path = directory / f"tier-policy-{version}.toml"
    path.write_text(text)
    return str(path)


@pytest.fixture
def open_ledger():
    opened: list[Ledger] = []

    def open_(url: str) -> Ledger:
        opened.append(bootstrap(resolve_store(url)))
        return opened[-1]

    yield open_
    for ledger in opened:
        ledger.close()


@pytest.mark.parametrize("backend, clients, facts", [
    ("sqlite", 200, 400),
    ("postgres", 50, 150),  # psycopg's pure-Python libpq wrapper makes each command about 3x slower here
])
def test_read_models_rebuilt_from_the_log_equal_the_ones_kept_current_command_by_command(
    request, open_ledger, tmp_path, backend, clients, facts,
):
    ledger = open_ledger(request.getfixturevalue(f"{backend}_url"))
    commands = random_commands(random.Random(20261123), clients=clients, facts=facts)
    middle = len(commands) // 2
    refused = play(ledger, commands[:middle])
    ledger.adopt_policy(policy_file(tmp_path, "v2", "0.6"), "a narrower Pareto head", make_entry("2026-02-01", "ann"))
    refused += play(ledger, commands[middle:])
    kept_current = read_model_rows(ledger)

    assert rebuild_read_models(ledger) == len(notification_ids(ledger))
    assert read_model_rows(ledger) == kept_current

    # the portfolio was worth checking: every client, every kind of fact, tiers that moved
    assert len(kept_current["kam_standings"]) == clients
    kinds = {row["type"] for row in kept_current["kam_timeline"]}
    assert kinds >= {"Registered", "ValueRecorded", "Scored", "SurveyAnswered", "PyramidLevelChanged",
                     "ValueDimensionNoted", "BurdenSignalNoted", "BurdenSignalResolved", "TierOverridden",
                     "TierOverrideCleared", "OwnerAssigned", "TierChanged", "PolicyAdopted"}
    assert sum(row["type"] == "TierChanged" for row in kept_current["kam_timeline"]) > clients // 2
    assert 0 < refused < len(commands) // 4
    assert {row["tier"] for row in kept_current["kam_standings"]} == {"gold", "silver", "bronze", "unrated"}


@pytest.mark.parametrize("parts", [2, 3])
def test_a_rebuild_in_several_processes_equals_the_read_models_kept_current(open_ledger, database_url, parts, tmp_path):
    ledger = open_ledger(database_url)
    play(ledger, random_commands(random.Random(parts), clients=30, facts=120))
    kept_current = read_model_rows(ledger)
    (set_up_marks := tmp_path / "set-up").mkdir()
    set_up = partial(tempfile.mkstemp, dir=set_up_marks)  # a file of its own for each process it sets up

    assert rebuild_read_models(ledger, parts=parts, process_setup=set_up) == len(notification_ids(ledger))
    assert len(list(set_up_marks.iterdir())) == parts - 1  # each process started for a part, and only those
    assert read_model_rows(ledger) == kept_current
    assert inspect(ledger.read_models.engine).get_indexes("kam_timeline") == []  # its rows by client: through the log's own index
    assert {part_of(row["client_id"], parts) for row in kept_current["kam_standings"]} == set(range(parts))


def test_postgresql_counts_the_rows_again_after_many_events_projected_at_once_not_after_a_command(open_ledger, postgres_url, monkeypatch):
    """PostgreSQL plans each query by the statistics ANALYZE gathers (its autovacuum, off on this
    machine's server, would gather them in its own time): a catch-up of many events, as after a bulk
    import, and a rebuild in one process or in several gather them again; a command's few events do
    not (each would pay for the whole database's ANALYZE)."""
    monkeypatch.setattr(ledger_projection, "COUNT_AGAIN_FROM", 20)
    ledger = open_ledger(postgres_url)

    def analyzed() -> object:
        with ledger.read_models.engine.connect() as connection:
            return connection.execute(text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'kam_value_entries'")).scalar()

    play(ledger, random_commands(random.Random(5), clients=5, facts=25))
    assert analyzed() is None
    assert ledger_projection.rebuild(ledger, ledger.read_models) >= 20
    after_one = analyzed()
    assert after_one is not None
    rebuild_read_models(ledger, parts=2)
    assert analyzed() > after_one


def test_a_tier_changed_alone_is_projected_as_from_the_whole_standing_a_won_prospects_pipeline_row_too(open_ledger, database_url):
    """A command's tier changes are projected after its own events, each client's alone: only the
    tier's columns of its standings row change (ProjectionBatch.tier_changed), and of a won prospect's
    pipeline row its last tier; the same rows as the rebuild in parts makes from the whole Standing."""
    ledger = open_ledger(database_url)
    ledger.add_prospect("acme", "Acme", "ann", "fair", 60, "50000", make_entry("2026-01-05", "ann"))
    ledger.register_client("globex", "Globex", "ben", make_entry("2026-01-05", "ben"))
    ledger.score("acme", [9] * 12, None, make_entry("2026-01-10", "ann"))
    ledger.win_prospect("acme", "signed", make_entry("2026-02-01", "ann"))
    changes = ledger.record_value("acme", "2026-Q1", "90000", "20000", make_entry("2026-03-31", "ann"))
    changes += ledger.record_value("globex", "2026-Q1", "10000", "9000", make_entry("2026-03-31", "ben"))
    kept_current = read_model_rows(ledger)
    [acme_row] = [row for row in kept_current["kam_pipeline"] if row["key"] == "acme"]
    [acme] = [row for row in kept_current["kam_standings"] if row["key"] == "acme"]

    assert [(c.key, c.to_tier) for c in changes] == [("acme", "gold"), ("globex", "silver")]
    assert acme_row["last_tier"] == acme["tier"] == "gold" and "tier" not in acme["standing"]
    assert acme["tier_ref"][0] == max(row["version"] for row in kept_current["kam_timeline"] if row["client_key"] == "acme")
    assert ledger.read_models.standing("acme") == ledger.relationship("acme").standing
    rebuild_read_models(ledger, parts=2)
    assert read_model_rows(ledger) == kept_current


@pytest.mark.parametrize("recorders", ["native", "sqlalchemy"])
def test_the_shares_of_the_log_hold_every_event_once_with_its_clients_part(open_ledger, database_url, recorders, monkeypatch):
    monkeypatch.setenv("KAM_EVENT_STORE", recorders)
    ledger = open_ledger(database_url)
    play(ledger, random_commands(random.Random(7), clients=20, facts=60))
    everything = ledger.recorder.select_notifications(start=None, limit=10_000)
    stop = everything[-2].id  # the last event is past the stop

    for part in range(3):
        pages = list(part_pages(ledger.recorder, part, 3, stop, limit=7))
        assert all(0 < len(page) <= 7 for page in pages[:-1])
        selected = [notification for page in pages for notification in page]
        assert selected == [n for n in everything[:-1] if part_of(n.originator_id, 3) == part]
        assert len(selected) > 0


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(rng=st.randoms(use_true_random=False), batch_size=st.integers(min_value=1, max_value=40))
def test_read_models_projected_from_scratch_in_batches_of_any_size_equal_the_ones_kept_current(rng, batch_size):
    with tempfile.TemporaryDirectory() as directory:
        ledger = bootstrap(resolve_store(f"sqlite:///{directory}/ledger.db"))
        try:
            play(ledger, random_commands(rng, clients=rng.randint(1, 8), facts=rng.randint(0, 40)))
            kept_current = read_model_rows(ledger)
            ledger.read_models.reset()
            assert catch_up(ledger, ledger.read_models, batch_size=batch_size) == len(notification_ids(ledger))
            assert read_model_rows(ledger) == kept_current
        finally:
            ledger.close()


class Crash(Exception):
    """The process died here."""


def crash_after(calls: int, real):
    """real, which crashes on its call number `calls + 1`."""
    made = 0

    def crashing(*args, **kwargs):
        nonlocal made
        made += 1
        if made > calls:
            raise Crash()
        return real(*args, **kwargs)

    return crashing


@pytest.fixture
def small_portfolio(open_ledger, database_url) -> Ledger:
    ledger = open_ledger(database_url)
    play(ledger, random_commands(random.Random(7), clients=10, facts=40))
    return ledger


def test_a_crash_in_the_middle_of_a_batch_loses_nothing_and_doubles_nothing(small_portfolio, monkeypatch):
    ledger = small_portfolio
    kept_current, log = read_model_rows(ledger), notification_ids(ledger)
    assert len(log) > 40
    ledger.read_models.reset()
    monkeypatch.setattr(ledger_projection, "project", crash_after(25, ledger_projection.project))
    with pytest.raises(Crash):
        catch_up(ledger, ledger.read_models, batch_size=10)

    half = read_model_rows(ledger)  # two whole batches; nothing of the third
    assert ledger.read_models.max_tracking_id(ledger.name) == log[19]
    assert [row["notification_id"] for row in half["kam_timeline"]] == log[:20]
    assert ledger.projection_status()["behind"] == len(log) - 20

    monkeypatch.undo()
    assert catch_up(ledger, ledger.read_models, batch_size=10) == len(log) - 20
    assert read_model_rows(ledger) == kept_current
    rebuild_read_models(ledger)
    assert read_model_rows(ledger) == kept_current


def test_a_crash_while_a_batch_is_written_leaves_neither_its_rows_nor_its_position(small_portfolio, monkeypatch):
    ledger = small_portfolio
    kept_current, log = read_model_rows(ledger), notification_ids(ledger)
    ledger.read_models.reset()
    monkeypatch.setattr(read_models, "_advance", crash_after(2, read_models._advance))  # the 3rd batch's position
    with pytest.raises(Crash):
        catch_up(ledger, ledger.read_models, batch_size=10)

    assert ledger.read_models.max_tracking_id(ledger.name) == log[19]
    assert [row["notification_id"] for row in read_model_rows(ledger)["kam_timeline"]] == log[:20]
    monkeypatch.undo()
    assert catch_up(ledger, ledger.read_models, batch_size=10) == len(log) - 20
    assert read_model_rows(ledger) == kept_current


def test_status_counts_the_events_the_read_models_have_not_seen_yet(small_portfolio):
    ledger = small_portfolio
    log = notification_ids(ledger)
    assert ledger.projection_status() == {"position": log[-1], "last_event": log[-1], "behind": 0}

    relationship = ledger.repository.get(Relationship.create_id("client-000"))
    relationship.answer_survey(2, 3, "slow answers", date(2026, 3, 2), "ann")
    relationship.answer_survey(4, 5, "better", date(2026, 3, 9), "ann")
    ledger.save(relationship)  # behind the read models' back: no catch-up
    log = notification_ids(ledger)
    assert ledger.projection_status() == {"position": log[-3], "last_event": log[-1], "behind": 2}

    ledger.catch_up()  # a step of its own, before reading
    assert ledger.projection_status() == {"position": log[-1], "last_event": log[-1], "behind": 0}


def test_an_empty_ledger_has_nothing_to_project(open_ledger, sqlite_url):
    ledger = open_ledger(sqlite_url)
    assert ledger.projection_status() == {"position": 0, "last_event": 0, "behind": 0}
    assert rebuild_read_models(ledger) == 0
    assert all(rows == [] for rows in read_model_rows(ledger).values())


def test_kam_projections_rebuild_after_an_upgrade_projects_every_event_once(database_url, kam_on, monkeypatch):
    """Read models of another version are emptied when the ledger opens; the rebuild command then
    reads the log once, not a catch-up of everything followed by the rebuild."""
    kam = kam_on(database_url)
    kam.ok("client", "add", "acme", "--name", "Acme", "--owner", "ann", "--at", "2026-01-05")
    kam.ok("value", "acme", "--revenue", "9000", "--cost", "1000", "--period", "2026-Q1", "--at", "2026-04-02")
    ledger = bootstrap(resolve_store(database_url))
    events = len(notification_ids(ledger))
    with ledger.read_models.engine.begin() as connection:
        connection.execute(read_models.read_model_version.update().values(version=0))  # as an older kamledger left them
        connection.execute(text("CREATE TABLE kam_values (key VARCHAR(64) PRIMARY KEY, period VARCHAR(16))"))  # a table of version 17
    ledger.close()
    projected: list[int] = []
    real = ledger_projection.project
    monkeypatch.setattr(ledger_projection, "project", lambda batch, event, tracking: (projected.append(1), real(batch, event, tracking)))

    kam.ok("projections", "rebuild")

    assert len(projected) == events
    assert kam.json("standings")[0]["key"] == "acme"
    assert not inspect(ledger.read_models.engine).has_table("kam_values")  # the older version's table went with the others
