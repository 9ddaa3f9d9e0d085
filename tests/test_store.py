"""The ledger's persistence on SQLite and PostgreSQL: events, read models, snapshots, stores."""

from datetime import date
from pathlib import Path

import pytest
from eventsourcing.persistence import Tracking
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError as SQLIntegrityError

from kamledger.domain.errors import InvalidInput, RuleViolation
from kamledger.domain.relationship import Relationship
from kamledger.projections.ledger_projection import catch_up, project
from kamledger.projections.read_models import TrackingConflict
from kamledger.projections.tables import (
    dated, owner_marks, pyramid_moves, scores, standings, survey_answers, timeline, tracking, value_entries,
)
from kamledger.service.commands.entry import Entry
from kamledger.service.commands.retries import ATTEMPTS
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store

ENTRY = Entry(date(2025, 5, 2), "coach")
NINES = [9] * 12


@pytest.fixture
def open_ledger():
    """Opens ledgers on a database URL; every one is closed after the test."""
    opened: list[Ledger] = []

    def open_(url: str) -> Ledger:
        ledger = bootstrap(resolve_store(url))
        opened.append(ledger)
        return ledger

    yield open_
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(open_ledger, database_url) -> Ledger:
    return open_ledger(database_url)


def record_a_portfolio(ledger: Ledger) -> None:
    """Three clients with values, scores, notes, burdens and an override: tiers change on the way."""
    ledger.register_client("acme", "Acme GmbH", "ann", ENTRY)
    ledger.register_client("bolt", "Bolt AG", None, ENTRY)
    ledger.register_client("cola", "Cola Ltd", "bea", ENTRY)
    ledger.record_value("acme", "2025-Q1", "900000.00", "100000.50", ENTRY)
    ledger.score("acme", NINES, "strong", ENTRY)
    ledger.record_value("bolt", "2025", "50000", "10000", ENTRY)
    ledger.score("bolt", [7] * 12, None, ENTRY)
    ledger.note_value_dimension("bolt", "strategic", "high", "door opener", ENTRY)
    ledger.record_value("cola", "2025-H1", "1000", "5000", ENTRY)
    ledger.note_burden("cola", "harm-to-team", "shouts at staff", ENTRY)
    ledger.answer_survey("acme", 8, 9, "happy", ENTRY)
    ledger.change_pyramid_level("acme", "partnership", "shared roadmap", ENTRY)
    ledger.override_tier("cola", "silver", "new management", ENTRY)
    ledger.assign_owner("bolt", "carl", ENTRY)


PORTFOLIO_TABLES = (survey_answers, owner_marks, scores, value_entries, pyramid_moves, dated)  # keyed rows: emptied with the standings


def read_model_rows(ledger: Ledger) -> dict[str, list[dict]]:
    with ledger.read_models.engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in (standings, timeline, tracking)
        }


def everything_seen_by(ledger: Ledger) -> dict:
    keys = [row["key"] for row in ledger.standings()]
    return {
        "standings": ledger.standings(),
        "clients": {key: ledger.client(key) for key in keys},
        "histories": {key: ledger.history(key) for key in keys},
        "why": {key: ledger.why(key) for key in keys},
    }


def test_the_portfolio_gets_the_tiers_its_recorded_facts_call_for(ledger):
    record_a_portfolio(ledger)
    assert [(r["key"], r["tier"], r["tier_rule"]) for r in ledger.standings()] == [
        ("acme", "gold", "gold-pareto-head"),
        ("bolt", "gold", "gold-strategic"),
        ("cola", "silver", "manual-override"),
    ]


def test_events_survive_reopening_the_ledger(open_ledger, database_url):
    first = open_ledger(database_url)
    record_a_portfolio(first)
    seen = everything_seen_by(first)
    first.close()
    reopened = open_ledger(database_url)
    assert everything_seen_by(reopened) == seen
    assert len(seen["histories"]["acme"]) == reopened.client("acme")["version"]


