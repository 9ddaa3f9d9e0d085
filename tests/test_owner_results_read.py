"""The owners' results read from the narrow rows (kam_scores, kam_survey_answers, kam_value_entries)
give what the timeline's events give, fact by fact: every score, survey and value entry of the
period credited to the owner of its client on its business date, a corrected value counted with its
correction, amounts too large for cents summed from their text. Facts typed out of date order, kept
current command by command and again after a rebuild, on SQLite and PostgreSQL."""

import random
from datetime import date
from decimal import Decimal

import pytest

from kamledger.domain.business_time import said_on
from kamledger.domain.owners import OwnerResult
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.surveys import SurveyCadence
from kamledger.domain.value import Period
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.entry import make_entry
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store
from kamledger.service.queries.owner_results import owner_results
from kamledger.service.queries.rebuild import rebuild_read_models
from tests.test_projections_rebuild import play, random_commands

PERIODS = [(date(2025, 3, 1), date(2025, 8, 31)), (date(2025, 1, 1), date(2026, 6, 30)), (date(2025, 7, 15), date(2025, 12, 31))]


@pytest.fixture
def ledger(database_url):
    opened = bootstrap(resolve_store(database_url))
    yield opened
    opened.close()


def facts_from_the_timeline(ledger: Ledger, start: date, end: date) -> dict[str | None, OwnerResult]:
    """What the owners are credited with for the period's scores, surveys, values and pyramid moves,
    from the timeline's events in the order they were recorded in (each client's, on the same day)."""
    clients = {key: owner for key, owner, registered_on in ledger.read_models.portfolio.clients("key", "owner", "registered_on")
               if registered_on <= end}
    marks = ledger.read_models.portfolio.owner_marks()
    results: dict[str | None, OwnerResult] = {}
    latest: dict[tuple[str, str], int] = {}

    def changed(result: OwnerResult, key: str, measure: str, answer: int) -> None:
        if (before := latest.get((key, measure))) is not None:
            setattr(result, f"{measure}_change", getattr(result, f"{measure}_change") + answer - before)
        latest[(key, measure)] = answer

    rows = ledger.read_models.events_between(["SurveyAnswered", "Scored", "PyramidLevelChanged", "ValueRecorded"], start, end)
    before = profits_before(ledger, end)  # a period recorded again counts once: a correction credits its difference
    for row in sorted(rows, key=lambda row: (row["occurred_on"], row["notification_id"])):
        key, fields = row["client_key"], row["fields"]
        if key not in clients:
            continue
        owner = said_on(marks.get(key), row["occurred_on"], clients[key])
        result = results.setdefault(owner, OwnerResult(owner))
        if row["type"] == "SurveyAnswered":
            result.surveys_held += 1
            changed(result, key, "satisfaction", fields["satisfaction"])
            changed(result, key, "nps", fields["nps"])
        elif row["type"] == "Scored":
            changed(result, key, "score", fields["total"])
        elif row["type"] == "PyramidLevelChanged":
            if PyramidLevel(fields["to_level"]).height > PyramidLevel(fields["from_level"]).height:
                result.pyramid_up += 1
            else:
                result.pyramid_down += 1
        elif Period.parse(fields["period"]).within(start, end):
            result.profit += entered(row) - before[row["client_key"], row["version"]]
    return results


def entered(row: dict) -> Decimal:
    return Decimal(str(row["fields"]["revenue"])) - Decimal(str(row["fields"]["cost_to_serve"]))


def profits_before(ledger: Ledger, end: date) -> dict[tuple[str, int], Decimal]:
    """Each value entry's period's profit before it (0 for its first entry): the entry of the same
    client and period just before it by business date, then version, whatever its date."""
    rows = ledger.read_models.events_between(["ValueRecorded"], None, end)
    last: dict[tuple[str, int, int], Decimal] = {}
    found = {}
    for row in sorted(rows, key=lambda row: (row["occurred_on"], row["version"])):
        period = Period.parse(row["fields"]["period"])
        slot = (row["client_key"], period.first_month, period.last_month)
        found[row["client_key"], row["version"]] = last.get(slot, Decimal(0))
        last[slot] = entered(row)
    return found


