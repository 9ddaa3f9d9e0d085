"""Runs kam, holding it inside the transaction that saves events (written, not committed) while
the file named by $KAM_TEST_HELD exists: it creates the file when it gets there, and goes on when
a test removes it (having cut its database connection meanwhile). Test-only, like
pause_in_commit.py: kamledger itself has no such hook."""

import os
import sys
import time
from pathlib import Path

from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder


def holding(written):
    def written_then_held(self, *args, **kwargs):
        result = written(self, *args, **kwargs)
        held = Path(os.environ["KAM_TEST_HELD"])
        if not held.with_suffix(".done").exists():  # only the first save of the command
            held.with_suffix(".done").touch()
            held.touch()
            while held.exists():
                time.sleep(0.02)
        return result

    return written_then_held


SQLiteApplicationRecorder._insert_events = holding(SQLiteApplicationRecorder._insert_events)
PostgresApplicationRecorder._fetch_ids_after_insert_events = holding(PostgresApplicationRecorder._fetch_ids_after_insert_events)

if __name__ == "__main__":
    from kamledger.cli.main import app

    app(sys.argv[1:], prog_name="kam")
