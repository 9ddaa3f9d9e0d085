"""Business time and recording time on a large ledger: each view as a ratio to `kam standings --json`.

Measures (median of --runs, in-process through the kam command line as bench/queries.py does), on
a ledger built by bench/generate.py:
  - `kam standings --json` (the baseline), `--as-of` a moment in the middle of the recording
    history, `--effective` a date in the middle of the business history, and both (target: each at
    most 3x the baseline);
  - `kam why KEY` and `kam why KEY --effective` that date (target: at most 2x);
  - `kam review --all` of a half year (target: at most 5x standings);
  - recording a back-dated value (a correction of a month two years ago) against one dated today
    (target: at most 2x), each on its own client.
The first `why` after a back-dated value works out the Pareto heads it needs again (a cache): that
cost is printed on its own.

Run: .venv/bin/python bench/business_time.py [--db URL | --file bench-output/ledger.db]
"""

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from queries import kam_command as kam, median_ms  # bench/queries.py, beside this script
from typer.testing import CliRunner

from kamledger.projections.tables import timeline
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store

KEY = "client-00042"


def middle_of_recording(ledger: Ledger) -> str:
    """The recording time half way between the first and the last event recorded."""
    with ledger.read_models.engine.connect() as connection:
        first, last = connection.execute(select(func.min(timeline.c.recorded_at), func.max(timeline.c.recorded_at))).one()
    return (first + (last - first) / 2).isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: the SQLite file given by --file)")
    parser.add_argument("--file", default="bench-output/ledger.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--effective", default="2024-06-15", help="a date in the middle of the business history")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(args.file).resolve()}"
    os.environ["KAM_DATABASE_URL"] = url
    runner = CliRunner()
    ledger = bootstrap(resolve_store(url))
    as_of = middle_of_recording(ledger)
    ledger.close()
    print(f"as of {as_of} (middle of the recording history), effective {args.effective}")

    out = Path(tempfile.mkdtemp()) / "review.md"
    figures = {
        "standings": kam(runner, "standings", "--json"),
        "standings --as-of": kam(runner, "standings", "--json", "--as-of", as_of),
        "standings --effective": kam(runner, "standings", "--json", "--effective", args.effective),
        "standings --as-of --effective": kam(runner, "standings", "--json", "--as-of", as_of, "--effective", args.effective),
        f"why {KEY}": kam(runner, "why", KEY, "--json"),
        f"why {KEY} --effective": kam(runner, "why", KEY, "--json", "--effective", args.effective),
        "review --all, half a year": kam(runner, "review", "--all", "--from", "2024-01-01", "--to", "2024-06-30",
                                         "--out", str(out), "--at", "2024-07-01"),
    }
    measured = {}
    for label, run in figures.items():
        run()  # warm: opens the database, fills the caches
        measured[label] = median_ms(run, args.runs)
        print(f"kam {label}: {measured[label]:.0f} ms")
    base = measured["standings"]
    for label, target in (("standings --as-of", 3), ("standings --effective", 3), ("standings --as-of --effective", 3),
                          ("review --all, half a year", 5)):
        print(f"  {label} / standings = {measured[label] / base:.2f} (target: at most {target})")
    why = measured[f"why {KEY}"]
    print(f"  why --effective / why = {measured[f'why {KEY} --effective'] / why:.2f} (target: at most 2)")

    today = date.today().isoformat()
    month = date.today().strftime("%Y-%m")
    dated_today = median_ms(kam(runner, "value", "client-00043", "--revenue", "1000", "--cost", "10", "--period", month,
                                "--at", today), args.runs)
    back_dated = median_ms(kam(runner, "value", "client-00044", "--revenue", "1000", "--cost", "10", "--period", "2024-05",
                               "--at", "2024-06-20"), args.runs)
    print(f"kam value dated today: {dated_today:.0f} ms; back-dated two years: {back_dated:.0f} ms"
          f" = {back_dated / dated_today:.2f} (target: at most 2)")
    refill = median_ms(kam(runner, "why", KEY, "--json"), 1)
    print(f"kam why {KEY} right after the back-dated value (Pareto heads worked out again): {refill:.0f} ms")


if __name__ == "__main__":
    main()