FACTS = ("surveys", "satisfaction_change", "nps_change", "score_change", "pyramid_moves", "profit")


def assert_the_owners_are_credited_as_the_timeline_says(ledger: Ledger) -> None:
    ledger.standings()  # catches the read models up
    for start, end in PERIODS:
        expected = facts_from_the_timeline(ledger, start, end)
        found = {row["owner"]: row for row in owner_results(ledger, start, end, SurveyCadence())}
        assert set(expected) <= set(found)
        for owner, row in found.items():
            credited = expected.get(owner, OwnerResult(owner)).to_dict()
            assert {name: row[name] for name in FACTS if name != "surveys"} == {name: credited[name] for name in FACTS if name != "surveys"}
            assert row["surveys"]["held"] == credited["surveys"]["held"]
        assert any(row["score_change"] for row in found.values()) and any(row["profit"] != "0" for row in found.values())
    assert any(row["profit"].startswith("987654321") for row in owner_results(ledger, *PERIODS[0], SurveyCadence()))  # not in cents


def more_facts(ledger: Ledger, rng: random.Random) -> None:
    """What the random commands seldom or never give: amounts too large to keep in cents, a period's
    value corrected, two scores and two surveys of a client on one day, an owner change between."""
    for key, owner in (("late-1", "ann"), ("late-2", None), ("late-3", "ben")):
        ledger.register_client(key, key.title(), owner, make_entry("2025-01-01", "ann"))
    ledger.record_value("late-1", "2025-Q2", "987654321098765.5", "1", make_entry("2025-05-03", "ann"))
    ledger.record_value("late-1", "2025-07", "100.10", "0.6", make_entry("2025-05-03", "ann"))
    ledger.record_value("late-1", "2025-Q2", "987654321098765.5", "2", make_entry("2025-05-04", "ann"))  # corrects one not in cents
    ledger.record_value("late-2", "2025-04", "700", "100", make_entry("2025-06-01", "ann"))
    ledger.record_value("late-2", "2025-04", "650", "100", make_entry("2025-05-20", "ben"))  # typed later, dated earlier
    for _ in range(2):
        ledger.score("late-3", [rng.randint(1, 10) for _ in range(12)], None, make_entry("2025-04-04", "ann"))
        ledger.answer_survey("late-3", rng.randint(1, 10), rng.randint(0, 10), None, make_entry("2025-04-04", "ann"))
    ledger.assign_owner("late-3", "zoe", make_entry("2025-04-05", "ann"))
    ledger.score("late-3", [rng.randint(1, 10) for _ in range(12)], None, make_entry("2025-04-06", "ann"))


@pytest.mark.parametrize("facts", [100])
def test_the_owners_results_from_narrow_rows_equal_the_timelines_kept_current_and_rebuilt(ledger, database_url, facts):
    size = (10, facts) if database_url.startswith("sqlite") else (6, facts // 2)
    rng = random.Random(20261202)
    assert play(ledger, random_commands(rng, *size)) < facts
    more_facts(ledger, rng)
    assert_the_owners_are_credited_as_the_timeline_says(ledger)
    rebuild_read_models(ledger)
    assert_the_owners_are_credited_as_the_timeline_says(ledger)


def test_the_owners_results_read_no_kind_of_event_from_the_timeline(monkeypatch, sqlite_url):
    """Scores, values, surveys and pyramid moves are summed from narrow tables, tier moves counted
    from the kept ones: no kind of event is read from the timeline (a million rows on the bench
    ledger, no index by kind)."""
    ledger = bootstrap(resolve_store(sqlite_url))
    ledger.register_client("acme", "Acme", "ann", make_entry("2025-01-01", "ann"))
    ledger.record_value("acme", "2025-02", "100", "40", make_entry("2025-02-10", "ann"))
    ledger.change_pyramid_level("acme", "cooperation", "a joint project", make_entry("2025-03-01", "ann"))
    ledger.catch_up()
    monkeypatch.setattr(ledger.read_models, "events_between", lambda *kinds_and_period: pytest.fail("read events by kind"))
    [ann] = owner_results(ledger, date(2025, 1, 1), date(2025, 12, 31), SurveyCadence())
    assert (ann["profit"], ann["pyramid_moves"]["up"]) == ("60", 1)
    ledger.close()
