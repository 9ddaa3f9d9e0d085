"""Each way kamledger goes around the eventsourcing library (service/infrastructure/fast_paths.py,
projections/log_parts.py) gives what the library's own path gives."""

import copy
from datetime import date

import pytest
from eventsourcing.application import Application, project_aggregate as library_projection

from kamledger.domain.relationship import Relationship
from kamledger.projections.log_parts import _filtered_pages, part_pages
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.event_store import LedgerLog
from kamledger.service.infrastructure.fast_paths import event_with_state, project_aggregate
from kamledger.service.infrastructure.store import resolve_store

DAY = date(2026, 3, 2)


def client_with(events: int, key: str = "acme") -> Relationship:
    relationship = Relationship.register(key, "Acme", "ann", DAY, "coach")
    for n in range(events):
        relationship.answer_survey(1 + n % 10, n % 11, f"comment {n}", DAY, "coach")
    return relationship


class LibrarySnapshots(LedgerLog):
    """The event log with the library's own way of taking snapshots."""

    _take_snapshots = Application._take_snapshots


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("postgres_url")


def test_loading_a_client_gives_what_the_library_projection_gives(store_url):
    ledger = bootstrap(resolve_store(store_url))
    try:
        ledger.save(client_with(250))
        client_id = Relationship.create_id("acme")
        ours = ledger.repository.get(client_id, projector_func=project_aggregate)
        libraries = ledger.repository.get(client_id, projector_func=library_projection)
        assert ours.version == libraries.version == 251
        assert ours.standing == libraries.standing
    finally:
        ledger.close()


def test_snapshots_in_one_write_load_the_clients_the_library_snapshots_load(tmp_path):
    """The library snapshots a client at each multiple of the interval a save passed, reloading
    it at that version; ours takes one snapshot of the client as it is in memory after the save."""
    snapshots, loaded = {}, {}
    clients = (client_with(250), client_with(99, "globex"), client_with(50, "initech"))  # 251, 100 and 51 events
    for name, log_class in (("ours", LedgerLog), ("library", LibrarySnapshots)):
        store = resolve_store(f"sqlite:///{tmp_path / name}.db")
        log = log_class(env=store.event_store_env)
        try:
            log.save(*copy.deepcopy(clients))  # the same events in both
            ids = {key: Relationship.create_id(key) for key in ("acme", "globex", "initech")}
            snapshots[name] = {key: [s.originator_version for s in log.snapshots.recorder.select_events(id_)] for key, id_ in ids.items()}
            loaded[name] = {key: log.repository.get(id_).standing for key, id_ in ids.items()}
        finally:
            log.close()
    assert snapshots["library"] == {"acme": [100, 200], "globex": [100], "initech": []}
    assert snapshots["ours"] == {"acme": [251], "globex": [100], "initech": []}
    assert loaded["ours"] == loaded["library"]


def test_an_event_with_its_texts_replaced_is_the_event_the_class_would_make():
    event = client_with(1).pending_events[-1]
    state = {**vars(event), "comment": "(sealed)"}
    copy = event_with_state(event, state)
    assert type(copy) is type(event)
    assert copy == type(event)(**state)


def test_a_share_selected_in_sql_is_the_share_the_library_reader_finds(store_url):
    ledger = bootstrap(resolve_store(store_url))
    try:
        ledger.save(*(client_with(3, f"client-{n}") for n in range(40)))
        stop = ledger.recorder.max_notification_id()
        for part in range(3):
            in_sql = [n.id for page in part_pages(ledger.recorder, part, 3, stop, limit=7) for n in page]
            by_library = [n.id for page in _filtered_pages(ledger.recorder, part, 3, stop, limit=7) for n in page]
            assert in_sql == by_library and in_sql
    finally:
        ledger.close()


def test_clients_made_from_the_read_models_standings_are_the_clients_the_library_loads(store_url, monkeypatch):
    """After a bulk import the tier evaluation loads the clients whose tier changes from the
    Standings the read models hold (the version of their last event, their first and last events'
    times, when they were forgotten); a client the read models hold behind its log is loaded from it."""
    from random import Random

    from kamledger.service.commands import ledger as ledger_module
    from kamledger.service.commands.entry import make_entry
    from tests.test_projections_rebuild import play, random_commands

    ledger = bootstrap(resolve_store(store_url))
    try:
        play(ledger, random_commands(Random(5), clients=8, facts=60))  # contacts with sealed texts among them
        ledger.forget("client-001", "asked to", make_entry("2026-07-01", "ann"))
        keys = [row["key"] for row in ledger.read_models.standings(everyone=True)]
        behind = ledger.relationship("client-002")
        behind.answer_survey(3, 4, "behind the read models' back", date(2026, 7, 2), "ann")
        ledger.save(behind)
        from_the_log: list[str] = []
        real = ledger.relationship
        monkeypatch.setattr(ledger, "relationship", lambda key: from_the_log.append(key) or real(key))
        monkeypatch.setattr(ledger_module, "FROM_READ_MODELS", 1)

        made = dict(ledger._to_change(keys))

        assert from_the_log == ["client-002"]
        assert list(made) == keys
        for key, relationship in made.items():
            libraries = ledger.repository.get(Relationship.create_id(key), projector_func=library_projection)
            assert vars(relationship) == vars(libraries), key
        assert made["client-001"].forgotten_on == date(2026, 7, 1)
    finally:
        ledger.close()