def test_the_read_models_equal_a_projection_from_scratch(ledger):
    record_a_portfolio(ledger)
    projected = read_model_rows(ledger)
    with ledger.read_models.engine.begin() as connection:
        for table in (standings, timeline, tracking, *PORTFOLIO_TABLES):
            connection.execute(delete(table))
    assert read_model_rows(ledger) == {"kam_standings": [], "kam_timeline": [], "kam_tracking": []}
    notifications = ledger.recorder.select_notifications(start=None, limit=10_000)
    assert catch_up(ledger, ledger.read_models, batch_size=7) == len(notifications)
    assert read_model_rows(ledger) == projected
    assert len(projected["kam_timeline"]) == len(notifications)


def test_catching_up_twice_projects_nothing_the_second_time(ledger):
    record_a_portfolio(ledger)
    with ledger.read_models.engine.begin() as connection:
        for table in (standings, timeline, tracking, *PORTFOLIO_TABLES):
            connection.execute(delete(table))
    assert catch_up(ledger, ledger.read_models) > 0
    projected = read_model_rows(ledger)
    assert catch_up(ledger, ledger.read_models) == 0
    assert read_model_rows(ledger) == projected


def record_without_projecting(ledger: Ledger) -> int:
    """Records a survey for acme behind the read models' back; returns the position before it."""
    position = ledger.read_models.max_tracking_id(ledger.name)
    relationship = ledger.repository.get(Relationship.create_id("acme"))
    relationship.answer_survey(2, 3, "unhappy", date(2025, 5, 3), "coach")
    ledger.save(relationship)
    return position


def project_in_batch(ledger: Ledger, start: int | None, after: int) -> None:
    notifications = ledger.recorder.select_notifications(start=after, limit=100, inclusive_of_start=False)
    with ledger.read_models.batch(ledger.name, start) as batch:
        for notification in notifications:
            project(batch, ledger.mapper.to_domain_event(notification), Tracking(ledger.name, notification.id))


def test_a_batch_started_from_a_stale_position_writes_nothing(ledger):
    record_a_portfolio(ledger)
    position = record_without_projecting(ledger)
    before = read_model_rows(ledger)
    stale = before["kam_timeline"][-2]["notification_id"]
    with pytest.raises(TrackingConflict):
        project_in_batch(ledger, stale, after=position)
    assert read_model_rows(ledger) == before
    assert catch_up(ledger, ledger.read_models) == 1
    [acme] = [row for row in read_model_rows(ledger)["kam_standings"] if row["key"] == "acme"]
    assert acme["standing"]["survey"]["satisfaction"] == 2


def test_a_batch_of_events_already_projected_writes_nothing(ledger):
    record_a_portfolio(ledger)
    position = ledger.read_models.max_tracking_id(ledger.name)
    before = read_model_rows(ledger)
    earlier = before["kam_timeline"][-3]["notification_id"]
    with pytest.raises(TrackingConflict):
        project_in_batch(ledger, position, after=earlier - 1)
    assert read_model_rows(ledger) == before


def test_a_first_batch_cannot_start_over_a_position_already_tracked(ledger):
    record_a_portfolio(ledger)
    position = record_without_projecting(ledger)
    before = read_model_rows(ledger)
    with pytest.raises((TrackingConflict, SQLIntegrityError)):
        project_in_batch(ledger, None, after=position)
    assert read_model_rows(ledger) == before


def test_read_models_of_another_version_are_rebuilt_from_the_events(open_ledger, database_url):
    from kamledger.projections.tables import read_model_version

    first = open_ledger(database_url)
    record_a_portfolio(first)
    projected = read_model_rows(first)
    with first.read_models.engine.begin() as connection:
        connection.execute(read_model_version.update().values(version=-1))
        connection.execute(delete(standings))
    first.close()
    reopened = open_ledger(database_url)
    catch_up(reopened, reopened.read_models)
    assert read_model_rows(reopened) == projected


def test_a_concurrent_change_is_retried_and_both_changes_are_recorded(open_ledger, database_url, monkeypatch):
    mine, theirs = open_ledger(database_url), open_ledger(database_url)
    mine.register_client("acme", "Acme GmbH", None, ENTRY)
    load = mine.repository.get
    loads = []

    def load_then_let_the_other_writer_in(aggregate_id, *args, **kwargs):
        relationship = load(aggregate_id, *args, **kwargs)
        loads.append(relationship.version)
        if len(loads) == 1:
            theirs.answer_survey("acme", 3, 4, "theirs", ENTRY)
        return relationship

    monkeypatch.setattr(mine.repository, "get", load_then_let_the_other_writer_in)
    mine.answer_survey("acme", 9, 10, "mine", ENTRY)
    assert loads[:2] == [1, 2], "the stale load was retried"
    for ledger in (mine, theirs):
        surveys = [(e["version"], e["comment"]) for e in ledger.history("acme") if e["type"] == "SurveyAnswered"]
        assert surveys == [(2, "theirs"), (3, "mine")]
        assert ledger.client("acme")["survey"]["satisfaction"] == 9


