"""The portfolio reads' read models (projections/portfolio.py) give what every client's Standing
gives, the fold they all come from: the sums of the values of any selection of periods, the values
left out, the latest survey, the owners by business date and every survey answer; kept current
command by command, and again after a rebuild, on SQLite and PostgreSQL."""

import random
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import pytest

from kamledger.domain import business_time as bt
from kamledger.domain.pareto import pareto_view
from kamledger.domain.standing import Standing
from kamledger.domain.surveys import SurveyCadence, SurveyTally
from kamledger.domain.tiers import TIERS
from kamledger.domain.value import Period, PeriodSelection
from kamledger.projections.portfolio import MAX_CENTS, from_cents, whole_cents
from kamledger.service.commands.entry import make_entry
from kamledger.service.queries.rebuild import rebuild_read_models
from kamledger.service.bootstrap import bootstrap
from kamledger.service.commands.ledger import Ledger
from kamledger.service.infrastructure.store import resolve_store
from tests.test_projections_rebuild import play, random_commands

SELECTIONS = [(None, None, None), ("2025", None, None), ("2025-H2", None, None), ("2026-Q1", None, None),
              (None, "2025-Q3", "2026-Q1"), (None, "2026", None), (None, None, "2025-Q4"), (None, "2025-11", "2025-11")]
DAYS = [date(2024, 12, 31), date(2025, 3, 1), date(2025, 9, 15), date(2026, 7, 1)]


@pytest.fixture
def ledger(database_url):
    opened = bootstrap(resolve_store(database_url))
    yield opened
    opened.close()


def every_standing(ledger: Ledger) -> dict[str, Standing]:
    """Every client's Standing as the read model keeps it whole (the path the reads took before)."""
    return {s.key: s for s in ledger.read_models.every_standing(everyone=True)}


def large_amounts(ledger: Ledger) -> None:
    """A client whose amounts are too large for the read model to keep in cents (kam takes them):
    its sums are made from the text."""
    ledger.register_client("large-amounts", "Large Amounts", "ann", make_entry("2025-01-01", "ann"))
    for period, revenue, cost, at in (("2025-Q3", "999999999999999.99", "0.5", "2025-10-02"),
                                      ("2025-Q4", "99999999999999.9", "1", "2026-01-02"), ("2026-Q1", "250", "10.10", "2026-04-02")):
        ledger.record_value("large-amounts", period, revenue, cost, make_entry(at, "ann"))


def assert_reads_equal_the_standings(ledger: Ledger) -> None:
    clients = every_standing(ledger)
    ledger.standings()  # catches the read models up
    reads = ledger.read_models.portfolio
    for period, start, end in SELECTIONS:
        selection = PeriodSelection.parse(period, start, end)
        expected, left_out = {}, []
        for s in clients.values():
            chosen = [v for label, v in s.values.items() if selection.holds(Period.parse(label))]
            left_out += [(s.key, label) for label in s.values if selection.straddles(Period.parse(label))]
            if chosen:
                expected[s.key] = (str(sum(v.revenue for v in chosen)), str(sum(v.cost_to_serve for v in chosen)))
        money = reads.money(selection.first_month, selection.last_month)
        assert {key: (str(revenue), str(cost)) for key, (revenue, cost) in money.items()} == expected, selection
        assert sorted(reads.straddling(selection.first_month, selection.last_month)) == sorted(left_out)
        answer = ledger.pareto("profit", period, start, end)
        view = pareto_view({key: Decimal(r) - Decimal(c) for key, (r, c) in expected.items()}, ledger.policy.pareto_share)
        assert answer["head"] == list(view.head)
        assert [(row["key"], row["value"], row["rank"]) for row in answer["rows"]] == [(r.key, str(r.value), r.position.rank) for r in view.rows]
        assert answer["left_out"] == [{"key": key, "period": label} for key, label in sorted(left_out)]

    latest = {key: (key, s.survey and s.survey.satisfaction, s.survey and s.survey.nps, len(s.open_goals)) for key, s in clients.items()}
    assert sorted(reads.clients("key", "survey_satisfaction", "survey_nps", "open_goals")) == sorted(latest.values())
    assert reads.owner_marks() == {key: s.marks[bt.OWNER] for key, s in clients.items()}

    answers: dict[tuple[str, date], Counter] = defaultdict(Counter)
    for key, s in clients.items():
        for mark in s.marks.get(bt.SURVEY, []):
            answers[(key, mark.on)][tuple(mark.says)] += 1
    assert {(key, day): counted for key, day, counted in reads.answers(None, None, "client")} == answers
    for by in (None, "tier", "owner"):
        groups: dict[tuple, Counter] = defaultdict(Counter)
        for (key, day), counted in answers.items():
            group = {None: None, "tier": clients[key].tier.tier.value, "owner": clients[key].said_on(bt.OWNER, day)}[by]
            groups[(group, str(day.year))] += counted
        rows = ledger.survey_summary(by, every="year")["rows"]
        assert {(row.get(by) if by else None, row["period"]): row["responses"] for row in rows if row["period"] != "all"} == {
            group: sum(counted.values()) for group, counted in groups.items()}
        assert all(row["nps"] == SurveyTally.counted(groups[(row.get(by) if by else None, row["period"])]).nps
                   for row in rows if row["period"] != "all")

    for day in DAYS:
        expected_owners: dict[str | None, list[str]] = defaultdict(list)
        for key, s in clients.items():
            expected_owners[s.said_on(bt.OWNER, day, s.owner)].append(key)
        found = {row["owner"]: sorted(key for tier in TIERS for key in row[tier]) for row in ledger.owners(day, SurveyCadence())}
        assert found == {owner: sorted(keys) for owner, keys in expected_owners.items()}


@pytest.mark.parametrize("facts", [300])
def test_the_portfolio_read_models_answer_as_the_standings_do_kept_current_and_rebuilt(ledger, database_url, facts):
    size = (25, facts) if database_url.startswith("sqlite") else (12, facts // 3)
    play(ledger, random_commands(random.Random(20261202), *size))
    large_amounts(ledger)
    assert_reads_equal_the_standings(ledger)
    rebuild_read_models(ledger)
    assert_reads_equal_the_standings(ledger)


def test_a_sum_in_cents_is_written_as_a_sum_of_the_amounts_is():
    amounts = [Decimal("1000"), Decimal("0.5"), Decimal("12.25"), Decimal("7.0")]
    for some in ([amounts[0]], amounts[:2], amounts, [amounts[0], amounts[3]]):
        cents = sum(whole_cents(a) for a in some)
        places = max(max(0, -a.as_tuple().exponent) for a in some)
        assert str(from_cents(cents, places)) == str(sum(some))
    assert whole_cents(Decimal("0.125")) is None and whole_cents(Decimal(MAX_CENTS) / 100) is None
    assert whole_cents(Decimal("1E+3")) == 100_000
