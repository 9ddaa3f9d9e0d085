"""Ledgers written by earlier event classes stay readable: tests/ledgers/ledger-2026-11.db was written
before SurveyAnswered kept a channel (class_version 1); its upcaster reads those surveys as 'unknown'."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Kam, sqlite_url_in

OLD_LEDGER = Path(__file__).parent / "ledgers" / "ledger-2026-11.db"


@pytest.fixture
def old_kam(tmp_path) -> Kam:
    shutil.copy(OLD_LEDGER, tmp_path / "ledger.db")
    return Kam(sqlite_url_in(tmp_path))


def test_the_old_ledger_holds_surveys_written_without_a_channel():
    with sqlite3.connect(f"file:{OLD_LEDGER}?mode=ro", uri=True) as connection:
        states = [row[0] for row in connection.execute(
            "SELECT state FROM stored_events WHERE topic LIKE '%SurveyAnswered'")]
    assert len(states) == 2
    assert all(b'"channel"' not in state and b"class_version" not in state for state in states)


def test_surveys_recorded_before_channels_read_as_unknown(old_kam):
    surveys = [e for e in old_kam.json("history", "acme") if e["type"] == "SurveyAnswered"]
    assert surveys == [{**surveys[0], "satisfaction": 8, "nps": 9, "comment": "Quick answers from Maria", "channel": "unknown"}]


def test_the_old_ledger_reads_as_it_was_written(old_kam):
    standings = {row["key"]: row for row in old_kam.json("standings")}
    assert {key: row["tier"] for key, row in standings.items()} == {"acme": "gold", "globex": "silver"}
    assert standings["acme"]["last_survey_on"] == "2026-02-10"
    assert [e["type"] for e in old_kam.json("history", "globex")][-3:] == ["TierOverridden", "TierChanged", "SurveyAnswered"]
    assert old_kam.json("why", "globex")["rule"] == "manual-override"


def test_an_old_ledger_takes_new_surveys_beside_the_old_ones(old_kam):
    old_kam.ok("survey", "acme", "--satisfaction", "9", "--nps", "10", "--channel", "meeting", "--at", "2026-07-01")
    old_kam.ok("projections", "rebuild")
    channels = [e["channel"] for e in old_kam.json("history", "acme") if e["type"] == "SurveyAnswered"]
    assert channels == ["unknown", "meeting"]
