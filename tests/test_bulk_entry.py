"""Bulk entry on both backends: CSV imports, batches, events out and into an empty ledger, and the
Ledger.bulk() unit of work that a generator uses to commit in chunks."""

import json

import pytest

from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

from tests.conftest import sqlite_url_in

NINES = ",".join(["9"] * 12)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def events(kam) -> list[dict]:
    return [json.loads(line) for line in kam.ok("export", "events", "--format", "jsonl").splitlines()]


def ledger_state(kam) -> tuple:
    return len(events(kam)), kam.json("standings")


def fill(kam, tmp_path) -> None:
    """Two clients with values, a score, a survey, an override and a policy-driven tier history."""
    kam.ok("import", "clients", write(tmp_path, "c.csv", "key,name,owner,date\nacme,Acme GmbH,ann,2026-01-05\nglobex,Globex,,2026-01-06\n"))
    kam.ok("import", "values", write(tmp_path, "v.csv", "key,period,revenue,cost,date\nacme,2026-Q1,100000,20000,2026-04-02\nglobex,2026-Q1,1000,2000,2026-04-02\n"))
    kam.ok("import", "scores", write(tmp_path, "s.csv", f"key,date,{','.join(f'q{n}' for n in range(1, 13))},note\nacme,2026-03-01,{NINES},\"Workshop, good\"\n"))
    kam.ok("import", "surveys", write(tmp_path, "u.csv", "key,date,satisfaction,nps,comment\nacme,2026-03-15,8,10,Fast\n"))
    kam.ok("tier", "globex", "silver", "--reason", "New sponsor", "--at", "2026-04-10")


def test_csv_imports_record_every_kind_with_its_dates_and_tiers(kam, tmp_path):
    fill(kam, tmp_path)
    rows = {row["key"]: row for row in kam.json("standings")}
    assert (rows["acme"]["tier"], rows["acme"]["profit"], rows["acme"]["score_total"]) == ("gold", "80000", 108)
    assert (rows["globex"]["tier"], rows["globex"]["tier_rule"]) == ("silver", "manual-override")
    survey = [e for e in kam.json("history", "acme") if e["type"] == "SurveyAnswered"][0]
    assert (survey["occurred_on"], survey["nps"], survey["comment"], survey["recorded_by"]) == ("2026-03-15", 10, "Fast", "coach")


def test_importing_the_same_file_again_records_nothing(kam, tmp_path):
    fill(kam, tmp_path)
    before = ledger_state(kam)
    output = kam.ok("import", "values", str(tmp_path / "v.csv"), "--by", "someone-else")
    assert "already imported on" in output and "by coach" in output
    assert ledger_state(kam) == before


