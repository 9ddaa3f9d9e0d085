"""Runs kam, pausing at one step of a command so that a test can kill -9 it there. The step is
$KAM_TEST_PAUSE_STEP; on getting there it touches the file named by $KAM_TEST_PAUSED and sleeps.

  events        the command's events inserted, their chain links not yet, nothing committed
  links         the command's events and links inserted, not committed
  settle        the command's events committed, tiers not yet evaluated
  tier-changes  the tier changes they cause inserted with their links, not committed
  marker        the tier changes committed, the settled position not yet recorded

Test-only, like pause_in_commit.py: kamledger itself has no such hook."""

import os
import sys
import time
from pathlib import Path

from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder

from kamledger.service.trust.chained_postgres import ChainedPostgresRecorder
from kamledger.service.trust.chained_recorders import ChainedSQLiteRecorder
from kamledger.service.commands.ledger import Ledger
from kamledger.service.commands.settling import Settling

STEP = os.environ["KAM_TEST_PAUSE_STEP"]
calls: dict[str, int] = {}


def pause() -> None:
    Path(os.environ["KAM_TEST_PAUSED"]).touch()
    time.sleep(120)


def pausing(step: str, call: int, method, before: bool = False):
    def paused(*args, **kwargs):
        calls[step] = calls.get(step, 0) + 1
        here = STEP == step and calls[step] == call
        if here and before:
            pause()
        result = method(*args, **kwargs)
        if here and not before:
            pause()
        return result

    return paused


for cls, name in ((SQLiteApplicationRecorder, "_insert_events"), (PostgresApplicationRecorder, "_fetch_ids_after_insert_events")):
    setattr(cls, name, pausing("events", 1, getattr(cls, name)))
for cls, name in ((ChainedSQLiteRecorder, "_insert_events"), (ChainedPostgresRecorder, "_fetch_ids_after_insert_events")):
    method = getattr(cls, name)
    setattr(cls, name, pausing("links", 1, pausing("tier-changes", 2, method)))
Ledger._settle = pausing("settle", 1, Ledger._settle, before=True)
Settling.mark = pausing("marker", 1, Settling.mark, before=True)

if __name__ == "__main__":
    from kamledger.cli.main import app

    app(sys.argv[1:], prog_name="kam")
