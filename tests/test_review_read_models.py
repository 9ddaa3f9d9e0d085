"""What the portfolio review and the owners' results read without holding the portfolio's history
gives what the history gives: the tier moves by business date are the day-by-day changes of the
standings by business date; the tier decisions kept narrow (kam_tier_decisions) are the TierChanged
events; what changed since a review, the period's survey answers and each client's last survey
before a date are what the timeline's rows say. Kept current command by command, and again after
a rebuild, on SQLite and PostgreSQL."""

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kamledger.domain.tiers import Tier
from kamledger.projections.tables import tier_decisions
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store
from kamledger.service.queries.rebuild import rebuild_read_models
from kamledger.service.queries.business_time import _with_days
from kamledger.service.queries.reviews import portfolio_review_data
from kamledger.service.commands.entry import make_entry
from tests.test_projections_rebuild import play, random_commands
from tests.test_time_travel import draft

START, END = date(2025, 3, 1), date(2025, 8, 31)


@pytest.fixture
def ledger(database_url):
    opened = bootstrap(resolve_store(database_url))
    yield opened
    opened.close()


def moves_day_by_day(ledger: Ledger, start: date, end: date) -> list[dict]:
    """The tier moves as the standings by business date show them, compared day after day: a client
    first in them counts as unrated the day before."""
    shown = {row["key"]: row["tier"] for row in ledger.standings_on(start - timedelta(days=1))}
    moves, day = [], start
    while day <= end:
        rows = {row["key"]: row for row in ledger.standings_on(day)}
        for key in sorted(rows):
            row, before = rows[key], shown.get(key, Tier.UNRATED.value)
            if row["tier"] != before:
                moves.append({"occurred_on": day.isoformat(), "key": key, "from_tier": before, "to_tier": row["tier"],
                              "rule": row["tier_rule"], "policy_version": row["policy_version"], "owner": row["owner"]})
        shown, day = {key: row["tier"] for key, row in rows.items()}, day + timedelta(days=1)
    return moves


def assert_reads_equal_the_history(ledger: Ledger) -> None:
    ledger.standings()  # catches the read models up
    reads = ledger.read_models

    moves = ledger.tier_moves(START, END)
    assert sorted(moves, key=lambda m: (m["occurred_on"], m["key"])) == moves_day_by_day(ledger, START, END)
    assert {"v1", "v2"} <= {move["policy_version"] for move in moves}

    changed = reads.events_of("TierChanged")
    with reads.engine.connect() as connection:
        kept = connection.execute(select(tier_decisions.c.key, tier_decisions.c.version, tier_decisions.c.occurred_on,
                                         tier_decisions.c.from_tier, tier_decisions.c.to_tier)).all()
    assert sorted(kept) == sorted((row["client_key"], row["version"], row["occurred_on"], row["fields"]["from_tier"],
                                   row["fields"]["to_tier"]) for row in changed)

    for seen_until, reviewed_at in ((None, None), (START, min(row["recorded_at"] for row in changed))):
        expected: dict[str, list[str]] = defaultdict(list)
        for row in changed:
            if row["occurred_on"] <= END and (seen_until is None or row["occurred_on"] > seen_until or row["recorded_at"] > reviewed_at):
                expected[row["client_key"]].append(f"{row['fields']['from_tier']} -> {row['fields']['to_tier']}")
        found = reads.changes_since(seen_until, reviewed_at, END)
        assert {row["key"]: row["tier_changes"] for row in found if row["tier_changes"]} == expected

    surveys = reads.events_between(["SurveyAnswered"], None, END)
    in_period = Counter((row["fields"]["satisfaction"], row["fields"]["nps"]) for row in surveys if row["occurred_on"] >= START)
    assert portfolio_review_data(ledger, START, END)["surveys"] == in_period
    last_before: dict[str, date] = {}
    for row in surveys:
        if row["occurred_on"] < START:
            last_before[row["client_key"]] = max(row["occurred_on"], last_before.get(row["client_key"], row["occurred_on"]))
    assert reads.portfolio.last_answered_before(START) == last_before



@pytest.mark.parametrize("facts", [300])
def test_the_review_reads_answer_as_the_history_does_kept_current_and_rebuilt(ledger, database_url, facts, tmp_path):
    size = (20, facts) if database_url.startswith("sqlite") else (10, facts // 3)
    assert play(ledger, random_commands(random.Random(20261202), *size)) < facts
    # a policy adopted within the period: every client is asked again under it from its date
    ledger.adopt_policy(str(draft(tmp_path, "v2", drop="gold-pareto-head")), "Pareto no longer decides", make_entry("2025-06-15", "dora"))
    assert_reads_equal_the_history(ledger)
    rebuild_read_models(ledger)
    assert_reads_equal_the_history(ledger)


def test_the_walk_through_a_period_meets_the_days_a_policy_was_adopted_on_with_or_without_changes():
    day = [date(2025, 3, n) for n in range(1, 8)]
    changes = iter([(day[1], ["a"]), (day[3], ["b"]), (day[4], ["c"])])
    assert list(_with_days(changes, {day[0], day[2], day[3], day[6]})) == [
        (day[0], []), (day[1], ["a"]), (day[2], []), (day[3], ["b"]), (day[4], ["c"]), (day[6], [])]
    assert list(_with_days(iter([]), {day[5], day[0]})) == [(day[0], []), (day[5], [])]


def test_the_walk_asks_the_policy_again_when_a_problem_or_someone_elses_back_dated_value_moves_a_client(ledger, tmp_path):
    """What the walk skips must not matter: a policy that reads open problems moves a client on the
    day a problem is noted (nothing else of it changes then), and a value typed in late, dated in
    the period, takes another client out of the Pareto head on its date (that client's own inputs
    do not change)."""
    for key in ("acme", "bolt", "cola"):
        ledger.register_client(key, key.title(), "ann", make_entry("2025-01-02", "ann"))
    for key, profit in (("acme", "900"), ("bolt", "500"), ("cola", "100")):
        ledger.record_value(key, "2025-01", profit, "0", make_entry("2025-02-01", "ann"))
    for key in ("acme", "bolt"):
        ledger.score(key, [9] * 12, None, make_entry("2025-02-01", "ann"))
    troubled = tmp_path / "tier-policy-v2.toml"
    shipped = draft(tmp_path, "v2", drop="none").read_text()
    first = shipped.index("[[rules]]")
    troubled.write_text(shipped[:first] + '[[rules]]\nid = "bronze-troubled"\ntier = "bronze"\n'
                        'when = { open_problems_at_least = 1 }\n\n' + shipped[first:])
    ledger.adopt_policy(str(troubled), "open problems make bronze", make_entry("2025-03-01", "dora"))
    ledger.note_problem("cola", "late deliveries", None, make_entry("2025-04-10", "ann"))
    ledger.score("acme", [9] * 12, None, make_entry("2025-06-01", "ann"))
    ledger.record_value("bolt", "2025-04", "5000", "0", make_entry("2025-05-05", "ann"))  # typed after June's score

    moves = ledger.tier_moves(START, END)
    assert [(m["occurred_on"], m["key"], m["from_tier"], m["to_tier"], m["rule"]) for m in moves] == [
        ("2025-04-10", "cola", "silver", "bronze", "bronze-troubled"),
        ("2025-05-05", "acme", "gold", "silver", "silver-default"),
    ]
    assert sorted(moves, key=lambda m: (m["occurred_on"], m["key"])) == moves_day_by_day(ledger, START, END)