def test_a_file_with_a_bad_row_changes_nothing(kam, tmp_path):
    fill(kam, tmp_path)
    before = ledger_state(kam)
    result = kam("import", "values", write(tmp_path, "bad.csv", "key,period,revenue,cost\nacme,2026-Q2,5,1\nacme,2026-Q3,x,1\n"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "kam: error: " + str(tmp_path / "bad.csv") + " has 1 bad row; nothing was recorded",
        "  line 3: revenue 'x' is not an amount like 125000 or 125000.50",
    ]
    assert ledger_state(kam) == before


@pytest.mark.parametrize("content, complaint", [
    (b"\xff\xfekey,name\n", "is not UTF-8 text"),
    (b"", "has no header row"),
    (b"key,key,name\nacme,acme,Acme\n", "names the column key more than once"),
    (b"key;name\nacme;Acme\n", "seem separated by ';'"),
])
def test_an_unreadable_file_is_one_line_of_bad_input(kam_sqlite, tmp_path, content, complaint):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    result = kam_sqlite("import", "clients", str(path))
    assert result.exit_code == 2 and complaint in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_missing_file_and_an_unknown_kind_are_bad_input(kam_sqlite, tmp_path):
    assert "cannot read" in kam_sqlite("import", "clients", str(tmp_path / "none.csv")).stderr
    result = kam_sqlite("import", "deals", write(tmp_path, "d.csv", "key\n"))
    assert result.exit_code == 2 and "choose clients, values, scores, surveys, prospects, effort, contacts or events" in result.stderr


def test_events_exported_and_imported_into_an_empty_ledger_are_the_same(kam, tmp_path, other_database_url, kam_on):
    fill(kam, tmp_path)
    kam.ok("export", "events", "--format", "jsonl", "--out", str(tmp_path / "events.jsonl"))
    other = kam_on(other_database_url)
    assert other.ok("import", "events", str(tmp_path / "events.jsonl")).strip().endswith(f"{len(events(kam))} events imported")
    assert events(other) == events(kam)
    assert other.json("standings") == kam.json("standings")
    for key in ("acme", "globex"):
        assert other.json("history", key) == kam.json("history", key)
        assert other.json("why", key) == kam.json("why", key)
    refused = other("import", "events", str(tmp_path / "events.jsonl"))
    assert refused.exit_code == 1 and "only into an empty ledger" in refused.stderr


def test_exported_and_imported_notes_stay_readable_and_a_forgotten_client_stays_forgotten(kam_sqlite, tmp_path):
    fill(kam_sqlite, tmp_path)
    kam_sqlite.ok("forget", "globex", "--reason", "erasure requested")
    exported = kam_sqlite.ok("export", "events", "--format", "jsonl")
    assert "Workshop, good" in exported and "New sponsor" not in exported
    (tmp_path / "other").mkdir()
    other = type(kam_sqlite)(sqlite_url_in(tmp_path / "other"))
    other.ok("import", "events", write(tmp_path, "e.jsonl", exported))
    notes = {e["type"]: e.get("note") or e.get("reason") for e in other.json("history", "acme") + other.json("history", "globex")}
    assert (notes["Scored"], notes["TierOverridden"]) == ("Workshop, good", "(forgotten)")
    refused = other("note", "globex", "strategic", "--level", "high", "--note", "new sponsor")
    assert refused.exit_code == 1 and "forgotten" in refused.stderr


def test_events_go_out_as_csv_and_json_too(kam_sqlite, tmp_path):
    fill(kam_sqlite, tmp_path)
    as_json = json.loads(kam_sqlite.ok("export", "events", "--format", "json"))
    assert as_json == events(kam_sqlite)
    header, *rows = kam_sqlite.ok("export", "events", "--format", "csv").splitlines()
    assert header == "id,originator_id,originator_version,topic,timestamp,state" and len(rows) == len(as_json)


def test_a_malformed_event_line_refuses_the_whole_import(kam_sqlite, tmp_path, sqlite_url):
    fill(kam_sqlite, tmp_path)
    lines = kam_sqlite.ok("export", "events", "--format", "jsonl").splitlines()
    lines[1] = lines[1].replace("Relationship.Registered", "Relationship.Vanished")
    (tmp_path / "empty").mkdir()
    empty = type(kam_sqlite)(f"sqlite:///{tmp_path / 'empty' / 'ledger.db'}")
    result = empty("import", "events", write(tmp_path, "e.jsonl", "\n".join(lines[:3] + ["{not json", lines[0]])))
    assert result.exit_code == 2
    assert [line[:9] for line in result.stderr.splitlines()[1:]] == ["  line 2:", "  line 4:", "  line 5:"]
    assert "version 1 of " in result.stderr and "should be 2" in result.stderr
    assert events(empty) == []


def test_a_batch_is_recorded_whole_or_not_at_all(kam, tmp_path):
    fill(kam, tmp_path)
    before = ledger_state(kam)
    bad = write(tmp_path, "bad.txt", "owner acme bob\nscore acme --answers 1,1\n")
    result = kam("batch", bad)
    assert result.exit_code == 2 and "line 2: a scorecard needs 12 answers" in result.stderr
    assert ledger_state(kam) == before
    good = write(tmp_path, "good.txt", "owner acme bob\nburden acme harm-to-team --note 'Escalations' --at 2026-05-01\n")
    output = kam.ok("batch", good)
    assert "2 commands, 2 events recorded" in output and "tier: acme gold -> bronze (bronze-burden)" in output
    assert {r["key"]: r["tier"] for r in kam.json("standings")}["acme"] == "bronze"
    assert kam.json("client", "show", "acme")["owner"] == "bob"


def test_a_batch_reads_standard_input(kam_sqlite):
    result = kam_sqlite("batch", "-", input="client add acme --name Acme\n")
    assert result.exit_code == 0 and "1 command, 1 event recorded" in result.stdout


def test_bulk_commits_in_chunks_and_evaluates_tiers_once(database_url):
    ledger = bootstrap(resolve_store(database_url))
    entry = make_entry("2026-02-01", "generator")
    with ledger.bulk() as bulk:
        for n in range(25):
            bulk.register_client(f"c{n}", f"Client {n}", None, entry)
            bulk.record_value(f"c{n}", "2026-Q1", str(1000 * (n + 1)), "500", entry)
            if bulk.pending_events >= 20:
                bulk.commit()
        assert bulk.saved == 40 and bulk.pending_events == 10
    assert bulk.saved == 50
    assert {(change.from_tier, change.to_tier) for change in bulk.tier_changes} == {("unrated", "silver")}
    assert len(bulk.tier_changes) == 25  # each client changed tier once, from unrated
    ledger.close()


def test_bulk_discards_what_is_not_committed_when_it_fails(sqlite_url):
    ledger = bootstrap(resolve_store(sqlite_url))
    entry = make_entry("2026-02-01", "generator")
    with pytest.raises(RuntimeError), ledger.bulk() as bulk:
        bulk.register_client("acme", "Acme", None, entry)
        raise RuntimeError("the generator stopped")
    assert ledger.standings() == []
    ledger.close()


def test_events_move_a_ledger_from_sqlite_to_postgres(sqlite_url, postgres_url, kam_on, tmp_path):
    source, target = kam_on(sqlite_url), kam_on(postgres_url)
    fill(source, tmp_path)
    source.ok("export", "events", "--format", "jsonl", "--out", str(tmp_path / "events.jsonl"))
    target.ok("import", "events", str(tmp_path / "events.jsonl"))
    assert events(target) == events(source)
    assert target.json("why", "acme") == source.json("why", "acme")
    target.ok("score", "acme", "--answers", NINES)  # the moved ledger takes new entries


def test_a_generator_settles_month_by_month_so_tier_changes_are_dated_as_they_happened(sqlite_url):
    ledger = bootstrap(resolve_store(sqlite_url))
    with ledger.bulk() as bulk:
        bulk.register_client("acme", "Acme", None, make_entry("2026-01-05", "generator"))
        bulk.record_value("acme", "2026-01", "1000", "100", make_entry("2026-02-01", "generator"))
        bulk.commit()
        assert [(c.to_tier, c.rule) for c in bulk.settle()] == [("silver", "silver-default")]
        bulk.score("acme", [9] * 12, None, make_entry("2026-03-01", "generator"))
    assert [(c.to_tier, c.rule) for c in bulk.tier_changes] == [("gold", "gold-pareto-head")]
    changes = [e for e in ledger.history("acme") if e["type"] == "TierChanged"]
    assert [(e["to_tier"], e["occurred_on"]) for e in changes] == [("silver", "2026-02-01"), ("gold", "2026-03-01")]
    ledger.close()