def test_a_change_that_keeps_meeting_concurrent_writers_is_refused_and_records_nothing(
    open_ledger, database_url, monkeypatch
):
    mine, theirs = open_ledger(database_url), open_ledger(database_url)
    mine.register_client("acme", "Acme GmbH", None, ENTRY)
    load = mine.repository.get

    def load_then_let_the_other_writer_in(aggregate_id, *args, **kwargs):
        relationship = load(aggregate_id, *args, **kwargs)
        theirs.answer_survey("acme", 3, 4, "theirs", ENTRY)
        return relationship

    monkeypatch.setattr(mine.repository, "get", load_then_let_the_other_writer_in)
    with pytest.raises(RuleViolation, match="kept changing"):
        mine.answer_survey("acme", 9, 10, "mine", ENTRY)
    comments = [e["comment"] for e in theirs.history("acme") if e["type"] == "SurveyAnswered"]
    assert comments == ["theirs"] * ATTEMPTS


def test_registering_a_key_twice_from_two_ledgers_is_refused(open_ledger, database_url):
    from kamledger.domain.errors import ClientAlreadyRegistered

    mine, theirs = open_ledger(database_url), open_ledger(database_url)
    mine.register_client("acme", "Acme GmbH", None, ENTRY)
    with pytest.raises(ClientAlreadyRegistered):
        theirs.register_client("acme", "Acme again", None, ENTRY)
    assert [(r["key"], r["name"]) for r in theirs.standings()] == [("acme", "Acme GmbH")]


def test_a_client_with_more_than_100_events_is_snapshotted_and_loads_right(open_ledger, database_url):
    ledger = open_ledger(database_url)
    ledger.register_client("acme", "Acme GmbH", None, ENTRY)
    relationship = ledger.repository.get(Relationship.create_id("acme"))
    for n in range(97):
        relationship.answer_survey(1 + n % 10, n % 11, None, ENTRY.occurred_on, "coach")
    ledger.save(relationship)  # version 98
    for satisfaction in (4, 5, 6, 7):  # versions 99-102, through the service
        ledger.answer_survey("acme", satisfaction, 8, None, ENTRY)
    snapshots = list(ledger.snapshots.get(Relationship.create_id("acme")))
    assert [s.originator_version for s in snapshots] == [100]
    reopened = open_ledger(database_url)
    for view in (ledger, reopened):
        client = view.client("acme")
        assert (client["version"], client["survey"]["satisfaction"]) == (102, 7)
        assert len(view.history("acme")) == 102
    assert reopened.client("acme") == ledger.client("acme")


def test_a_snapshot_is_stored_compressed_and_one_stored_before_as_json_still_loads(open_ledger, database_url):
    from eventsourcing.compressor import ZlibCompressor

    ledger = open_ledger(database_url)
    ledger.register_client("acme", "Acme GmbH", None, ENTRY)
    relationship = ledger.repository.get(Relationship.create_id("acme"))
    for n in range(99):
        relationship.answer_survey(1 + n % 10, n % 11, None, ENTRY.occurred_on, "coach")
    ledger.save(relationship)  # version 100: snapshotted
    recorder = ledger.snapshots.recorder
    [stored] = recorder.select_events(relationship.id)
    plain = ledger.mapper.to_stored_event(ledger.snapshots.mapper.to_domain_event(stored))  # as the library stored one before
    assert stored.state[:1] != b"{" and plain.state[:1] == b"{" and len(stored.state) * 3 < len(plain.state)
    assert ZlibCompressor().decompress(stored.state) == plain.state
    loaded = open_ledger(database_url).repository.get(relationship.id)
    assert loaded.standing == relationship.standing and loaded.version == 100
    # the snapshot as stored before: JSON, not compressed
    _replace_snapshot(database_url, relationship.id, plain.state)
    assert open_ledger(database_url).repository.get(relationship.id).standing == relationship.standing


