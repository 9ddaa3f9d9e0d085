"""Keeping the read models current while other processes write: `kam projections follow`.

On PostgreSQL the library's projection runner is pushed each new event (LISTEN/NOTIFY); SQLite
cannot push, so there the follower pulls from the notification log every POLL_SECONDS.
"""

import time
from collections.abc import Callable

from eventsourcing.projection import BaseProjectionRunner

from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.pushed import LedgerProjection
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.event_store import LedgerLog

POLL_SECONDS = 1.0


def follow(ledger: Ledger, seconds: float | None, on_progress: Callable[[int], None]) -> None:
    """Follow the event log for `seconds` (None: until interrupted), reporting the position."""
    catch_up(ledger, ledger.read_models)
    on_progress(ledger.read_models.max_tracking_id(ledger.name) or 0)
    if ledger.store.is_postgres:
        _follow_pushed(ledger, seconds)
    else:
        _follow_polled(ledger, seconds, on_progress)
    on_progress(ledger.read_models.max_tracking_id(ledger.name) or 0)


def _follow_pushed(ledger: Ledger, seconds: float | None) -> None:
    runner = BaseProjectionRunner(
        projection=LedgerProjection(ledger.read_models),
        application_class=LedgerLog,
        tracking_recorder=ledger.read_models,
        topics=(),
        env=ledger.store.event_store_env,
    )
    with runner:
        runner.run_forever(timeout=seconds)


def _follow_polled(ledger: Ledger, seconds: float | None, on_progress: Callable[[int], None]) -> None:
    deadline = None if seconds is None else time.monotonic() + seconds
    while deadline is None or time.monotonic() < deadline:
        if catch_up(ledger, ledger.read_models):
            on_progress(ledger.read_models.max_tracking_id(ledger.name) or 0)
        remaining = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline - time.monotonic())
        time.sleep(max(remaining, 0))
