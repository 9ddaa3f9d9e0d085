"""kam projections follow keeps the read models current while other processes write."""

import threading
import time
from datetime import date

from kamledger.domain.relationship import Relationship
from kamledger.service.queries.follower import follow
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.event_store import LedgerLog
from kamledger.service.infrastructure.store import resolve_store


def test_the_follower_projects_events_another_writer_records_without_catching_up(database_url):
    store = resolve_store(database_url)
    reader = bootstrap(store)
    positions: list[int] = []
    follower = threading.Thread(target=follow, args=(reader, 2.5, positions.append))
    follower.start()
    time.sleep(0.5)
    writer = LedgerLog(env=store.event_store_env)  # saves events only: no read-model catch-up
    for key in ("acme", "bolt", "corp"):
        writer.save(Relationship.register(key, key.title(), None, date(2026, 1, 5), "coach"))
    deadline = time.monotonic() + 2
    while reader.read_models.max_tracking_id(reader.name) != 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    projected = sorted(row["key"] for row in reader.read_models.standings())
    follower.join()
    writer.close()
    reader.close()
    assert projected == ["acme", "bolt", "corp"]
    assert positions[0] == 0 and positions[-1] == 3