def _replace_snapshot(url: str, originator_id, state: bytes) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        table = "stored_snapshots" if url.startswith("sqlite") else connection.execute(
            text("SELECT tablename FROM pg_tables WHERE tablename LIKE '%snapshots'")).scalar()
        key = originator_id.hex if url.startswith("sqlite") else originator_id
        done = connection.execute(text(f"UPDATE {table} SET state = :state WHERE originator_id = :id"), {"state": state, "id": key})
        assert done.rowcount == 1
    engine.dispose()


@pytest.mark.parametrize("recorders", ["sqlalchemy"])
def test_events_kept_by_the_sqlalchemy_recorders_survive_reopening(open_ledger, database_url, monkeypatch, recorders):
    monkeypatch.setenv("KAM_EVENT_STORE", recorders)
    first = open_ledger(database_url)
    assert first.env.get("PERSISTENCE_MODULE") == "eventsourcing_sqlalchemy"
    first.register_client("acme", "Acme GmbH", "ann", ENTRY)
    first.score("acme", NINES, None, ENTRY)
    first.record_value("acme", "2025", "10", "1", ENTRY)
    seen = everything_seen_by(first)
    first.close()
    assert everything_seen_by(open_ledger(database_url)) == seen


# Which store a URL means (no database needed).


@pytest.fixture
def clean_environment(monkeypatch):
    for name in ("KAM_DATABASE_URL", "KAM_EVENT_STORE"):
        monkeypatch.delenv(name, raising=False)


def test_a_sqlite_url_is_kept_in_the_native_sqlite_store_at_an_absolute_path(tmp_path, monkeypatch, clean_environment):
    (tmp_path / "books").mkdir()
    monkeypatch.chdir(tmp_path)
    store = resolve_store("sqlite:///books/ledger.db")
    path = tmp_path / "books" / "ledger.db"
    assert store.event_store_env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert store.event_store_env["SQLITE_DBNAME"] == str(path)
    assert Path(store.event_store_env["SQLITE_DBNAME"]).is_absolute()
    assert (store.url.get_backend_name(), store.url.database, store.is_sqlite) == ("sqlite", str(path), True)


def postgres_settings(store) -> dict[str, str]:
    names = ("POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD")
    return {name: store.event_store_env[name] for name in names}


def test_a_postgres_url_is_kept_in_the_native_postgres_store_through_psycopg(clean_environment):
    store = resolve_store("postgresql://ann:s3cret@db.example.com:6543/books")
    assert store.event_store_env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert postgres_settings(store) == {
        "POSTGRES_DBNAME": "books", "POSTGRES_HOST": "db.example.com", "POSTGRES_PORT": "6543",
        "POSTGRES_USER": "ann", "POSTGRES_PASSWORD": "s3cret",
    }
    assert (store.url.drivername, store.is_sqlite) == ("postgresql+psycopg", False)


def test_a_postgres_url_without_details_uses_the_usual_defaults(monkeypatch, clean_environment):
    monkeypatch.setenv("USER", "bea")
    store = resolve_store("postgresql+psycopg:///books")
    assert postgres_settings(store) == {
        "POSTGRES_DBNAME": "books", "POSTGRES_HOST": "localhost", "POSTGRES_PORT": "5432",
        "POSTGRES_USER": "bea", "POSTGRES_PASSWORD": "",
    }


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_sqlite_ledger_is_refused(url, clean_environment):
    with pytest.raises(InvalidInput, match="needs a file"):
        resolve_store(url)


def test_a_sqlite_file_in_a_missing_directory_is_refused(tmp_path, clean_environment):
    with pytest.raises(InvalidInput, match="no directory"):
        resolve_store(f"sqlite:///{tmp_path}/missing/ledger.db")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("text", ["ledger.db", "not a url", "://nothing"])
def test_text_that_is_not_a_database_url_is_refused(text, clean_environment):
    with pytest.raises(InvalidInput, match="is not a database URL"):
        resolve_store(text)


