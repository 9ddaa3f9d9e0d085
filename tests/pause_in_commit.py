"""Runs kam, pausing inside the transaction that saves events: after they are written, before the
commit. It touches the file named by $KAM_TEST_PAUSED when it gets there, so a test can kill -9 it
at that moment. Test-only: it wraps the library's recorders; kamledger itself has no such hook."""

import os
import sys
import time
from pathlib import Path

from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder


def pausing(written):
    def written_then_paused(self, *args, **kwargs):
        result = written(self, *args, **kwargs)
        Path(os.environ["KAM_TEST_PAUSED"]).touch()
        time.sleep(120)
        return result

    return written_then_paused


SQLiteApplicationRecorder._insert_events = pausing(SQLiteApplicationRecorder._insert_events)
PostgresApplicationRecorder._fetch_ids_after_insert_events = pausing(PostgresApplicationRecorder._fetch_ids_after_insert_events)

if __name__ == "__main__":
    from kamledger.cli.main import app

    app(sys.argv[1:], prog_name="kam")
