"""How tests/ledgers/ledger-2026-11.db was made: a small ledger written by the event classes of
November 2026 (SurveyAnswered without a channel). Kept so later versions prove they still read it.

Run once with that version of kamledger: python tests/ledgers/make_ledger_2026_11.py
"""

import os
import shlex
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from kamledger.cli.main import app

HERE = Path(__file__).parent
LEDGER = HERE / "ledger-2026-11.db"

COMMANDS = [
    'client add acme --name "Acme GmbH" --owner ana --at 2026-01-05',
    'client add globex --name Globex --at 2026-01-06',
    'score acme --answers 9,9,9,9,9,9,9,9,9,9,9,9 --note "Strong first workshop" --at 2026-02-01',
    'survey acme --satisfaction 8 --nps 9 --comment "Quick answers from Maria" --at 2026-02-10',
    'value acme --revenue 120000 --cost 40000 --period 2026-Q1 --at 2026-04-02',
    'value globex --revenue 30000 --cost 35000 --period 2026-Q1 --at 2026-04-02',
    'pyramid acme cooperation --reason "Monthly steering meeting" --at 2026-04-10',
    'note globex potential --level high --note "Gateway to the Nordic market" --at 2026-05-01',
    'burden globex cost-to-serve --note "Wants daily reports" --at 2026-05-02',
    'tier globex silver --reason "New sponsor, escalations stopped" --at 2026-06-01',
    'survey globex --satisfaction 5 --nps 4 --at 2026-06-15',
]


def main() -> None:
    LEDGER.unlink(missing_ok=True)
    env = {"KAM_DATABASE_URL": f"sqlite:///{LEDGER}", "KAM_USER": "coach"}
    for command in COMMANDS:
        result = CliRunner().invoke(app, shlex.split(command), env=env)
        assert result.exit_code == 0, (command, result.output)
    with sqlite3.connect(LEDGER) as connection:  # one self-contained file, no -wal beside it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    os.sync()


if __name__ == "__main__":
    main()