def test_the_database_url_may_come_from_the_environment(tmp_path, monkeypatch, clean_environment):
    monkeypatch.setenv("KAM_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    assert resolve_store().event_store_env["SQLITE_DBNAME"] == str(tmp_path / "env.db")
    given = resolve_store(f"sqlite:///{tmp_path}/given.db")
    assert given.event_store_env["SQLITE_DBNAME"] == str(tmp_path / "given.db")


def test_the_default_ledger_lives_in_the_xdg_data_directory(tmp_path, monkeypatch, clean_environment):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = resolve_store()
    assert store.event_store_env["SQLITE_DBNAME"] == str(tmp_path / "data" / "kamledger" / "ledger.db")
    assert (tmp_path / "data" / "kamledger").is_dir()


def test_without_xdg_data_home_the_default_ledger_lives_under_the_home_directory(
    tmp_path, monkeypatch, clean_environment
):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    store = resolve_store()
    assert store.event_store_env["SQLITE_DBNAME"] == str(tmp_path / ".local" / "share" / "kamledger" / "ledger.db")


def test_the_sqlalchemy_recorders_can_be_chosen_for_any_url(monkeypatch, tmp_path, clean_environment):
    monkeypatch.setenv("KAM_EVENT_STORE", "sqlalchemy")
    sqlite = resolve_store(f"sqlite:///{tmp_path}/ledger.db")
    postgres = resolve_store("postgresql://ann:s3cret@db.example.com/books")
    assert sqlite.event_store_env == {
        "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy", "SQLALCHEMY_URL": f"sqlite:///{tmp_path}/ledger.db",
    }
    assert postgres.event_store_env == {
        "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy",
        "SQLALCHEMY_URL": "postgresql+psycopg://ann:s3cret@db.example.com/books",
    }


def test_an_unknown_event_store_choice_is_refused(monkeypatch, tmp_path, clean_environment):
    monkeypatch.setenv("KAM_EVENT_STORE", "mongo")
    with pytest.raises(InvalidInput, match="KAM_EVENT_STORE must be 'native' or 'sqlalchemy'"):
        resolve_store(f"sqlite:///{tmp_path}/ledger.db")


def test_goals_are_kept_in_a_snapshot_and_the_numbering_goes_on_after_it(open_ledger, database_url):
    ledger = open_ledger(database_url)
    ledger.register_client("acme", "Acme GmbH", None, ENTRY)
    relationship = ledger.repository.get(Relationship.create_id("acme"))
    relationship.add_goal("Joint roadmap", None, ENTRY.occurred_on, "coach")
    relationship.complete_goal(1, ENTRY.occurred_on, "coach")
    for n in range(97):
        relationship.answer_survey(1 + n % 10, n % 11, None, ENTRY.occurred_on, "coach")
    ledger.save(relationship)  # version 100: snapshotted
    assert [s.originator_version for s in ledger.snapshots.get(Relationship.create_id("acme"))] == [100]
    reopened = open_ledger(database_url)
    assert reopened.add_goal("acme", "Second site", None, ENTRY) == 2
    assert [(g["id"], g["done_on"] is not None) for g in reopened.goals("acme")] == [(1, True), (2, False)]
    assert reopened.client("acme")["goals"] == open_ledger(database_url).client("acme")["goals"]


def test_each_standing_is_kept_packed_and_read_back_whole(ledger):
    from sqlalchemy import LargeBinary, cast

    from kamledger.projections.tables import json_text

    record_a_portfolio(ledger)
    for quarter in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"):
        ledger.record_value("acme", quarter, "1000", "100", ENTRY)
    with ledger.read_models.engine.connect() as connection:
        stored = connection.execute(select(cast(standings.c.standing, LargeBinary)).where(standings.c.key == "acme")).scalar()
        data = connection.execute(select(standings.c.standing).where(standings.c.key == "acme")).scalar()
    acme = ledger.relationship("acme").standing
    assert data == acme.to_dict(tier=False, short_refs=True)  # its tier in columns of its own, its own references short
    assert ledger.read_models.standing("acme") == acme
    assert len(stored) * 2 < len(json_text(acme.to_dict()).encode())


def test_timeline_fields_are_kept_as_json_values_and_a_large_one_compressed_and_each_row_knows_its_client(ledger):
    from sqlalchemy import LargeBinary, cast

    record_a_portfolio(ledger)
    long_note = "workshop notes: " + " ".join(f"point {n}" for n in range(300))
    ledger.score("bolt", NINES, long_note, ENTRY)
    with ledger.read_models.engine.connect() as connection:
        stored = dict(connection.execute(select(timeline.c.version, cast(timeline.c.fields, LargeBinary))
                                         .where(timeline.c.client_key == "bolt")).all())
    assert all(data[:1] == b"[" for version, data in stored.items() if version < max(stored))  # values, no names
    assert stored[max(stored)][:1] != b"{"  # the sealed note is longer than 1 KB: compressed
    assert ledger.history("bolt")[-1]["note"] == long_note
    relationship = ledger.relationship("bolt")
    for row in ledger.read_models.timeline("bolt"):
        assert row["client_id"] == str(relationship.id)
    assert {row["client_id"] for row in ledger.read_models.events_of("Scored")} == {
        str(Relationship.create_id(key)) for key in ("acme", "bolt")}
    from kamledger.domain.portfolio import PORTFOLIO, Portfolio
    from kamledger.projections.read_models import client_id_of

    assert client_id_of(PORTFOLIO) == str(Portfolio.create_id())  # the portfolio's own rows (a policy adopted, a review)


def test_the_read_models_keyed_by_their_primary_key_alone_keep_no_row_id_on_sqlite(sqlite_url, open_ledger):
    from sqlalchemy import text

    ledger = open_ledger(sqlite_url)
    with ledger.read_models.engine.connect() as connection:
        found = dict(connection.execute(text("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")).all())
        autoindexes = connection.execute(text("SELECT tbl_name FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_%'")).scalars().all()
    keyed = ("kam_survey_answers", "kam_owner_marks", "kam_scores", "kam_value_entries", "kam_effort", "kam_problems")
    assert all(found[name].rstrip().endswith("WITHOUT ROWID") for name in keyed)
    assert not set(keyed) & set(autoindexes)


@pytest.mark.parametrize("recorders", ["native", "sqlalchemy"])
def test_a_clients_timeline_is_found_where_the_library_lists_its_events(open_ledger, database_url, recorders, monkeypatch):
    """The native stores find a client's timeline rows through the log's own index (projections/log_index.py):
    the same events, in the same places, as the library's own notification log lists; any other store keeps
    an index of the timeline's own."""
    from sqlalchemy import inspect

    from kamledger.domain.portfolio import PORTFOLIO
    from kamledger.projections.ledger_projection import catch_up
    from kamledger.projections.log_index import positions_in_log
    from kamledger.projections.read_models import client_id_of

    monkeypatch.setenv("KAM_EVENT_STORE", recorders)
    ledger = open_ledger(database_url)
    record_a_portfolio(ledger)
    ledger.record_portfolio_review(None, "2025-06-30", ENTRY)  # a fact of the portfolio's own
    catch_up(ledger, ledger.read_models)
    log = ledger.recorder.select_notifications(start=None, limit=10_000)
    positions = positions_in_log(ledger.recorder)
    indexes = [index["name"] for index in inspect(ledger.read_models.engine).get_indexes("kam_timeline")]
    assert (positions is None, indexes) == ((False, []) if recorders == "native" else (True, ["kam_timeline_by_client"]))
    for key in ("acme", "bolt", "cola", PORTFOLIO):
        client_id = client_id_of(key)
        listed = [event.id for event in log if str(event.originator_id) == client_id]
        if positions is not None:
            with ledger.read_models.engine.connect() as connection:
                assert sorted(connection.execute(positions(client_id)).scalars()) == listed
        rows = ledger.read_models.timeline(key)
        assert [row["notification_id"] for row in rows] == [n for n in listed if n in {row["notification_id"] for row in rows}]
        assert {row["client_key"] for row in rows} == {key} and len(rows) >= (1 if key == PORTFOLIO else 3)
    causes = [(row["client_key"], row["version"]) for key in ("acme", "cola") for row in ledger.read_models.timeline(key)[:2]]
    assert sorted((row["client_key"], row["version"]) for row in ledger.read_models.timeline_events(causes)) == sorted(causes)
