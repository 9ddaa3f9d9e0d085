"""Rebuilding the read models from the whole event log, in one process per core once the log is large.

Each process projects the clients of its part (projections/log_parts.py) and writes their rows;
the position moves once, when every part is written, and a last catch-up takes what was
recorded meanwhile. While a rebuild runs the read models are incomplete: run it when nobody
is writing (as any rebuild, it starts by dropping them).
"""

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from eventsourcing.persistence import Tracking

from kamledger.projections.ledger_projection import catch_up, project_part, rebuild
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import Store

MAX_PARTS = 4
PARALLEL_FROM = 20_000  # events; below this, starting another process costs more than it saves


def rebuild_read_models(ledger: Ledger, parts: int | None = None, process_setup: Callable[[], None] | None = None) -> int:
    """Drop the read models and project the whole event log again; returns how many events.

    process_setup runs first in each process started for a part (the command line's collector
    settings: the service leaves the garbage collector to it, and a part's standings, held until
    the part is written, are what a collector walks again and again)."""
    stop = ledger.recorder.max_notification_id() or 0
    if parts is None:
        parts = min(os.cpu_count() or 1, MAX_PARTS) if stop >= PARALLEL_FROM else 1
    if parts == 1:
        return rebuild(ledger, ledger.read_models)
    view = ledger.read_models
    with view.refilled(), ProcessPoolExecutor(parts - 1, get_context("spawn"), process_setup) as pool:
        others = [pool.submit(_project_part_apart, ledger.store, part, parts, stop) for part in range(1, parts)]
        projected = project_part(ledger, view, 0, parts, stop)
        projected += sum(other.result() for other in others)
    view.insert_tracking(Tracking(ledger.name, stop))
    view.count_rows_again()  # the parts wrote their rows without a catch-up, which would have asked for it
    return projected + catch_up(ledger, view)


def _project_part_apart(store: Store, part: int, parts: int, stop: int) -> int:
    """A part projected in a process of its own, through its own connections."""
    ledger = bootstrap(store)
    try:
        return project_part(ledger, ledger.read_models, part, parts, stop)
    finally:
        ledger.close()
